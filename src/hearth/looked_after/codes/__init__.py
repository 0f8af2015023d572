"""Codes for children looked after: the SSDA903 lists (``../shared/RETURNS.md`` §2.4), stored
as codes, never free text (DOMAIN.md §6). One module per area; everything is re-exported here."""

from hearth.looked_after.codes.episodes import (
    CategoryOfNeed,
    EntryRoute,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
)

# Reviews, plans, health and education (R-CLA-2..5)
from hearth.looked_after.codes.reviews import (  # noqa: E402
    CheckKind,
    Participation,
    PermanencePlan,
    SdqReason,
)

__all__ = ["CheckKind", "Participation", "PermanencePlan", "SdqReason",
           "CategoryOfNeed", "EntryRoute", "LegalStatus", "PlacementProvider", "PlacementType",
           "ReasonEpisodeCeased", "ReasonNewEpisode", "ReasonPlaceChange"]

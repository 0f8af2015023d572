"""Children looked after (issue 17): periods of care and their episodes and placements
(``periods``); each further area adds its own module and is re-exported here."""

from hearth.looked_after.models.periods import (
    CareAmendment,
    CarePeriod,
    Episode,
    Placement,
    UascStatus,
)

__all__ = ["CarePeriod", "Episode", "Placement"]
__all__ += ["CareAmendment", "UascStatus"]  # periods: corrections, UASC (issue 17)

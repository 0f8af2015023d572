"""Children looked after (issue 17): periods of care and their episodes and placements
(``periods``); each further area adds its own module and is re-exported here."""

# Reviews, plans, health and education (R-CLA-2..5)
from hearth.looked_after.models.health import EducationPlan, HealthCheck  # noqa: E402
from hearth.looked_after.models.periods import CarePeriod, Episode, Placement
from hearth.looked_after.models.plans import CarePlan, PlacementPlan  # noqa: E402
from hearth.looked_after.models.reviews import Review, ReviewDateChange  # noqa: E402

__all__ = ["CarePeriod", "Episode", "Placement",
           "CarePlan", "EducationPlan", "HealthCheck", "PlacementPlan", "Review",
           "ReviewDateChange"]

"""Children looked after (issue 17): periods of care and their episodes and placements
(``periods``); each further area adds its own module and is re-exported here."""

from hearth.looked_after.models.health import EducationPlan, HealthCheck
from hearth.looked_after.models.periods import (
    CareAmendment,
    CarePeriod,
    Episode,
    Placement,
    UascStatus,
)
from hearth.looked_after.models.plans import CarePlan, PlacementPlan
from hearth.looked_after.models.reviews import Review, ReviewDateChange

__all__ = ["CarePeriod", "Episode", "Placement", "CareAmendment", "UascStatus",
           "CarePlan", "EducationPlan", "HealthCheck", "PlacementPlan", "Review",
           "ReviewDateChange"]

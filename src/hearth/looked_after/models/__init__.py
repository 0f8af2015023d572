"""Children looked after (issue 17): periods of care and their episodes and placements
(``periods``); each further area adds its own module and is re-exported here."""

from hearth.looked_after.models.periods import CarePeriod, Episode, Placement

__all__ = ["CarePeriod", "Episode", "Placement"]

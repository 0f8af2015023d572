"""What casework adds to a child's chronology: an allocation, a change of worker, a
co-allocated worker and a closure are appended by casework's actions when they happen
(``chronology.actions.append``, origin ``involvement``); no rebuild derives them again.
They link to the family's casework page. Registered from the app's AppConfig.ready()."""

from __future__ import annotations

from hearth.chronology.rules import Link

ORIGIN = "involvement"
LINK = Link("casework:family", "person_id", by_person=True)

"""``/api/v1/looked-after`` (issue 17): one module per area, each with a router of its own
added here. (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from ninja import Router

from hearth.looked_after.api.periods import router as periods_router
from hearth.looked_after.api.reviews import router as reviews_router

router = Router(tags=["looked_after"])
router.add_router("", periods_router)
router.add_router("", reviews_router)

"""The child protection API (/api/v1/protection): strategy discussions, Section 47 enquiries
and visits, conferences, plans and core groups, two-worker decisions."""

from ninja import Router

from hearth.protection.api.conferences import router as conferences
from hearth.protection.api.strategy import router as strategy
from hearth.protection.api.twoworkers import router as twoworkers

router = Router()
router.add_router("", strategy)
router.add_router("", conferences)
router.add_router("", twoworkers)

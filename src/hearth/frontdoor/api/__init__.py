"""``/api/v1/contacts`` and ``/api/v1/mash`` (one module per feature). The project's API
mounts the two routers named here."""

from hearth.frontdoor.api.contacts import router
from hearth.frontdoor.api.mash import mash_router

__all__ = ["mash_router", "router"]

"""The child protection API: twoworkers (mounted under /api/v1/protection by protection/api.py)."""

from ninja import Router

router = Router(tags=["child protection"])

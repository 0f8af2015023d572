"""``/api/v1/differences`` (issue 16). (No ``from __future__ import annotations``: django-ninja
reads the annotations.)"""

from ninja import Router

router = Router(tags=["differences"])

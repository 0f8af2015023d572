"""``/api/v1/looked-after`` (issue 17). (No ``from __future__ import annotations``: django-ninja
reads the annotations.)"""

from ninja import Router

router = Router(tags=["looked_after"])

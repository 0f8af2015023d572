"""``/api/v1/cin`` (issue 17). (No ``from __future__ import annotations``: django-ninja
reads the annotations.)"""

from ninja import Router

router = Router(tags=["cin"])

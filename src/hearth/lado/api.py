"""``/api/v1/lado`` (issue 16). (No ``from __future__ import annotations``: django-ninja
reads the annotations.)"""

from ninja import Router

router = Router(tags=["lado"])

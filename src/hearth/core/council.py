"""The council's contact details (issue 15, "Also found"): its name, address, phone and
e-mail, from the ``HEARTH_COUNCIL_*`` settings, printed on every letter and family document
so that whoever reads one knows how to get in touch."""

from __future__ import annotations

from django.conf import settings


def details() -> dict[str, str]:
    return {"name": settings.HEARTH_COUNCIL_NAME, "address": settings.HEARTH_COUNCIL_ADDRESS,
            "phone": settings.HEARTH_COUNCIL_PHONE, "email": settings.HEARTH_COUNCIL_EMAIL}

"""The released copy as a PDF (WeasyPrint, as for the letters to referrers): always drawn from
the frozen snapshot, never recompiled."""

from __future__ import annotations

from django.template.loader import render_to_string

from hearth.releases.models import Release


def render_html(release: Release) -> str:
    return render_to_string("releases/copy_pdf.html", {"release": release,
                                                       "copy": release.snapshot})


def render_pdf(release: Release) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(release)).write_pdf()

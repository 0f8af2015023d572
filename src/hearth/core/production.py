"""What makes a configuration unsafe to run in production.

One check, read by the settings module as it loads (``HEARTH_PRODUCTION=1`` refuses to start
on any problem) and by ``hearth serve`` before it starts gunicorn. It reads the settings it is
given — the settings module itself, or ``django.conf.settings`` — never the environment.
"""

from __future__ import annotations

from typing import Any

#: A production secret key is at least this long (Django's own deploy check asks for 50
#: characters of variety; Hearth's README asks for 40).
MIN_SECRET_KEY_LENGTH = 40


def production_problems(settings: Any) -> list[str]:
    """Reasons this configuration is unsafe for production (empty when it is safe)."""
    problems = []
    if settings.DEBUG:
        problems.append("HEARTH_DEBUG is on")
    if len(settings.SECRET_KEY or "") < MIN_SECRET_KEY_LENGTH:
        problems.append("HEARTH_SECRET_KEY is unset or shorter than 40 characters")
    if not settings.ALLOWED_HOSTS or any(h in {"*", ""} for h in settings.ALLOWED_HOSTS):
        problems.append("HEARTH_ALLOWED_HOSTS is empty or contains a wildcard")
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        problems.append("production needs PostgreSQL (HEARTH_DATABASE_URL=postgresql://…)")
    exempt = sorted(getattr(settings, "HEARTH_SECOND_FACTOR_EXEMPT_ROLES", ()) or ())
    if exempt:
        problems.append("HEARTH_SECOND_FACTOR_EXEMPT_ROLES exempts "
                        f"{', '.join(exempt)} from the second factor: production requires "
                        "it for every role")
    if getattr(settings, "HEARTH_DEMO_SITE", False):
        problems.append("HEARTH_DEMO_SITE is on: a demonstration site shows its sign-ins on "
                        "the sign-in page")
    return problems

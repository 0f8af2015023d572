"""The request an action runs under, so audit rows know where a change came from."""

from __future__ import annotations

from contextvars import ContextVar

_meta: ContextVar[tuple[str, str]] = ContextVar("hearth_request_meta", default=("", ""))


def set_request_meta(ip: str, user_agent: str):
    return _meta.set((ip, user_agent))


def reset_request_meta(token) -> None:
    _meta.reset(token)


def current_request_meta() -> tuple[str, str]:
    return _meta.get()


def client_ip(request) -> str:
    # Behind a trusted proxy set HEARTH_TRUST_X_FORWARDED_FOR; otherwise REMOTE_ADDR.
    from django.conf import settings

    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:45]
    return (request.META.get("REMOTE_ADDR") or "")[:45]

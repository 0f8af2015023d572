"""The second factor at sign-in (issue 13): who must give one, recovery codes, and replayed
authenticator codes."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def second_factor_required(role: str) -> bool:
    """Whether this role signs in with a second factor (issue 13): every role, unless
    ``HEARTH_SECOND_FACTOR_EXEMPT_ROLES`` names it (which production refuses)."""
    return role not in settings.HEARTH_SECOND_FACTOR_EXEMPT_ROLES


def recovery_code_digest(code: str) -> str:
    """What is stored of a recovery code: a keyed digest (16 hex characters, the most a
    django-otp static token holds), so that the database alone does not give the codes away.
    Spaces, dashes and case do not matter."""
    normal = "".join(code.split()).replace("-", "").lower()
    return hmac.new(hashlib.sha256(("hearth-recovery:" + settings.SECRET_KEY).encode()).digest(),
                    normal.encode(), hashlib.sha256).hexdigest()[:16]


def recovery_code_shown(code: str) -> str:
    """A recovery code as the user reads it: ``abcd-efgh``."""
    return f"{code[:4]}-{code[4:]}"


def totp_code_reused(*, key: bytes, code: str, last_t: int, at: float, step: int = 30,
                     digits: int = 6, drift: int = 0, tolerance: int = 1) -> bool:
    """Whether ``code`` is the code of a time step already used (``last_t`` or before) that is
    still within the accepted drift: refused as a replay, and said so plainly."""
    from django_otp.oath import hotp

    now = int(at) // step + drift
    return any(0 <= t <= last_t and str(hotp(key, t, digits=digits)).zfill(digits) == code
               for t in range(now - tolerance, now + tolerance + 1))

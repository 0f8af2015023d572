"""Signing in and API tokens: the client's address behind trusted proxies, throttling, and what
a token may do (issue 13)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

# --- who is signing in from where ----------------------------------------------------------

def client_address(remote_addr: str, forwarded_for: str, trusted: Sequence) -> str:
    """The client's address: the connecting one, unless it is a trusted proxy; then the
    right-most address in X-Forwarded-For that is not itself a trusted proxy (a client can
    write anything at the left of the header, only the proxies' own additions count). An
    unparseable forwarded address is not believed: the proxy's own address is used."""
    def is_trusted(text: str) -> bool:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            return False
        return any(address in network for network in trusted)

    remote = (remote_addr or "").strip()
    if not trusted or not is_trusted(remote):
        return remote[:45]
    for hop in reversed([part.strip() for part in (forwarded_for or "").split(",")]):
        if not hop:
            continue
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote[:45]
        if not is_trusted(hop):
            return hop[:45]
    return remote[:45]


def sign_in_throttled(*, by_username: int, by_address: int, username_limit: int,
                      address_limit: int) -> bool:
    """Throttled when this username or this client address has failed too often in the
    window (the counts include the attempt being made)."""
    return by_username > username_limit or by_address > address_limit


# --- API tokens: scoped, expiring, revocable (issue 13) ------------------------------------

#: Methods a read-only token may use.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_LIFETIMES_DAYS = (7, 30, 90, 180, 365)


def token_allows(scope: str, method: str) -> bool:
    """A read-only token reads; a read-and-write token may also write."""
    return scope == "write" or method.upper() in READ_METHODS


def token_lifetime_problem(days: int, longest: int) -> str:
    """Why a token cannot live ``days`` days, or "" when it can."""
    if days < 1:
        return "A token must last at least one day."
    if days > longest:
        return f"A token can last at most {longest} days; issue a new one when it expires."
    return ""

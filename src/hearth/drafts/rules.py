"""Plain rules about drafts and kept forms (no database, no clock: ``now`` is given)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

#: The field that tells ``drafts:save`` which form it is (the form page's path).
FOR_FIELD = "hearth_draft_for"
#: Fields never kept in a draft: the CSRF token, and which form it is.
NOT_KEPT = frozenset({"csrfmiddlewaretoken", FOR_FIELD})
#: The most a draft may hold: fields, and characters in all (a longer one is not kept).
MAX_FIELDS = 200
MAX_CHARACTERS = 200_000
#: A form posted after its session ended is kept this long for its owner to sign in again.
KEPT_FORM_SECONDS = 60 * 60


def kept_fields(items) -> dict[str, list[str]]:
    """The fields worth keeping from ``(name, [values])`` pairs, or {} when they are too many
    or too long to be a person's typing."""
    fields = {name: [str(v) for v in values] for name, values in items
              if name not in NOT_KEPT}
    if len(fields) > MAX_FIELDS:
        return {}
    if sum(len(v) for values in fields.values() for v in values) > MAX_CHARACTERS:
        return {}
    return fields


def has_typing(fields: dict[str, list[str]]) -> bool:
    """Whether anything was typed or chosen (a form of blank fields is not a draft)."""
    return any(v.strip() for name, values in fields.items() if name != "version"
               for v in values)


def is_expired(saved_at: datetime, now: datetime, days: int) -> bool:
    return now - saved_at > timedelta(days=days)


def kept_form_expired(kept_at: datetime, now: datetime) -> bool:
    return now - kept_at > timedelta(seconds=KEPT_FORM_SECONDS)


def digest(token: str) -> str:
    """What is stored of a kept form's token (the browser holds the token itself)."""
    return hashlib.sha256(token.encode()).hexdigest()


def merged_kept(snapshots: list[dict[str, list[str]]]) -> dict[str, list[str]]:
    """One form from the snapshots kept of it as a session ended, oldest first: a draft save
    sent before the timeout may arrive after it, after the submit, with less typed. Each field
    takes its newest answer that is not blank (blank only when it is blank in every one), so
    nothing typed is lost to the order the requests arrived in."""
    merged: dict[str, list[str]] = {}
    for fields in snapshots:
        for name, values in fields.items():
            if name not in merged or any(v.strip() for v in values):
                merged[name] = values
    return merged

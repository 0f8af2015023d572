"""What the robustness tests share: calling the API as a named user, and counting rows."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.apps import apps

from hearth.access.actions.users import do_create_token
from hearth.calendar import LONDON


@pytest.fixture
def api(client):
    """``api(user)(method, url, body)`` with the user's bearer token (tokens made once)."""
    tokens: dict[int, str] = {}

    def for_user(user):
        if user.pk not in tokens:
            tokens[user.pk] = do_create_token(user)

        def send(method: str, url: str, body=None, **headers):
            headers["Authorization"] = f"Bearer {tokens[user.pk]}"
            return client.generic(method, url, json.dumps(body) if body is not None else "",
                                  content_type="application/json", headers=headers)
        return send
    return for_user


def rows() -> dict[str, int]:
    """How many rows every Hearth table holds (the audit trail of reads aside)."""
    counts = {}
    for model in apps.get_models():
        if model.__module__.startswith("hearth.") and model._meta.label != "access.AuditEntry":
            counts[model._meta.label] = model._default_manager.count()
    return counts


def an_hour_ago() -> str:
    return (datetime.now(LONDON) - timedelta(hours=1)).isoformat(timespec="seconds")


def contact_body(fletchers) -> dict:
    return {"received_at": an_hour_ago(), "caller_kind": "professional",
            "caller_name": "Ms Amira Shah", "caller_agency": "Northam Primary School",
            "caller_contact": "023 8000 0000", "referral_source": "2A",
            "worries": "Jack arrived hungry three days running.", "urgency": "today",
            "family_aware": True, "family_told_sharing": True,
            "people": [{"person_id": str(fletchers["jack"].pk), "role": "child"}]}

"""Who may see a decision, and who is on call: what the front door registers (issue 12).

A decision is seen with its contact (``queries.contacts.decision_scope``, registered with
``core.visibility``): whoever may not see the contact gets 404 for its decisions too, so
their existence does not leak. The on-call rota is read through ``queries.duty.ON_CALL``, a
registration point the worker-safety app fills (R-MASH-3, R-EDT-1)."""

from __future__ import annotations

import pytest
from django.http import Http404

from hearth.access.codes import Role
from hearth.core import visibility
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.models import Decision
from hearth.frontdoor.queries import duty
from hearth.frontdoor.queries.contacts import get_visible_decision
from tests.conftest import make_user
from tests.frontdoor.conftest import at


def _decision(front_door, fletchers, call) -> Decision:
    contact = actions.do_record_contact(
        acting_user=front_door, now=at(2026, 11, 17, 11, 0),
        people=[(fletchers["jack"], "child"), (fletchers["mum"], "adult")], **call)
    return actions.do_decide(contact, acting_user=front_door, outcome="nfa", rationale="x",
                             advice="a", referrer_plan="p")


@pytest.mark.django_db
def test_a_decision_is_seen_with_its_contact_R_FD_5(front_door, social_worker, outsider,
                                                    police_partner, fletchers, call):
    decision = _decision(front_door, fletchers, call)
    assert get_visible_decision(front_door, decision.pk) == decision
    assert get_visible_decision(social_worker, decision.pk) == decision  # Jack is Sam's
    assert list(visibility.apply(Decision.objects.all(), outsider)) == []
    for user in (outsider, police_partner):
        with pytest.raises(Http404):
            get_visible_decision(user, decision.pk)
    with pytest.raises(Http404):
        get_visible_decision(front_door, "not-an-id")


@pytest.mark.django_db
def test_the_on_call_rota_is_read_from_whoever_registered_it_R_MASH_3(front_door):
    sol = make_user("sol_rota", Role.SERVICE_MANAGER)
    gone = make_user("gone_rota", Role.SERVICE_MANAGER)
    gone.is_active = False
    gone.save()

    def reader(now):
        return [sol, gone, sol]

    before = len(duty.ON_CALL)
    duty.register_on_call(reader)
    duty.register_on_call(reader)  # a second registration is ignored
    try:
        assert len(duty.ON_CALL) == before + 1
        assert sol in duty.on_call_at(at(2026, 11, 17, 23, 0))
        assert gone not in duty.on_call_at(at(2026, 11, 17, 23, 0))
    finally:
        duty.ON_CALL._items.remove(reader)

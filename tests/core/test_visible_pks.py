"""Who a user may see, compiled once a request (issue 14): ``core.visibility.visible_pks`` is
the same filter as ``visible_to`` — the same people for Sam the social worker, Pat the police
partner, Olly the outsider and Ada the administrator — built and compiled once however many
other filters embed it."""

from __future__ import annotations

import pytest

from hearth.core import visibility
from hearth.fgc.models import FGC
from hearth.people.models import Person

pytestmark = pytest.mark.django_db

USERS = ("social_worker", "team_manager", "front_door", "police_partner", "outsider",
         "administrator")


@pytest.mark.parametrize("who", USERS)
def test_the_same_people_as_visible_to(request, fletchers, who):
    user = request.getfixturevalue(who)
    expected = set(Person.objects.visible_to(user).values_list("pk", flat=True))
    with visibility.scopes_remembered():
        found = set(Person.objects.filter(pk__in=visibility.visible_pks(Person, user))
                    .values_list("pk", flat=True))
    assert found == expected
    if who == "social_worker":
        assert {fletchers["jack"].pk, fletchers["mum"].pk} <= found
    if who in ("outsider", "administrator"):
        assert not found & {fletchers["jack"].pk, fletchers["mum"].pk}


def test_built_once_a_request_and_again_in_the_next(social_worker, fletchers, monkeypatch):
    calls = []
    real = visibility._scopes["people.person"]

    def counting(user):
        calls.append(user.pk)
        return real(user)

    monkeypatch.setitem(visibility._scopes, "people.person", counting)
    with visibility.scopes_remembered():
        first = visibility.visible_pks(Person, social_worker)
        again = visibility.visible_pks(Person, social_worker)
        list(FGC.objects.visible_to(social_worker))  # the FGC scope embeds the same filter
    assert (first.sql, first.params) == (again.sql, again.params)
    assert len(calls) == 1
    with visibility.scopes_remembered():  # the next request builds it afresh
        visibility.visible_pks(Person, social_worker)
    assert len(calls) == 2


def test_a_user_who_sees_nobody_gets_an_empty_filter(administrator, fletchers):
    with visibility.scopes_remembered():
        found = Person.objects.filter(pk__in=visibility.visible_pks(Person, administrator))
        assert not found.exists()


def test_a_record_read_by_its_id_answers_404_when_hidden(outsider, social_worker, fletchers):
    """``get_visible_or_404`` (which on PostgreSQL joins the compiled filter by the id)."""
    from django.http import Http404

    jack = fletchers["jack"]
    with visibility.scopes_remembered():
        assert visibility.get_visible_or_404(Person.objects.all(), social_worker,
                                             jack.pk) == jack
        with pytest.raises(Http404):
            visibility.get_visible_or_404(Person.objects.all(), outsider, jack.pk)

"""Who a user may see, compiled once a process (issue 14): ``core.visibility.visible_pks`` is
the same filter as ``visible_to`` — the same people for Sam the social worker, Pat the police
partner, Olly the outsider and Ada the administrator — built and compiled once however many
other filters embed it."""

from __future__ import annotations

import pytest

from hearth.core import visibility
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


def test_built_once_a_process_and_again_when_the_user_moves_team(team_manager, south,
                                                                 fletchers, monkeypatch):
    """Tina's filter is compiled once (``kept``) and reused by later requests; when she moves
    to another team it is compiled again, and the Fletchers (her old team's) drop out."""
    calls = []
    real = visibility._scopes["people.person"]

    def counting(user):
        calls.append(user.pk)
        return real(user)

    monkeypatch.setitem(visibility._scopes, "people.person", counting)

    def seen() -> set:
        with visibility.scopes_remembered():
            first = visibility.visible_pks(Person, team_manager)
            again = visibility.visible_pks(Person, team_manager)
            assert (first.sql, first.params) == (again.sql, again.params)
            return set(Person.objects.filter(pk__in=first).values_list("pk", flat=True))

    assert fletchers["jack"].pk in seen()
    assert len(calls) == 1
    assert fletchers["jack"].pk in seen()  # the next request: the kept filter
    assert len(calls) == 1
    team_manager.team = south
    team_manager.save()
    assert fletchers["jack"].pk not in seen()
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


@pytest.mark.parametrize("who", USERS)
def test_the_restricted_people_a_user_sees_are_those_visible_to_finds(request, fletchers,
                                                                       front_door, who):
    """``visible_restricted_ids`` (read once a request by ``casework.queries.reached``) skips the
    reaches of the unrestricted scope: the same answer. Jack's record is restricted with Tina
    named on it; Fran restricted a record of her own."""
    from hearth.people import actions as people
    from hearth.people.models import RestrictedAccess
    from hearth.people.queries.visibility import visible_restricted_ids

    user = request.getfixturevalue(who)
    Person.objects.filter(pk=fletchers["jack"].pk).update(restricted=True)
    RestrictedAccess.objects.create(person=fletchers["jack"],
                                    user=request.getfixturevalue("team_manager"))
    people.do_create_person(acting_user=front_door, given_name="Rosa", family_name="Quill",
                            restricted=True)
    expected = set(Person.objects.visible_to(user).live().filter(restricted=True)
                   .values_list("pk", flat=True))
    assert set(visible_restricted_ids(user)) == expected  # compiled once a process
    assert (fletchers["jack"].pk in expected) == (who == "team_manager")


def test_a_workers_allocated_children_are_read_once_a_request(social_worker, team_manager,
                                                              fletchers,
                                                              django_assert_num_queries):
    """What is "mine" on the list of what is due: Sam's allocated children he may see, as ids
    read once a request (issue 14); a child he leads a plan for but is not allocated is added
    only if he may see them; a restricted child he is not named on is not his to see."""
    from hearth.casework.queries import allocated_children

    jack, amy = fletchers["jack"], fletchers["amy"]
    with visibility.scopes_remembered():
        with django_assert_num_queries(3):  # restricted records he may see, his cases, reading
            first = set(allocated_children(social_worker).values_list("pk", flat=True))
        with django_assert_num_queries(1):  # the list is remembered: only the reading of it
            again = set(allocated_children(social_worker).values_list("pk", flat=True))
    assert first == again == {jack.pk, amy.pk}
    Person.objects.filter(pk=amy.pk).update(restricted=True)
    with visibility.scopes_remembered():
        assert set(allocated_children(social_worker).values_list("pk", flat=True)) == {jack.pk}
        mum = fletchers["mum"]  # seen through the family, not allocated: added when asked
        assert mum.pk in set(allocated_children(social_worker, also=[mum.pk])
                             .values_list("pk", flat=True))
    with visibility.scopes_remembered():
        assert not allocated_children(team_manager).exists()  # Tina holds no cases herself


def test_a_team_managers_team_children_are_those_visible_to_finds(team_manager, social_worker,
                                                                   fletchers):
    """What a team-wide list is about: Tina's team's children with a live case — the same
    children ``visible_to`` finds with a live case in her team, without building it (issue
    14); a restricted child she is not named on is not hers to see; nobody's for Sam, who
    manages no team."""
    from django.db.models.expressions import RawSQL

    from hearth.casework.models import Involvement
    from hearth.casework.queries import LIVE, team_among, team_children
    from hearth.people.models import RestrictedAccess

    def expected():
        return set(Person.objects.visible_to(team_manager).live().filter(
            pk__in=Involvement.objects.filter(LIVE, team_id=team_manager.team_id)
            .values("person_id")).values_list("pk", flat=True))

    def compiled_among(user) -> set:
        """The same children through ``team_among`` (compiled once a process, no query of
        its own), embedded in a query."""
        among = team_among(user)
        return set(Person.objects.filter(pk__in=RawSQL(among.sql, among.params))  # noqa: S611
                   .values_list("pk", flat=True))

    found = set(team_children(team_manager).values_list("pk", flat=True))
    assert found == expected() == compiled_among(team_manager) >= {
        fletchers["jack"].pk, fletchers["amy"].pk}
    Person.objects.filter(pk=fletchers["amy"].pk).update(restricted=True)
    found = set(team_children(team_manager).values_list("pk", flat=True))
    assert found == expected() == compiled_among(team_manager)
    assert fletchers["amy"].pk not in found
    RestrictedAccess.objects.create(person=fletchers["amy"], user=team_manager)  # named: seen
    assert fletchers["amy"].pk in compiled_among(team_manager) == expected()
    assert not team_children(social_worker).exists()
    assert team_among(social_worker) is None  # Sam manages no team

"""Who a user may see, compiled once a process and bound afresh each request (issue 14):
``core.visibility.kept`` keeps each user's compiled filter of people; the time a scope
compares expiries with is bound on each use, and what a scope depends on beyond the user
(``depends_on``) compiles it again when it changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.core import visibility
from hearth.people import actions
from hearth.people.models import Person

pytestmark = pytest.mark.django_db


def _seen(user) -> set:
    """Whom ``user`` may see, as a request asks it (the kept filter, embedded)."""
    with visibility.scopes_remembered():
        return set(Person.objects.filter(pk__in=visibility.visible_pks(Person, user))
                   .values_list("pk", flat=True))


def test_a_broken_glass_closes_when_it_expires_though_the_filter_is_kept(
        front_door, social_worker, time_machine):
    """Sam breaks the glass on Rosa's restricted record: he sees it at once, with the filter
    compiled before he broke it, and an hour later he no longer does — the kept SQL binds the
    time of each request, not the time it was compiled."""
    time_machine.move_to(timezone.now(), tick=False)
    rosa = actions.do_create_person(acting_user=front_door, given_name="Rosa",
                                    family_name="Quill", restricted=True)
    assert rosa.pk not in _seen(social_worker)
    compiled = visibility.kept(Person, social_worker)
    assert compiled.marks  # where the time goes
    actions.do_break_glass(rosa, acting_user=social_worker,
                           reason="Urgent call from the hospital about Rosa")
    assert rosa.pk in _seen(social_worker)
    time_machine.shift(timedelta(minutes=61))
    assert rosa.pk not in _seen(social_worker)
    assert visibility.kept(Person, social_worker) is compiled  # never compiled again


def test_a_team_that_becomes_the_front_door_sees_every_unrestricted_person(
        team_manager, outsider, fletchers):
    """Tina manages North; Olly's family in South is not hers to see. When her team becomes the
    Children's Resource Service (the front door), its manager must find every existing record
    (R-FD-3): the team's service is declared with ``depends_on``, so her filter is compiled
    again."""
    olly_child = actions.do_create_person(acting_user=outsider, given_name="Ola",
                                          family_name="South")
    assert olly_child.pk not in _seen(team_manager)
    team = team_manager.team
    team.service = "crs"
    team.save()
    from hearth.access.models import User

    tina = User.objects.select_related("team").get(pk=team_manager.pk)  # the next request's
    assert olly_child.pk in _seen(tina)
    assert fletchers["jack"].pk in _seen(tina)


def test_a_user_made_inactive_sees_nobody_at_once(social_worker, fletchers):
    """A user switched off between two requests sees no one on the next (their kept filter is
    not the active one's)."""
    assert fletchers["jack"].pk in _seen(social_worker)
    social_worker.is_active = False
    social_worker.save()
    assert _seen(social_worker) == set()
    assert visibility.sees_nothing(Person, social_worker)


def test_a_kept_scope_that_embeds_another_must_say_so(social_worker, monkeypatch):
    """A difference's scope tests its child through the kept filter of people: declared with
    ``keep(Difference, embeds=(Person,))``, so a change in what people's filter depends on
    compiles the difference's again. Embedding a kept filter without saying so is refused,
    never kept stale."""
    from hearth.differences.models import Difference

    label = Difference._meta.label_lower
    assert visibility.kept(Difference, social_worker).marks  # Person's expiry marks, embedded
    visibility.forget_kept()
    monkeypatch.setitem(visibility._embeds, label, ())
    with pytest.raises(ValueError, match="embeds people.person"):
        visibility.kept(Difference, social_worker)


def test_a_broken_glass_shows_the_childs_difference_until_it_expires(
        front_door, social_worker, time_machine):
    """Fran at the front door raised a difference about Rosa, whose record is restricted: Sam
    sees it through the kept filter of differences once he breaks the glass, and not an hour
    later."""
    from hearth.differences.actions import do_raise_difference
    from hearth.differences.models import Difference

    time_machine.move_to(timezone.now(), tick=False)
    rosa = actions.do_create_person(acting_user=front_door, given_name="Rosa",
                                    family_name="Quill", restricted=True,
                                    date_of_birth=timezone.localdate() - timedelta(days=3000))

    def seen() -> set:
        with visibility.scopes_remembered():
            return set(Difference.objects.filter(
                pk__in=visibility.visible_pks(Difference, social_worker))
                .values_list("pk", flat=True))

    assert seen() == set()
    compiled = visibility.kept(Difference, social_worker)
    difference = do_raise_difference(
        rosa, acting_user=front_door, decision="No further action on the referral",
        decision_by="Tina Manager", decision_agency="social_care",
        why="Rosa's school reports new bruising", raised_before="other",
        raised_before_note="A phone call")
    actions.do_break_glass(rosa, acting_user=social_worker,
                           reason="Urgent call from the hospital about Rosa")
    assert seen() == {difference.pk}
    time_machine.shift(timedelta(minutes=61))
    assert seen() == set()
    assert visibility.kept(Difference, social_worker) is compiled  # never compiled again

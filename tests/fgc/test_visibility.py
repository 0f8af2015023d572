"""Who sees an FGC: the FGC service (every FGC but a restricted child's), its referrer and
coordinator, and whoever sees one of its children; 404 for anyone else. The FGC service opens
the children's records. The child at a glance, the person page's panel and what is due."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.core import visibility
from hearth.core.due import due_for
from hearth.core.status import statuses_for
from hearth.fgc.actions import conferences
from hearth.fgc.models import FGC
from hearth.fgc.status import fgc_statuses
from hearth.people.models import Person
from tests.fgc.conftest import arranged, held, planned

pytestmark = pytest.mark.django_db


def sees(user, fgc) -> bool:
    """Whether ``user`` sees ``fgc``, asked both ways a request asks it: the scope built as a
    filter, and the user's scope compiled once a process (``visibility.keep(FGC)``, what the
    person page's panel reads through) — the two must always agree."""
    built = FGC.objects.visible_to(user).filter(pk=fgc.pk).exists()
    with visibility.scopes_remembered():
        kept = FGC.objects.filter(pk__in=visibility.visible_pks(FGC, user), pk=fgc.pk).exists()
    assert kept == built, user.username
    return built


def test_who_sees_sams_referral(sams_referral, social_worker, team_manager, outsider,
                                coordinator, fgc_manager, police_partner, administrator):
    assert sees(social_worker, sams_referral) and sees(team_manager, sams_referral)
    assert sees(coordinator, sams_referral) and sees(fgc_manager, sams_referral)
    assert not sees(outsider, sams_referral)
    assert not sees(police_partner, sams_referral) and not sees(administrator, sams_referral)


def test_the_fgc_service_opens_the_childrens_records(sams_referral, coordinator, fletchers):
    visible = Person.objects.visible_to(coordinator)
    assert visible.filter(pk=fletchers["jack"].pk).exists()
    assert not visible.filter(pk=fletchers["mum"].pk).exists()


def test_an_fgc_with_a_restricted_child_is_seen_only_by_those_who_may_open_it(
        sams_referral, coordinator, social_worker, team_manager, fletchers):
    """Amy's record is restricted to Sam: Cora and Tina no longer see the FGC, which would
    name her; Sam still does."""
    from hearth.people.models import RestrictedAccess

    Person.objects.filter(pk=fletchers["amy"].pk).update(restricted=True)
    RestrictedAccess.objects.create(person=fletchers["amy"], user=social_worker)
    assert not sees(coordinator, sams_referral) and not sees(team_manager, sams_referral)
    assert sees(social_worker, sams_referral)


def test_a_worker_who_sees_one_child_but_not_the_other_does_not_see_the_fgc(
        social_worker, fletchers, north, south, outsider):
    """Olly works with Amy's case in another team; Jack is not his: an FGC naming Jack is
    not shown to him."""
    from hearth.casework.models import Involvement
    from tests.fgc.conftest import refer

    Involvement.objects.create(person=fletchers["amy"], team=south, worker=outsider,
                               opened_on=timezone.localdate())
    fgc = refer(social_worker, fletchers)
    assert Person.objects.visible_to(outsider).filter(pk=fletchers["amy"].pk).exists()
    assert not Person.objects.visible_to(outsider).filter(pk=fletchers["jack"].pk).exists()
    assert not sees(outsider, fgc)


def test_the_child_at_a_glance_r_fgc_4(sams_referral, social_worker, coordinator, fletchers,
                                       outsider):
    jack = fletchers["jack"]
    today = timezone.localdate()
    [status] = fgc_statuses(jack, social_worker)
    assert (status.label, status.detail) == ("FGC", f"referred on {today:%-d %B %Y}")
    assert status.link == f"/fgc/{sams_referral.pk}"
    assert fgc_statuses(jack, outsider) == []
    fgc = planned(held(arranged(sams_referral, coordinator), coordinator), coordinator)
    conferences.do_decide_plan(fgc, acting_user=social_worker, expected_version=fgc.version,
                               agreed=True)
    review = today + timedelta(days=42)
    fresh = Person.objects.get(pk=jack.pk)
    glance = statuses_for(fresh, social_worker)
    assert any(s.label == "FGC" and s.detail == f"plan agreed — review on {review:%-d %B %Y}"
               for s in glance.statuses)


def test_what_is_due_for_cora_and_sam(sams_referral, social_worker, coordinator, fletchers):
    queue = [i for i in due_for(coordinator) if i.kind == "fgc_allocate"]
    assert [i.link for i in queue] == [f"/fgc/{sams_referral.pk}"]
    assert queue[0].person_name == "Jack Fletcher and Amy Fletcher"
    fgc = arranged(sams_referral, coordinator, days=3)
    mine = [i for i in due_for(coordinator) if i.kind.startswith("fgc")]
    assert [(i.kind, i.due) for i in mine] == [("fgc_conference",
                                                timezone.localdate() + timedelta(days=3))]
    fgc.refresh_from_db()
    fgc.conference_at = timezone.now()
    fgc.save(update_fields=["conference_at"])
    planned(held(fgc, coordinator), coordinator)
    sams = [i for i in due_for(social_worker) if i.kind == "fgc_agree"]
    assert len(sams) == 1 and sams[0].what == "Agree the family's plan from their conference"
    assert not [i for i in due_for(coordinator) if i.kind.startswith("fgc")]

"""The FGC's actions: Sam refers Jack and Amy (R-FGC-1, R-FGC-2); Cora takes it from the queue
or Mo allocates it; Cora prepares, holds the conference and records the plan; Sam agrees it
(R-FGC-4); the review records progress. Each refusal names its field and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.chronology.models import Event
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.fgc.actions import conferences, preparation, referrals, reviews
from hearth.fgc.models import FGC, NetworkMember, PreparationVisit
from tests.fgc.conftest import QUESTIONS, arranged, held, in_days, planned, refer

pytestmark = pytest.mark.django_db


def test_sam_refers_jack_and_amy_together_r_fgc_1(sams_referral, fletchers, social_worker):
    fgc = sams_referral
    assert fgc.status == "referred" and fgc.coordinator is None
    assert {c.person for c in fgc.children.all()} == {fletchers["jack"], fletchers["amy"]}
    assert fgc.questions == QUESTIONS
    assert (fgc.process_explained, fgc.family_agreed) == (True, True)
    audited = AuditEntry.objects.filter(action="fgc.referred")
    assert {a.object_id for a in audited} == {str(fletchers["jack"].pk),
                                              str(fletchers["amy"].pk)}
    events = Event.objects.filter(origin="fgc", origin_id=str(fgc.pk))
    assert {e.person_id for e in events} == {fletchers["jack"].pk, fletchers["amy"].pk}
    assert "Referred for a Family Group Conference by Sam Worker: improving school " \
           "attendance." in events.first().summary


def test_domestic_abuse_makes_the_conference_split_r_fgc_1(social_worker, fletchers):
    fgc = refer(social_worker, fletchers, domestic_abuse=True)
    assert fgc.split_conference


@pytest.mark.parametrize(("overrides", "field"), [
    ({"questions": []}, "questions"),
    ({"questions": [f"Question {n}?" for n in range(7)]}, "questions"),
    ({"family_agreed": False}, "family_agreed"),
    ({"process_explained": False}, "process_explained"),
    ({"reason": "housing"}, "reason"),
    ({"explained_on": None}, "explained_on"),
    ({"children": []}, "children"),
])
def test_a_bad_referral_names_the_field_and_writes_nothing_r_fgc_2(social_worker, fletchers,
                                                                   overrides, field):
    with pytest.raises(Refused) as refused:
        refer(social_worker, fletchers, **overrides)
    assert field in refused.value.problems and refused.value.why == Why.INPUT
    assert not FGC.objects.exists() and not AuditEntry.objects.filter(
        action="fgc.referred").exists()


def test_kerry_is_not_a_child(social_worker, fletchers):
    with pytest.raises(Refused, match="Kerry Fletcher is not a child"):
        refer(social_worker, fletchers, children=[fletchers["mum"]])


def test_a_child_with_an_fgc_under_way_is_a_state_refusal(sams_referral, social_worker,
                                                          fletchers):
    with pytest.raises(Refused) as refused:
        refer(social_worker, fletchers, children=[fletchers["amy"]])
    assert refused.value.why == Why.STATE and "Amy Fletcher already has" in refused.value.message
    assert FGC.objects.count() == 1


def test_olly_cannot_refer_children_he_cannot_see(outsider, fletchers):
    with pytest.raises(Refused) as refused:
        refer(outsider, fletchers)
    assert refused.value.why == Why.FORBIDDEN and not FGC.objects.exists()


def test_cora_takes_it_from_the_queue(sams_referral, coordinator, other_coordinator):
    fgc = referrals.do_take(sams_referral, acting_user=coordinator, expected_version=1)
    assert (fgc.status, fgc.coordinator, fgc.allocated_by) == ("allocated", coordinator,
                                                               coordinator)
    with pytest.raises(Refused) as again:
        referrals.do_take(fgc, acting_user=other_coordinator, expected_version=fgc.version)
    assert again.value.why == Why.STATE


def test_a_stale_take_is_refused(sams_referral, coordinator):
    with pytest.raises(StaleEdit):
        referrals.do_take(sams_referral, acting_user=coordinator, expected_version=7)


def test_mo_allocates_and_moves_it_but_cora_cannot_allocate_to_others(
        sams_referral, coordinator, other_coordinator, fgc_manager, team_manager, social_worker):
    with pytest.raises(Refused) as refused:
        referrals.do_allocate(sams_referral, acting_user=coordinator,
                              coordinator=other_coordinator, expected_version=1)
    assert refused.value.why == Why.FORBIDDEN
    with pytest.raises(Refused) as tina:
        referrals.do_allocate(sams_referral, acting_user=team_manager, coordinator=coordinator,
                              expected_version=1)
    assert tina.value.why == Why.FORBIDDEN  # Tina manages Family Help, not the FGC service
    with pytest.raises(Refused) as not_a_coordinator:
        referrals.do_allocate(sams_referral, acting_user=fgc_manager,
                              coordinator=social_worker, expected_version=1)
    assert not_a_coordinator.value.problems == {"coordinator": "Choose one of the FGC "
                                                               "coordinators"}
    fgc = referrals.do_allocate(sams_referral, acting_user=fgc_manager, coordinator=coordinator,
                                expected_version=1)
    assert (fgc.coordinator, fgc.allocated_by, fgc.status) == (coordinator, fgc_manager,
                                                               "allocated")
    assert coordinator.notifications.filter(subject__startswith="A Family Group Conference for "
                                                                "you").exists()
    moved = referrals.do_allocate(fgc, acting_user=fgc_manager, coordinator=other_coordinator,
                                  expected_version=fgc.version)
    assert moved.coordinator == other_coordinator


def test_the_whole_journey_to_a_reviewed_plan_r_fgc_1_r_fgc_3_r_fgc_4(
        sams_referral, coordinator, social_worker, fletchers, time_machine):
    fgc = arranged(sams_referral, coordinator)
    assert fgc.status == "preparing" and fgc.venue == "Northam Family Hub"
    assert PreparationVisit.objects.count() == 1 and NetworkMember.objects.count() == 1
    amy = fgc.children.get(person=fletchers["amy"])
    assert (amy.attendance, amy.wishes_and_feelings) == ("none", "Amy wants to see Nan every week")
    fgc = held(fgc, coordinator)
    assert fgc.status == "held" and fgc.private_family_time.startswith("The family had")
    fgc = planned(fgc, coordinator)
    assert fgc.status == "plan_waiting" and fgc.items.count() == 2
    assert social_worker.notifications.filter(subject__startswith="A family plan is waiting"
                                              ).exists()
    with pytest.raises(Refused) as not_cora:
        conferences.do_decide_plan(fgc, acting_user=coordinator, expected_version=fgc.version,
                                   agreed=True)
    assert not_cora.value.why == Why.FORBIDDEN
    fgc = conferences.do_decide_plan(fgc, acting_user=social_worker,
                                     expected_version=fgc.version, agreed=True)
    assert (fgc.status, fgc.plan_agreed, fgc.plan_decided_by) == ("plan_agreed", True,
                                                                  social_worker)
    time_machine.move_to(timezone.now() + timedelta(days=43))
    items = list(fgc.items.order_by("position"))
    review = reviews.do_record_review(
        fgc, acting_user=coordinator, expected_version=fgc.version,
        held_on=timezone.localdate(), notes="Going well",
        progress={items[0].pk: ("done", "Nan has done every Monday"),
                  items[1].pk: ("under_way", "")})
    fgc.refresh_from_db()
    assert fgc.status == "reviewed" and fgc.review_on is None
    assert [p.status for p in review.progress.all()] == ["done", "under_way"]
    summaries = list(Event.objects.filter(origin="fgc", person=fletchers["jack"])
                     .order_by("occurred_at").values_list("summary", flat=True))
    assert len(summaries) == 4 and summaries[-1] == "Family plan reviewed: 1 of 2 items done."
    assert any(s.startswith("Family Group Conference held, coordinated by Cora Coordinator; 1 "
                            "from the family network invited") for s in summaries)
    assert any(s.startswith("Family plan from the Family Group Conference agreed by Sam")
               for s in summaries)


def test_a_plan_not_agreed_says_why_and_is_revised_r_fgc_4(sams_referral, coordinator,
                                                           social_worker):
    fgc = planned(held(arranged(sams_referral, coordinator), coordinator), coordinator)
    with pytest.raises(Refused) as no_reason:
        conferences.do_decide_plan(fgc, acting_user=social_worker,
                                   expected_version=fgc.version, agreed=False, reason="")
    assert set(no_reason.value.problems) == {"reason"}
    fgc = conferences.do_decide_plan(fgc, acting_user=social_worker,
                                     expected_version=fgc.version, agreed=False,
                                     reason="Nobody would be with Amy after school")
    assert fgc.status == "plan_not_agreed"
    fgc = planned(fgc, coordinator)
    assert fgc.status == "plan_waiting" and fgc.plan_not_agreed_reason == ""


def test_a_plan_item_with_no_owner_is_refused_naming_it_r_fgc_4(sams_referral, coordinator):
    from hearth.fgc.rules.conferences import PlanLine

    fgc = held(arranged(sams_referral, coordinator), coordinator)
    with pytest.raises(Refused) as refused:
        conferences.do_record_plan(fgc, acting_user=coordinator, expected_version=fgc.version,
                                   lines=[PlanLine("", "Take Jack to school", in_days(7))],
                                   review_on=in_days(42))
    assert set(refused.value.problems) == {"item_1_who"}
    fgc.refresh_from_db()
    assert fgc.status == "held" and not fgc.items.exists()


def test_only_the_coordinator_records_and_only_in_order(sams_referral, coordinator,
                                                       other_coordinator):
    with pytest.raises(Refused) as nobody_yet:
        preparation.do_record_visit(sams_referral, acting_user=coordinator,
                                    visited_on=timezone.localdate(), who_seen="Jack",
                                    notes="Hello")
    assert nobody_yet.value.why == Why.FORBIDDEN
    fgc = referrals.do_take(sams_referral, acting_user=coordinator, expected_version=1)
    with pytest.raises(Refused) as cole:
        preparation.do_record_visit(fgc, acting_user=other_coordinator,
                                    visited_on=timezone.localdate(), who_seen="Jack",
                                    notes="Hello")
    assert cole.value.why == Why.FORBIDDEN
    with pytest.raises(Refused) as not_arranged:
        conferences.do_record_conference(fgc, acting_user=coordinator,
                                         expected_version=fgc.version,
                                         held_on=timezone.localdate(), stages={})
    assert not_arranged.value.why == Why.STATE


def test_declined_is_kept_with_its_reason_never_deleted_r_fgc_2(sams_referral, social_worker,
                                                                fletchers, coordinator):
    with pytest.raises(Refused) as no_reason:
        referrals.do_end(sams_referral, acting_user=social_worker, outcome="declined",
                         reason=" ", expected_version=1)
    assert set(no_reason.value.problems) == {"reason"}
    fgc = referrals.do_end(sams_referral, acting_user=social_worker, outcome="declined",
                           reason="Kerry decided not to go ahead", expected_version=1)
    assert (fgc.status, fgc.ended_by) == ("declined", social_worker)
    assert FGC.objects.filter(pk=fgc.pk).exists()
    assert Event.objects.filter(origin="fgc", summary__contains="declined by the family: Kerry "
                                                                 "decided").count() == 2
    with pytest.raises(Refused) as ended:
        referrals.do_take(fgc, acting_user=coordinator, expected_version=fgc.version)
    assert ended.value.why == Why.STATE
    # Amy may be referred again now.
    assert refer(social_worker, fletchers, children=[fletchers["amy"]]).status == "referred"


def test_there_is_no_way_to_delete_an_fgc_r_fgc_2():
    from django.urls import get_resolver

    from hearth.fgc import urls
    from hearth.fgc.api import router

    assert not [p for p in urls.urlpatterns if "delete" in str(p.pattern)]
    assert not [m for view in router.path_operations.values() for op in view.operations
                for m in op.methods if m == "DELETE"]
    assert get_resolver() is not None

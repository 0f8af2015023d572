"""Section 47 visits and outcomes through the actions: every visit is made by two workers
(R-TWO-1), within the enquiry; the outcome gives its reasons when there will be no conference,
and a stale outcome is refused. Refusals write nothing at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused as ProtectionRefused
from hearth.core.refusals import StaleEdit
from hearth.protection.actions import strategy as actions
from hearth.protection.codes import ConferenceKind, S47Outcome, WorkerKind
from hearth.protection.models import Conference, S47Visit, S47VisitWorker, Section47Enquiry
from tests.conftest import make_user
from tests.protection.conftest import LONDON

pytestmark = pytest.mark.django_db

SW, CSC, POLICE = WorkerKind.SOCIAL_WORKER, WorkerKind.CSC_WORKER, WorkerKind.POLICE
PAT = {"kind": POLICE, "name": "DC Pat Officer", "agency": "Hampshire Police"}


def counts() -> list[int]:
    return [m.objects.count() for m in (S47Visit, S47VisitWorker, AuditEntry, Event)]


def visit(enquiry, user, **changes):
    values = {"visited_at": datetime(2026, 11, 16, 15, 30, tzinfo=LONDON),
              "place": "Northam Primary School", "child_seen": True, "child_seen_alone": True,
              "notes": "Jack said Dean hit him.",
              "workers": [{"kind": SW, "user": user, "name": "", "agency": ""}, PAT]}
    return actions.do_record_s47_visit(enquiry, acting_user=user, **{**values, **changes})


def test_r_two_1_sam_and_dc_officer_visit_together_on_a_joint_enquiry(
        fletchers, social_worker, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    made = visit(enquiry, social_worker)
    workers = [(w.kind, w.name, w.user) for w in made.workers.order_by("pk")]
    assert workers == [(SW, "Sam Worker", social_worker), (POLICE, "DC Pat Officer", None)]
    event = Event.objects.get(kind=Kind.S47_VISIT)
    assert "Sam Worker (social worker) and DC Pat Officer (police officer)" in event.summary
    assert "seen alone" in event.summary
    entry = AuditEntry.objects.get(action="protection.s47_visit")
    assert entry.object_id == str(fletchers["jack"].pk)


@pytest.mark.parametrize(("joint", "workers", "message"), [
    (False, [{"kind": SW, "name": "Sam Worker"}],
     "A Section 47 visit needs two workers: add the second worker"),
    (True, [{"kind": SW, "name": "Sam Worker"}, {"kind": SW, "name": "Tina Manager"}],
     "This is a joint enquiry: one of the two workers must be a police officer and one a "
     "social worker. If the police could not attend, say so and why"),
    (False, [{"kind": SW, "name": "Sam Worker"}, {"kind": CSC, "name": "sam  worker"}],
     "The two workers must be two different people: the same person is named twice"),
    (False, [{"kind": SW, "name": "Sam Worker"}, PAT],
     "A police officer makes Section 47 visits on a joint enquiry"),
])
def test_r_two_1_visits_without_two_suitable_workers_cannot_be_saved(
        fletchers, social_worker, enquiry_for, joint, workers, message):
    enquiry = enquiry_for(fletchers["jack"], joint=joint)
    before = counts()
    with pytest.raises(ProtectionRefused) as refused:
        visit(enquiry, social_worker, workers=workers)
    assert refused.value.problems["workers"].startswith(message)
    assert counts() == before


def test_r_two_1_a_colleague_is_recorded_as_the_kind_of_worker_they_are(
        fletchers, social_worker, team_manager, police_partner, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    fp = make_user("fiona", Role.FAMILY_PRACTITIONER, team=social_worker.team, first="Fiona",
                   last="Practitioner")
    with pytest.raises(ProtectionRefused) as refused:
        visit(enquiry, social_worker, workers=[{"kind": SW, "user": fp}, PAT])
    assert refused.value.problems["workers.0.user"] == ("Fiona Practitioner is not a social "
                                                        "worker: choose another kind of worker "
                                                        "for worker 1")
    with pytest.raises(ProtectionRefused) as refused:
        visit(enquiry, social_worker, workers=[{"kind": SW, "user": social_worker},
                                               {"kind": POLICE, "user": team_manager}])
    assert "Tina Manager is not a police officer" in refused.value.problems["workers.1.user"]
    # Pat's own account may be named as the police officer.
    visit(enquiry, social_worker, workers=[{"kind": SW, "user": social_worker},
                                           {"kind": POLICE, "user": police_partner}])
    assert S47VisitWorker.objects.filter(user=police_partner, name="Pat Officer").exists()


def test_r_two_1_when_the_police_cannot_attend_a_joint_visit_two_workers_still_go(
        fletchers, social_worker, team_manager, enquiry_for):
    """R-TWO-1: on a joint enquiry the police could not attend: Sam and Tina, two social
    workers, make the visit, recording why the police could not come (refused before)."""
    enquiry = enquiry_for(fletchers["jack"])
    made = visit(enquiry, social_worker, police_could_not_attend=True,
                 police_absence_reason="No officer free before Jack left school.",
                 workers=[{"kind": SW, "user": social_worker}, {"kind": SW, "user": team_manager}])
    assert (made.police_could_not_attend, made.police_absence_reason) == (
        True, "No officer free before Jack left school.")
    assert "The police could not attend: No officer free" in Event.objects.get(
        kind=Kind.S47_VISIT).summary
    assert AuditEntry.objects.get(action="protection.s47_visit").fields[
        "police_could_not_attend"] is True


def test_r_two_1_a_joint_visit_without_the_police_says_why(fletchers, social_worker,
                                                            team_manager, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    before = counts()
    two = [{"kind": SW, "user": social_worker}, {"kind": CSC, "name": "Kim Support"}]
    with pytest.raises(ProtectionRefused) as refused:
        visit(enquiry, social_worker, police_could_not_attend=True, workers=two)
    assert refused.value.problems == {
        "police_absence_reason": "Enter why the police could not attend"}
    with pytest.raises(ProtectionRefused) as refused:
        visit(enquiry, social_worker, workers=two)
    assert "If the police could not attend, say so and why" in refused.value.problems[
        "workers"]
    assert counts() == before


@pytest.mark.parametrize("joint", [False, True])
def test_r_two_1_two_family_practitioners_or_a_practitioner_and_a_teacher_cannot_visit(
        fletchers, social_worker, enquiry_for, joint):
    """R-TWO-1: one of the two workers is always a qualified social worker (a colleague in a
    social work role); two family practitioners, a practitioner and a teacher, or a social
    worker named by hand were allowed before."""
    enquiry = enquiry_for(fletchers["jack"], joint=joint)
    fiona = make_user("fiona", Role.FAMILY_PRACTITIONER, team=social_worker.team,
                      first="Fiona", last="Practitioner")
    kit = make_user("kit", Role.FAMILY_PRACTITIONER, team=social_worker.team, first="Kit",
                    last="Practitioner")
    teacher = {"kind": WorkerKind.KNOWN_PROFESSIONAL, "name": "Amira Shah",
               "agency": "Northam Primary School"}
    by_hand = {"kind": SW, "name": "Lee Worker", "agency": "Another council"}
    absent = {"police_could_not_attend": True, "police_absence_reason": "None free."} \
        if joint else {}
    before = counts()
    for pair in ([{"kind": CSC, "user": fiona}, {"kind": CSC, "user": kit}],
                 [{"kind": CSC, "user": fiona}, teacher], [by_hand, teacher]):
        with pytest.raises(ProtectionRefused) as refused:
            visit(enquiry, social_worker, workers=pair, **absent)
        assert "must be a qualified social worker" in refused.value.problems["workers"]
    assert counts() == before
    visit(enquiry, social_worker, workers=[{"kind": SW, "user": social_worker}, teacher],
          **absent)


@pytest.mark.parametrize(("visited_at", "outcome_on", "says"), [
    (datetime(2026, 11, 17, 12, 0, tzinfo=LONDON), None, "cannot be in the future"),
    (datetime(2026, 11, 9, 16, 0, tzinfo=LONDON), None, "before the strategy discussion"),
    (datetime(2026, 11, 16, 16, 0, tzinfo=LONDON), date(2026, 11, 13), "not part of this"),
])
def test_a_visit_is_made_during_the_enquiry(fletchers, social_worker, enquiry_for, visited_at,
                                            outcome_on, says):
    enquiry = enquiry_for(fletchers["jack"])
    if outcome_on:
        Section47Enquiry.objects.filter(pk=enquiry.pk).update(
            outcome=S47Outcome.NOT_SUBSTANTIATED, outcome_reasons="No evidence",
            outcome_on=outcome_on)
    before = counts()
    with pytest.raises(ProtectionRefused) as refused:
        visit(enquiry, social_worker, visited_at=visited_at)
    assert says in refused.value.problems["visited_at"]
    assert counts() == before


def outcome(enquiry, user, **changes):
    values = {"expected_version": enquiry.version, "outcome": S47Outcome.SUBSTANTIATED_ICPC,
              "reasons": "Injury consistent with Jack's account.",
              "outcome_on": date(2026, 11, 17)}
    return actions.do_record_s47_outcome(enquiry, acting_user=user, **{**values, **changes})


def test_the_outcome_is_recorded_with_the_chronology_and_the_audit(fletchers, social_worker,
                                                                   enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    done = outcome(enquiry, social_worker)
    assert (done.outcome, done.outcome_on, done.outcome_by, done.version) == (
        "icpc", date(2026, 11, 17), social_worker, 2)
    event = Event.objects.get(kind=Kind.S47_OUTCOME)
    assert "Concerns substantiated: ICPC needed" in event.summary
    entry = AuditEntry.objects.get(action="protection.s47_outcome")
    assert entry.fields["outcome"] == ["", "icpc"]
    # Saving the same again changes nothing.
    assert outcome(done, social_worker).version == 2


def test_no_conference_means_reasons_and_nothing_is_written_without_them(
        fletchers, social_worker, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    with pytest.raises(ProtectionRefused) as refused:
        outcome(enquiry, social_worker, outcome=S47Outcome.ICPC_NOT_REQUIRED, reasons="")
    assert list(refused.value.problems) == ["reasons"]
    enquiry.refresh_from_db()
    assert (enquiry.outcome, enquiry.version) == ("", 1)
    assert not Event.objects.filter(kind=Kind.S47_OUTCOME).exists()


def test_a_stale_outcome_is_refused(fletchers, social_worker, team_manager, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    outcome(enquiry, team_manager, outcome=S47Outcome.NOT_SUBSTANTIATED,
            reasons="Explanation accepted.")
    with pytest.raises(StaleEdit):
        outcome(enquiry, social_worker, expected_version=1)
    enquiry.refresh_from_db()
    assert (enquiry.proposed_outcome, enquiry.proposed_by) == ("not_substantiated",
                                                               team_manager)
    assert enquiry.outcome == ""  # R-CP-1: waiting for another team manager


def test_once_an_icpc_is_arranged_the_outcome_no_longer_changes(fletchers, social_worker,
                                                                enquiry_for):
    enquiry = outcome(enquiry_for(fletchers["jack"]), social_worker)
    Conference.objects.create(person=fletchers["jack"], kind=ConferenceKind.ICPC,
                              enquiry=enquiry, held_on=date(2026, 11, 30),
                              chair_name="Chris Chair", arranged_by=social_worker,
                              arranged_at=timezone.now())
    with pytest.raises(ProtectionRefused, match="initial conference has been arranged"):
        outcome(enquiry, social_worker, outcome=S47Outcome.NOT_SUBSTANTIATED, reasons="x")
    assert outcome(enquiry, social_worker, reasons="Injury and account.").version == 3

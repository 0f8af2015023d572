"""The actions of resolving professional differences (R-PD-1..3), end to end: Hana raises a
difference about Sam's plan for Jack; it goes through its stages, each outcome recorded, and is
resolved with what was agreed and who tells Sam. Each write is audited and in Jack's
chronology; each refusal names its field and writes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from hearth.access.models import AuditEntry, Notification
from hearth.chronology.models import Event
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.differences import actions
from hearth.differences.models import Difference, Stage
from tests.differences.conftest import LONDON, outcome

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (Difference.objects.count(), Stage.objects.count(), AuditEntry.objects.count(),
            Event.objects.filter(origin="difference").count())


def test_r_pd_2_hana_raises_a_difference_and_its_stage_1_starts(hanas_difference,
                                                                 health_visitor, fletchers):
    d = hanas_difference
    assert (d.raised_by, d.raiser_agency, d.raiser_agency_name, d.raiser_partner.name) == (
        health_visitor, "health", "Northam NHS Health", "Northam NHS Health")
    assert (d.status, d.current_stage.number, d.current_stage.owner) == (
        "open", 1, health_visitor)
    # R-PD-1: due two working days after today (Tuesday): the end of Thursday.
    assert d.current_stage.due_at == datetime(2026, 11, 19, 23, 59, 59, tzinfo=LONDON)
    entry = AuditEntry.objects.get(action="raised_a_professional_difference")
    assert entry.object_id == str(fletchers["jack"].pk)
    event = Event.objects.get(origin="difference")
    assert event.person == fletchers["jack"] and event.source_agency == "Northam NHS Health"
    assert event.summary.startswith("Professional difference raised by Hana Visitor")


def test_r_pd_1_it_escalates_through_the_stages_and_resolves(hanas_difference, health_visitor,
                                                             social_worker, team_manager):
    d = hanas_difference
    d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version, **outcome(False))
    d = actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version)
    assert (d.current_stage.number, d.current_stage.owner) == (2, health_visitor)
    d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version, **outcome(False))
    d = actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version, owner=team_manager)
    assert (d.current_stage.number, d.current_stage.owner) == (3, team_manager)
    d = actions.do_record_stage_outcome(d, acting_user=team_manager,
                                        expected_version=d.version, **outcome(True))
    d = actions.do_resolve_difference(d, acting_user=team_manager, expected_version=d.version,
                                      agreed="The plan continues for three months",
                                      teller=team_manager)
    assert (d.status, d.worker, d.teller, d.worker_told_on) == (
        "resolved", social_worker, team_manager, None)
    assert d.awaiting_worker and d.working_days_to_resolve == 0
    summaries = list(Event.objects.filter(origin="difference").order_by("occurred_at", "pk")
                     .values_list("summary", flat=True))
    assert [s.split(":")[0].split(" by ")[0] for s in summaries] == [
        "Professional difference raised", "Professional difference escalated to stage 2",
        "Professional difference escalated to stage 3",
        "Professional difference resolved at stage 3. Agreed"]
    outcome_, escalated = "recorded_a_difference_stage_outcome", \
        "escalated_a_professional_difference"
    assert [e.action for e in AuditEntry.objects.filter(action__contains="difference")
            .order_by("pk")] == [
        "raised_a_professional_difference", outcome_, escalated, outcome_, escalated, outcome_,
        "resolved_a_professional_difference"]
    # Tina was told to lead stage 3 (Hana escalated it to her).
    assert Notification.objects.filter(user=team_manager,
                                       subject__startswith="You lead stage 3").exists()
    d = actions.do_record_worker_told(d, acting_user=team_manager, expected_version=d.version,
                                      told_on=timezone.localdate())
    assert not d.awaiting_worker and d.worker_told_recorded_by == team_manager


def test_r_pd_1_escalating_a_stage_without_its_outcome_is_refused_naming_it(
        hanas_difference, health_visitor):
    before = counts()
    with pytest.raises(Refused) as refused:
        actions.do_escalate_difference(hanas_difference, acting_user=health_visitor,
                                       expected_version=hanas_difference.version)
    assert refused.value.why == Why.STATE and refused.value.field == "outcome"
    assert "Record the outcome of stage 1" in refused.value.message
    assert counts() == before


def test_r_pd_2_a_difference_without_why_they_disagree_is_refused(raise_about,
                                                                  health_visitor):
    before = counts()
    with pytest.raises(Refused) as refused:
        raise_about(health_visitor, why="   ")
    assert refused.value.problems == {"why": "Enter why you disagree"}
    assert counts() == before


def test_raising_for_a_child_you_cannot_see_is_refused(raise_about, outsider):
    before = counts()
    with pytest.raises(Refused) as refused:
        raise_about(outsider)
    assert refused.value.why == Why.FORBIDDEN and refused.value.field == "person"
    assert counts() == before


def test_a_difference_about_an_adult_is_refused(raise_about, social_worker, fletchers):
    with pytest.raises(Refused) as refused:
        raise_about(social_worker, child=fletchers["mum"])
    assert refused.value.field == "person" and "is 36, so is not a child" in str(refused.value)


def test_a_stale_edit_is_refused_and_writes_nothing(hanas_difference, health_visitor):
    d = hanas_difference
    actions.do_record_stage_outcome(d, acting_user=health_visitor, expected_version=d.version,
                                    **outcome(False))
    before = counts()
    with pytest.raises(StaleEdit):
        actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version)
    assert counts() == before


def test_only_the_raiser_the_stage_lead_or_a_manager_change_it(hanas_difference,
                                                               social_worker, team_manager):
    d = hanas_difference
    with pytest.raises(Refused) as refused:
        actions.do_record_stage_outcome(d, acting_user=social_worker,
                                        expected_version=d.version, **outcome(False))
    assert refused.value.why == Why.FORBIDDEN
    d = actions.do_record_stage_outcome(d, acting_user=team_manager,
                                        expected_version=d.version, **outcome(False))
    assert d.current_stage.outcome_by == team_manager


def test_a_stage_that_resolved_it_is_not_escalated_and_one_that_did_not_is_not_resolved(
        hanas_difference, health_visitor, social_worker):
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=hanas_difference.version,
                                        **outcome(True))
    with pytest.raises(Refused) as refused:
        actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version)
    assert refused.value.field == "outcome" and "record what was agreed" in str(refused.value)
    d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version, **outcome(False))
    with pytest.raises(Refused) as refused:
        actions.do_resolve_difference(d, acting_user=health_visitor,
                                      expected_version=d.version, agreed="x",
                                      teller=social_worker)
    assert refused.value.why == Why.STATE and refused.value.field == "outcome"


def test_the_next_stages_lead_and_the_teller_must_see_the_difference(
        hanas_difference, health_visitor, outsider):
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=hanas_difference.version,
                                        **outcome(False))
    with pytest.raises(Refused) as refused:
        actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version, owner=outsider)
    assert refused.value.field == "owner" and "Olly Outsider cannot see" in str(refused.value)
    d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version, **outcome(True))
    with pytest.raises(Refused) as refused:
        actions.do_resolve_difference(d, acting_user=health_visitor,
                                      expected_version=d.version, agreed="Agreed",
                                      teller=outsider)
    assert refused.value.field == "teller"


def test_r_pd_1_stage_5_is_the_partnerships_resolution_meeting_and_the_last(
        hanas_difference, health_visitor, time_machine):
    d = hanas_difference
    for _ in range(4):
        d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                            expected_version=d.version, **outcome(False))
        d = actions.do_escalate_difference(d, acting_user=health_visitor,
                                           expected_version=d.version)
    assert d.current_stage.number == 5
    with pytest.raises(Refused) as refused:
        actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version, **outcome(True))
    assert refused.value.problems == {"chaired_by": "Enter who chaired the safeguarding "
                                                    "partnership's resolution meeting"}
    d = actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version,
                                        **outcome(True, chaired_by="Ms Grey, scrutineer"))
    with pytest.raises(Refused) as refused:
        actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version)
    assert "last stage" in str(refused.value)
    time_machine.move_to(timezone.now() + timedelta(days=7), tick=False)
    d = actions.do_resolve_difference(d, acting_user=health_visitor,
                                      expected_version=d.version, agreed="The plan continues",
                                      teller=health_visitor)
    # Raised Tuesday 17 November, resolved Tuesday 24: five working days.
    assert (d.status, d.working_days_to_resolve) == ("resolved", 5)
    assert d.current_stage.chaired_by == "Ms Grey, scrutineer"


def test_when_the_allocated_worker_is_the_one_to_tell_they_are_told_now(
        hanas_difference, health_visitor, social_worker):
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=hanas_difference.version,
                                        **outcome(True))
    d = actions.do_resolve_difference(d, acting_user=health_visitor, expected_version=d.version,
                                      agreed="Agreed", teller=social_worker)
    assert d.worker_told_on == timezone.localdate() and not d.awaiting_worker
    with pytest.raises(Refused) as refused:
        actions.do_record_worker_told(d, acting_user=social_worker, expected_version=d.version,
                                      told_on=timezone.localdate())
    assert refused.value.why == Why.STATE


def test_a_resolved_difference_cannot_be_changed(hanas_difference, health_visitor,
                                                 team_manager):
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=hanas_difference.version,
                                        **outcome(True))
    d = actions.do_resolve_difference(d, acting_user=health_visitor, expected_version=d.version,
                                      agreed="Agreed", teller=team_manager)
    with pytest.raises(Refused) as refused:
        actions.do_record_stage_outcome(d, acting_user=health_visitor,
                                        expected_version=d.version, **outcome(True))
    assert refused.value.why == Why.STATE
    # Only Tina (to tell), Sam (to be told) or a manager records that Sam was told.
    with pytest.raises(Refused) as refused:
        actions.do_record_worker_told(d, acting_user=health_visitor,
                                      expected_version=d.version,
                                      told_on=timezone.localdate())
    assert refused.value.why == Why.FORBIDDEN


def test_r_chr_1_rebuilding_the_chronology_gives_the_same_events(hanas_difference,
                                                                 health_visitor):
    from hearth.chronology.actions import rebuild

    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=1, **outcome(False))
    actions.do_escalate_difference(d, acting_user=health_visitor, expected_version=d.version)

    def events():
        return sorted(Event.objects.filter(origin="difference").values_list(
            "occurred_at", "kind", "summary", "source_agency", "recorded_by_id"))

    before = events()
    assert len(before) == 2
    rebuild()
    assert events() == before

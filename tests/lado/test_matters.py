"""A LADO matter from notification to closing, through the actions (R-LADO-1..4): every
refusal names the field and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hearth.access.models import AuditEntry, Notification
from hearth.core.refusals import StaleEdit, Why
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.lado.actions import children as child_actions
from hearth.lado.actions import matters as actions
from hearth.lado.actions import notifications
from hearth.lado.actions.meetings import do_record_meeting
from hearth.lado.codes import MatterStatus
from hearth.lado.models import Matter, MatterChild, Meeting
from hearth.lado.rules.children import ChildLine
from hearth.lado.rules.meetings import ActionLine, Attendee
from tests.lado.conftest import NOW, SCHOOL, TODAY, at, notification, refused

pytestmark = pytest.mark.django_db


def test_r_lado_2_lara_records_a_school_s_call_with_both_clocks(record, lado_officer):
    matter = record()
    assert matter.reference == f"L{matter.pk:05d}"
    assert matter.status == MatterStatus.NEW and matter.origin == "consultation"
    assert matter.notification_due == at(2026, 11, 17, 15, 30)
    assert not matter.late_notification
    assert matter.response_due == at(2026, 11, 18, 9, 0)  # 24 working hours after 09:00
    assert matter.lado_officer == lado_officer
    assert [c.name for c in matter.children.all()] == ["Jack Fletcher"]
    row = AuditEntry.objects.get(action="lado.notified")
    assert row.object_type == "lado.matter" and row.fields["sector"] == "education"


def test_r_lado_2_a_notification_more_than_24_hours_after_the_concern_is_flagged_late(record):
    matter = record(concern_shared_at=at(2026, 11, 13, 16, 0), incident_on=date(2026, 11, 13))
    assert matter.late_notification
    assert matter.notification_due == at(2026, 11, 14, 16, 0)


def test_the_front_door_notifies_with_jacks_record_and_the_lado_is_told(
        jacks_matter, fletchers, lado_officer):
    assert jacks_matter.origin == "notification" and jacks_matter.lado_officer is None
    child = jacks_matter.children.get()
    assert child.person == fletchers["jack"] and child.name == "Jack Fletcher"
    note = Notification.objects.get(user=lado_officer)
    assert note.subject == f"New LADO notification {jacks_matter.reference}"
    assert "Jack" not in note.subject + note.body and note.people == []


@pytest.mark.parametrize(("changes", "field"), [
    ({"sector": "banking"}, "sector"),
    ({"allegation": ""}, "allegation"),
    ({"notifier_contact": ""}, "notifier_contact"),
    ({"notified_at": NOW + timedelta(hours=1)}, "notified_at"),
    ({"concern_shared_at": at(2026, 11, 15, 9, 0)}, "concern_shared_at"),
])
def test_bad_notifications_are_refused_naming_the_field_and_nothing_is_written(
        record, changes, field):
    with refused() as caught:
        record(**changes)
    assert field in caught.value.problems
    assert not Matter.objects.exists() and not MatterChild.objects.exists()
    assert not AuditEntry.objects.filter(action="lado.notified").exists()


def test_r_lado_3_a_notification_names_a_child_and_only_records_the_notifier_can_see(
        record, police_partner, fletchers):
    with refused() as caught:
        record(children=[])
    assert list(caught.value.problems) == ["children"]
    with refused() as caught:
        record(by=police_partner, origin="notification",
               children=[ChildLine(person_id=fletchers["jack"].pk)])
    assert list(caught.value.problems) == ["children.0.person_id"]
    assert not Matter.objects.exists()


def test_r_lado_1_criteria_met_open_the_allegation(record, lado_officer):
    matter = record()
    matter = actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                        criteria=["harm", "offence"])
    assert matter.status == MatterStatus.OPEN and matter.harm and matter.offence
    assert not matter.risk and matter.version == 2 and matter.closed_at is None


def test_r_lado_1_no_criterion_met_is_a_low_level_concern_closed_with_the_advice(
        record, lado_officer):
    matter = record()
    with refused() as caught:
        actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                   criteria=[])
    assert list(caught.value.problems) == ["advice"]
    matter.refresh_from_db()
    assert matter.status == MatterStatus.NEW and matter.version == 1
    matter = actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                        criteria=[], advice="The head will remind staff of "
                                                             "the behaviour policy.")
    assert matter.status == MatterStatus.LOW_LEVEL and matter.closed_at == NOW
    assert matter.responded_at == NOW and matter.response.startswith("The head")
    with refused(Why.STATE):
        actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=2,
                                   criteria=["harm"])


def test_r_lado_2_the_lado_responds_once_not_before_being_told(record, lado_officer):
    matter = record()
    with refused() as caught:
        actions.do_respond(matter, acting_user=lado_officer, expected_version=1,
                           responded_at=at(2026, 11, 17, 8, 0), response="Advice")
    assert list(caught.value.problems) == ["responded_at"]
    matter = actions.do_respond(matter, acting_user=lado_officer, expected_version=1,
                                responded_at=NOW, response="Mr Benson to work away from "
                                                           "pupils while we hold a meeting.")
    assert matter.responded_at == NOW
    with refused(Why.STATE):
        actions.do_respond(matter, acting_user=lado_officer, expected_version=2,
                           responded_at=NOW, response="Again")


def test_a_stale_change_is_refused_and_nothing_is_written(record, lado_officer):
    matter = record()
    actions.do_respond(matter, acting_user=lado_officer, expected_version=1, responded_at=NOW,
                       response="Advice")
    with pytest.raises(StaleEdit):
        actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                   criteria=["harm"])
    matter.refresh_from_db()
    assert matter.criteria_decided_at is None and matter.version == 2


def test_only_the_lado_records_a_matter(record, lado_manager):
    matter = record()
    with refused(Why.FORBIDDEN):
        actions.do_record_criteria(matter, acting_user=lado_manager, expected_version=1,
                                   criteria=["harm"])


def test_r_lado_4_the_outcome_needs_the_criteria_and_a_date_after_the_notification(
        record, lado_officer):
    matter = record()
    with refused(Why.STATE):
        actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=1,
                                  outcome="false", outcome_on=TODAY)
    matter = actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                        criteria=["harm"])
    with refused() as caught:
        actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=2,
                                  outcome="false", outcome_on=date(2026, 11, 16))
    assert list(caught.value.problems) == ["outcome_on"]
    with refused() as caught:
        actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=2,
                                  outcome="proven", outcome_on=TODAY)
    assert list(caught.value.problems) == ["outcome"]
    matter.refresh_from_db()
    assert matter.outcome == "" and matter.version == 2
    matter = actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=2,
                                       outcome="unsubstantiated", outcome_on=TODAY)
    assert matter.outcome == "unsubstantiated"


def test_r_lado_4_a_matter_is_closed_only_with_an_outcome(record, lado_officer):
    matter = record()
    with refused(Why.STATE):
        actions.do_close(matter, acting_user=lado_officer, expected_version=1)
    matter = actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                        criteria=["unsuitable"])
    with refused() as caught:
        actions.do_close(matter, acting_user=lado_officer, expected_version=2)
    assert list(caught.value.problems) == ["outcome"]
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN and matter.closed_at is None
    actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=2,
                              outcome="substantiated", outcome_on=TODAY)
    matter = actions.do_close(matter, acting_user=lado_officer, expected_version=3)
    assert matter.status == MatterStatus.CLOSED and matter.closed_by == lado_officer
    with refused(Why.STATE):
        actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=4,
                                  outcome="false", outcome_on=TODAY)


def test_r_lado_4_a_dismissed_person_is_referred_to_the_dbs_before_the_matter_closes(
        record, lado_officer):
    matter = record()
    v = actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                                   criteria=["harm"]).version
    v = actions.do_record_employer_actions(
        matter, acting_user=lado_officer, expected_version=v, suspension_considered=True,
        suspension="suspended", investigation="complete", disciplinary="dismissed",
        police="nfa", social_care="informed", employer_notes="Dismissed at a hearing.").version
    v = actions.do_record_outcome(matter, acting_user=lado_officer, expected_version=v,
                                  outcome="substantiated", outcome_on=TODAY).version
    with refused() as caught:
        actions.do_close(matter, acting_user=lado_officer, expected_version=v)
    assert list(caught.value.problems) == ["dbs_referred_on"]
    with refused() as caught:
        actions.do_record_referrals(matter, acting_user=lado_officer, expected_version=v,
                                    dbs_referred_on=date(2026, 11, 1),
                                    regulator_referred_on=TODAY)
    assert set(caught.value.problems) == {"dbs_referred_on", "regulator"}
    v = actions.do_record_referrals(matter, acting_user=lado_officer, expected_version=v,
                                    dbs_referred_on=TODAY,
                                    regulator="Teaching Regulation Agency",
                                    regulator_referred_on=TODAY).version
    assert actions.do_close(matter, acting_user=lado_officer,
                            expected_version=v).status == MatterStatus.CLOSED


def test_r_lado_4_the_employer_s_suspension_decision_goes_with_considering_it(
        record, lado_officer):
    matter = record()
    with refused() as caught:
        actions.do_record_employer_actions(matter, acting_user=lado_officer,
                                           expected_version=1, suspension_considered=False,
                                           suspension="suspended", police="arrested")
    assert set(caught.value.problems) == {"suspension", "police"}


def test_the_lado_opens_a_matter_from_a_contact_once_with_its_children(
        front_door, fletchers, lado_officer):
    call = {"received_at": at(2026, 11, 17, 10, 0), "channel": "phone",
            "caller_kind": "professional", "caller_name": "Amira Shah",
            "caller_agency": "Northam Primary School", "caller_contact": "023 8000 0000",
            "referral_source": "2A", "worries": "Jack says his teacher grabbed him.",
            "urgency": "today", "family_aware": True, "family_told_sharing": True}
    contact = frontdoor.do_record_contact(acting_user=front_door,
                                          people=[(fletchers["jack"], "child")], **call)
    with refused(Why.STATE):
        notifications.do_open_from_contact(
            contact, acting_user=lado_officer,
            notification=notification(notified_at=contact.received_at))
    frontdoor.do_decide(contact, acting_user=front_door, outcome="lado", rationale="A teacher")
    matter = notifications.do_open_from_contact(
        contact, acting_user=lado_officer,
        notification=notification(notified_at=contact.received_at),
        children=[ChildLine("Ella", "Price")])
    assert matter.contact == contact and contact.lado_matter == matter
    assert matter.origin == "contact"
    assert [(c.name, c.person_id) for c in matter.children.order_by("pk")] == [
        ("Jack Fletcher", fletchers["jack"].pk), ("Ella Price", None)]
    with refused(Why.STATE):
        notifications.do_open_from_contact(
            contact, acting_user=lado_officer,
            notification=notification(notified_at=contact.received_at))


def test_r_lado_3_a_named_child_is_linked_only_to_a_record_matching_their_name_and_birth(
        record, lado_officer, fletchers):
    matter = record(children=[ChildLine("Jack", "Fletcher", date(2016, 9, 14)),
                              ChildLine("Amy", "Fletcher", None)])
    jack_row, amy_row = matter.children.order_by("pk")
    from hearth.lado.queries.children import known_children

    assert known_children("Jack", "Fletcher", date(2016, 9, 14)) == [fletchers["jack"]]
    assert known_children("Amy", "Fletcher", None) == []
    with refused() as caught:
        child_actions.do_link_child(jack_row, fletchers["amy"], acting_user=lado_officer,
                                    expected_version=1)
    assert list(caught.value.problems) == ["person"]
    row = child_actions.do_link_child(jack_row, fletchers["jack"], acting_user=lado_officer,
                                      expected_version=1)
    assert row.person == fletchers["jack"]
    with refused(Why.STATE):
        child_actions.do_link_child(row, fletchers["jack"], acting_user=lado_officer,
                                    expected_version=2)
    added = child_actions.do_add_child(matter, acting_user=lado_officer, expected_version=2,
                                       child=ChildLine("Ella", "Price", None))
    assert added.person is None and matter.children.count() == 3


def test_r_lado_4_an_allegation_management_meeting(record, lado_officer):
    matter = record()
    lines = {"held_on": TODAY, "information_shared": "The school's log; police checks.",
             "attendees": [Attendee("Lara Officer", "LADO"), Attendee("Amira Shah", "School"),
                           Attendee("DC Rao", "Police")],
             "actions": [ActionLine("Speak to Jack's parents", "Amira Shah",
                                    TODAY + timedelta(days=2))],
             "next_meeting_on": TODAY + timedelta(days=14)}
    with refused(Why.STATE):
        do_record_meeting(matter, acting_user=lado_officer, expected_version=1, **lines)
    actions.do_record_criteria(matter, acting_user=lado_officer, expected_version=1,
                               criteria=["harm"])
    with refused() as caught:
        do_record_meeting(matter, acting_user=lado_officer, expected_version=2,
                          **{**lines, "actions": [ActionLine("Ring", "", None)]})
    assert set(caught.value.problems) == {"actions.0.owner", "actions.0.due_on"}
    assert not Meeting.objects.exists()
    meeting = do_record_meeting(matter, acting_user=lado_officer, expected_version=2, **lines)
    assert [a.agency for a in meeting.attendees.all()] == ["LADO", "Police", "School"]
    assert meeting.actions.get().owner == "Amira Shah"


def test_the_notification_keeps_what_was_said(record):
    matter = record()
    for field in ("notifier_name", "notifier_organisation", "dsl_name", "subject_employer",
                  "subject_role", "sector", "setting", "allegation"):
        assert getattr(matter, field) == getattr(SCHOOL, field)

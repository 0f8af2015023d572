"""Jack's core group (R-CP-2, R-CP-3): each agency's role and tasks, agreed, visible to every
agency in the core group and printable for the family. Pat, the police partner, reads it once
the police are members (and not before, nor after they leave); Olly never does. Core group
meetings are recorded within the plan, the first due within 10 working days."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.people.models import AgencyShare
from hearth.protection.actions import conferences as actions
from hearth.protection.models import CoreGroupMeeting, CoreGroupMember

pytestmark = pytest.mark.django_db

TASKS = "Tell Sam the same day if Jack is absent or has an injury."


def add_police(plan, user, police):
    return actions.do_add_core_group_member(
        plan, acting_user=user, name="DC Pat Officer", agency="", partner_agency=police,
        role="Police officer", tasks="Share the outcome of the investigation with Sam.")


def test_r_cp_3_pat_reads_the_core_group_once_the_police_are_members(
        fletchers, social_worker, police_partner, police, outsider, plan_for, as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack)
    actions.do_add_core_group_member(plan, acting_user=social_worker, name="Ms Amira Shah",
                                     agency="Northam Primary School", role="Class teacher",
                                     tasks=TASKS)
    url = f"/cp-plans/{plan.pk}/core-group"
    pat = as_user(police_partner)
    assert pat.get(url).status_code == 404
    # Sharing Jack with the police for another reason does not open the core group.
    share = AgencyShare.objects.create(person=jack, agency=police, reason="MASH request")
    assert pat.get(url).status_code == 404
    share.delete()

    member = add_police(plan, social_worker, police)
    assert member.agency == "Hampshire Police" and member.partner_agency == police
    assert AgencyShare.objects.get(person=jack, agency=police).reason == (
        f"Core group of child protection plan {plan.pk} (R-CP-3)")
    page = pat.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("Jack Fletcher's core group", "Ms Amira Shah, Northam Primary School",
                 "Class teacher", "Tell Sam the same day", "DC Pat Officer, Hampshire Police",
                 "Share the outcome of the investigation", "Download the core group for the "
                 "family (PDF)", "Print this page"):
        assert text in html, text
    assert f"/cp-plans/{plan.pk}\"" not in html  # no link to the plan Pat may not read
    assert pat.get(f"/cp-plans/{plan.pk}").status_code == 403
    assert AuditEntry.objects.filter(action="view_core_group", user_id_snapshot=police_partner.pk,
                                     object_id=str(jack.pk)).exists()
    assert as_user(outsider).get(url).status_code == 404

    # When the police leave the core group, Pat no longer sees it (nor Jack).
    actions.do_update_core_group_member(member, acting_user=social_worker, expected_version=1,
                                        left_on=date(2026, 11, 17))
    assert pat.get(url).status_code == 404
    assert pat.get(f"/people/{jack.pk}").status_code == 404


def test_the_core_group_is_printable_for_the_family_as_a_pdf(fletchers, social_worker,
                                                             police_partner, police, plan_for,
                                                             as_user):
    plan = plan_for(fletchers["jack"])
    add_police(plan, social_worker, police)
    response = as_user(police_partner).get(f"/cp-plans/{plan.pk}/core-group.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="core-group-{plan.pk}.pdf"' in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="download_core_group_pdf").exists()


def test_sam_adds_members_through_the_page(fletchers, social_worker, police, plan_for,
                                          as_user):
    plan = plan_for(fletchers["jack"])
    client = as_user(social_worker)
    page = client.get(f"/cp-plans/{plan.pk}/core-group/new").content.decode()
    assert "Kerry Fletcher (Mother)" in page and "Hampshire Police" in page
    empty = client.post(f"/cp-plans/{plan.pk}/core-group/new", {"role": "", "tasks": ""})
    html = empty.content.decode()
    assert empty.status_code == 400
    assert 'href="#id_name">Enter the core group member&#x27;s name' in html
    assert 'href="#id_tasks">Enter the tasks they agreed to, in plain language' in html
    response = client.post(f"/cp-plans/{plan.pk}/core-group/new", {
        "person": str(fletchers["mum"].pk), "role": "Mother",
        "tasks": "Keep Dean away from the home. Take Jack to his health appointments."})
    assert response.status_code == 302
    kerry = CoreGroupMember.objects.get()
    assert (kerry.name, kerry.agency, kerry.person) == ("Kerry Fletcher", "Family",
                                                        fletchers["mum"])
    client.post(f"/cp-plans/{plan.pk}/core-group/new", {
        "name": "DC Pat Officer", "partner_agency": str(police.pk), "role": "Police",
        "tasks": "Share the investigation's outcome."})
    assert CoreGroupMember.objects.get(partner_agency=police).agency == "Hampshire Police"
    page = client.get(f"/cp-plans/{plan.pk}").content.decode()
    assert "Keep Dean away from the home." in page and "DC Pat Officer, Hampshire Police" in page


def test_a_members_role_and_tasks_change_with_no_lost_updates(fletchers, social_worker,
                                                              team_manager, plan_for, as_user):
    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 16))
    member = actions.do_add_core_group_member(
        plan, acting_user=social_worker, name="Ms Amira Shah", agency="School",
        role="Class teacher", tasks=TASKS)
    url = f"/core-group-members/{member.pk}"
    client = as_user(social_worker)
    assert "Class teacher" in client.get(url).content.decode()
    actions.do_update_core_group_member(member, acting_user=team_manager, expected_version=1,
                                        tasks="Report absences to Tina.")
    stale = client.post(url, {"version": "1", "role": "Designated safeguarding lead",
                              "tasks": TASKS})
    assert stale.status_code == 409
    assert "Someone else changed this core group member" in stale.content.decode()
    member.refresh_from_db()
    assert (member.role, member.tasks, member.version) == ("Class teacher",
                                                           "Report absences to Tina.", 2)
    early = client.post(url, {"version": "2", "role": "Class teacher", "tasks": TASKS,
                              "left_on": "13/11/2026"})
    assert early.status_code == 400
    assert "cannot be before the plan started on 16 November 2026" in early.content.decode()
    done = client.post(url, {"version": "2", "role": "Designated safeguarding lead",
                             "tasks": TASKS, "left_on": ""})
    assert done.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.version) == ("Designated safeguarding lead", 3)
    assert AuditEntry.objects.filter(action="protection.core_group_member_change").count() == 2


def test_r_cp_2_sam_records_the_first_core_group_meeting(fletchers, social_worker, plan_for,
                                                        as_user):
    jack = fletchers["jack"]
    plan = plan_for(jack, icpc_on=date(2026, 11, 16))
    url = f"/cp-plans/{plan.pk}/core-group/meetings/new"
    client = as_user(social_worker)
    assert "due by 30 November 2026" in client.get(url).content.decode()
    early = client.post(url, {"held_on": "13/11/2026", "attendees": "Sam", "progress": "None"})
    assert early.status_code == 400
    assert "The meeting cannot be before the plan started on 16 November 2026" in (
        early.content.decode())
    response = client.post(url, {"held_on": "17/11/2026", "attendees": "Sam, Ms Shah, Kerry",
                                 "progress": "Jack has attended school every day.",
                                 "actions": "Health visitor to see Jack.",
                                 "next_meeting_on": "8/12/2026"})
    assert response.status_code == 302
    meeting = CoreGroupMeeting.objects.get()
    assert meeting.next_meeting_on == date(2026, 12, 8) and meeting.recorded_by == social_worker
    event = Event.objects.get(person=jack, kind=Kind.CORE_GROUP)
    assert "Jack has attended school every day." in event.summary
    core_group = client.get(f"/cp-plans/{plan.pk}/core-group").content.decode()
    assert "8 December 2026" in core_group


def test_an_ended_plans_core_group_is_closed_and_its_partners_lose_sight(
        fletchers, social_worker, police_partner, police, plan_for, as_user):
    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 16))
    add_police(plan, social_worker, police)
    actions.do_end_plan(plan, acting_user=social_worker, expected_version=1,
                        end_on=date(2026, 11, 17), reason="no_longer_at_risk")
    with pytest.raises(Refused) as refused:
        add_police(plan, social_worker, police)
    assert "has ended" in str(refused.value)
    assert as_user(police_partner).get(f"/cp-plans/{plan.pk}/core-group").status_code == 404


def test_the_core_group_pdf_says_how_to_get_in_touch_with_the_council(
        fletchers, social_worker, police_partner, police, plan_for, as_user, settings,
        monkeypatch):
    """Issue 15: the council's name, address, phone and e-mail (settings) are on the family's
    core group PDF."""
    import weasyprint

    settings.HEARTH_COUNCIL_NAME = "Westmoor Borough Council"
    settings.HEARTH_COUNCIL_PHONE = "01632 960123"
    settings.HEARTH_COUNCIL_EMAIL = "front.door@westmoor.example.org"
    printed = []
    real = weasyprint.HTML

    def keep(*, string):
        printed.append(string)
        return real(string=string)

    monkeypatch.setattr(weasyprint, "HTML", keep)
    plan = plan_for(fletchers["jack"])
    add_police(plan, social_worker, police)
    response = as_user(police_partner).get(f"/cp-plans/{plan.pk}/core-group.pdf")
    assert response.status_code == 200
    assert "How to contact us" in printed[0]
    for detail in ("Westmoor Borough Council", settings.HEARTH_COUNCIL_ADDRESS,
                   "01632 960123", "front.door@westmoor.example.org"):
        assert detail in printed[0].replace("&#x27;", "'")

"""R-CP-4: a parent may be excluded from all or part of a conference, with the reason recorded.
Chris excludes Kerry from the police update at Jack's initial conference; the exclusion, the
part and the reason are on the conference page and in Jack's chronology. An exclusion without
its reason is refused and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import FamilyParticipation, S47Outcome
from hearth.protection.models import Conference, ConferenceFamilyMember, CPPlan

pytestmark = pytest.mark.django_db

REASON = "Sharing the police update could prejudice the criminal investigation."


@pytest.fixture
def icpc(fletchers, social_worker, chair, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    enquiry.outcome = S47Outcome.SUBSTANTIATED_ICPC
    enquiry.save()
    return actions.do_arrange_conference(
        fletchers["jack"], acting_user=social_worker, kind="icpc", held_on=date(2026, 11, 17),
        chair=chair, enquiry=enquiry,
        invitees=[{"name": "DC Pat Officer", "agency": "Hampshire Police"}])


def _form(icpc, fletchers, **family) -> dict:
    invitee = icpc.invitees.get()
    return {"version": str(icpc.version), "held_on": "17/11/2026",
            f"attendance_{invitee.pk}": "attended", "family-count": "2",
            "family-0-person": str(fletchers["mum"].pk), "family-0-relationship": "Mother",
            "family-1-person": "", "family-1-name": "Dean Hughes",
            "family-1-relationship": "Mother's partner",
            "family-1-participation": "did_not_attend",
            "decision": "plan", "category": "PHY", "lead_social_worker": "",
            "minutes": "The police update was shared without Kerry present.",
            "outline_plan": "Dean not to have unsupervised contact with Jack.",
            **{f"family-0-{k}": v for k, v in family.items()}}


def test_r_cp_4_chris_excludes_kerry_from_part_with_the_reason(icpc, fletchers, social_worker,
                                                              chair, as_user):
    jack = fletchers["jack"]
    form = _form(icpc, fletchers, participation="excluded_part",
                 excluded_from="The police update on the investigation", exclusion_reason=REASON)
    form["lead_social_worker"] = str(social_worker.pk)
    response = as_user(chair).post(f"/conferences/{icpc.pk}/outcome", form)
    assert response.status_code == 302, response.content.decode()
    kerry, dean = ConferenceFamilyMember.objects.order_by("pk")
    assert (kerry.person, kerry.name, kerry.participation) == (
        fletchers["mum"], "Kerry Fletcher", FamilyParticipation.EXCLUDED_PART)
    assert kerry.excluded_from == "The police update on the investigation"
    assert kerry.exclusion_reason == REASON and kerry.excluded_by == chair
    assert (dean.person, dean.name, dean.excluded_by) == (None, "Dean Hughes", None)

    page = as_user(social_worker).get(f"/conferences/{icpc.pk}").content.decode()
    assert "Excluded from part of the conference" in page
    assert "Excluded from: The police update on the investigation" in page
    assert "Reason: Sharing the police update could prejudice" in page
    assert "Recorded by Chris Chair" in page
    event = Event.objects.get(person=jack, kind=Kind.CONFERENCE)
    assert "Excluded from the conference (all or part): Kerry Fletcher." in event.summary
    audit = AuditEntry.objects.get(action="protection.conference_outcome")
    assert audit.fields["excluded"] == ["Kerry Fletcher"]


def test_r_cp_4_an_exclusion_without_its_reason_is_refused(icpc, fletchers, chair, as_user):
    before = (AuditEntry.objects.count(), Event.objects.count())
    response = as_user(chair).post(f"/conferences/{icpc.pk}/outcome",
                                   _form(icpc, fletchers, participation="excluded_all",
                                         exclusion_reason="  "))
    html = response.content.decode()
    assert response.status_code == 400
    assert ('href="#id_family-0-exclusion_reason">Enter why Kerry Fletcher was excluded: the '
            'reason must always be recorded') in html
    assert ConferenceFamilyMember.objects.count() == 0 and CPPlan.objects.count() == 0
    assert not Conference.objects.get().held
    assert (AuditEntry.objects.count(), Event.objects.count()) == before


def test_r_cp_4_a_part_exclusion_says_which_part(icpc, fletchers, chair, social_worker):
    with pytest.raises(Refused) as refused:
        actions.do_record_conference_outcome(
            icpc, acting_user=chair, expected_version=icpc.version,
            attendance={icpc.invitees.get().pk: {"attendance": "attended"}},
            family=[{"person": fletchers["mum"], "participation": "excluded_part",
                     "exclusion_reason": REASON}],
            decision="no_plan", minutes="Minutes")
    assert refused.value.problems == {
        "family-0-excluded_from": "Enter which part of the conference Kerry Fletcher was "
                                  "excluded from"}
    assert ConferenceFamilyMember.objects.count() == 0


def test_r_cp_4_the_reason_is_dropped_for_someone_who_was_not_excluded(icpc, fletchers, chair):
    done = actions.do_record_conference_outcome(
        icpc, acting_user=chair, expected_version=icpc.version,
        attendance={icpc.invitees.get().pk: {"attendance": "attended"}},
        family=[{"person": fletchers["mum"], "participation": "attended",
                 "exclusion_reason": "typed by mistake"}],
        decision="no_plan", minutes="No plan: support through a child in need plan.")
    kerry = done.family.get()
    assert kerry.exclusion_reason == "" and kerry.excluded_by is None

"""The referral date of an involvement opened from the front door is the day the contact was
received (the CIN census definition, R-FD-5), so the 45-working-day assessment clock counts the
days spent deciding and in the MASH."""

from __future__ import annotations

from datetime import date

import pytest

from hearth import calendar
from hearth.assessments.actions import do_start_assessment
from hearth.casework.models import Involvement
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from tests.frontdoor.conftest import at

pytestmark = pytest.mark.django_db


def test_the_referral_date_is_the_day_the_contact_was_received_CIN_census_R_FD_5(
        time_machine, front_door, crs_manager, social_worker, fletchers, call, police, south):
    # Friday 20 November 2026, 16:40: a teacher calls about Amy; Fran asks the MASH.
    time_machine.move_to(at(2026, 11, 20, 16, 50), tick=False)
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["amy"], "child"),
                                        (fletchers["mum"], "adult")],
        **{**call, "received_at": at(2026, 11, 20, 16, 40), "worries": "Amy is frightened"})
    actions.do_decide(contact, acting_user=front_door, outcome="mash", rationale="Police",
                      mash={"scope": "targeted", "rag": "green", "agencies": [police]})
    contact.refresh_from_db()
    mash.do_record_consent(contact.mash, fletchers["mum"], acting_user=front_door,
                           status="given")
    mash.do_start_gathering(contact.mash, acting_user=front_door)
    # Wednesday: the analysis, signed off, a referral proposed; Thursday 26th it is authorised.
    time_machine.move_to(at(2026, 11, 25, 15, 0), tick=False)
    mash.do_record_analysis(contact.mash, acting_user=front_door, analysis="Two call-outs.")
    mash.do_sign_off_analysis(contact.mash, acting_user=crs_manager)  # R-MASH-5
    decision = actions.do_decide(contact, acting_user=front_door, outcome="referral",
                                 rationale="Needs an assessment", team=south)
    time_machine.move_to(at(2026, 11, 26, 9, 30), tick=False)
    actions.do_authorise(decision, acting_user=crs_manager)

    referral = Involvement.objects.get(person=fletchers["amy"], team=south)
    assert referral.referral_date == date(2026, 11, 20)  # received, not authorised (26th)
    assert referral.opened_on == date(2026, 11, 26)
    assessment = do_start_assessment(referral, acting_user=social_worker)
    assert assessment.referral_date == date(2026, 11, 20)
    assert assessment.due == calendar.assessment_due(date(2026, 11, 20))


def test_a_contact_received_late_at_night_is_referred_on_its_london_date_CIN_census_R_FD_5(
        time_machine, edt_worker, crs_manager, fletchers, call, south):
    # 23:30 on Sunday 29 March 2026 in London is 22:30 UTC: the London date counts.
    time_machine.move_to(at(2026, 3, 29, 23, 45), tick=False)
    contact = actions.do_record_contact(
        acting_user=edt_worker, people=[(fletchers["amy"], "child")],
        **{**call, "received_at": at(2026, 3, 29, 23, 30)})
    decision = actions.do_decide(contact, acting_user=edt_worker, outcome="referral",
                                 rationale="Needs an assessment", team=south)
    time_machine.move_to(at(2026, 3, 30, 10, 0), tick=False)
    actions.do_authorise(decision, acting_user=crs_manager)
    referral = Involvement.objects.get(person=fletchers["amy"], team=south)
    assert referral.referral_date == date(2026, 3, 29)

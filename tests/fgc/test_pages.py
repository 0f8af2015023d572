"""The FGC pages: Sam refers Jack and Amy from Jack's record; Cora takes the referral from the
FGC queue (/fgc) and records the preparation, the conference and the plan; Sam agrees it; the
plan prints for the family; Cora reviews it. Bad input is 400 naming the field, a stale edit
409 keeping the input; Olly gets 404, another coordinator 403."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.fgc.models import FGC, FGCChild
from tests.fgc.conftest import arranged, held, in_days, planned

pytestmark = pytest.mark.django_db


def day(d) -> str:
    return d.strftime("%d/%m/%Y")


def referral_form(fletchers, **overrides) -> dict:
    data = {"children": [str(fletchers["jack"].pk), str(fletchers["amy"].pk)],
            "reason": "school_attendance", "background": "Jack misses Mondays at school.",
            "question_1": "How can the family help Jack get to school?",
            "question_2": "Who can help Kerry when she is unwell?",
            "explained_on": day(in_days(-1)), "process_explained": "on", "family_agreed": "on"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_sam_refers_jack_and_amy_from_jacks_record_r_fgc_1(as_user, social_worker, fletchers):
    sam = as_user(social_worker)
    jack = fletchers["jack"]
    person = sam.get(f"/people/{jack.pk}")
    assert f'href="/people/{jack.pk}/fgc/new"'.encode() in person.content
    form = sam.get(f"/people/{jack.pk}/fgc/new")
    assert form.status_code == 200
    html = form.content.decode()
    assert "Amy Fletcher" in html and "Kerry Fletcher" not in html  # children only
    assert "Improving school attendance" in html and "Question 6" in html
    made = sam.post(f"/people/{jack.pk}/fgc/new", referral_form(fletchers))
    fgc = FGC.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/fgc/{fgc.pk}"
    assert set(FGCChild.objects.values_list("person_id", flat=True)) == {jack.pk,
                                                                         fletchers["amy"].pk}
    page = sam.get(f"/fgc/{fgc.pk}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Waiting in the FGC queue" not in text and "Not allocated: waiting in the FGC queue" \
        in text
    assert "Who can help Kerry when she is unwell?" in text
    assert AuditEntry.objects.filter(action="view_fgc", object_id=str(jack.pk)).exists()
    chronology = sam.get(f"/people/{jack.pk}/chronology").content.decode()
    assert "Referred for a Family Group Conference by Sam Worker" in chronology
    assert f'href="/fgc/{fgc.pk}"' in chronology


@pytest.mark.parametrize(("overrides", "message"), [
    ({"question_1": "", "question_2": ""}, "Write at least one question for the family"),
    ({"family_agreed": None}, "The family must agree to a Family Group Conference"),
    ({"process_explained": None}, "Explain the Family Group Conference to the family"),
    ({"explained_on": "31/02/2026"}, "must be a real date"),
    ({"reason": "housing"}, "Select why the family is referred, from the list"),
    ({"reason": ""}, "Select why the family is referred, from the list"),
])
def test_a_bad_referral_is_400_naming_the_field_and_writes_nothing_r_fgc_2(
        as_user, social_worker, fletchers, overrides, message):
    answer = as_user(social_worker).post(f"/people/{fletchers['jack'].pk}/fgc/new",
                                         referral_form(fletchers, **overrides))
    assert answer.status_code == 400
    assert b"There is a problem" in answer.content and message.encode() in answer.content
    assert not FGC.objects.exists()


def test_the_queue_is_oldest_first_paginated_and_counted(as_user, coordinator, fletchers,
                                                         social_worker,
                                                         django_assert_max_num_queries):
    now = timezone.now()
    made = FGC.objects.bulk_create(
        FGC(referred_by=social_worker, referred_at=now - timedelta(hours=n), reason="safe_contact",
            background="b", questions=["q"], explained_on=timezone.localdate(),
            process_explained=True, family_agreed=True) for n in range(27))
    FGCChild.objects.bulk_create(FGCChild(fgc=f, person=fletchers["jack"]) for f in made)
    cora = as_user(coordinator)
    with django_assert_max_num_queries(20):
        first = cora.get("/fgc")
    html = first.content.decode()
    assert first.status_code == 200 and "27 referrals waiting" in html
    assert html.index(f'href="/fgc/{made[-1].pk}"') < html.index(f'href="/fgc/{made[-2].pk}"')
    assert html.count("Take it") == 25 and f'href="/fgc/{made[0].pk}"' not in html
    second = cora.get("/fgc?page=2").content.decode()
    assert second.count("Take it") == 2 and f'href="/fgc/{made[0].pk}"' in second


def test_cora_takes_it_and_prepares_r_fgc_3(as_user, coordinator, sams_referral, fletchers):
    fgc = sams_referral
    cora = as_user(coordinator)
    taken = cora.post(f"/fgc/{fgc.pk}/take", {"version": fgc.version})
    assert taken.status_code == 302
    home = cora.get("/")
    assert b"Your Family Group Conferences" in home.content
    assert f'href="/fgc/{fgc.pk}"'.encode() in home.content
    visit = cora.post(f"/fgc/{fgc.pk}/visits/new", {"visited_on": day(timezone.localdate()),
                                                   "who_seen": "Jack", "notes": "Talked"})
    assert visit.status_code == 302
    bad_network = cora.post(f"/fgc/{fgc.pk}/network/new", {"name": "Pat Fletcher"})
    assert bad_network.status_code == 400
    assert b"Enter how they are related to the child" in bad_network.content
    network = cora.post(f"/fgc/{fgc.pk}/network/new", {
        "name": "Pat Fletcher", "relationship": "Grandmother", "kind": "family",
        "reached_by": "letter"})
    assert network.status_code == 302
    fgc.refresh_from_db()
    jack, amy = fgc.children.order_by("pk")
    form = {"version": fgc.version, "venue": "Northam Family Hub",
            "conference_at": (in_days(5)).strftime("%d/%m/%Y") + " 10:00",
            f"child_{jack.pk}_attendance": "part",
            f"child_{jack.pk}_attends_for": "The start and the plan",
            f"child_{jack.pk}_supported_by": "Ms Bell",
            f"child_{amy.pk}_attendance": "none"}
    refused = cora.post(f"/fgc/{fgc.pk}/arrangements", form)
    assert refused.status_code == 400
    assert b"Enter Amy&#x27;s wishes and feelings" in refused.content
    saved = cora.post(f"/fgc/{fgc.pk}/arrangements", {
        **form, f"child_{amy.pk}_wishes_and_feelings": "Amy wants to see Nan"})
    assert saved.status_code == 302
    stale = cora.post(f"/fgc/{fgc.pk}/arrangements", {**form, "venue": "The library",
                                                      f"child_{amy.pk}_wishes_and_feelings": "x"})
    assert stale.status_code == 409
    assert b"Someone else changed this Family Group Conference" in stale.content
    assert b"The library" in stale.content  # what Cora typed is kept
    fgc.refresh_from_db()
    assert fgc.venue == "Northam Family Hub" and fgc.status == "preparing"


def test_the_conference_the_plan_and_sams_agreement_r_fgc_1_r_fgc_4(
        as_user, coordinator, social_worker, sams_referral):
    fgc = arranged(sams_referral, coordinator)
    cora = as_user(coordinator)
    stages = {"version": fgc.version, "held_on": day(timezone.localdate()),
              "information_shared": "Sam shared the worries",
              "private_family_time": "", "plan_shared": "The family shared their plan"}
    missing = cora.post(f"/fgc/{fgc.pk}/conference", stages)
    assert missing.status_code == 400 and b"Record the family&#x27;s private time" in (
        missing.content)
    recorded = cora.post(f"/fgc/{fgc.pk}/conference", {**stages,
                                                       "private_family_time": "An hour"})
    assert recorded.status_code == 302 and recorded["Location"] == f"/fgc/{fgc.pk}/plan"
    fgc.refresh_from_db()
    plan = {"version": fgc.version, "review_on": day(in_days(42)),
            "item_1_who": "", "item_1_what": "Take Jack to school on Mondays",
            "item_1_by_when": day(in_days(7))}
    no_owner = cora.post(f"/fgc/{fgc.pk}/plan", plan)
    assert no_owner.status_code == 400
    assert b"Enter who will do item 1: every item needs someone who owns it" in no_owner.content
    bad_date = cora.post(f"/fgc/{fgc.pk}/plan", {**plan, "item_1_who": "Nan",
                                                 "item_1_by_when": "32/13/2026"})
    assert bad_date.status_code == 400 and b"The date for item 1 must be a real date" in (
        bad_date.content)
    saved = cora.post(f"/fgc/{fgc.pk}/plan", {**plan, "item_1_who": "Nan"})
    assert saved.status_code == 302
    fgc.refresh_from_db()
    assert fgc.status == "plan_waiting" and fgc.items.get().who == "Nan"

    sam = as_user(social_worker)
    assert sam.get(f"/fgc/{fgc.pk}/plan").status_code == 403  # Sam does not coordinate
    assert cora.get(f"/fgc/{fgc.pk}/plan/decision").status_code == 403
    page = sam.get(f"/fgc/{fgc.pk}")
    assert b'id="decide"' in page.content
    why_not = sam.post(f"/fgc/{fgc.pk}/plan/decision", {"version": fgc.version, "agreed": "no"})
    assert why_not.status_code == 400 and b"Enter why you cannot agree the plan" in (
        why_not.content)
    agreed = sam.post(f"/fgc/{fgc.pk}/plan/decision", {"version": fgc.version, "agreed": "yes"})
    assert agreed.status_code == 302
    fgc.refresh_from_db()
    assert fgc.status == "plan_agreed"


def test_the_plan_prints_for_the_family_in_plain_language(as_user, coordinator, social_worker,
                                                         sams_referral,
                                                         django_assert_max_num_queries):
    from hearth.fgc.actions.conferences import do_record_plan
    from hearth.fgc.rules.conferences import PlanLine

    fgc = held(arranged(sams_referral, coordinator), coordinator)
    do_record_plan(fgc, acting_user=coordinator, expected_version=fgc.version,
                   lines=[PlanLine("Nan", "Come to the core group and tell them how Monday "
                                          "went", in_days(7))],
                   review_on=in_days(42))
    sam = as_user(social_worker)
    with django_assert_max_num_queries(27):
        printed = sam.get(f"/fgc/{fgc.pk}/plan/print")
    html = printed.content.decode()
    assert printed.status_code == 200 and "Your family plan" in html
    assert "How can the family help Jack get to school every day?" in html
    assert 'Item 1 uses &quot;core group&quot; without explaining it' in html
    assert AuditEntry.objects.filter(action="view_fgc_plan").count() == 2  # Jack and Amy
    pdf = sam.get(f"/fgc/{fgc.pk}/plan.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_no_plan_yet_has_nothing_to_print(as_user, social_worker, sams_referral):
    answer = as_user(social_worker).get(f"/fgc/{sams_referral.pk}/plan/print")
    assert answer.status_code == 302 and answer["Location"] == f"/fgc/{sams_referral.pk}"


def test_the_review_records_progress_on_each_item_r_fgc_4(as_user, coordinator, social_worker,
                                                         sams_referral, time_machine):
    from hearth.fgc.actions.conferences import do_decide_plan

    fgc = planned(held(arranged(sams_referral, coordinator), coordinator), coordinator)
    fgc = do_decide_plan(fgc, acting_user=social_worker, expected_version=fgc.version,
                         agreed=True)
    time_machine.move_to(timezone.now() + timedelta(days=42))
    cora = as_user(coordinator)
    form = {"version": fgc.version, "held_on": day(timezone.localdate()),
            "item_1_progress": "done", "item_1_note": "Every Monday"}
    missing = cora.post(f"/fgc/{fgc.pk}/review", form)
    assert missing.status_code == 400 and b"Select how item 2 is going" in missing.content
    done = cora.post(f"/fgc/{fgc.pk}/review", {**form, "item_2_progress": "under_way"})
    assert done.status_code == 302
    page = cora.get(f"/fgc/{fgc.pk}").content.decode()
    assert "Plan reviewed" in page and "Every Monday" in page


def test_the_fgc_page_counts_its_queries(as_user, coordinator, social_worker, sams_referral,
                                         django_assert_max_num_queries):
    fgc = planned(held(arranged(sams_referral, coordinator), coordinator), coordinator)
    for user in (social_worker, coordinator):
        client = as_user(user)
        with django_assert_max_num_queries(28):
            answer = client.get(f"/fgc/{fgc.pk}")
        assert answer.status_code == 200
    cora = as_user(coordinator)
    cora.get("/fgc/mine")  # the first read after signing in may write the session
    with django_assert_max_num_queries(20):
        mine = cora.get("/fgc/mine")
    assert mine.status_code == 200 and f'href="/fgc/{fgc.pk}"' in mine.content.decode()


def test_olly_gets_404_and_cole_403(as_user, outsider, other_coordinator, coordinator,
                                    sams_referral):
    olly = as_user(outsider)
    for url in (f"/fgc/{sams_referral.pk}", f"/fgc/{sams_referral.pk}/plan/print",
                f"/fgc/{sams_referral.pk}/end"):
        assert olly.get(url).status_code == 404
    from hearth.fgc.actions.referrals import do_take

    do_take(sams_referral, acting_user=coordinator, expected_version=1)
    cole = as_user(other_coordinator)
    assert cole.get(f"/fgc/{sams_referral.pk}").status_code == 200  # the FGC service sees it
    refused = cole.get(f"/fgc/{sams_referral.pk}/visits/new")
    assert refused.status_code == 403 and b"Only Cora Coordinator" in refused.content


def test_sam_records_that_kerry_declined_r_fgc_2(as_user, social_worker, sams_referral):
    sam = as_user(social_worker)
    form = sam.get(f"/fgc/{sams_referral.pk}/end")
    assert form.status_code == 200
    no_reason = sam.post(f"/fgc/{sams_referral.pk}/end", {"version": 1, "outcome": "declined"})
    assert no_reason.status_code == 400 and b"Enter the reason" in no_reason.content
    done = sam.post(f"/fgc/{sams_referral.pk}/end", {"version": 1, "outcome": "declined",
                                                     "reason": "Kerry changed her mind"})
    assert done.status_code == 302
    page = sam.get(f"/fgc/{sams_referral.pk}").content.decode()
    assert "Declined by the family" in page and "Kerry changed her mind" in page

"""Taking a call, working the queue and deciding, through the pages (R-FD-1..6, R-EDT-1..3).

Fran takes the calls, Carla (the CRS manager) authorises, Eddie works out of hours, Sam and
Tina work in Family Help North; Olly (an outsider) and Pat (police) must not see contacts.
"""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.casework.models import Involvement
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus, DecisionStatus
from hearth.frontdoor.models import Contact, Decision, ReferrerResponse
from hearth.people.models import Person
from tests.frontdoor.conftest import at

pytestmark = pytest.mark.django_db


def form_data(call: dict, **changes) -> dict:
    """The call as Fran types it into the page."""
    received = call["received_at"]
    data = {k: v for k, v in call.items()
            if k not in ("received_at", "family_aware", "family_told_sharing")}
    data.update(received_date=f"{received:%d/%m/%Y}", received_time=f"{received:%H:%M}",
                family_aware="yes" if call["family_aware"] else "no",
                family_told_sharing="yes" if call["family_told_sharing"] else "no")
    data.update(changes)
    return data


@pytest.fixture
def now(time_machine):
    """Tuesday 17 November 2026, 11:00: half an hour after the teacher's call."""
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    return time_machine


def text(response) -> str:
    """The page's words, without tags, on one line."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def record(user, fletchers, call, **changes) -> Contact:
    return actions.do_record_contact(acting_user=user, people=[(fletchers["jack"], "child")],
                                     **{**call, **changes})


# --- Recording a contact ---------------------------------------------------------------------


def test_fran_records_a_teachers_call_and_links_jack_R_FD_1_R_FD_3(
        now, as_user, front_door, fletchers, call):
    fran = as_user(front_door)
    page = fran.get("/contacts/new")
    assert page.status_code == 200
    assert 'value="17/11/2026"' in page.content.decode()  # received: now, by default
    step2 = fran.post("/contacts/new", form_data(call))
    assert step2.status_code == 302 and step2["Location"] == "/contacts/new/people"
    assert Contact.objects.count() == 0  # nothing is recorded until the end

    found = fran.post("/contacts/new/people", {"step": "find", "name": "Jack Fletcher"})
    assert found.status_code == 200
    assert "Link as a child" in text(found) and "Jack Fletcher" in text(found)
    linked = fran.post("/contacts/new/people", {"step": "link", "role": "child",
                                                "person": fletchers["jack"].pk}, follow=True)
    page = text(linked)
    assert "Jack Fletcher is linked as a child." in page
    assert "Allocated to Sam Worker, Family Help North" in page  # existing involvement at once
    assert "Warnings about risks to workers" in page

    done = fran.post("/contacts/new/people", {"step": "record"})
    contact = Contact.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/contacts/{contact.pk}"
    assert list(contact.people.all()) == [fletchers["jack"]]
    assert contact.caller_agency == "Northam Primary School"
    assert contact.received_at == at(2026, 11, 17, 10, 30)
    assert contact.referral_source == "2A" and not contact.is_edt
    assert contact.decision_due == at(2026, 11, 18, 17, 0)
    shown = text(fran.get(done["Location"]))
    assert f"Contact {contact.reference}" in shown
    assert "Allocated to Sam Worker, Family Help North" in shown
    assert "Mum usually collects him" in shown
    assert fran.get("/contacts/new/people")["Location"] == "/contacts/new"  # the draft is gone


def test_not_telling_the_family_needs_the_exceptional_reason_R_FD_2(
        now, as_user, front_door, fletchers, call):
    fran = as_user(front_door)
    refused = fran.post("/contacts/new", form_data(call, family_told_sharing="no"))
    assert refused.status_code == 400
    assert "Enter the exceptional reason the family was not told" in text(refused)
    assert "Error: Record a contact" in text(refused)
    assert "/contacts/new/people" not in refused.get("Location", "")
    accepted = fran.post("/contacts/new", form_data(
        call, family_told_sharing="no",
        not_told_reason="Mum's partner is violent; telling her could put Jack at risk"))
    assert accepted.status_code == 302
    fran.post("/contacts/new/people", {"step": "record"})
    assert Contact.objects.get().not_told_reason.startswith("Mum's partner is violent")


def test_a_future_time_and_an_unknown_referral_source_are_refused_and_named(
        now, as_user, front_door, call):
    fran = as_user(front_door)
    refused = fran.post("/contacts/new", form_data(
        call, received_date="18/11/2026", referral_source="ZZ", worries="",
        caller_email="not an email"))
    assert refused.status_code == 400
    page = text(refused)
    assert "Date and time received must be now or in the past" in page
    assert "Choose the referral source (a DfE code such as 2A or 6)" in page
    assert "Enter what the caller is worried about" in page
    assert "Enter an email address in the correct format" in page
    assert 'href="#id_received_date"' in refused.content.decode()
    assert 'value="Ms Amira Shah"' in refused.content.decode()  # what Fran typed is kept
    assert Contact.objects.count() == 0


def test_a_contact_in_progress_can_be_discarded(now, as_user, front_door, fletchers, call):
    fran = as_user(front_door)
    fran.post("/contacts/new", form_data(call))
    again = fran.get("/contacts/new")
    assert "You are part way through recording a contact" in text(again)
    assert 'value="Ms Amira Shah"' in again.content.decode()  # back to the conversation
    discarded = fran.post("/contacts/new", {"step": "discard"}, follow=True)
    assert "The contact you had started was discarded." in text(discarded)
    assert 'value="Ms Amira Shah"' not in discarded.content.decode()
    assert Contact.objects.count() == 0


def test_a_new_adult_is_checked_for_duplicates_before_being_added_R_PPL_2(
        now, as_user, front_door, fletchers, call):
    fran = as_user(front_door)
    fran.post("/contacts/new", form_data(call))
    before = Person.objects.count()
    checked = fran.post("/contacts/new/people", {
        "step": "new", "new-given_name": "Kerry", "new-family_name": "Fletcher",
        "new-date_of_birth": "2/4/1990", "new-role": "adult"})
    assert checked.status_code == 200
    assert "This person may already have a record" in text(checked)
    assert str(fletchers["mum"].pk) in checked.content.decode()
    assert Person.objects.count() == before  # nothing created yet

    created = fran.post("/contacts/new/people", {
        "step": "new", "new-given_name": "Dean", "new-family_name": "Marsh",
        "new-date_of_birth": "", "new-role": "adult"}, follow=True)
    assert "Dean Marsh's record was created and linked as an adult." in text(created)
    dean = Person.objects.get(given_name="Dean")
    assert dean.created_by == front_door
    fran.post("/contacts/new/people", {"step": "link", "person": fletchers["jack"].pk,
                                       "role": "child"})
    fran.post("/contacts/new/people", {"step": "record"})
    contact = Contact.objects.get()
    assert {(link.person, link.role) for link in contact.links.all()} == {
        (dean, "adult"), (fletchers["jack"], "child")}


def test_a_person_linked_by_mistake_is_removed_before_recording(
        now, as_user, front_door, fletchers, call):
    fran = as_user(front_door)
    fran.post("/contacts/new", form_data(call))
    fran.post("/contacts/new/people", {"step": "link", "person": fletchers["amy"].pk,
                                       "role": "child"})
    removed = fran.post("/contacts/new/people", {"step": "remove", "role": "child",
                                                 "person": fletchers["amy"].pk}, follow=True)
    assert "Amy Fletcher was removed." in text(removed)
    fran.post("/contacts/new/people", {"step": "record"})
    assert Contact.objects.get().links.count() == 0


def test_people_step_errors_are_named(now, as_user, front_door, call):
    fran = as_user(front_door)
    fran.post("/contacts/new", form_data(call))
    empty = fran.post("/contacts/new/people", {"step": "find"})
    assert empty.status_code == 400
    assert "Enter a name, a date of birth or a postcode" in text(empty)
    no_role = fran.post("/contacts/new/people", {"step": "new", "new-given_name": "Dean"})
    assert no_role.status_code == 400
    assert "Enter the family name" in text(no_role) and "Select child or adult" in text(no_role)


# --- The queues --------------------------------------------------------------------------


def test_the_queue_shows_overdue_contacts_first_R_FD_4(now, as_user, front_door, fletchers,
                                                        call):
    older = record(front_door, fletchers, call, received_at=at(2026, 11, 16, 10, 0))
    newer = record(front_door, fletchers, call, received_at=at(2026, 11, 17, 10, 30))
    now.move_to(at(2026, 11, 18, 9, 0), tick=False)
    late = record(front_door, fletchers, call, received_at=at(2026, 11, 18, 8, 45),
                  caller_name="A late caller")
    now.move_to(at(2026, 11, 18, 10, 0), tick=False)
    # older: due Tuesday 17:00 (overdue); newer: due Wednesday 17:00; late: in EDT hours.
    page = as_user(front_door).get("/contacts")
    assert page.status_code == 200
    content = page.content.decode()
    assert content.index(older.reference) < content.index(newer.reference)
    assert "Overdue by 17 hours" in text(page)
    assert "7 hours left" in text(page)
    assert late.reference in content and "EDT handover" in text(page)


def test_an_edt_contact_reaches_the_crs_queue_at_handover_with_the_edt_record_R_EDT_3(
        time_machine, as_user, front_door, edt_worker, fletchers, call):
    time_machine.move_to(at(2026, 11, 20, 20, 0), tick=False)  # Friday evening
    friday = record(edt_worker, fletchers, call, received_at=at(2026, 11, 20, 19, 45))
    unknown = actions.do_record_contact(acting_user=edt_worker, people=[],
                                        **{**call, "received_at": at(2026, 11, 20, 19, 50),
                                           "worries": "A child alone at the station"})
    known = record(edt_worker, fletchers, call, received_at=at(2026, 11, 20, 19, 55))
    actions.do_decide(unknown, acting_user=edt_worker, outcome="early_help", rationale="Safe")
    actions.do_decide(known, acting_user=edt_worker, outcome="early_help", rationale="Safe")
    eddie = as_user(edt_worker)
    empty = eddie.post(f"/contacts/{friday.pk}/edt-actions", {"actions": " "})
    assert empty.status_code == 400 and "Enter what you did" in text(empty)
    added = eddie.post(f"/contacts/{friday.pk}/edt-actions",
                       {"actions": "Visited with police; Jack safe with grandmother."})
    assert added.status_code == 302

    edt_queue = eddie.get("/contacts/edt")
    assert friday.reference in edt_queue.content.decode()
    assert unknown.reference not in edt_queue.content.decode()  # decided
    time_machine.move_to(at(2026, 11, 21, 10, 0), tick=False)  # Saturday: still EDT's
    crs = as_user(front_door).get("/contacts").content.decode()
    assert friday.reference not in crs and unknown.reference not in crs

    time_machine.move_to(at(2026, 11, 23, 9, 0), tick=False)  # Monday, the office opens
    page = as_user(front_door).get("/contacts")
    content = page.content.decode()
    assert friday.reference in content and "EDT handover" in text(page)
    assert "Jack safe with grandmother" in text(page)  # with the EDT record
    assert unknown.reference in content  # decided, but the child is not known
    assert known.reference not in content  # decided, child known: nothing to hand over

    fran = as_user(front_door)
    fran.post(f"/contacts/{unknown.pk}/people", {"step": "link", "role": "child",
                                                "person": fletchers["amy"].pk})
    assert unknown.reference not in fran.get("/contacts").content.decode()


def test_the_queue_does_not_repeat_queries_per_contact(now, as_user, front_door, crs_manager,
                                                        fletchers, call):
    """Practice 10: the queue's query count does not grow with the number of contacts."""
    carla = as_user(crs_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert carla.get("/contacts").status_code == 200
        return len(queries)

    contact = record(front_door, fletchers, call)
    actions.do_decide(contact, acting_user=front_door, outcome="nfa", rationale="x",
                      advice="a", referrer_plan="p")
    one = count()
    for _ in range(4):
        more = record(front_door, fletchers, call)
        actions.do_decide(more, acting_user=front_door, outcome="nfa", rationale="x",
                          advice="a", referrer_plan="p")
    assert count() == one


def test_the_contact_page_does_not_repeat_queries_per_person(now, as_user, front_door,
                                                              fletchers, call):
    fran = as_user(front_door)

    def count(contact) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert fran.get(f"/contacts/{contact.pk}").status_code == 200
        return len(queries)

    one = record(front_door, fletchers, call)
    three = actions.do_record_contact(acting_user=front_door, people=[
        (fletchers["jack"], "child"), (fletchers["amy"], "child"), (fletchers["mum"], "adult")],
        **call)
    assert count(three) == count(one)


def test_the_contacts_on_jacks_record_are_those_each_reader_may_see_R_MASH_4(
        now, as_user, front_door, social_worker, team_manager, lado_officer, police_partner,
        crs_manager, fletchers, call):
    """The person page lists the contacts about Jack without asking the contact scope's
    subquery (he is on the page, so the reader may see him): for every reader who can open
    his page, the list is what ``Contact.objects.visible_to(reader)`` says; Pat (police, his
    record shared with her agency for the MASH) opens the page and sees no contact."""
    from hearth.frontdoor.queries.contacts import contacts_panel
    from hearth.people.models import AgencyShare

    jack = fletchers["jack"]
    record(front_door, fletchers, call)
    actions.do_record_contact(acting_user=front_door, people=[
        (jack, "child"), (fletchers["mum"], "adult")], **call)
    record(front_door, {**fletchers, "jack": fletchers["amy"]}, call)  # about Amy only
    AgencyShare.objects.create(person=jack, agency=police_partner.agency, reason="MASH")
    opened = []
    for reader in (front_door, social_worker, team_manager, lado_officer, crs_manager,
                   police_partner):
        page = as_user(reader).get(f"/people/{jack.pk}")
        if not Person.objects.visible_to(reader).filter(pk=jack.pk).exists():
            assert page.status_code == 404, reader.username  # no page, so no panel
            continue
        assert page.status_code == 200, reader.username
        opened.append(reader.username)
        expected = list(Contact.objects.visible_to(reader).filter(links__person=jack)
                        .order_by("-received_at", "-pk"))
        assert contacts_panel(reader, jack).context["contacts"] == expected, reader.username
    assert opened == ["fran", "sam", "tina", "carla", "pat"]
    assert len(contacts_panel(social_worker, jack).context["contacts"]) == 2
    assert contacts_panel(police_partner, jack).context["contacts"] == []


# --- Deciding ---------------------------------------------------------------------------


def test_fran_proposes_nfa_carla_returns_it_then_authorises_a_referral_R_FD_5(
        now, as_user, front_door, crs_manager, fletchers, call, south):
    contact = record(front_door, fletchers, call)
    fran, carla = as_user(front_door), as_user(crs_manager)
    page = fran.get(f"/contacts/{contact.pk}")
    assert "Decide what happens next" in text(page)
    assert 'name="version" value="1"' in page.content.decode()

    missing = fran.post(f"/contacts/{contact.pk}/decide",
                        {"outcome": "nfa", "rationale": "Low risk", "version": 1})
    assert missing.status_code == 400
    assert "Enter the advice given to the referrer" in text(missing)
    assert "Enter the steps the referring agency agreed to take" in text(missing)
    proposed = fran.post(f"/contacts/{contact.pk}/decide", {
        "outcome": "nfa", "rationale": "Bruise explained; fed now.", "version": 1,
        "advice": "Keep offering breakfast club.", "referrer_plan": "School will monitor.",
        "primary_need": "N4"})
    assert proposed.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.AWAITING_AUTHORISATION
    assert contact.primary_need == "N4"

    queue = carla.get("/contacts")
    assert "To authorise" in text(queue) and "Fran Door" in text(queue)
    decision = Decision.objects.get()
    assert "Authorise the proposed decision" in text(carla.get(f"/contacts/{contact.pk}"))
    assert "Authorise the proposed decision" not in text(fran.get(f"/contacts/{contact.pk}"))
    empty = carla.post(f"/contacts/decisions/{decision.pk}/return", {"comment": ""})
    assert empty.status_code == 400 and "Enter a comment for the worker" in text(empty)
    returned = carla.post(f"/contacts/decisions/{decision.pk}/return",
                          {"comment": "Jack is allocated to Sam: refer to the team"},
                          follow=True)
    assert "returned to Fran Door with your comment" in text(returned)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN

    no_team = fran.post(f"/contacts/{contact.pk}/decide", {
        "outcome": "referral", "rationale": "Bruising", "version": contact.version})
    assert no_team.status_code == 400
    assert "Choose the team the child is referred to" in text(no_team)
    fran.post(f"/contacts/{contact.pk}/decide", {
        "outcome": "referral", "rationale": "Bruising and hunger", "team": south.pk,
        "version": contact.version})
    referral = Decision.objects.get(status=DecisionStatus.PROPOSED)
    authorised = carla.post(f"/contacts/decisions/{referral.pk}/authorise", follow=True)
    assert "You authorised the decision" in text(authorised)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED
    assert Involvement.objects.filter(team=south, person=fletchers["jack"]).exists()
    again = carla.post(f"/contacts/decisions/{referral.pk}/authorise")
    assert again.status_code == 400


def test_fran_cannot_authorise_and_a_decision_elsewhere_is_not_found(
        now, as_user, front_door, team_manager, crs_manager, fletchers, call):
    contact = record(front_door, fletchers, call)
    actions.do_decide(contact, acting_user=front_door, outcome="nfa", rationale="x",
                      advice="a", referrer_plan="p")
    decision = Decision.objects.get()
    assert as_user(front_door).post(
        f"/contacts/decisions/{decision.pk}/authorise").status_code == 403
    assert as_user(crs_manager).post("/contacts/decisions/999999/authorise").status_code == 404


def test_two_workers_deciding_at_once_the_second_is_told_and_nothing_changes(
        now, as_user, front_door, social_worker, fletchers, call):
    contact = record(front_door, fletchers, call)
    fran, sam = as_user(front_door), as_user(social_worker)
    for client in (fran, sam):  # both open the contact at version 1
        assert 'name="version" value="1"' in client.get(f"/contacts/{contact.pk}").content.decode()
    won = fran.post(f"/contacts/{contact.pk}/decide", {
        "outcome": "early_help", "rationale": "Family Help can support mum", "version": 1})
    assert won.status_code == 302
    lost = sam.post(f"/contacts/{contact.pk}/decide", {
        "outcome": "strategy", "rationale": "The bruise worries me: strategy discussion",
        "version": 1})
    assert lost.status_code == 409
    page = text(lost)
    assert "Someone else decided this contact" in page
    assert "The bruise worries me: strategy discussion" in page  # what Sam wrote is not lost
    assert "Decide what happens next" not in page
    assert list(Decision.objects.values_list("outcome", flat=True)) == ["early_help"]
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED


def test_a_change_meanwhile_gives_the_form_back_at_the_new_version(
        now, as_user, front_door, edt_worker, fletchers, call):
    contact = record(front_door, fletchers, call, received_at=at(2026, 11, 16, 20, 0))
    actions.do_record_edt_actions(contact, acting_user=edt_worker, actions="Phoned mum")
    stale = as_user(front_door).post(f"/contacts/{contact.pk}/decide", {
        "outcome": "early_help", "rationale": "Support for mum", "version": 1})
    assert stale.status_code == 409
    assert "Someone else changed this contact" in text(stale)
    assert 'name="version" value="2"' in stale.content.decode()
    assert ">Support for mum</textarea>" in stale.content.decode()
    assert not Decision.objects.exists()


def test_mash_outcome_needs_scope_and_rag(now, as_user, front_door, fletchers, call, police):
    contact = record(front_door, fletchers, call)
    fran = as_user(front_door)
    refused = fran.post(f"/contacts/{contact.pk}/decide",
                        {"outcome": "mash", "rationale": "Need police checks", "version": 1,
                         "mash_scope": "targeted"})
    assert refused.status_code == 400
    assert "Choose a RAG rating" in text(refused) and "Choose the agencies to ask" in text(refused)
    started = fran.post(f"/contacts/{contact.pk}/decide", {
        "outcome": "mash", "rationale": "Need police checks", "version": 1,
        "mash_scope": "targeted", "mash_rag": "amber", "mash_agencies": [police.pk]})
    assert started.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactStatus.IN_MASH
    assert list(contact.mash.agencies.all()) == [police]
    page = fran.get(f"/contacts/{contact.pk}").content.decode()
    assert f'href="/contacts/{contact.pk}/mash"' in page  # on to consent and requests
    assert "Decide what happens next" not in page


# --- The response to the referrer ------------------------------------------------------------


def test_the_referrer_gets_a_written_response_preview_pdf_and_email_R_FD_6(
        now, as_user, front_door, crs_manager, fletchers, call):
    contact = record(front_door, fletchers, call)
    fran = as_user(front_door)
    early = fran.get(f"/contacts/{contact.pk}/response")
    assert early.status_code == 302  # no final decision yet
    decision = actions.do_decide(contact, acting_user=front_door, outcome="nfa",
                                 rationale="Explained", advice="Keep offering breakfast club.",
                                 referrer_plan="School will monitor weekly.")
    actions.do_authorise(decision, acting_user=crs_manager)

    preview = fran.get(f"/contacts/{contact.pk}/response")
    assert preview.status_code == 200
    page = text(preview)
    assert "Dear Ms Amira Shah" in page and "School will monitor weekly." in page
    assert 'value="a.shah@northam.example.org"' in preview.content.decode()
    pdf = fran.get(f"/contacts/{contact.pk}/response.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf.content[:4] == b"%PDF"

    bad = fran.post(f"/contacts/{contact.pk}/response", {"method": "email",
                                                         "sent_to": "Northam school"})
    assert bad.status_code == 400 and "Enter an email address" in text(bad)
    assert not ReferrerResponse.objects.exists()
    sent = fran.post(f"/contacts/{contact.pk}/response",
                     {"method": "email", "sent_to": "a.shah@northam.example.org"}, follow=True)
    assert "The response was sent by email to a.shah@northam.example.org" in text(sent)
    letter = [m for m in mail.outbox if m.to == ["a.shah@northam.example.org"]]
    assert len(letter) == 1 and letter[0].attachments[0][1][:4] == b"%PDF"
    by_post = fran.post(f"/contacts/{contact.pk}/response",
                        {"method": "post", "sent_to": "Northam Primary School, SO14 0AA"},
                        follow=True)
    assert "recorded as sent by post to Northam Primary School" in text(by_post)
    assert "Responses sent" in text(by_post) and "Letter by post" in text(by_post)
    assert ReferrerResponse.objects.count() == 2


# --- The manager's view ------------------------------------------------------------------


def test_timeliness_shows_the_share_decided_in_time_and_what_is_overdue_R_FD_4(
        time_machine, as_user, front_door, crs_manager, fletchers, call):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    in_time = record(front_door, fletchers, call)
    late = record(front_door, fletchers, call, received_at=at(2026, 11, 16, 10, 0))
    waiting = record(front_door, fletchers, call, received_at=at(2026, 11, 16, 11, 0))
    actions.do_decide(in_time, acting_user=front_door, outcome="early_help", rationale="x")
    time_machine.move_to(at(2026, 11, 18, 9, 0), tick=False)
    actions.do_decide(late, acting_user=front_door, outcome="early_help", rationale="x")

    carla = as_user(crs_manager)
    page = carla.get("/contacts/timeliness", {"start": "1/11/2026", "end": "30/11/2026"})
    assert page.status_code == 200
    figures = text(page)
    assert "Contacts decided 2" in figures and "Decided in time 1" in figures
    assert "Share in time 50%" in figures
    assert waiting.reference in page.content.decode()
    assert "Overdue by 16 hours" in figures
    default = carla.get("/contacts/timeliness")  # the last four weeks
    assert "Contacts decided 2" in text(default)
    bad = carla.get("/contacts/timeliness", {"start": "30/11/2026", "end": "1/11/2026"})
    assert bad.status_code == 400 and "To must be the same as or after From" in text(bad)
    assert as_user(front_door).get("/contacts/timeliness").status_code == 403


# --- Who may see a contact ------------------------------------------------------------------


def test_the_outsider_gets_404_and_the_police_partner_is_refused_every_contact(
        now, as_user, front_door, outsider, police_partner, fletchers, call):
    contact = record(front_door, fletchers, call)
    olly = as_user(outsider)
    for path in (f"/contacts/{contact.pk}", f"/contacts/{contact.pk}/response",
                 f"/contacts/{contact.pk}/response.pdf"):
        assert olly.get(path).status_code == 404
    assert olly.post(f"/contacts/{contact.pk}/decide",
                     {"outcome": "lado", "rationale": "x", "version": 1}).status_code == 404
    assert contact.reference not in olly.get("/contacts").content.decode()
    # Partners hold no contact permission: the same refusal for any number, existing or not,
    # so nothing about the contact leaks (R-MASH-4).
    pat = as_user(police_partner)
    assert pat.get(f"/contacts/{contact.pk}").status_code == 403
    assert pat.get("/contacts/999999").status_code == 403
    assert as_user(front_door).get("/contacts/999999").status_code == 404
    assert not Decision.objects.exists()

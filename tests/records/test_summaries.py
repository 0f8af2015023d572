"""Stories of the plain-language summaries Sam gives Kerry, the Fletchers' mum (R-REC-8), each
ending with the notice that we keep records and she can ask to see them (R-REC-9)."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from hearth.access.models import AuditEntry
from hearth.core.refusals import Refused
from hearth.people import actions as people
from hearth.people.models import Person
from hearth.records import queries
from hearth.records.actions import summaries
from hearth.records.actions.notes import do_write_note
from hearth.records.codes import RECORDS_NOTICE, DeliveryMethod
from hearth.records.models import ParentSummary, SummaryAction
from hearth.records.rules.summaries import ActionLine
from hearth.records.views.summaries import render_html
from hearth.visits.actions import do_record_visit

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def kerry(fletchers) -> Person:
    return fletchers["mum"]


@pytest.fixture
def visit(fletchers, social_worker, _today):
    return do_record_visit(fletchers["jack"], acting_user=social_worker, kind="planned",
                           place="The family home", child_seen=True, outcome="completed",
                           starts_at=datetime(2026, 11, 16, 15, 0, tzinfo=LONDON))


def _form(**overrides) -> dict:
    data = {"purpose": "To see how Jack is getting on at home and at school.",
            "what_was_done": "We talked about school. I saw Jack's bedroom. Jack showed me "
                             "his drawings.",
            "method": DeliveryMethod.PRINTED, "language": "English", "interpreter": "",
            "delivered_at": "16/11/2026 16:00",
            "action_1_who": "Kerry", "action_1_what": "Take Jack to school every day.",
            "action_1_by_when": "24/11/2026",
            "action_2_who": "Sam (social worker)", "action_2_what": "Ring the school nurse.",
            "action_2_by_when": "20/11/2026",
            "action_3_who": "", "action_3_what": "", "action_3_by_when": ""}
    data.update(overrides)
    return data


def _summary(kerry, social_worker, child=None, **overrides) -> ParentSummary:
    values = {"purpose": "To see how Jack is getting on.", "what_was_done": "We talked.",
              "method": DeliveryMethod.PRINTED,
              "delivered_at": datetime(2026, 11, 16, 16, 0, tzinfo=LONDON),
              "actions": [ActionLine("Kerry", "Take Jack to school", date(2026, 11, 24))]}
    values.update(overrides)
    return summaries.do_write_summary(kerry, acting_user=social_worker, child=child, **values)


def _audited(person, action: str) -> int:
    return AuditEntry.objects.filter(object_id=str(person.pk), action=action).count()


def _set(person: Person, **fields) -> None:
    Person.objects.filter(pk=person.pk).update(**fields)
    person.refresh_from_db()


def test_r_rec_8_9_sam_writes_a_summary_for_kerry_after_a_visit(
        fletchers, kerry, visit, social_worker, as_user):
    """R-REC-8: after visiting Jack, Sam writes Kerry's summary (why we met, what was done, who
    must do what by when); it is audited on Kerry's and Jack's records, shown in large type,
    and ends with the R-REC-9 notice that we keep records and she can ask to see them."""
    jack = fletchers["jack"]
    client = as_user(social_worker)
    page = client.get(f"/people/{kerry.pk}/summaries/new?child={jack.pk}&visit={visit.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "This summary ends the visit to Jack Fletcher on 16 November 2026, 15:00" in html
    assert re.search(rf'<option value="{jack.pk}" selected>Jack Fletcher</option>', html)
    assert f'<option value="{fletchers["amy"].pk}">Amy Fletcher</option>' in html
    assert 'value="17/11/2026 10:00"' in html  # when it was given: now, to change if need be

    response = client.post(f"/people/{kerry.pk}/summaries/new",
                           _form(child=str(jack.pk), visit=str(visit.pk)))
    summary = ParentSummary.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/summaries/{summary.pk}"
    assert (summary.person, summary.child, summary.visit) == (kerry, jack, visit)
    assert summary.given_by == social_worker
    assert summary.created_at == datetime(2026, 11, 17, 10, 0, tzinfo=LONDON)
    assert summary.delivered_at == datetime(2026, 11, 16, 16, 0, tzinfo=LONDON)
    assert summary.language == "English" and summary.warnings == []
    assert [(a.position, a.who, a.what, a.by_when) for a in summary.actions.all()] == [
        (1, "Kerry", "Take Jack to school every day.", date(2026, 11, 24)),
        (2, "Sam (social worker)", "Ring the school nurse.", date(2026, 11, 20))]
    assert _audited(kerry, "parent_summary.write") == 1
    assert _audited(jack, "parent_summary.write") == 1
    entry = AuditEntry.objects.get(object_id=str(kerry.pk), action="parent_summary.write")
    assert entry.fields["actions"][0] == ["Kerry", "Take Jack to school every day.",
                                          "2026-11-24"]

    shown = client.get(f"/summaries/{summary.pk}")
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "For Kerry Fletcher, about Jack Fletcher. From Sam Worker, Monday 16 November 2026." \
        in html
    assert "To see how Jack is getting on at home and at school." in html
    assert "Take Jack to school every day." in html and "Tuesday 24 November 2026" in html
    assert escape(RECORDS_NOTICE) in html
    assert html.index("What happens next") < html.index(escape(RECORDS_NOTICE))
    assert 'class="govuk-body-l"' in html and "records/summary.css" in html
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script (CSP)
    assert _audited(kerry, "view_parent_summary") == 1
    assert _audited(jack, "view_parent_summary") == 1

    for person in (kerry, jack):
        listed = client.get(f"/people/{person.pk}/summaries")
        assert listed.status_code == 200
        assert f"/summaries/{summary.pk}" in listed.content.decode()
        assert _audited(person, "view_parent_summaries") == 1


def test_r_rec_8_the_summary_is_offered_from_the_person_page_and_the_case_note(
        fletchers, kerry, social_worker, as_user, _today):
    jack = fletchers["jack"]
    client = as_user(social_worker)
    assert f'href="/people/{jack.pk}/summaries">Write a summary for a parent' in \
        client.get(f"/people/{jack.pk}").content.decode()
    note = do_write_note(jack, acting_user=social_worker,
                         occurred_at=datetime(2026, 11, 16, 15, 0, tzinfo=LONDON),
                         place="Home", who_said_what="Kerry said Jack slept well.")
    detail = client.get(f"/notes/{note.pk}").content.decode()
    assert f'href="/people/{jack.pk}/summaries?note={note.pk}"' in detail

    hub = client.get(f"/people/{jack.pk}/summaries?note={note.pk}").content.decode()
    assert (f'href="/people/{kerry.pk}/summaries/new?child={jack.pk}&amp;note={note.pk}">'
            "Write a summary for Kerry Fletcher about Jack") in hub
    form = client.get(f"/people/{kerry.pk}/summaries/new?child={jack.pk}&note={note.pk}")
    assert "This summary ends the case note about Jack Fletcher" in form.content.decode()
    response = client.post(f"/people/{kerry.pk}/summaries/new",
                           _form(child=str(jack.pk), note=str(note.pk)))
    assert response.status_code == 302
    assert ParentSummary.objects.get().case_note == note


def test_r_rec_8_a_summary_without_an_action_is_refused_and_nothing_is_written(
        kerry, social_worker, as_user, _today):
    client = as_user(social_worker)
    response = client.post(f"/people/{kerry.pk}/summaries/new", _form(
        action_1_who="", action_1_what="", action_1_by_when="",
        action_2_who="", action_2_what="", action_2_by_when=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_action_1_who">Add at least one action: who must do what by when' in html
    assert "To see how Jack is getting on" in html  # what Sam typed is kept
    assert ParentSummary.objects.count() == 0 and SummaryAction.objects.count() == 0
    assert _audited(kerry, "parent_summary.write") == 0
    with pytest.raises(Refused) as refused:
        _summary(kerry, social_worker, actions=[ActionLine(), ActionLine()])
    assert refused.value.problems == {
        "actions": "Add at least one action: who must do what by when"}
    assert ParentSummary.objects.count() == 0


def test_r_rec_8_an_incomplete_or_past_action_is_refused_naming_the_field(
        kerry, social_worker, as_user, _today):
    client = as_user(social_worker)
    response = client.post(f"/people/{kerry.pk}/summaries/new", _form(
        action_2_by_when="", action_3_what="Call the GP", action_3_who="Kerry",
        action_3_by_when="16/11/2026"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_action_2_by_when">Enter the date action 2 must be done by' in html
    assert 'href="#id_action_3_by_when">The date for action 3 must be today or later' in html
    assert ParentSummary.objects.count() == 0


def test_r_rec_8_kerry_has_literacy_needs_a_printed_summary_is_saved_with_a_warning(
        kerry, social_worker, as_user, _today):
    """Seed 004 §5.3: a parent with a low level of literacy needs verbal communication; the
    worker is warned, not stopped."""
    _set(kerry, literacy_needs="Reads very little")
    client = as_user(social_worker)
    form = client.get(f"/people/{kerry.pk}/summaries/new").content.decode()
    assert "Literacy needs: Reads very little" in form
    response = client.post(f"/people/{kerry.pk}/summaries/new", _form())
    assert response.status_code == 302
    summary = ParentSummary.objects.get()
    assert summary.warnings == ["Kerry has literacy needs (Reads very little) but the summary "
                                "was not given verbally: go through it with them."]
    shown = client.get(response["Location"]).content.decode()
    assert "Summary saved. Check the 1 point below." in shown
    assert "go through it with them" in shown
    verbal = _summary(kerry, social_worker, method=DeliveryMethod.VERBAL)
    assert verbal.warnings == []


def test_r_rec_8_a_translated_summary_needs_its_language(kerry, social_worker, as_user,
                                                         _today):
    client = as_user(social_worker)
    response = client.post(f"/people/{kerry.pk}/summaries/new",
                           _form(method=DeliveryMethod.TRANSLATED, language=""))
    assert response.status_code == 400
    assert "Enter the language the summary was translated into" in response.content.decode()
    assert ParentSummary.objects.count() == 0

    _set(kerry, first_language="Polish", interpreter_needed=True)
    assert 'value="Polish"' in client.get(
        f"/people/{kerry.pk}/summaries/new").content.decode()  # the parent's language
    response = client.post(f"/people/{kerry.pk}/summaries/new", _form(language="Polish"))
    assert response.status_code == 400  # a printed copy in Polish: it was translated
    assert ("A summary in Polish was translated: select Translated, name the interpreter, or "
            "change the language to English") in response.content.decode()
    assert ParentSummary.objects.count() == 0
    summary = _summary(kerry, social_worker, method=DeliveryMethod.TRANSLATED)
    assert summary.language == "Polish" and summary.warnings == []


def test_r_rec_8_kerry_needs_an_interpreter_an_untranslated_summary_is_warned(
        kerry, social_worker, _today):
    _set(kerry, first_language="Polish", interpreter_needed=True)
    summary = _summary(kerry, social_worker, method=DeliveryMethod.POST)
    assert summary.warnings == ["Kerry needs an interpreter but the summary was not "
                                "translated or interpreted."]
    interpreted = _summary(kerry, social_worker, method=DeliveryMethod.VERBAL,
                           interpreter="A. Nowak, Language Line")
    assert interpreted.warnings == []


def test_r_rec_8_jargon_in_the_summary_is_warned(kerry, social_worker, _today):
    summary = _summary(kerry, social_worker, purpose="Section 47 enquiry visit.")
    assert summary.warnings == ['Why we met uses "Section 47" without explaining it: say '
                                '"an enquiry to check whether the child is safe", or explain '
                                "it in brackets."]


def test_a_visit_to_another_child_is_refused(fletchers, kerry, visit, social_worker,
                                            as_user):
    client = as_user(social_worker)
    response = client.post(f"/people/{kerry.pk}/summaries/new",
                           _form(child=str(fletchers["amy"].pk), visit=str(visit.pk)))
    assert response.status_code == 400
    assert "That visit was not to this child" in response.content.decode()
    assert ParentSummary.objects.count() == 0


def test_odd_addresses_and_hidden_values_get_a_page_not_a_500(kerry, social_worker, as_user,
                                                              _today):
    client = as_user(social_worker)
    assert client.get(f"/people/{kerry.pk}/summaries/new?child=nope&visit=x&note=-1"
                      ).status_code == 200
    for hidden in ("999999", "99999999999999999999999"):
        response = client.post(f"/people/{kerry.pk}/summaries/new", _form(visit=hidden))
        assert response.status_code == 400
        assert "could not be found" in response.content.decode()
    response = client.post(f"/people/{kerry.pk}/summaries/new", _form(child=str(kerry.pk)))
    assert response.status_code == 400
    assert "Choose one of the parent&#x27;s children" in response.content.decode()
    assert client.get("/summaries/999999").status_code == 404
    assert client.get("/summaries/99999999999999999999999").status_code == 404
    assert ParentSummary.objects.count() == 0


def test_an_outsider_gets_404_for_kerry_and_her_summaries(
        fletchers, kerry, social_worker, outsider, as_user, _today):
    summary = _summary(kerry, social_worker, child=fletchers["jack"])
    client = as_user(outsider)
    for url in (f"/people/{kerry.pk}/summaries", f"/people/{kerry.pk}/summaries/new",
                f"/summaries/{summary.pk}", f"/summaries/{summary.pk}/pdf"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/people/{kerry.pk}/summaries/new", _form()).status_code == 404
    assert ParentSummary.objects.count() == 1


def test_a_mash_partner_is_refused_summaries_403(kerry, social_worker, police_partner, as_user,
                                                 _today):
    summary = _summary(kerry, social_worker)
    client = as_user(police_partner)
    for url in (f"/people/{kerry.pk}/summaries", f"/people/{kerry.pk}/summaries/new",
                f"/summaries/{summary.pk}", f"/summaries/{summary.pk}/pdf"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/people/{kerry.pk}/summaries/new", _form()).status_code == 403


def test_r_rec_9_the_pdf_is_a_pdf_ending_with_the_records_notice_and_its_download_is_audited(
        fletchers, kerry, social_worker, as_user, _today):
    summary = _summary(kerry, social_worker, child=fletchers["jack"])
    response = as_user(social_worker).get(f"/summaries/{summary.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="summary-{summary.pk}.pdf"'
    assert response.content[:5] == b"%PDF-"
    assert _audited(kerry, "download_parent_summary_pdf") == 1
    assert _audited(fletchers["jack"], "download_parent_summary_pdf") == 1
    letter = render_html(summary)
    body = letter[letter.index("<body>"):letter.index("</body>")]
    assert body.rstrip().endswith(f'<p class="govuk-body-l" id="records-notice">'
                                  f"{escape(RECORDS_NOTICE)}</p>")


def test_the_list_of_summaries_does_not_grow_its_queries_with_the_summaries(
        fletchers, kerry, social_worker, as_user, _today):
    client = as_user(social_worker)
    _summary(kerry, social_worker, child=fletchers["jack"])
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/people/{kerry.pk}/summaries").status_code == 200
    for _ in range(3):
        _summary(kerry, social_worker, child=fletchers["amy"])
    with CaptureQueriesContext(connection) as four:
        assert client.get(f"/people/{kerry.pk}/summaries").status_code == 200
    assert len(four) == len(one)


def test_a_new_partner_is_not_a_child_summaries_can_be_written_about(
        kerry, social_worker, _today):
    partner = people.do_create_person(acting_user=social_worker, given_name="Dean",
                                      family_name="Price")
    people.do_add_relationship(partner, kerry, acting_user=social_worker, kind="partner")
    with pytest.raises(Refused, match="Choose one of the parent's children"):
        _summary(kerry, social_worker, child=partner)
    assert list(queries.children_of(social_worker, kerry).order_by("given_name")
                .values_list("given_name", flat=True)) == ["Amy", "Jack"]

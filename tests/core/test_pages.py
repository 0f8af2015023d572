"""The one page helper (issue 12): parse the form, act, and either go on or show the form again
with the problems on the fields they name, at the status the table gives a page."""

from __future__ import annotations

from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.test import RequestFactory

from hearth.core.pages import attempt, done_with, form_page, form_problems
from hearth.core.refusals import Refused, StaleEdit, Why


class CloseForm(forms.Form):
    reason = forms.CharField(error_messages={"required": "Choose a reason for closure"})
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_an_invalid_form_is_400_and_the_action_is_not_called():
    called = []
    outcome = attempt(CloseForm({"version": "1"}), called.append)
    assert not outcome and outcome.status == 400 and called == []


def test_a_refusal_goes_on_the_field_it_names():
    form = CloseForm({"reason": "RC99", "version": "1"})

    def act(data):
        raise Refused("Choose a reason from RC1 to RC9", "reason")

    outcome = attempt(form, act)
    assert outcome.status == 400 and form.errors["reason"] == ["Choose a reason from RC1 to RC9"]


def test_a_refusal_of_a_field_the_form_has_not_goes_on_the_form_as_a_whole():
    form = CloseForm({"reason": "RC8", "version": "1"})

    def act(data):
        raise Refused("A follow-up task is still open", why=Why.STATE)

    assert attempt(form, act).status == 400
    assert form.non_field_errors() == ["A follow-up task is still open"]


def test_a_stale_edit_is_409_keeps_the_input_and_moves_the_version_on():
    form = CloseForm({"reason": "RC8", "version": "1"})

    def act(data):
        raise StaleEdit(2, "involvement")

    outcome = attempt(form, act, stale_message="Someone else changed this involvement.")
    assert outcome.status == 409 and outcome.stale
    assert form.data["version"] == "2" and form.data["reason"] == "RC8"
    assert form.non_field_errors() == ["Someone else changed this involvement."]


def test_a_forbidden_change_is_403():
    form = CloseForm({"reason": "RC8", "version": "1"})

    def act(data):
        raise Refused("Only the author may amend it", why=Why.FORBIDDEN)

    assert attempt(form, act).status == 403


def test_form_page_goes_on_when_the_action_wrote(social_worker):
    request = RequestFactory().post("/", {"reason": "RC8", "version": "1"})
    request.user = social_worker
    request.session = {}
    request._messages = FallbackStorage(request)
    response = form_page(request, "unused.html", {}, CloseForm(request.POST),
                         lambda data: data["reason"],
                         lambda reason: done_with(request, f"Closed ({reason}).", "/"))
    assert response.status_code == 302 and response["Location"] == "/"
    assert [str(m) for m in request._messages] == ["Closed (RC8)."]


def test_form_page_shows_the_form_again_with_its_status(monkeypatch, social_worker):
    shown = {}

    def render(request, template, context, status):
        shown.update(context=context, status=status)
        return HttpResponse(status=status)

    monkeypatch.setattr("hearth.core.pages.render", render)
    request = RequestFactory().post("/", {"version": "1"})
    request.user = social_worker
    response = form_page(request, "casework/close.html", {"involvement": None},
                         CloseForm(request.POST), lambda data: None, lambda _: HttpResponse())
    assert response.status_code == 400 and shown["status"] == 400
    assert form_problems(shown["context"]["form"]) == [("id_reason",
                                                        "Choose a reason for closure")]

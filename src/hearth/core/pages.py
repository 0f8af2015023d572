"""The one page helper: parse the form, call the action, and either go on (usually a message
and a redirect) or show the form again with the problems on the fields they name.

``attempt(form, act)`` is the shape every page handler that writes repeats:

- the form does not validate: 400, its own messages;
- the action raises ``Refused``: its problems go on the fields they name (else on the form
  as a whole), with the status the table in ``refusals`` gives a page (400; 403 when the user
  may not do it; 409 for a stale edit, with the form's hidden version moved on so that saving
  again saves over what is there now, the user's input kept).

``form_page`` is the whole handler for the common case of one form on one page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core.forms import add_problems
from hearth.core.refusals import Refused, StaleEdit


@dataclass
class Attempt:
    """What came of a posted form: ``ok`` with the action's ``result``, or the ``status`` to
    show the form again with (its errors are on the form) and the ``refusal``, if any."""

    ok: bool
    result: Any = None
    status: int = 200
    refusal: Refused | None = None

    @property
    def stale(self) -> bool:
        return isinstance(self.refusal, StaleEdit)

    def __bool__(self) -> bool:
        return self.ok

    def conflict(self, what: str, then: str = "then save again: what you entered is kept in "
                 "the form.", entries: Iterable[tuple[str, Any]] = ()) -> dict | None:
        """After a stale edit, the page's banner (``web/conflict.html``): someone else changed
        ``what``; check it as it is now, ``then`` … (None when the edit was not stale)."""
        if not self.stale:
            return None
        return {"title": f"Someone else changed this {what} while you were working on it",
                "message": f"{self.refusal} Check the {what} below as it is now, {then}",
                "entries": [(k, v) for k, v in entries if v]}


def move_version(form: forms.Form, version: int, field: str = "version") -> None:
    """Let the next save be made from ``version`` (after a stale edit), keeping the input."""
    if field in form.fields and form.is_bound:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix(field)] = str(version)
        form.data = data


def refuse_on_form(form: forms.Form, refusal: Refused, *, stale_message: str | None = None,
                   field_for: dict[str, str] | None = None) -> int:
    """Put ``refusal`` on ``form`` and answer the status to show it with. A stale edit moves
    the form's version on; ``stale_message=""`` leaves it off the form's errors (the page says
    it in its conflict banner, ``Attempt.conflict``)."""
    if isinstance(refusal, StaleEdit):
        move_version(form, refusal.current_version)
        if stale_message != "":
            form.add_error(None, stale_message or str(refusal))
    else:
        add_problems(form, refusal.problems, field_for)
    return refusal.page_status


def attempt(form: forms.Form, act: Callable[[dict], Any], *, stale_message: str | None = None,
            field_for: dict[str, str] | None = None) -> Attempt:
    """Validate ``form``; when it is valid, ``act(form.cleaned_data)``; a refusal becomes the
    form's errors. Nothing is written unless ``ok``."""
    if not form.is_valid():
        return Attempt(False, status=400)
    try:
        result = act(form.cleaned_data)
    except Refused as refusal:
        status = refuse_on_form(form, refusal, stale_message=stale_message,
                                field_for=field_for)
        return Attempt(False, status=status, refusal=refusal)
    return Attempt(True, result=result)


def form_page(request: HttpRequest, template: str, context: dict, form: forms.Form,
              act: Callable[[dict], Any], done: Callable[[Any], HttpResponse], *,
              stale_message: str | None = None, field_for: dict[str, str] | None = None,
              form_name: str = "form") -> HttpResponse:
    """GET: the page with its form. POST: ``attempt``; ``done(result)`` answers when the action
    wrote (usually ``done_with``), else the page again with the problems and their status."""
    status = 200
    if request.method == "POST":
        outcome = attempt(form, act, stale_message=stale_message, field_for=field_for)
        if outcome:
            return done(outcome.result)
        status = outcome.status
    return render(request, template, {**context, form_name: form}, status=status)


def done_with(request: HttpRequest, message: str, to: str, *args: Any,
              **kwargs: Any) -> HttpResponse:
    """A success message, then a redirect (POST → redirect → GET)."""
    messages.success(request, message)
    return redirect(to, *args, **kwargs)


def form_problems(*forms_: forms.Form) -> list[tuple[str, str]]:
    """Every problem on the page's forms, in page order, each with the id it links to (the
    GOV.UK error summary)."""
    found: list[tuple[str, str]] = []
    for form in forms_:
        first = next(iter(form.visible_fields()), None)
        for message in form.non_field_errors():
            found.append((_anchor(first) if first is not None else "main-content",
                          str(message)))
        for field in form:
            found.extend((_anchor(field), str(message)) for message in field.errors)
    return found


def _anchor(field: forms.BoundField) -> str:
    return field.id_for_label or f"{field.auto_id}_0"


def all_valid(forms_: Iterable[forms.Form]) -> bool:
    """Validate every form (so each shows its errors), not only up to the first invalid one."""
    return all([form.is_valid() for form in forms_])

"""Case note pages: a person's notes, writing one, and one note with its draft / finalise /
amend forms. Views parse, call one action and render; a note whose person the user may not
see is 404; a stale save is 409 with the user's input kept."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.queries import family_size, live_involvement
from hearth.core.pages import attempt, done_with, form_page
from hearth.drafts.views import keeps_draft, restored
from hearth.records.actions import family
from hearth.records.actions import notes as actions
from hearth.records.codes import FIELD_LABELS, NoteStatus
from hearth.records.forms.family import ask_to_all, names
from hearth.records.forms.notes import AmendForm, DraftForm, NoteForm, VersionForm
from hearth.records.models import CaseNote
from hearth.records.queries import (
    get_visible_note,
    get_visible_person,
    notes_of,
    written_with,
    written_with_each,
)
from hearth.records.rules import notes as rules


def _initial(note: CaseNote) -> dict:
    return {**{k: getattr(note, k) for k in actions.NOTE_FIELDS}, "version": note.version}


def _render(request, note: CaseNote, *, status: int = 200, **extra):
    user = request.user
    note = get_visible_note(user, note.pk)
    writer = user.has_hearth_permission("records.write")
    can_edit = writer and rules.may_edit_draft(note.status) and note.author_id == user.pk
    context = {"note": note, "person": note.person, "can_edit": can_edit,
               "can_finalise": writer and rules.may_finalise(note.author_id, user.pk,
                                                             note.status),
               "can_amend": writer and not rules.may_edit_draft(note.status) and
               rules.may_amend(author_id=note.author_id, author_team_id=note.author.team_id,
                               user_id=user.pk, user_role=user.role,
                               user_team_id=user.team_id)}
    together = written_with(user, note)
    context["together"] = together
    if context["can_edit"]:
        context["draft_form"] = DraftForm(initial=_initial(note))
    if context["can_finalise"]:
        context["finalise_form"] = _finalise_form(note, together, user, None,
                                                  initial={"version": note.version})
    if context["can_amend"]:
        context["amend_form"] = _amend_form(together, None, initial={"version": note.version})
    context.update(extra)
    return render(request, "records/detail.html", context, status=status)


def _finalise_form(note: CaseNote, together, user, data, **kwargs) -> forms.Form:
    drafts = [o for o in together if o.status == NoteStatus.DRAFT and o.author_id == user.pk]
    form = VersionForm(data, **kwargs)
    if drafts:
        ask_to_all(form, f"Finalise the notes about {names([o.person for o in drafts])} too")
    return form


def _amend_form(together, data, **kwargs) -> forms.Form:
    form = AmendForm(data, **kwargs)
    if together:
        ask_to_all(form, f"Make the same amendment to the notes about "
                         f"{names([o.person for o in together])} (not who said what: that "
                         f"is each child's own)")
    return form


def _post(request, note: CaseNote, form_name: str, form: forms.Form, act, done: str, *,
          field_for: dict[str, str] | None = None):
    """``core.pages.attempt`` on the note's page: on success a message and back to the note;
    a refusal shows the page again with the problems on ``form`` (a stale edit: the record as
    it is now, what the user entered kept in the form)."""
    outcome = attempt(form, act, field_for=field_for, stale_message="")
    if outcome:
        return done_with(request, done, "records:detail", note_id=note.pk)
    conflict = outcome.conflict("record", "then make your change again: what you entered is "
                                          "kept in the form.")
    return _render(request, note, status=outcome.status, conflict=conflict, **{form_name: form})


@requires("records.view")
@require_http_methods(["GET"])
def person_notes(request, person_id):
    person = get_visible_person(request.user, person_id)
    notes = list(notes_of(request.user, person))
    together = written_with_each(request.user, notes)
    for note in notes:
        note.together = together.get(note.pk, [])
    actions.record_view(person, user=request.user)
    can_write = request.user.has_hearth_permission("records.write")
    return render(request, "records/list.html", {
        "person": person, "notes": notes, "can_write": can_write,
        "has_family": can_write and family_size(request.user, person) > 1})


@requires("records.write")
@require_http_methods(["GET", "POST"])
@keeps_draft
def new_note(request, person_id):
    person = get_visible_person(request.user, person_id)

    def act(data):
        return actions.do_write_note(person, acting_user=request.user,
                                     involvement=live_involvement(person),
                                     **data)

    return form_page(request, "records/new.html", {"person": person},
                     restored(request, NoteForm(request.POST if request.method == "POST"
                                                else None)), act,
                     lambda note: done_with(request, "Case note saved as a draft.",
                                            "records:detail", note_id=note.pk))


@requires("records.view")
@require_http_methods(["GET"])
def detail(request, note_id):
    note = get_visible_note(request.user, note_id)
    actions.record_view(note.person, user=request.user, what="view_case_note")
    return _render(request, note)


@requires("records.write")
@require_http_methods(["POST"])
def edit(request, note_id):
    note = get_visible_note(request.user, note_id)

    def act(data):
        changes = dict(data)
        version = changes.pop("version")
        return actions.do_update_draft(note, acting_user=request.user,
                                       expected_version=version, **changes)

    return _post(request, note, "draft_form", DraftForm(request.POST), act, "Draft saved.")


@requires("records.write")
@require_http_methods(["POST"])
def finalise(request, note_id):
    note = get_visible_note(request.user, note_id)
    form = _finalise_form(note, written_with(request.user, note), request.user, request.POST)
    return _post(request, note, "finalise_form", form,
                 lambda data: family.do_finalise_family_note(
                     note, acting_user=request.user, expected_version=data["version"],
                     to_all=bool(data.get("to_all"))),
                 "Case note finalised.")


@requires("records.write")
@require_http_methods(["POST"])
def amend(request, note_id):
    note = get_visible_note(request.user, note_id)
    user = request.user
    if not rules.may_amend(author_id=note.author_id, author_team_id=note.author.team_id,
                           user_id=user.pk, user_role=user.role, user_team_id=user.team_id):
        raise PermissionDenied(rules.AMEND_NOT_YOURS)
    form = _amend_form(written_with(user, note), request.POST)
    label = FIELD_LABELS.get(str(form.data.get("field")), "Record")
    return _post(request, note, "amend_form", form,
                 lambda data: family.do_amend_family_note(
                     note, acting_user=request.user, expected_version=data["version"],
                     to_all=bool(data.get("to_all")), **form.amendment()),
                 f"{label} amended.", field_for=form.field_for())

"""Case note pages: a person's notes, writing one, and one note with its draft / finalise /
amend forms. Views parse, call one action and render; a note whose person the user may not
see is 404; a stale save is 409 with the user's input kept."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people.actions import StaleEdit
from hearth.records import actions, rules
from hearth.records.codes import FIELD_LABELS
from hearth.records.forms import AmendForm, DraftForm, NoteForm, VersionForm, add_error
from hearth.records.models import CaseNote
from hearth.records.queries import get_visible_note, get_visible_person, notes_of

FORM_ERROR_STATUS = 400
CONFLICT = 409


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
    if context["can_edit"]:
        context["draft_form"] = DraftForm(initial=_initial(note))
    if context["can_finalise"]:
        context["finalise_form"] = VersionForm(initial={"version": note.version})
    if context["can_amend"]:
        context["amend_form"] = AmendForm(initial={"version": note.version})
    context.update(extra)
    return render(request, "records/detail.html", context, status=status)


def _conflict(request, note: CaseNote, exc: StaleEdit, form_name: str, form):
    conflict = {"title": "Someone else changed this record while you were working on it",
                "message": f"{exc} Check the record below as it is now, then make your "
                           "change again: what you entered is kept in the form."}
    return _render(request, note, status=CONFLICT, conflict=conflict, **{form_name: form})


def _refused(request, note: CaseNote, form_name: str, form, exc: actions.NoteRefused):
    add_error(form, exc.field, str(exc))
    return _render(request, note, status=FORM_ERROR_STATUS, **{form_name: form})


@requires("records.view")
@require_http_methods(["GET"])
def person_notes(request, person_id):
    person = get_visible_person(request.user, person_id)
    notes = list(notes_of(request.user, person))
    actions.record_view(person, user=request.user)
    return render(request, "records/list.html", {
        "person": person, "notes": notes,
        "can_write": request.user.has_hearth_permission("records.write")})


@requires("records.write")
@require_http_methods(["GET", "POST"])
def new_note(request, person_id):
    person = get_visible_person(request.user, person_id)
    if request.method == "GET":
        return render(request, "records/new.html", {"person": person, "form": NoteForm()})
    form = NoteForm(request.POST)
    if form.is_valid():
        involvement = (person.involvements.filter(closed_on__isnull=True)
                       .order_by("-opened_on", "-pk").first())
        try:
            note = actions.do_write_note(person, acting_user=request.user,
                                         involvement=involvement, **form.cleaned_data)
        except actions.NoteRefused as exc:
            add_error(form, exc.field, str(exc))
        else:
            messages.success(request, "Case note saved as a draft.")
            return redirect("records:detail", note_id=note.pk)
    return render(request, "records/new.html", {"person": person, "form": form},
                  status=FORM_ERROR_STATUS)


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
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _render(request, note, status=FORM_ERROR_STATUS, draft_form=form)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        actions.do_update_draft(note, acting_user=request.user, expected_version=version,
                                **data)
    except StaleEdit as exc:
        return _conflict(request, note, exc, "draft_form", form)
    except actions.NoteRefused as exc:
        return _refused(request, note, "draft_form", form, exc)
    messages.success(request, "Draft saved.")
    return redirect("records:detail", note_id=note.pk)


@requires("records.write")
@require_http_methods(["POST"])
def finalise(request, note_id):
    note = get_visible_note(request.user, note_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _render(request, note, status=FORM_ERROR_STATUS, finalise_form=form)
    try:
        actions.do_finalise(note, acting_user=request.user,
                            expected_version=form.cleaned_data["version"])
    except StaleEdit as exc:
        return _conflict(request, note, exc, "finalise_form", form)
    except actions.NoteRefused as exc:
        return _refused(request, note, "finalise_form", form, exc)
    messages.success(request, "Case note finalised.")
    return redirect("records:detail", note_id=note.pk)


@requires("records.write")
@require_http_methods(["POST"])
def amend(request, note_id):
    note = get_visible_note(request.user, note_id)
    user = request.user
    if not rules.may_amend(author_id=note.author_id, author_team_id=note.author.team_id,
                           user_id=user.pk, user_role=user.role, user_team_id=user.team_id):
        raise PermissionDenied(rules.AMEND_NOT_YOURS)
    form = AmendForm(request.POST)
    if not form.is_valid():
        return _render(request, note, status=FORM_ERROR_STATUS, amend_form=form)
    data = form.cleaned_data
    try:
        actions.do_amend(note, acting_user=request.user, expected_version=data["version"],
                         **form.amendment())
    except StaleEdit as exc:
        return _conflict(request, note, exc, "amend_form", form)
    except actions.NoteRefused as exc:
        return _refused(request, note, "amend_form", form, exc)
    messages.success(request, f"{FIELD_LABELS[data['field']]} amended.")
    return redirect("records:detail", note_id=note.pk)

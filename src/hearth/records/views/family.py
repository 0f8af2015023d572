"""Writing one case note about several children of a family (issue 15): the shared part once,
each child's own part for each; every child chosen gets a draft note of their own, linked to
the others."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.casework.queries import family_children
from hearth.core.forms import add_problems
from hearth.core.pages import all_valid, done_with, form_problems
from hearth.core.refusals import Refused
from hearth.drafts.views import keeps_draft, restored
from hearth.records import queries
from hearth.records.actions.family import do_write_family_note
from hearth.records.forms.family import ChildNoteForm, FamilyNoteForm, names


def _write(request, person, shared: FamilyNoteForm, parts: list[ChildNoteForm]):
    """The notes written and 200, or None and the status to show the forms again with."""
    if not all_valid([shared, *parts]):
        return None, 400
    chosen = [p for p in parts if p.cleaned_data["included"]]
    try:
        return do_write_family_note(person, [p.part() for p in chosen],
                                    acting_user=request.user, **shared.shared()), 200
    except Refused as refusal:
        for field, message in refusal.problems.items():
            where, _, index_field = field.partition(".")
            if where == "children" and index_field:
                index, _, own = index_field.partition(".")
                chosen[int(index)].add_error(own, message)
            elif where == "children":
                parts[0].add_error("included", message)
            else:
                add_problems(shared, {field: message})
        return None, refusal.page_status


@requires("records.write")
@require_http_methods(["GET", "POST"])
@keeps_draft
def family_new(request, person_id):
    person = queries.get_visible_person(request.user, person_id)
    family = family_children(request.user, person)
    data = request.POST if request.method == "POST" else None
    shared = restored(request, FamilyNoteForm(data))
    parts = [restored(request, ChildNoteForm(data, child=c,
                                             initial={"included": c.pk == person.pk}))
             for c in family]
    status = 200
    if request.method == "POST":
        notes, status = _write(request, person, shared, parts)
        if notes:
            return done_with(request, f"Case notes saved as drafts about "
                             f"{names([n.person for n in notes])}.",
                             "records:person_notes", person_id=person.pk)
    return render(request, "records/family_new.html", {
        "person": person, "family": family, "form": shared, "parts": parts,
        "problems": form_problems(shared, *parts) if status != 200 else []}, status=status)

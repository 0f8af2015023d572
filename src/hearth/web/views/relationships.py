"""Record who is related to whom, and who has parental responsibility (R-PPL-1)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people import actions
from hearth.people.queries import get_visible_person
from hearth.people.search import SearchInputError, search_people
from hearth.web.forms import RelationshipForm, SearchForm
from hearth.web.views.people import search_error_field


@requires("people.edit")
@require_http_methods(["GET", "POST"])
def add_relationship(request, person_id):
    """Step 1: find the relative (search by POST). Step 2: say who they are, then add."""
    person = get_visible_person(request.user, person_id)
    step = request.POST.get("step", "find")
    search_form = SearchForm(request.POST if step == "find" and request.method == "POST"
                             else None)
    form = RelationshipForm(request.POST if step == "add" else None)
    results = None
    if request.method == "POST" and step == "find" and search_form.is_valid():
        try:
            results = [m for m in search_people(request.user, **search_form.cleaned_data)
                       if m.person.pk != person.pk]
        except SearchInputError as exc:
            search_form.add_error(search_error_field(str(exc)), str(exc))
    if request.method == "POST" and step == "add" and form.is_valid():
        data = form.cleaned_data
        relative = get_visible_person(request.user, data["relative"])
        try:
            actions.do_add_relationship(
                relative, person, acting_user=request.user, kind=data["kind"],
                parental_responsibility=data["parental_responsibility"],
                start_date=data["start_date"])
        except (ValidationError, ValueError) as exc:
            form.add_error(None, "; ".join(getattr(exc, "messages", [str(exc)])))
        else:
            kind = form.cleaned_data["kind"].replace("_", "-")
            messages.success(request, f"{relative.display_name} was added as "
                             f"{person.given_name}'s {kind}.")
            return redirect("web:person", person_id=person.pk)
    errors = search_form.errors or form.errors
    return render(request, "people/add_relationship.html", {
        "person": person, "search_form": search_form, "form": form, "results": results,
    }, status=400 if errors else 200)

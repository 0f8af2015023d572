"""Record who is related to whom, and who has parental responsibility (R-PPL-1)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.people import actions
from hearth.people.forms.relationships import RelationshipForm
from hearth.people.forms.search import SearchForm
from hearth.people.queries.search import search_people
from hearth.people.queries.visibility import get_visible_person


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
    status = 200
    if request.method == "POST" and step == "find":
        if search_form.is_valid():
            results = [m for m in search_people(request.user, **search_form.cleaned_data)
                       if m.person.pk != person.pk]
        else:
            status = 400
    if request.method == "POST" and step == "add":
        def add(data):
            relative = get_visible_person(request.user, data["relative"])
            actions.do_add_relationship(
                relative, person, acting_user=request.user, kind=data["kind"],
                parental_responsibility=data["parental_responsibility"],
                start_date=data["start_date"])
            return relative

        # The action's own fields (who to whom) are the form's as a whole.
        outcome = attempt(form, add, field_for={"person": "", "relative": ""})
        if outcome:
            kind = form.cleaned_data["kind"].replace("_", "-")
            return done_with(request, f"{outcome.result.display_name} was added as "
                             f"{person.given_name}'s {kind}.", "web:person",
                             person_id=person.pk)
        status = outcome.status
    return render(request, "people/add_relationship.html", {
        "person": person, "search_form": search_form, "form": form, "results": results,
    }, status=status)

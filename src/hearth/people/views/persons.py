"""A person's record: read it (with the panels higher apps register), create one (with the
duplicate check), change it, add an address or a name."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.people import actions
from hearth.people.actions import PERSON_FIELDS
from hearth.people.forms.persons import AddressForm, EditPersonForm, NameForm, PersonForm
from hearth.people.models import Person
from hearth.people.queries.persons import PLACES, person_detail, person_panels, record_history
from hearth.people.queries.search import LikelyDuplicates
from hearth.people.queries.visibility import could_break_glass, get_visible_person
from hearth.people.templatetags import child_header

FORM_FIELDS = [f for f in PERSON_FIELDS if f != "restricted"]


def person_or_break_glass(request, person_id):
    """The visible person; a break-glass page for a restricted record in reach; else 404."""
    try:
        return get_visible_person(request.user, person_id), None
    except Http404:
        person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first() \
            if _is_uuid(person_id) else None
        if person is not None and could_break_glass(request.user, person):
            return None, redirect("web:break_glass", person_id=person.pk)
        raise


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@requires("people.view")
def detail(request, person_id):
    person, elsewhere = person_or_break_glass(request, person_id)
    if elsewhere:
        return elsewhere
    actions.record_view(person, user=request.user)
    history = record_history(person)
    panels: dict[str, list[str]] = {place: [] for place in PLACES}
    for panel in person_panels(request.user, person):
        panels[panel.place].append(
            render_to_string(panel.template, {"person": person, **panel.context}, request))
    return render(request, "people/detail.html", {
        "person": person, **person_detail(person), "history": history, "panels": panels,
        "can_edit": request.user.has_hearth_permission("people.edit"),
        "can_merge": request.user.has_hearth_permission("people.merge"),
        "can_see_log": request.user.has_hearth_permission("audit.access_log"),
        "can_restrict": request.user.has_hearth_permission("people.restrict"),
    })


@requires("people.create")
@require_http_methods(["GET", "POST"])
def create(request):
    """Create a person; likely duplicates are shown first and must be ruled out (R-PPL-2)."""
    form = PersonForm(request.POST or None)
    duplicates = None

    def act(data):
        nonlocal duplicates
        try:
            return actions.do_create_checked_person(
                acting_user=request.user, confirm="create the new record",
                checked_duplicates=bool(request.POST.get("confirmed_new")),
                **{k: data[k] for k in FORM_FIELDS})
        except LikelyDuplicates as found:
            duplicates = found.check
            return None

    status = 200
    if request.method == "POST":
        outcome = attempt(form, act)
        if outcome and outcome.result is not None:
            person = outcome.result
            return done_with(request, f"{person.display_name}'s record was created.",
                             "web:person", person_id=person.pk)
        status = outcome.status
    return render(request, "people/create.html",
                  {"form": form, "duplicates": duplicates}, status=status)


def _snapshot(values: dict) -> dict:
    """Field values as JSON-safe data, for comparing what each editor changed."""
    return {f: (v.isoformat() if hasattr(v, "isoformat") else v) for f, v in values.items()}


def _three_way(original: dict, mine: dict, person: Person) -> tuple[dict, list[str], list[str]]:
    """Lay my changes (since the version I opened) over the latest record.

    Returns the merged values, the fields someone else changed, and the fields we both changed
    differently (where mine wins in the form, for me to review before saving again).
    """
    latest = _snapshot({f: getattr(person, f) for f in FORM_FIELDS})
    merged, theirs, clashes = {}, [], []
    for field in FORM_FIELDS:
        mine_changed = mine[field] != original.get(field)
        theirs_changed = latest[field] != original.get(field)
        merged[field] = mine[field] if mine_changed else latest[field]
        if theirs_changed:
            theirs.append(field)
            if mine_changed and mine[field] != latest[field]:
                clashes.append(field)
    return merged, theirs, clashes


@requires("people.edit")
@require_http_methods(["GET", "POST"])
def edit(request, person_id):
    """Change a person. A save that lost a race keeps both editors' changes (practice 7)."""
    person = get_visible_person(request.user, person_id)
    current = {f: getattr(person, f) for f in FORM_FIELDS}
    form = EditPersonForm(request.POST or None,
                          initial={**current, "version": person.version,
                                   "original": _snapshot(current)})
    conflict = None
    status = 200
    if request.method == "POST":
        outcome = attempt(form, lambda data: actions.do_update_person(
            person, acting_user=request.user, expected_version=data["version"],
            **{k: data[k] for k in FORM_FIELDS}))
        if outcome:
            return done_with(request, "The record was updated.", "web:person",
                             person_id=person.pk)
        status = outcome.status
        if outcome.stale:
            data = form.cleaned_data
            person.refresh_from_db()
            mine = _snapshot({k: data[k] for k in FORM_FIELDS})
            merged, theirs, clashes = _three_way(data["original"], mine, person)
            labels = {f: form.fields[f].label for f in FORM_FIELDS}
            conflict = {"theirs": [labels[f] for f in theirs],
                        "clashes": [labels[f] for f in clashes]}
            latest = _snapshot({f: getattr(person, f) for f in FORM_FIELDS})
            form = EditPersonForm(initial={**merged, "version": person.version,
                                           "original": latest})
    return render(request, "people/edit.html",
                  {"form": form, "person": person, "conflict": conflict}, status=status)


def _add_to_person(request, person_id, form_class, action, *, title: str, button: str,
                   done: str):
    """A one-form page that adds something to a person's record through ``action``."""
    person = get_visible_person(request.user, person_id)
    return form_page(
        request, "people/form_page.html", {"person": person, "title": title, "button": button},
        form_class(request.POST or None),
        lambda data: action(person, acting_user=request.user, **data),
        lambda _: done_with(request, done, "web:person", person_id=person.pk))


@requires("people.edit")
@require_http_methods(["GET", "POST"])
def add_address(request, person_id):
    return _add_to_person(request, person_id, AddressForm, actions.do_add_address,
                          title="Add an address", button="Add address",
                          done="The address was added.")


@requires("people.edit")
@require_http_methods(["GET", "POST"])
def add_name(request, person_id):
    return _add_to_person(request, person_id, NameForm, actions.do_add_name,
                          title="Add an alias or previous name", button="Add name",
                          done="The name was added.")


@requires("people.view")
@require_http_methods(["GET"])
def next_due(request, person_id):
    """The next thing due about the child in the reader's work: the header fetches it once the
    page has loaded (htmx); without JavaScript, a page of its own."""
    person = get_visible_person(request.user, person_id)
    context = child_header.next_due(person, request.user)
    template = "people/_next_due.html" if request.headers.get("HX-Request") \
        else "people/next_due.html"
    return render(request, template, context)

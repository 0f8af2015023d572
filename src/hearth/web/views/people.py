"""Person search, record, create (with duplicate check) and edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.models import AuditEntry
from hearth.access.permissions import requires
from hearth.people import actions
from hearth.people.actions import PERSON_FIELDS
from hearth.people.models import Person
from hearth.people.queries import (
    could_break_glass,
    get_visible_person,
    person_contacts,
    person_detail,
)
from hearth.people.search import SearchInputError, likely_duplicates, search_people
from hearth.web.forms import AddressForm, EditPersonForm, NameForm, PersonForm, SearchForm

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


def search_error_field(message: str) -> str | None:
    """Search messages start with the field they are about ("Postcode: …")."""
    for prefix, field in (("name", "name"), ("date of birth", "dob"), ("postcode", "postcode")):
        if message.lower().startswith(prefix + ":"):
            return field
    return None


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@requires("people.search")
@require_http_methods(["GET", "POST"])
def search(request):
    """Search is a POST so names and dates never appear in URLs or logs."""
    form = SearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        try:
            results = search_people(request.user, **form.cleaned_data)
        except SearchInputError as exc:
            form.add_error(search_error_field(str(exc)), str(exc))
    status = 400 if form.errors else 200
    return render(request, "people/search.html", {"form": form, "results": results},
                  status=status)


@requires("people.view")
def detail(request, person_id):
    person, elsewhere = person_or_break_glass(request, person_id)
    if elsewhere:
        return elsewhere
    actions.record_view(person, user=request.user)
    history = AuditEntry.objects.filter(
        object_type="people.person", object_id=str(person.pk)
    ).exclude(action__in=["view", "api_view", "view_access_log"]).order_by("-seq")[:50]
    return render(request, "people/detail.html", {
        "person": person, **person_detail(person), "history": history,
        "contacts": person_contacts(request.user, person),
        "can_edit": request.user.has_hearth_permission("people.edit"),
        "can_merge": request.user.has_hearth_permission("people.merge"),
        "can_see_log": request.user.has_hearth_permission("audit.access_log"),
        "can_restrict": request.user.has_hearth_permission("people.restrict"),
        "can_assess": request.user.has_hearth_permission("assessments.edit"),
    })


@requires("people.create")
@require_http_methods(["GET", "POST"])
def create(request):
    """Create a person; likely duplicates are shown first and must be ruled out (R-PPL-2)."""
    form = PersonForm(request.POST or None)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.POST.get("confirmed_new"):
            duplicates = likely_duplicates(
                request.user, given_name=data["given_name"], family_name=data["family_name"],
                date_of_birth=data["date_of_birth"] or data["expected_date_of_birth"],
            )
        if not duplicates:
            try:
                person = actions.do_create_person(
                    acting_user=request.user, **{k: data[k] for k in FORM_FIELDS})
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, f"{person.display_name}'s record was created.")
                return redirect("web:person", person_id=person.pk)
    status = 400 if form.errors else 200
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_update_person(person, acting_user=request.user,
                                     expected_version=data["version"],
                                     **{k: data[k] for k in FORM_FIELDS})
        except actions.StaleEdit:
            person.refresh_from_db()
            original = data["original"]
            mine = _snapshot({k: data[k] for k in FORM_FIELDS})
            merged, theirs, clashes = _three_way(original, mine, person)
            labels = {f: form.fields[f].label for f in FORM_FIELDS}
            conflict = {"theirs": [labels[f] for f in theirs],
                        "clashes": [labels[f] for f in clashes]}
            latest = _snapshot({f: getattr(person, f) for f in FORM_FIELDS})
            form = EditPersonForm(initial={**merged, "version": person.version,
                                           "original": latest})
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, "The record was updated.")
            return redirect("web:person", person_id=person.pk)
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "people/edit.html",
                  {"form": form, "person": person, "conflict": conflict}, status=status)


def _add_to_person(request, person_id, form_class, action, *, title: str, button: str,
                   done: str):
    """A one-form page that adds something to a person's record through ``action``."""
    person = get_visible_person(request.user, person_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action(person, acting_user=request.user, **form.cleaned_data)
        messages.success(request, done)
        return redirect("web:person", person_id=person.pk)
    return render(request, "people/form_page.html", {
        "form": form, "person": person, "title": title, "button": button,
    }, status=400 if form.errors else 200)


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

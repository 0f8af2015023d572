"""The people concerned in a contact: find each one (R-FD-3), or add them after the duplicate
check (R-PPL-2), and see their existing involvement as soon as they are linked.

One page serves a contact being taken (the people are kept in the session until the contact
is recorded, so nothing is half-written) and a contact already recorded (each link is an
action at once, e.g. when EDT hands over a contact whose child was not known).
"""

from __future__ import annotations

from django.shortcuts import redirect, render

from hearth.core.pages import refuse_on_form
from hearth.core.refusals import Refused
from hearth.frontdoor.actions.contacts import do_link_person
from hearth.frontdoor.codes import PersonRole
from hearth.frontdoor.forms.people import LinkForm, NewPersonForm
from hearth.frontdoor.queries.contacts import people_rows
from hearth.people.actions import do_create_checked_person
from hearth.people.forms.search import SearchForm, search_error_field
from hearth.people.models import Person
from hearth.people.queries.search import LikelyDuplicates, SearchInputError, search_people
from hearth.people.queries.visibility import get_visible_person

DRAFT = "contact_draft"
NOTICE = "contact_people_notice"


class DraftPeople:
    """The people of the contact being taken, kept in the (database-backed) session."""

    recorded = False

    def __init__(self, request):
        self.session = request.session
        self.user = request.user

    @property
    def _ids(self) -> list[list[str]]:
        return self.session.get(DRAFT, {}).get("people", [])

    def pairs(self) -> list[tuple[Person, str]]:
        roles = dict(self._ids)
        people = {str(p.pk): p for p in Person.objects.visible_to(self.user).live()
                  .filter(pk__in=list(roles))}
        return [(people[pid], role) for pid, role in roles.items() if pid in people]

    def new_records(self) -> set:
        """The people whose records were made while taking this contact (R-EDT-3)."""
        made = set(self.session.get(DRAFT, {}).get("new_records", []))
        return {person.pk for person, _ in self.pairs() if str(person.pk) in made}

    def link(self, person: Person, role: str, *, new_record: bool = False) -> None:
        draft = self.session[DRAFT]
        draft["people"] = [[pid, r] for pid, r in draft.get("people", [])
                           if pid != str(person.pk)] + [[str(person.pk), role]]
        if new_record:
            draft["new_records"] = [*draft.get("new_records", []), str(person.pk)]
        self.session.modified = True

    def remove(self, person_id: str) -> None:
        draft = self.session[DRAFT]
        draft["people"] = [[pid, r] for pid, r in draft.get("people", []) if pid != person_id]
        draft["new_records"] = [pid for pid in draft.get("new_records", []) if pid != person_id]
        self.session.modified = True


class ContactPeople:
    """The people of a recorded contact: each link is recorded (and audited) at once."""

    recorded = True

    def __init__(self, request, contact):
        self.contact = contact
        self.user = request.user

    def pairs(self) -> list[tuple[Person, str]]:
        return [(link.person, link.role) for link in self.contact.links.select_related("person")
                .order_by("-role", "person__family_name")]

    def link(self, person: Person, role: str, *, new_record: bool = False) -> None:
        do_link_person(self.contact, person, role=role, acting_user=self.user,
                               new_record=new_record)

    def remove(self, person_id: str) -> None:  # a recorded link stays on the record
        raise Refused("A person linked to a recorded contact stays linked", "person")


def _role_label(role: str) -> str:
    return "a child" if role == PersonRole.CHILD else "an adult"


def people_page(request, people, *, template_context: dict, here: str):
    """Handle one step (find, link, new, remove) on the people page and render it."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    search_form = SearchForm(request.POST if step == "find" else None)
    new_form = NewPersonForm(request.POST if step == "new" else None, prefix="new")
    link_error = ""
    results = duplicates = None
    if step == "find" and search_form.is_valid():
        try:
            results = search_people(request.user, **search_form.cleaned_data)
        except SearchInputError as exc:
            search_form.add_error(search_error_field(str(exc)), str(exc))
    elif step in ("link", "remove"):
        form = LinkForm(request.POST)
        if form.is_valid():
            person = get_visible_person(request.user, form.cleaned_data["person"])
            role = form.cleaned_data["role"]
            try:
                if step == "link":
                    people.link(person, role)
                    notice = f"{person.display_name} is linked as {_role_label(role)}."
                else:
                    people.remove(str(person.pk))
                    notice = f"{person.display_name} was removed."
            except Refused as refusal:
                link_error = refusal.message
            else:
                request.session[NOTICE] = notice
                return redirect(here)
        else:
            link_error = "Select the person and whether they are a child or an adult"
    elif step == "new" and new_form.is_valid():
        data = new_form.cleaned_data
        try:
            person = do_create_checked_person(
                acting_user=request.user, confirm="add the new record",
                checked_duplicates=bool(request.POST.get("new-confirmed")),
                given_name=data["given_name"], family_name=data["family_name"],
                date_of_birth=data["date_of_birth"])
        except LikelyDuplicates as found:
            duplicates = found.check
        except Refused as refusal:
            refuse_on_form(new_form, refusal)
        else:
            people.link(person, data["role"], new_record=True)
            request.session[NOTICE] = (f"{person.display_name}'s record was created and "
                                       f"linked as {_role_label(data['role'])}.")
            return redirect(here)
    linked = people_rows(people.pairs(), request.user)
    failed = bool(search_form.errors or new_form.errors or link_error)
    return render(request, "frontdoor/people_step.html", {
        **template_context, "search_form": search_form, "new_form": new_form,
        "results": results, "duplicates": duplicates, "linked": linked,
        "linked_ids": {str(row["person"].pk) for row in linked if row["person"]},
        "link_error": link_error,
        "notice": request.session.pop(NOTICE, "") if not failed else "", "here": here,
        "recorded": people.recorded, "removable": not people.recorded,
    }, status=400 if failed else 200)

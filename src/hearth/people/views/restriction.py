"""Managers restrict a record to named users (e.g. a member of staff's child)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.core.refusals import Refused
from hearth.people import actions
from hearth.people.forms.restriction import NamedUserForm, RestrictionForm
from hearth.people.models import RestrictedAccess
from hearth.people.queries.visibility import get_visible_person

NOT_A_USER = ("Enter the username of an active Hearth user who works with children and "
              "families")


@requires("people.restrict")
@require_http_methods(["GET", "POST"])
def restriction(request, person_id):
    person = get_visible_person(request.user, person_id)
    action = request.POST.get("action", "")
    form = RestrictionForm(request.POST if action == "restrict" else None,
                           initial={"restricted": person.restricted})
    name_form = NamedUserForm(request.POST if action == "name" else None)

    def restrict(data):
        return actions.do_set_restricted(person, acting_user=request.user,
                                         restricted=data["restricted"], reason=data["reason"])

    def name(data):
        named = User.objects.filter(username=data["username"], is_active=True
                                    ).exclude(role=Role.ADMINISTRATOR).first()
        if named is None:
            raise Refused(NOT_A_USER, "username")
        actions.do_name_user(person, named, acting_user=request.user)
        return named

    status = 200
    if action == "restrict":
        outcome = attempt(form, restrict)
        if outcome:
            return done_with(request, "The restriction was updated.", "web:restriction",
                             person_id=person.pk)
        status = outcome.status
    if action == "name":
        outcome = attempt(name_form, name)
        if outcome:
            return done_with(request, f"{outcome.result.display_name} may now see this record.",
                             "web:restriction", person_id=person.pk)
        status = outcome.status
    if action == "unname":
        named = User.objects.filter(pk=request.POST.get("user")).first()
        if named is not None:
            actions.do_unname_user(person, named, acting_user=request.user)
            messages.success(request, f"{named.display_name} is no longer named.")
        return redirect("web:restriction", person_id=person.pk)
    named_users = RestrictedAccess.objects.filter(person=person).select_related("user")
    return render(request, "people/restriction.html", {
        "person": person, "form": form, "name_form": name_form, "named_users": named_users,
    }, status=status)

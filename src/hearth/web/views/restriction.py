"""Managers restrict a record to named users (e.g. a member of staff's child)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.access.permissions import requires
from hearth.people import actions
from hearth.people.models import RestrictedAccess
from hearth.people.queries import get_visible_person
from hearth.web.forms import NamedUserForm, RestrictionForm


@requires("people.restrict")
@require_http_methods(["GET", "POST"])
def restriction(request, person_id):
    person = get_visible_person(request.user, person_id)
    action = request.POST.get("action", "")
    form = RestrictionForm(request.POST if action == "restrict" else None,
                           initial={"restricted": person.restricted})
    name_form = NamedUserForm(request.POST if action == "name" else None)
    if action == "restrict" and form.is_valid():
        actions.do_set_restricted(person, acting_user=request.user,
                                  restricted=form.cleaned_data["restricted"],
                                  reason=form.cleaned_data["reason"])
        messages.success(request, "The restriction was updated.")
        return redirect("web:restriction", person_id=person.pk)
    if action == "name" and name_form.is_valid():
        named = User.objects.filter(username=name_form.cleaned_data["username"], is_active=True
                                    ).exclude(role=Role.ADMINISTRATOR).first()
        if named is None:
            name_form.add_error("username", "Enter the username of an active Hearth user who "
                                "works with children and families")
        else:
            actions.do_name_user(person, named, acting_user=request.user)
            messages.success(request, f"{named.display_name} may now see this record.")
            return redirect("web:restriction", person_id=person.pk)
    if action == "unname":
        named = User.objects.filter(pk=request.POST.get("user")).first()
        if named is not None:
            actions.do_unname_user(person, named, acting_user=request.user)
            messages.success(request, f"{named.display_name} is no longer named.")
        return redirect("web:restriction", person_id=person.pk)
    named_users = RestrictedAccess.objects.filter(person=person).select_related("user")
    return render(request, "people/restriction.html", {
        "person": person, "form": form, "name_form": name_form, "named_users": named_users,
    }, status=400 if form.errors or name_form.errors else 200)

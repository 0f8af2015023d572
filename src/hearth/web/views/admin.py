"""Administration of users and teams (administrators only; no casework here)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.actions import users as actions
from hearth.access.models import Team, User
from hearth.access.permissions import requires
from hearth.people.actions import StaleEdit
from hearth.web.forms import EditUserForm, TeamForm, UserForm


@requires("admin.users")
def users(request):
    rows = User.objects.select_related("team", "agency").order_by("username")
    return render(request, "admin/users.html", {"users": rows})


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def add_user(request):
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.do_create_user(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("password", exc.messages)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{user.username} can now sign in.")
            return redirect("web:users")
    return render(request, "admin/form.html", {"form": form, "title": "Add a user",
                                               "button": "Add user"},
                  status=400 if form.errors else 200)


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def edit_user(request, user_id):
    target = get_object_or_404(User, pk=user_id)
    form = EditUserForm(request.POST or None, initial={
        "role": target.role, "team": target.team, "agency": target.agency,
        "is_active": target.is_active, "version": target.version})
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = data.pop("version")
        try:
            actions.do_update_user(target, acting_user=request.user, expected_version=version,
                                   **data)
        except StaleEdit as exc:
            stale = True
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{target.username} was updated.")
            return redirect("web:users")
    return render(request, "admin/form.html", {
        "form": form, "title": f"Change {target.username}", "button": "Save changes"},
        status=409 if stale else 400 if form.errors else 200)


@requires("admin.teams")
@require_http_methods(["GET", "POST"])
def teams(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_create_team(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, "The team was added.")
            return redirect("web:teams")
    teams = Team.objects.annotate(member_count=Count("members"))
    return render(request, "admin/teams.html", {"form": form, "teams": teams},
                  status=400 if form.errors else 200)

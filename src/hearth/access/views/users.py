"""Administration of users and teams (administrators only; no casework here). The pages'
templates are in ``access/templates/admin``."""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access.actions import roles
from hearth.access.actions import users as actions
from hearth.access.forms import EditUserForm, RoleChangeDecisionForm, TeamForm, UserForm
from hearth.access.models import RoleChange, SecondFactorReset, Team, User
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page


@requires("admin.users")
def users(request):
    rows = User.objects.select_related("team", "agency").order_by("username")
    pending = RoleChange.objects.pending().select_related("user", "requested_by")
    resets = SecondFactorReset.objects.pending().select_related("user", "requested_by")
    return render(request, "admin/users.html", {
        "users": rows, "pending": pending, "resets": resets,
        "awaiting": {change.user_id for change in pending if change.new_account}})


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def add_user(request):
    return form_page(
        request, "admin/form.html", {"title": "Add a user", "button": "Add user"},
        UserForm(request.POST or None),
        lambda data: actions.do_create_user(acting_user=request.user, **data),
        lambda user: done_with(
            request, f"{user.username} can now sign in." if user.is_active else
            f"{user.username}'s account waits for a second administrator's approval: "
            f"{user.username} can sign in once another administrator approves it.",
            "web:users"))


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def edit_user(request, user_id):
    target = get_object_or_404(User, pk=user_id)
    form = EditUserForm(request.POST or None, initial={
        "role": target.role, "team": target.team, "agency": target.agency,
        "is_active": target.is_active, "version": target.version})

    def act(data):
        changes = {k: v for k, v in data.items() if k != "version"}
        return actions.do_update_user(target, acting_user=request.user,
                                      expected_version=data["version"], **changes)

    def done(user):
        if RoleChange.objects.pending().filter(user=user, requested_by=request.user).exists():
            return done_with(request, f"{user.username} was updated. The new role waits for "
                             "a second administrator's approval.", "web:users")
        return done_with(request, f"{user.username} was updated.", "web:users")

    aside = {} if target.pk == request.user.pk else {
        "aside_link": reverse("web:second_factor_reset_ask", args=[target.pk]),
        "aside_text": f"Reset {target.username}'s second factor (they have lost their phone "
                      "and recovery codes)"}
    return form_page(
        request, "admin/form.html",
        {"title": f"Change {target.username}", "button": "Save changes", **aside}, form, act,
        done)


@requires("admin.users")
@require_http_methods(["GET", "POST"])
def role_change(request, role_change_id):
    """A second administrator approves or refuses a role change (issue 13 item 5)."""
    change = get_object_or_404(RoleChange.objects.select_related("user", "requested_by"),
                               pk=role_change_id)
    return form_page(
        request, "admin/role_change.html", {"change": change},
        RoleChangeDecisionForm(request.POST or None),
        lambda data: roles.do_decide_role_change(change, acting_user=request.user,
                                                 approve=data["decision"] == "approve"),
        lambda decided: done_with(
            request, f"{decided.user.username} is now {decided.get_role_display()}."
            if decided.approved else f"The change of {decided.user.username}'s role was "
            "refused.", "web:users"))


@requires("admin.teams")
@require_http_methods(["GET", "POST"])
def teams(request):
    form = TeamForm(request.POST or None)
    status = 200
    if request.method == "POST":
        outcome = attempt(form, lambda data: actions.do_create_team(acting_user=request.user,
                                                                     **data))
        if outcome:
            return done_with(request, "The team was added.", "web:teams")
        status = outcome.status
    teams = Team.objects.annotate(member_count=Count("members"))
    return render(request, "admin/teams.html", {"form": form, "teams": teams}, status=status)

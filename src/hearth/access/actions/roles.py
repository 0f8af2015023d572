"""Roles that wait for a second administrator (issue 13 item 5).

An administrator never changes their own role: the attempt is refused (403) and audited. Giving
anyone a role that reads casework, or an administrator's role, is recorded as a pending
``RoleChange`` (a new account stays unable to sign in) and takes effect only when a different
administrator — neither the one who asked nor the person whose role it is — approves it. The
request and the decision are audited, and the service managers are told of both.
"""

from __future__ import annotations

from typing import NoReturn

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.access.models import RoleChange, User
from hearth.access.rules import has_permission
from hearth.core.refusals import Refused, Why


def refuse_own_role(acting_user: User, role: str) -> NoReturn:
    """Refuse a user changing their own role, and keep the attempt in the audit trail (in a
    transaction of its own, so the refusal does not take the record of it with it)."""
    with transaction.atomic():
        audit.record("role_change_own_refused", user=acting_user, obj=acting_user,
                     fields={"from": acting_user.role, "to": role})
    raise Refused("You cannot change your own role: another administrator must do it",
                  "role", why=Why.FORBIDDEN)


def _label(role: str) -> str:
    return Role(role).label if role in Role.values else role


def _service_managers(*, besides: User) -> list[User]:
    return list(User.objects.filter(is_active=True, role=Role.SERVICE_MANAGER)
                .exclude(pk=besides.pk))


def ask(user: User, *, acting_user: User, role: str, new_account: bool = False) -> RoleChange:
    """Record ``role`` for ``user`` as waiting for a second administrator. Runs inside the
    caller's transaction (creating or changing the user)."""
    if RoleChange.objects.pending().filter(user=user).exists():
        raise Refused(f"A change of {user.username}'s role already waits for a second "
                      "administrator: approve or refuse it first", "role", why=Why.STATE)
    change = RoleChange.objects.create(user=user, from_role="" if new_account else user.role,
                                       role=role, requested_by=acting_user)
    audit.record("role_change_requested", user=acting_user, obj=user,
                 fields={"role_change": change.pk, "from": change.from_role, "to": role,
                         "new_account": new_account})
    what = f"{user.username} to be {_label(role)}" + (" (a new account)" if new_account else "")
    link = reverse("web:role_change", args=[change.pk])
    administrators = User.objects.filter(is_active=True, role=Role.ADMINISTRATOR).exclude(
        pk__in=[acting_user.pk, user.pk])
    notify(list(administrators), subject=f"Approve or refuse: {acting_user.username} asks for "
           f"{what}", link=link)
    notify(_service_managers(besides=user),
           subject=f"Role change asked for: {acting_user.username} asks for {what}")
    return change


def awaiting_approval(user: User) -> bool:
    """A new account that a second administrator has not approved (it may not sign in)."""
    latest = user.role_changes.filter(from_role="").order_by("-requested_at", "-pk").first()
    return latest is not None and latest.approved is not True


def do_decide_role_change(change: RoleChange, *, acting_user: User, approve: bool) -> RoleChange:
    """A second administrator approves (the role takes effect; a new account may sign in) or
    refuses the change. The one who asked, and the person whose role it is, may not decide."""
    if acting_user.pk in (change.requested_by_id, change.user_id) or not has_permission(
            acting_user.role, "admin.users"):
        with transaction.atomic():
            audit.record("role_change_decision_refused", user=acting_user, obj=change.user,
                         fields={"role_change": change.pk, "to": change.role})
        raise Refused("A second administrator must decide: not the one who asked for the "
                      "change, nor the person whose role it is", "decision", why=Why.FORBIDDEN)
    return _decide(change, acting_user=acting_user, approve=approve)


@transaction.atomic
def _decide(change: RoleChange, *, acting_user: User, approve: bool) -> RoleChange:
    change = RoleChange.objects.select_for_update().get(pk=change.pk)
    if change.decided_at is not None:
        raise Refused("This role change was already decided", why=Why.STATE)
    user = User.objects.select_for_update().get(pk=change.user_id)
    change.decided_by, change.decided_at, change.approved = acting_user, timezone.now(), approve
    change.save()
    if approve:
        user.role = change.role
        if change.new_account:
            user.is_active = True
        user.version += 1
        user.save()
    outcome = "approved" if approve else "refused"
    audit.record(f"role_change_{outcome}", user=acting_user, obj=user,
                 fields={"role_change": change.pk, "from": change.from_role, "to": change.role,
                         "requested_by": change.requested_by.username})
    subject = (f"Role change {outcome}: {user.username} to be {_label(change.role)} "
               f"(asked by {change.requested_by.username}, {outcome} by {acting_user.username})")
    notify(_service_managers(besides=user) + [change.requested_by], subject=subject)
    return change

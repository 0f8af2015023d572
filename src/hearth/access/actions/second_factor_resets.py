"""Resetting someone's second factor takes two administrators (issue 13).

An administrator asks, with a reason (someone has lost their phone and their recovery codes);
a different administrator — neither the one who asked nor the person it is for — approves or
refuses. On approval the person's authenticator apps, passkeys and recovery codes are deleted
and their sessions ended; they set up a new second factor at their next sign-in. Nobody resets
their own. Every step is audited, and the service managers are told of the request and of the
decision, as they are of role changes (``actions.roles``).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.actions.users import end_sessions
from hearth.access.codes import Role
from hearth.access.models import SecondFactorReset, User
from hearth.access.rules import has_permission
from hearth.core.refusals import Refused, Why


def _service_managers(*, besides: User) -> list[User]:
    return list(User.objects.filter(is_active=True, role=Role.SERVICE_MANAGER)
                .exclude(pk=besides.pk))


def _refuse_and_record(action: str, *, acting_user: User, user: User, message: str,
                       field: str, **fields) -> None:
    """Refuse, keeping the attempt in the audit trail (in a transaction of its own, so the
    refusal does not take the record of it with it)."""
    with transaction.atomic():
        audit.record(action, user=acting_user, obj=user, fields=fields)
    raise Refused(message, field, why=Why.FORBIDDEN)


def do_ask_reset(user: User, *, acting_user: User, reason: str) -> SecondFactorReset:
    """An administrator asks for ``user``'s second factor to be reset; it waits for a second
    administrator."""
    if not has_permission(acting_user.role, "admin.users"):
        raise Refused("Only an administrator may ask for a reset", why=Why.FORBIDDEN)
    if acting_user.pk == user.pk:
        _refuse_and_record("second_factor_reset_own_refused", acting_user=acting_user,
                           user=user, field="reason", message="You cannot reset your own "
                           "second factor: ask another administrator")
    if not reason.strip():
        raise Refused("Enter why the second factor must be reset", "reason")
    return _ask(user, acting_user=acting_user, reason=reason.strip())


@transaction.atomic
def _ask(user: User, *, acting_user: User, reason: str) -> SecondFactorReset:
    User.objects.select_for_update().get(pk=user.pk)
    if SecondFactorReset.objects.pending().filter(user=user).exists():
        raise Refused(f"A reset of {user.username}'s second factor already waits for a second "
                      "administrator", "reason", why=Why.STATE)
    reset = SecondFactorReset.objects.create(user=user, reason=reason,
                                             requested_by=acting_user)
    audit.record("second_factor_reset_requested", user=acting_user, obj=user,
                 fields={"reset": reset.pk}, reason=reason)
    administrators = User.objects.filter(is_active=True, role=Role.ADMINISTRATOR).exclude(
        pk__in=[acting_user.pk, user.pk])
    notify(list(administrators), subject=f"Approve or refuse: {acting_user.username} asks to "
           f"reset {user.username}'s second factor",
           link=reverse("web:second_factor_reset", args=[reset.pk]))
    notify(_service_managers(besides=user), subject=f"Second-factor reset asked for: "
           f"{acting_user.username} asks to reset {user.username}'s second factor")
    return reset


def do_decide_reset(reset: SecondFactorReset, *, acting_user: User,
                    approve: bool) -> SecondFactorReset:
    """A second administrator approves (the devices and recovery codes go, the sessions end)
    or refuses. The one who asked, and the person it is for, may not decide."""
    if acting_user.pk in (reset.requested_by_id, reset.user_id) or not has_permission(
            acting_user.role, "admin.users"):
        _refuse_and_record("second_factor_reset_decision_refused", acting_user=acting_user,
                           user=reset.user, field="decision", reset=reset.pk,
                           message="A second administrator must decide: not the one who "
                           "asked for the reset, nor the person it is for")
    return _decide(reset, acting_user=acting_user, approve=approve)


@transaction.atomic
def _decide(reset: SecondFactorReset, *, acting_user: User,
            approve: bool) -> SecondFactorReset:
    reset = SecondFactorReset.objects.select_for_update().get(pk=reset.pk)
    if reset.decided_at is not None:
        raise Refused("This reset was already decided", why=Why.STATE)
    user = User.objects.select_for_update().get(pk=reset.user_id)
    reset.decided_by, reset.decided_at, reset.approved = acting_user, timezone.now(), approve
    reset.save()
    removed, sessions = 0, 0
    if approve:
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
        sessions = end_sessions(user)
    outcome = "approved" if approve else "refused"
    audit.record(f"second_factor_reset_{outcome}", user=acting_user, obj=user,
                 fields={"reset": reset.pk, "requested_by": reset.requested_by.username,
                         "devices_removed": removed, "sessions_ended": sessions})
    subject = (f"Second-factor reset {outcome}: {user.username} (asked by "
               f"{reset.requested_by.username}, {outcome} by {acting_user.username})")
    notify(_service_managers(besides=user) + [reset.requested_by], subject=subject)
    if approve:
        notify([user], subject="Your second factor was reset: set up a new one when you next "
               "sign in")
    return reset

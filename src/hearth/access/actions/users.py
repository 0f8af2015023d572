"""Writes to users, teams and tokens, each with its audit row."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.access import rules
from hearth.access.actions import audit, roles
from hearth.access.codes import Role, TokenScope
from hearth.access.models import Agency, ApiToken, LoginFailure, Team, User
from hearth.access.rules import needs_second_administrator
from hearth.core.compiled import compiled
from hearth.core.refusals import Refused, StaleEdit, Why

TOKEN_PREFIX = "hth_"  # noqa: S105  (a marker, not a secret)


@transaction.atomic
def do_create_user(*, acting_user, username: str, role: str, password: str,
                   team: Team | None = None, agency: Agency | None = None,
                   first_name: str = "", last_name: str = "", email: str = "") -> User:
    if role not in Role.values:
        raise Refused(f"Unknown role {role!r}. Choose one of: {', '.join(Role.values)}.", "role")
    if role == Role.MASH_PARTNER and agency is None:
        raise Refused("A MASH partner must belong to a partner agency (--agency).", "agency")
    if User.objects.filter(username__iexact=username).exists():
        raise Refused(f"A user called {username} already exists.", "username")
    user = User(username=username, role=role, team=team, agency=agency, first_name=first_name,
                last_name=last_name, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Refused(" ".join(exc.messages), "password") from exc
    user.set_password(password)
    # Made by an administrator, an account with casework or an administrator's role cannot
    # sign in until a second administrator approves it (issue 13 item 5). The command line
    # (acting_user None) is the server's operator, who already holds everything.
    waits = acting_user is not None and needs_second_administrator(role)
    user.is_active = not waits
    _clean(user, ["password"])
    user.save()
    audit.record("create_user", user=acting_user, obj=user,
                 fields={"username": username, "role": role, "team": team and team.name,
                         "agency": agency and agency.name})
    if waits:
        roles.ask(user, acting_user=acting_user, role=role, new_account=True)
    return user


def _clean(record, exclude: list[str] | None = None) -> None:
    """The model's own validation, as a refusal naming each field (nothing is written)."""
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise Refused({"" if field == NON_FIELD_ERRORS else field: " ".join(messages)
                       for field, messages in exc.message_dict.items()}) from exc


def end_sessions(user: User) -> int:
    """Delete every session that belongs to ``user`` (on disable)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def do_update_user(user: User, *, acting_user, expected_version: int, **changes) -> User:
    """Change a user. Nobody changes their own role (refused and audited); a role that reads
    casework or administers Hearth waits for a second administrator (issue 13 item 5)."""
    if (acting_user is not None and acting_user.pk == user.pk
            and changes.get("role", user.role) != user.role):
        roles.refuse_own_role(acting_user, changes["role"])
    return _update_user(user, acting_user=acting_user, expected_version=expected_version,
                        **changes)


@transaction.atomic
def _update_user(user: User, *, acting_user, expected_version: int, **changes) -> User:
    current = User.objects.select_for_update().get(pk=user.pk)
    if current.version != expected_version:
        raise StaleEdit(current.version)
    asked_role = None
    if (acting_user is not None and changes.get("role", current.role) != current.role
            and needs_second_administrator(changes["role"])):
        asked_role = changes.pop("role")
    if changes.get("is_active") and not current.is_active and roles.awaiting_approval(current):
        raise Refused(f"{current.username}'s account waits for a second administrator's "
                      "approval before it can be used", "is_active", why=Why.STATE)
    if asked_role is not None:
        roles.ask(current, acting_user=acting_user, role=asked_role)
    changed = {}
    for field in ("role", "team", "agency", "first_name", "last_name", "email", "is_active"):
        if field in changes and getattr(current, field) != changes[field]:
            changed[field] = [str(getattr(current, field)), str(changes[field])]
            setattr(current, field, changes[field])
    if not changed:
        return current
    current.version += 1
    current.save()
    if not current.is_active:
        end_sessions(current)
        ApiToken.objects.filter(user=current, revoked_at__isnull=True).update(
            revoked_at=timezone.now())
    audit.record("update_user", user=acting_user, obj=current, fields=changed)
    return current


@transaction.atomic
def do_create_team(*, acting_user, name: str, service: str) -> Team:
    team = Team(name=name, service=service)
    _clean(team)
    team.save()
    audit.record("create_team", user=acting_user, obj=team, fields={"name": name,
                                                                      "service": service})
    return team


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def do_create_token(user: User, *, acting_user=None, name: str = "",
                    scope: str = TokenScope.WRITE, days: int | None = None) -> str:
    """A new bearer token for ``user``, shown once (only its digest is kept): it may do what
    ``scope`` says and what the user's role allows, until it expires or is revoked."""
    if scope not in TokenScope.values:
        raise Refused(f"Unknown scope {scope!r}. Choose one of: "
                      f"{', '.join(TokenScope.values)}.", "scope")
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    problem = rules.token_lifetime_problem(days, settings.API_TOKEN_MAX_DAYS)
    if problem:
        raise Refused(problem, "days")
    name = (name or "").strip()
    if len(name) > 80:
        raise Refused("A token's name can be at most 80 characters.", "name")
    if not user.is_active:
        raise Refused("A disabled user cannot be given a token.", "user")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name, prefix=token[:12], digest=_digest(token),
                                  scope=scope, expires_at=timezone.now() + timedelta(days=days))
    audit.record("create_token", user=acting_user or user, obj=user,
                 fields={"prefix": row.prefix, "scope": scope, "days": days, "name": name})
    return token


@transaction.atomic
def do_revoke_token(row: ApiToken, *, acting_user) -> ApiToken:
    """Revoke a token now; a revoked token is refused from its next request."""
    current = ApiToken.objects.select_for_update().get(pk=row.pk)
    if current.revoked_at is not None:
        raise Refused("This token was already revoked.", why=Why.STATE)
    current.revoked_at = timezone.now()
    current.save(update_fields=["revoked_at"])
    audit.record("revoke_token", user=acting_user, obj=current.user,
                 fields={"prefix": current.prefix})
    return current


@compiled
def _live_token(p):
    return (ApiToken.objects.select_related("user", "user__team")
            .filter(digest=p.text("digest"), revoked_at__isnull=True,
                    expires_at__gt=p.datetime("now"))[:1])


def token_for(token: str) -> ApiToken | None:
    """The live token row (not revoked, not expired, its user active), or None."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    now = timezone.now()
    # Every API request asks: one query compiled once a process, the user's team with it.
    row = _live_token.first(digest=_digest(token), now=now)
    if row is None or not row.user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row


def user_for_token(token: str) -> User | None:
    row = token_for(token)
    return row.user if row is not None else None


def begin_sign_in(username: str, ip: str | None) -> bool:
    """Count this attempt before the password is checked, and say whether it may go ahead.

    The attempt is written (and committed) first and the recent attempts counted after it, so
    that parallel guesses cannot all slip under the limit: the k-th attempt to commit sees at
    least k, so at most ``LOGIN_THROTTLE_FAILURES`` passwords are ever tried per username in
    the window, however many arrive at once. A successful sign-in clears the username's rows
    (``record_login``); a failed one leaves its row as the failure."""
    with transaction.atomic():
        LoginFailure.objects.create(username=username[:150], ip=ip or None)
    since = timezone.now() - timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    return not rules.sign_in_throttled(
        by_username=recent.filter(username__iexact=username[:150]).count(),
        by_address=recent.filter(ip=ip).count() if ip else 0,
        username_limit=settings.LOGIN_THROTTLE_FAILURES,
        address_limit=settings.LOGIN_THROTTLE_ADDRESS_FAILURES)


@transaction.atomic
def record_login_failure(username: str, ip: str | None) -> None:
    """The attempt ``begin_sign_in`` counted failed: audited (its row stays as the failure)."""
    audit.record("login_failed", object_type="access.user", fields={"username": username[:150]})


@transaction.atomic
def record_login(user: User, ip: str | None) -> None:
    LoginFailure.objects.filter(username__iexact=user.username).delete()
    audit.record("login", user=user, obj=user)


@transaction.atomic
def record_logout(user: User) -> None:
    audit.record("logout", user=user, obj=user)

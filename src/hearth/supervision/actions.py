"""Every write to supervision: one transaction, one audit row each (practice 1)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.people.models import Person
from hearth.supervision import queries, rules
from hearth.supervision.codes import SELF_CHECK_QUESTIONS, SessionStatus
from hearth.supervision.models import SupervisionAction, SupervisionFrequency, SupervisionSession

#: The free-text parts of a session.
TEXT_FIELDS = ("attendees", "discussion", "decisions", "impact_on_worker", "health_and_safety",
               "visit_action_plan")
SESSION_FIELDS = ("status", "session_date", "cases", "self_check", *TEXT_FIELDS)


def _raise_first(problems: dict[str, str]) -> None:
    """The first problem only, as the pages have always shown it."""
    refuse_if(dict(list(problems.items())[:1]))


def clean_self_check(raw: Mapping[str, Any] | None) -> dict[str, dict[str, str]]:
    """Only the seed 004 §3.2 questions, each ``{"answer": "yes"|"no"|"", "note": str}``."""
    raw = raw or {}
    cleaned = {}
    for key, _question in SELF_CHECK_QUESTIONS:
        item = raw.get(key) or {}
        answer = str(item.get("answer") or "")
        answer = answer if answer in ("yes", "no") else ""
        note = str(item.get("note") or "").strip()
        if answer or note:
            cleaned[key] = {"answer": answer, "note": note}
    return cleaned


def _visible_cases(acting_user, cases: Iterable[Person]) -> list[Person]:
    """The cases, each one the acting user may see; otherwise refused."""
    cases = list({c.pk: c for c in cases}.values())
    ids = [c.pk for c in cases]
    seen = Person.objects.visible_to(acting_user).live().filter(pk__in=ids).count()
    if seen != len(ids):
        raise Refused("Select only cases you can see", "cases")
    return cases


def _check_manages(acting_user, session: SupervisionSession) -> None:
    if not queries.may_manage(acting_user, session):
        raise Refused("Only the supervisor or the worker's manager can change this "
                      "supervision.", why=Why.FORBIDDEN)


def _locked(session: SupervisionSession, expected_version: int) -> SupervisionSession:
    current = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    check_version(current, expected_version, "supervision")
    return current


def _day(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _link(session: SupervisionSession) -> str:
    return reverse("supervision:session", kwargs={"session_id": session.pk})


def _tell_worker(session: SupervisionSession, acting_user, subject: str) -> None:
    if session.worker_id != acting_user.pk:
        notify([session.worker], subject=subject, link=_link(session))


def _audit_values(session: SupervisionSession, case_ids: Iterable) -> dict[str, Any]:
    return {"session": session.pk, "worker": session.worker_id, "status": session.status,
            "scheduled_for": session.scheduled_for.isoformat(),
            "held_on": session.held_on.isoformat() if session.held_on else None,
            "cases": sorted(str(pk) for pk in case_ids),
            **{f: getattr(session, f) for f in TEXT_FIELDS}, "self_check": session.self_check}


@transaction.atomic
def do_record_session(*, acting_user, worker, status: str, session_date: date | None,
                      cases: Iterable[Person] = (), attendees: str = "", discussion: str = "",
                      decisions: str = "", impact_on_worker: str = "",
                      self_check: Mapping[str, Any] | None = None, health_and_safety: str = "",
                      visit_action_plan: str = "") -> SupervisionSession:
    """Record a supervision that took place, or plan one, for a worker the acting manager
    supervises (R-SUP-1). About a family with hostility or a worker-safety warning, a held
    session needs its health-and-safety item and the self-check answers (R-SUP-2)."""
    if not queries.supervised_workers(acting_user).filter(pk=worker.pk).exists():
        raise Refused("You do not supervise this worker.", "worker")
    chosen = _visible_cases(acting_user, cases)
    answers = clean_self_check(self_check)
    texts = {"attendees": attendees, "discussion": discussion, "decisions": decisions,
             "impact_on_worker": impact_on_worker, "health_and_safety": health_and_safety,
             "visit_action_plan": visit_action_plan}
    texts = {k: (v or "").strip() for k, v in texts.items()}
    needs = queries.needs_safety_items([c.pk for c in chosen])
    _raise_first(rules.session_problems(
        status=status, session_date=session_date, today=timezone.localdate(),
        needs_safety_items=needs, health_and_safety=texts["health_and_safety"],
        self_check=answers))
    assert session_date is not None
    held = status == SessionStatus.HELD
    session = SupervisionSession.objects.create(
        worker=worker, supervisor=acting_user, scheduled_for=session_date,
        held_on=session_date if held else None, status=status, self_check=answers,
        recorded_by=acting_user, recorded_at=timezone.now(), **texts)
    session.cases.set(chosen)
    audit.record("supervision.record" if held else "supervision.plan", user=acting_user,
                 obj=session, fields={**_audit_values(session, [c.pk for c in chosen]),
                                      "hostile_family": needs})
    _tell_worker(session, acting_user,
                 f"Supervision {'recorded' if held else 'planned'} for "
                 f"{_day(session_date)}")
    return session


def _merged(current: SupervisionSession, changes: dict[str, Any], acting_user) -> dict:
    """The session's values after ``changes``; cases the acting user cannot see stay."""
    values: dict[str, Any] = {
        "status": current.status,
        "session_date": current.held_on or current.scheduled_for,
        "self_check": current.self_check,
        **{f: getattr(current, f) for f in TEXT_FIELDS}}
    existing = list(current.cases.all())
    for field, value in changes.items():
        if field in TEXT_FIELDS:
            values[field] = (value or "").strip()
        elif field == "self_check":
            values[field] = clean_self_check(value)
        elif field != "cases":
            values[field] = value
    if "cases" in changes:
        visible = set(Person.objects.visible_to(acting_user).filter(
            pk__in=[c.pk for c in existing]).values_list("pk", flat=True))
        kept = [c for c in existing if c.pk not in visible]
        values["cases"] = _visible_cases(acting_user, changes["cases"]) + kept
    else:
        values["cases"] = existing
    values["old_cases"] = existing
    return values


@transaction.atomic
def do_update_session(session: SupervisionSession, *, acting_user, expected_version: int,
                      **changes: Any) -> SupervisionSession:
    """Change a planned or held supervision, or record a planned one as held, if nobody saved
    it since ``expected_version`` (otherwise ``StaleEdit``, nothing written)."""
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    current = _locked(session, expected_version)
    _check_manages(acting_user, current)
    values = _merged(current, changes, acting_user)
    needs = queries.needs_safety_items([c.pk for c in values["cases"]])
    _raise_first(rules.session_problems(
        status=values["status"], session_date=values["session_date"],
        today=timezone.localdate(), needs_safety_items=needs,
        health_and_safety=values["health_and_safety"], self_check=values["self_check"],
        previous_status=current.status))
    was = current.status
    before = _audit_values(current, [c.pk for c in values["old_cases"]])
    current.status = values["status"]
    if current.status == SessionStatus.HELD:
        current.held_on = values["session_date"]
    else:
        current.scheduled_for = values["session_date"]
    current.self_check = values["self_check"]
    for field in TEXT_FIELDS:
        setattr(current, field, values[field])
    after = _audit_values(current, [c.pk for c in values["cases"]])
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changed:
        return current
    current.version += 1
    current.save()
    if "cases" in changed:
        current.cases.set(values["cases"])
    held_now = was == SessionStatus.PLANNED and current.status == SessionStatus.HELD
    audit.record("supervision.hold" if held_now else "supervision.update", user=acting_user,
                 obj=current, fields={"session": current.pk, **changed,
                                      "hostile_family": needs})
    if held_now:
        _tell_worker(current, acting_user,
                     f"Supervision recorded for {_day(current.held_on)}")
    return current


@transaction.atomic
def do_cancel_session(session: SupervisionSession, *, acting_user, expected_version: int,
                      reason: str) -> SupervisionSession:
    """Cancel a planned supervision with the reason; it stays in the worker's history, and
    does not count as held (R-SUP-1, R-SUP-3)."""
    current = _locked(session, expected_version)
    _check_manages(acting_user, current)
    problem = rules.cancel_problem(status=current.status, reason=reason)
    if problem:
        raise Refused(problem[1], problem[0] or "", why=None if problem[0] else Why.STATE)
    current.status = SessionStatus.CANCELLED
    current.cancelled_reason = reason.strip()
    current.version += 1
    current.save(update_fields=["status", "cancelled_reason", "version"])
    audit.record("supervision.cancel", user=acting_user, obj=current,
                 fields={"session": current.pk, "worker": current.worker_id,
                         "scheduled_for": current.scheduled_for.isoformat(),
                         "reason": current.cancelled_reason})
    _tell_worker(current, acting_user,
                 f"Supervision of {_day(current.scheduled_for)} cancelled")
    return current


@transaction.atomic
def do_add_action(session: SupervisionSession, *, acting_user, owner, what: str,
                  due_on: date | None) -> SupervisionAction:
    """An action agreed in supervision: what, who, by when."""
    current = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    _check_manages(acting_user, current)
    if current.status == SessionStatus.CANCELLED:
        raise Refused("This supervision was cancelled: it has no actions.", why=Why.STATE)
    owner_ok = owner is not None and owner.pk in {u.pk for u in queries.possible_owners(current)}
    _raise_first(rules.action_problems(what=what, due_on=due_on, owner_ok=owner_ok))
    assert due_on is not None
    if due_on < current.scheduled_for:
        raise Refused("The due date must be on or after the date of the "
                                 "supervision", "due_on")
    action = SupervisionAction.objects.create(session=current, owner=owner, what=what.strip(),
                                              due_on=due_on)
    audit.record("supervision.action_add", user=acting_user, obj=current,
                 fields={"session": current.pk, "action": action.pk, "owner": owner.pk,
                         "what": action.what, "due_on": due_on.isoformat()})
    if owner.pk != acting_user.pk:
        notify([owner], subject=f"An action from supervision is yours, due {_day(due_on)}",
               link=_link(current))
    return action


@transaction.atomic
def do_complete_action(action: SupervisionAction, *, acting_user) -> SupervisionAction:
    """The owner (or the supervisor or manager) marks an action done today."""
    current = SupervisionAction.objects.select_for_update().select_related(
        "session").get(pk=action.pk)
    if current.owner_id != acting_user.pk and not queries.may_manage(acting_user,
                                                                      current.session):
        raise Refused("Only the person who owns this action, or the supervisor, can mark it "
                      "done.", why=Why.FORBIDDEN)
    if current.done_on is not None:
        raise Refused("This action is already marked done.", why=Why.STATE)
    current.done_on = timezone.localdate()
    current.save(update_fields=["done_on"])
    audit.record("supervision.action_done", user=acting_user, obj=current.session,
                 fields={"session": current.session_id, "action": current.pk,
                         "done_on": current.done_on.isoformat()})
    return current


def _frequency_target(acting_user, team, worker) -> dict[str, Any]:
    if (team is None) == (worker is None):
        raise Refused("Select a team or a worker", "target")
    if team is not None and not queries.managed_teams(acting_user).filter(pk=team.pk).exists():
        raise Refused("You can only set how often your own team is supervised", "target")
    if worker is not None and not queries.supervised_workers(acting_user).filter(
            pk=worker.pk).exists():
        raise Refused("You can only set how often the workers you supervise are "
                                 "supervised", "target")
    return {"team": team} if team is not None else {"worker": worker}


@transaction.atomic
def do_set_frequency(*, acting_user, every_days: int | None, team=None,
                     worker=None) -> SupervisionFrequency:
    """How often a team, or one worker, is supervised (R-SUP-3); replaces any earlier
    setting for them."""
    target = _frequency_target(acting_user, team, worker)
    problem = rules.frequency_problem(every_days)
    if problem:
        raise Refused(problem, "every_days")
    assert every_days is not None
    setting = SupervisionFrequency.objects.select_for_update().filter(**target).first()
    before = setting.every_days if setting else None
    if setting is None:
        setting = SupervisionFrequency(**target, every_days=every_days, set_by=acting_user,
                                       set_at=timezone.now())
    setting.every_days, setting.set_by, setting.set_at = every_days, acting_user, timezone.now()
    setting.save()
    audit.record("supervision.frequency", user=acting_user, obj=team or worker,
                 fields={"every_days": [before, every_days]})
    return setting


@transaction.atomic
def do_clear_frequency(*, acting_user, team=None, worker=None) -> None:
    """Remove a team's or a worker's own setting: the team's (or the default) applies."""
    target = _frequency_target(acting_user, team, worker)
    setting = SupervisionFrequency.objects.select_for_update().filter(**target).first()
    if setting is None:
        raise Refused("There is no setting to remove.", "target")
    before = setting.every_days
    setting.delete()
    audit.record("supervision.frequency", user=acting_user, obj=team or worker,
                 fields={"every_days": [before, None]})


def record_view(session: SupervisionSession, *, user, what: str = "view_supervision") -> None:
    """Reading a supervision is reading about the children discussed: it is audited."""
    audit.record_read(what, user=user, obj=session)


def record_person_view(person: Person, *, user) -> None:
    audit.record_read("view_supervision_history", user=user, obj=person)

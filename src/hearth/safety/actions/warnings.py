"""Every write to worker-safety warnings (R-SAFE-1): one transaction, one audit row each
(practice 1). A refusal raises ``Refused`` naming the fields at fault (``Why.STATE`` when the
warning's state forbids it, ``Why.FORBIDDEN`` when it is not this user's to do); a stale
version raises ``StaleEdit``; either way nothing is written."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.safety import rules
from hearth.safety.codes import WarningStatus
from hearth.safety.models import WarningReview, WorkerWarning
from hearth.safety.queries.alerts import (
    family_of_warning,
    family_workers,
    partner_agencies,
    sign_off_managers,
)
from hearth.safety.queries.warnings import person_name, visible_warnings

#: A warning is reviewed within this many days unless the worker sets a date.
DEFAULT_REVIEW_DAYS = 180


def _refuse(problems: dict[str, str]) -> None:
    """The rules' problems; one for the warning as a whole ("") is its state's."""
    refuse_if(problems, why=Why.STATE if "" in problems else Why.INPUT)


def _subject(warning: WorkerWarning):
    """What the audit row is about: the person, or the address."""
    return warning.person if warning.person_id else warning.address


def _locked(warning: WorkerWarning, expected_version: int) -> WorkerWarning:
    current = (WorkerWarning.objects.select_for_update(of=("self",))
               .select_related("person", "address").get(pk=warning.pk))
    check_version(current, expected_version, "warning")
    return current


@transaction.atomic
def do_add_warning(*, acting_user, person=None, address=None, kind: str, what_happened: str,
                   source: str, occurred_on: date | None, disclosed_to_person: bool,
                   not_disclosed_reason: str = "", requires_joint_visit: bool = False,
                   review_on: date | None = None, profession: str = "") -> WorkerWarning:
    """Raise a worker-safety warning on a person or an address (R-SAFE-1). It awaits a
    manager's sign-off; the workers and partner agencies involved with the family are told,
    and the team manager is asked to sign it off."""
    if (person is None) == (address is None):
        raise Refused("Say whether the warning is about a person or an address.")
    if person is not None and person.merged_into_id is not None:
        raise Refused("That record was merged into another: raise the warning there.",
                      why=Why.STATE)
    what_happened, source = (what_happened or "").strip(), (source or "").strip()
    profession, not_disclosed_reason = (profession or "").strip(), \
        (not_disclosed_reason or "").strip()
    today = timezone.localdate()
    refuse_if(rules.warning_problems(
        kind=kind, what_happened=what_happened, source=source, occurred_on=occurred_on,
        disclosed_to_person=disclosed_to_person, not_disclosed_reason=not_disclosed_reason,
        review_on=review_on, profession=profession, today=today))
    assert occurred_on is not None  # warning_problems refuses a missing one
    warning = WorkerWarning.objects.create(
        person=person, address=address, kind=kind, profession=profession,
        what_happened=what_happened, source=source, occurred_on=occurred_on,
        disclosed_to_person=bool(disclosed_to_person),
        not_disclosed_reason="" if disclosed_to_person else not_disclosed_reason,
        requires_joint_visit=bool(requires_joint_visit),
        review_on=review_on or today + timedelta(days=DEFAULT_REVIEW_DAYS),
        recorded_by=acting_user, recorded_at=timezone.now())
    told = tell_about_new_warning(warning, acting_user)
    audit.record("safety.warning_add", user=acting_user, obj=person or address,
                 fields={"warning": warning.pk, "kind": kind, "source": warning.source,
                         "occurred_on": occurred_on.isoformat() if occurred_on else None,
                         "requires_joint_visit": warning.requires_joint_visit,
                         "disclosed_to_person": warning.disclosed_to_person,
                         "review_on": warning.review_on.isoformat(),
                         "address": address.pk if address is not None else None,
                         "told": sorted(u.username for group in told.values() for u in group)})
    return warning


@transaction.atomic
def do_sign_off_warning(warning: WorkerWarning, *, acting_user,
                        expected_version: int) -> WorkerWarning:
    """A manager, never the author, signs the warning off (R-SAFE-1)."""
    current = _locked(warning, expected_version)
    may_sign_off = acting_user.has_hearth_permission("safety.sign_off")
    refusal = rules.sign_off_refusal(
        status=current.status, author_id=current.recorded_by_id, manager_id=acting_user.pk,
        may_sign_off=may_sign_off)
    if refusal:
        raise Refused(refusal, why=Why.STATE if current.status != WarningStatus.AWAITING_SIGN_OFF
                      and may_sign_off else Why.FORBIDDEN)
    current.status = WarningStatus.ACTIVE
    current.signed_off_by = acting_user
    current.signed_off_at = timezone.now()
    current.version += 1
    current.save(update_fields=["status", "signed_off_by", "signed_off_at", "version"])
    audit.record("safety.warning_sign_off", user=acting_user, obj=_subject(current),
                 fields={"warning": current.pk})
    notify([current.recorded_by], subject="Your worker-safety warning was signed off",
           body=f"{acting_user.display_name} signed off the warning you raised.",
           link=reverse("safety:warning", kwargs={"warning_id": current.pk}))
    return current


@transaction.atomic
def do_review_warning(warning: WorkerWarning, *, acting_user, expected_version: int,
                      review_on: date | None, note: str) -> WarningReview:
    """Review a warning: what was considered, and when it is next reviewed."""
    current = _locked(warning, expected_version)
    note = (note or "").strip()
    _refuse(rules.review_problems(status=current.status, review_on=review_on, note=note,
                                       today=timezone.localdate()))
    assert review_on is not None  # review_problems refuses a missing one
    review = WarningReview.objects.create(
        warning=current, reviewed_by=acting_user, reviewed_at=timezone.now(), note=note,
        previous_review_on=current.review_on, review_on=review_on)
    current.review_on = review_on
    current.version += 1
    current.save(update_fields=["review_on", "version"])
    audit.record("safety.warning_review", user=acting_user, obj=_subject(current),
                 fields={"warning": current.pk, "review": review.pk,
                         "review_on": [review.previous_review_on.isoformat(),
                                       review_on.isoformat()], "note": note})
    return review


@transaction.atomic
def do_end_warning(warning: WorkerWarning, *, acting_user, expected_version: int,
                   reason: str) -> WorkerWarning:
    """End a warning with a reason; it stays on record, no longer shown as live."""
    current = _locked(warning, expected_version)
    reason = (reason or "").strip()
    _refuse(rules.end_problems(status=current.status, reason=reason))
    current.status = WarningStatus.ENDED
    current.ended_by = acting_user
    current.ended_at = timezone.now()
    current.end_reason = reason
    current.version += 1
    current.save(update_fields=["status", "ended_by", "ended_at", "end_reason", "version"])
    audit.record("safety.warning_end", user=acting_user, obj=_subject(current),
                 fields={"warning": current.pk, "reason": reason})
    return current


def record_view(warning: WorkerWarning, *, user, what: str = "view_worker_warning") -> None:
    """Reading a warning is reading the record it is on: audited (practice 6)."""
    audit.record_read(what, user=user, obj=_subject(warning), fields={"warning": warning.pk})


def _facts(warning: WorkerWarning) -> str:
    joint = " Visits need two workers (a joint visit)." if warning.requires_joint_visit else ""
    return (f"{warning.get_kind_display()}: {warning.what_happened[:300]} "
            f"Source: {warning.source}, {warning.occurred_on:%d/%m/%Y}.{joint}")


def tell_about_new_warning(warning: WorkerWarning, author) -> dict[str, list]:
    """Notify everyone who must know of a new warning; returns who was told, by group."""
    people = family_of_warning(warning)
    link = reverse("safety:warning", kwargs={"warning_id": warning.pk})
    about = person_name(warning)
    named = [warning.person_id] if warning.person_id else []
    managers = sign_off_managers(author, people)
    notify(managers, subject=f"Sign off a worker-safety warning on {about}",
           body=f"{author.display_name} raised a warning. {_facts(warning)} "
                "Please check it and sign it off.", link=link, people=named)
    worker_ids = family_workers(people) - {author.pk} - {m.pk for m in managers}
    workers = list(User.objects.filter(pk__in=worker_ids, is_active=True))
    notify(workers, subject=f"Worker-safety warning on {about}",
           body=f"Raised by {author.display_name}. {_facts(warning)}", link=link,
           people=named)
    partners = list(User.objects.filter(agency_id__in=partner_agencies(people),
                                        role=Role.MASH_PARTNER, is_active=True)
                    .exclude(pk=author.pk))
    team = f" ({author.team.name})" if author.team_id else ""
    joint = " Visits need two workers." if warning.requires_joint_visit else ""
    raised = timezone.localtime(warning.recorded_at)
    for partner in partners:
        visible = visible_warnings(partner).filter(pk=warning.pk).exists()
        notify([partner], subject="Worker-safety warning on a family your agency works with",
               body=f"{warning.get_kind_display()} – about {about}.{joint} Raised by "
                    f"{author.display_name}{team} on {raised:%d/%m/%Y}: contact them before "
                    "any visit.", link=link if visible else "", people=named)
    return {"managers": managers, "workers": workers, "partners": partners}

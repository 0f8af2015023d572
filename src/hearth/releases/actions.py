"""Every write to a copy of records: one transaction, one audit row on the person each
(practice 1). Releasing freezes the copy; a released copy is never changed (R-REC-9).

A refusal raises ``Refused`` (``Why.STATE`` for a released copy, ``Why.STALE`` when the
records changed after the worker checked the copy); a stale version raises ``StaleEdit``;
either way nothing is written."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.releases import rules
from hearth.releases.models import Release, ReleaseStatus
from hearth.releases.queries.compile import compile_records, copy_of

RECORDS_CHANGED = ("The records changed after you checked the copy, so it was not released. "
                   "Check the copy below as it is now, then release it.")


def _locked(release: Release, expected_version: int) -> Release:
    current = Release.objects.select_for_update().select_related("person").get(pk=release.pk)
    if current.is_released:
        raise Refused(rules.RELEASED_REFUSAL, why=Why.STATE)
    check_version(current, expected_version, "copy")
    return current


def _audit(action: str, release: Release, user, fields: dict) -> None:
    audit.record(action, user=user, obj=release.person, fields={"release": release.pk, **fields})


@transaction.atomic
def do_start_release(person, *, acting_user, requested_by: str,
                     requested_on: date | None) -> Release:
    """Start preparing a copy for whoever asked; it is due one calendar month after the
    request (UK GDPR Art. 12(3))."""
    refuse_if(rules.request_problems(requested_by, requested_on, timezone.localdate()))
    assert requested_on is not None
    release = Release.objects.create(
        person=person, requested_by=requested_by.strip(), requested_on=requested_on,
        due_on=rules.due_date(requested_on), created_by=acting_user, created_at=timezone.now())
    _audit("records.release_start", release, acting_user,
           {"requested_by": release.requested_by, "requested_on": requested_on.isoformat(),
            "due_on": release.due_on.isoformat()})
    return release


@transaction.atomic
def do_update_release(release: Release, *, acting_user, expected_version: int,
                      terms: list[str], withheld: dict[str, str]) -> Release:
    """Set the redaction terms and the withheld items (with their reasons) of a draft copy."""
    current = _locked(release, expected_version)
    terms = rules.clean_terms(terms)
    for term in terms:
        problem = rules.term_problem(term)
        if problem:
            raise Refused(problem, "extra_terms")
    withheld = {str(k): str(v).strip() for k, v in withheld.items()}
    refuse_if(rules.withhold_problems(withheld))
    before_terms, before_withheld = current.redaction_terms, current.withheld
    if terms == before_terms and withheld == before_withheld:
        return current
    current.redaction_terms, current.withheld = terms, withheld
    current.version += 1
    current.save(update_fields=["redaction_terms", "withheld", "version"])
    folded = {t.casefold() for t in before_terms}
    _audit("records.release_update", current, acting_user, {
        "terms_added": [t for t in terms if t.casefold() not in folded],
        "terms_removed": [t for t in before_terms
                          if t.casefold() not in {n.casefold() for n in terms}],
        "withheld": withheld, "withheld_before": before_withheld})
    return current


@transaction.atomic
def do_release(release: Release, *, acting_user, expected_version: int,
               expected_sha256: str = "") -> Release:
    """Release the copy the worker checked: it is frozen (with its sha256) and audited with
    its counts. If the records changed since the worker checked (``expected_sha256``),
    nothing is released."""
    current = _locked(release, expected_version)
    content, counts = copy_of(current, compile_records(acting_user, current.person))
    sha256 = rules.fingerprint(content)
    if expected_sha256 and expected_sha256 != sha256:
        raise Refused(RECORDS_CHANGED, why=Why.STALE)
    current.status = ReleaseStatus.RELEASED
    current.snapshot, current.snapshot_sha256 = content, sha256
    current.released_by, current.released_at = acting_user, timezone.now()
    current.version += 1
    current.save(update_fields=["status", "snapshot", "snapshot_sha256", "released_by",
                                "released_at", "version"])
    _audit("records.release", current, acting_user, {**counts, "sha256": sha256})
    return current


def record_download(release: Release, *, user) -> None:
    """A download of the released copy is audited, with the fingerprint of what was sent."""
    with transaction.atomic():
        _audit("records.release_download", release, user, {"sha256": release.snapshot_sha256})


def record_view(person, *, user, what: str = "view_release") -> None:
    """Reading the copy is reading the person's record: it is audited (practice 6)."""
    audit.record_read(what, user=user, obj=person)

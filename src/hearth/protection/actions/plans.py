"""A child protection plan's core group shares the child with its partner agencies (R-CP-3):
a member from a partner agency lets that agency's staff read the child's core group, until no
open core group of the child has the agency in it. Called by the plan and core group writes."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.registry import Registry
from hearth.people.models import AgencyShare
from hearth.protection.models import CoreGroupMember, CPPlan

#: Why a partner agency was given the child's record: it is in the core group (R-CP-3).
SHARE_REASON = "Core group of child protection plan {plan} (R-CP-3)"
SHARE_PREFIX = "Core group of child protection plan"

#: Called as ``hook(plan, acting_user=...)`` when a conference starts a child protection plan,
#: inside the transaction that starts it: the cin app ends the child's open child in need plan
#: there, with its own audit row (R-CIN-2).
PLAN_STARTED = Registry("child protection plan started")


def share_with(plan: CPPlan, agency, *, acting_user) -> None:
    """R-CP-3: a partner agency in the core group sees the child (and so the core group)."""
    live = AgencyShare.objects.filter(person_id=plan.person_id, agency=agency).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
    if live.exists():
        return
    share = AgencyShare.objects.create(person_id=plan.person_id, agency=agency,
                                       shared_by=acting_user,
                                       reason=SHARE_REASON.format(plan=plan.pk))
    audit.record("protection.core_group_share", user=acting_user, obj=plan.person,
                 fields={"plan": plan.pk, "agency": agency.pk, "share": share.pk})


def release_shares(plan: CPPlan) -> None:
    """Stop sharing the child with partner agencies that are no longer in any of the child's
    open core groups (only the shares made for a core group; MASH's own stay)."""
    still_in = set(CoreGroupMember.objects.filter(
        plan__person_id=plan.person_id, plan__end_on__isnull=True, left_on__isnull=True,
        partner_agency__isnull=False).values_list("partner_agency_id", flat=True))
    (AgencyShare.objects.filter(person_id=plan.person_id, reason__startswith=SHARE_PREFIX,
                                expires_at__isnull=True)
     .exclude(agency_id__in=still_in).update(expires_at=timezone.now()))

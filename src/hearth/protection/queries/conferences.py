"""Reads that the conference, plan and core group pages and API share.

A conference, plan, core group member or meeting is visible exactly when its child is
(``Person.objects.visible_to``). A core group is also read by the partner agencies in it
(R-CP-3): a MASH partner sees a plan's core group only while their agency is a member (adding
the member shares the child with the agency). Anything else is 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.casework.queries import family_children
from hearth.casework.rules import CASE_HOLDING_ROLES
from hearth.core import visibility
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Person, Relationship
from hearth.people.queries.visibility import get_visible_person as get_visible_person
from hearth.protection.codes import ConferenceKind, S47Outcome
from hearth.protection.models import (
    Conference,
    CoreGroupMeeting,
    CoreGroupMember,
    CPPlan,
    Section47Enquiry,
)
from hearth.protection.rules import pathway as rules

#: Who may lead a child protection plan: qualified social workers and their managers.
LEAD_ROLES = frozenset(CASE_HOLDING_ROLES | {Role.TEAM_MANAGER})
#: Who may arrange a conference: whoever records child protection work, and the conference
#: service and managers who record conferences.
ARRANGE_PERMISSIONS = ("protection.record", "protection.conference")


def may_arrange(user) -> bool:
    return any(user.has_hearth_permission(p) for p in ARRANGE_PERMISSIONS)


def _visible(user) -> QuerySet[Person]:
    return Person.objects.visible_to(user).live()


# --- conferences ------------------------------------------------------------------------------

def get_visible_conference(user, conference_id) -> Conference:
    return get_visible_or_404(
        Conference.objects.select_related("person", "enquiry", "plan", "chair", "arranged_by",
                                          "recorded_by"),
        user, conference_id, "conference")


def conferences_of(person: Person) -> list[Conference]:
    return list(Conference.objects.filter(person=person).select_related("plan", "enquiry")
                .order_by("-held_on", "-pk"))


def conference_detail(conference: Conference) -> dict:
    """The invitees (by agency), the family and the plan a conference started or reviews."""
    return {
        "invitees": list(conference.invitees.order_by("agency", "name", "pk")),
        "family": list(conference.family.select_related("excluded_by").order_by("pk")),
        "started_plan": CPPlan.objects.filter(conference=conference).first(),
    }


def enquiries_needing_icpc(person: Person) -> list[Section47Enquiry]:
    """The child's enquiries that found an ICPC is needed and have none arranged (R-CP-1)."""
    return list(Section47Enquiry.objects.filter(
        person=person, outcome=S47Outcome.SUBSTANTIATED_ICPC)
        .exclude(conferences__kind=ConferenceKind.ICPC).order_by("icpc_due", "pk"))


def get_child_enquiry(person: Person, enquiry_id) -> Section47Enquiry | None:
    try:
        return Section47Enquiry.objects.filter(person=person).get(pk=enquiry_id)
    except (Section47Enquiry.DoesNotExist, ValueError, TypeError):
        return None


def arrange_facts(person: Person, *, enquiry=None, plan=None) -> dict:
    """What ``rules_conferences.arrange_problems`` needs to know about the child, and the
    enquiry or plan a conference would follow."""
    facts: dict = {"has_open_plan": CPPlan.objects.filter(person=person,
                                                          end_on__isnull=True).exists()}
    if enquiry is not None:
        facts.update(enquiry_outcome=enquiry.outcome,
                     enquiry_is_childs=enquiry.person_id == person.pk,
                     enquiry_started=enquiry.started_on,
                     conferences_for_enquiry=Conference.objects.filter(
                         enquiry=enquiry, kind=ConferenceKind.ICPC).count())
    if plan is not None:
        facts.update(plan_is_childs=plan.person_id == person.pk, plan_open=plan.end_on is None,
                     plan_start=plan.start_on,
                     rcpcs_arranged=Conference.objects.filter(plan=plan, held=False).count())
    return facts


def chairs() -> list[User]:
    return list(User.objects.filter(role=Role.CONFERENCE_CHAIR, is_active=True)
                .order_by("first_name", "last_name", "username"))


# --- plans ------------------------------------------------------------------------------------

def _live_members() -> Prefetch:
    return Prefetch("core_group", queryset=CoreGroupMember.objects.select_related(
        "partner_agency", "person").order_by("pk"))


def get_visible_plan(user, plan_id) -> CPPlan:
    return get_visible_or_404(
        CPPlan.objects.select_related("person", "conference", "lead_social_worker", "ended_by")
        .prefetch_related(_live_members()), user, plan_id, "plan")


def get_core_group_plan(user, plan_id) -> CPPlan:
    """The plan whose core group ``user`` may read (R-CP-3): any visible plan for those who
    read child protection records; for a partner, only while their agency is a member."""
    plan = get_visible_plan(user, plan_id)
    if user.has_hearth_permission("protection.view"):
        return plan
    if user.role == Role.MASH_PARTNER and user.agency_id and any(
            m.partner_agency_id == user.agency_id and m.left_on is None
            for m in plan.core_group.all()):
        return plan
    raise Http404("No such plan.")


def plans_of(person: Person) -> list[CPPlan]:
    """The child's plans, the open one first."""
    return sorted(CPPlan.objects.filter(person=person).select_related("lead_social_worker"),
                  key=lambda p: (p.end_on is not None, -p.start_on.toordinal(), -p.pk))


def latest_meetings(plan_ids: list[int]) -> dict[int, CoreGroupMeeting]:
    """Each plan's latest core group meeting (one query)."""
    latest: dict[int, CoreGroupMeeting] = {}
    for meeting in CoreGroupMeeting.objects.filter(plan_id__in=plan_ids).order_by(
            "plan_id", "-held_on", "-pk"):
        latest.setdefault(meeting.plan_id, meeting)
    return latest


def plan_flags(plan: CPPlan, latest_meeting: CoreGroupMeeting | None, today: date) -> dict:
    """R-CP-2 for one plan: the date a core group meeting was due by when one is overdue (the
    first, or the next one set at the last meeting), and whether the review is overdue."""
    core_group_due = rules.core_group_overdue(
        first_due=plan.first_core_group_due,
        last_held=latest_meeting.held_on if latest_meeting else None,
        next_meeting_on=latest_meeting.next_meeting_on if latest_meeting else None,
        today=today) if plan.is_open else None
    return {"core_group_overdue": core_group_due,
            "review_overdue": rules.review_overdue(due=plan.next_review_due, today=today,
                                                   is_open=plan.is_open)}


def open_plan(person: Person) -> CPPlan | None:
    return CPPlan.objects.filter(person=person, end_on__isnull=True).first()


def get_child_plan(person: Person, plan_id) -> CPPlan | None:
    try:
        return CPPlan.objects.filter(person=person).get(pk=plan_id)
    except (CPPlan.DoesNotExist, ValueError, TypeError):
        return None


def plan_detail(plan: CPPlan) -> dict:
    meetings = list(plan.meetings.select_related("recorded_by").order_by("-held_on", "-pk"))
    first = min((m.held_on for m in meetings), default=None)
    return {
        "members": sorted(plan.core_group.all(), key=lambda m: (m.left_on is not None, m.pk)),
        "meetings": meetings,
        "first_meeting_on": first,
        "reviews": list(plan.reviews.select_related("chair").order_by("-held_on", "-pk")),
    }


def get_visible_member(user, member_id) -> CoreGroupMember:
    return get_visible_or_404(
        CoreGroupMember.objects.select_related("plan__person", "partner_agency", "person"),
        user, member_id, "core group member")


# --- people to choose from --------------------------------------------------------------------

def allocated_worker(person: Person) -> User | None:
    """The child's allocated worker on their live involvement (the default lead)."""
    involvement = (Involvement.objects.filter(person=person, worker__isnull=False)
                   .exclude(status=InvolvementStatus.CLOSED)
                   .select_related("worker").order_by("-opened_on", "-pk").first())
    return involvement.worker if involvement else None


def lead_candidates(person: Person, *, also=None) -> list[User]:
    """Who may lead the child's plan: the qualified workers of the child's teams (everyone
    who may, when the child has no live involvement), with the current lead."""
    teams = (Involvement.objects.filter(person=person).exclude(status=InvolvementStatus.CLOSED)
             .values("team_id"))
    leads = User.objects.filter(is_active=True, role__in=LEAD_ROLES)
    mine = leads.filter(team_id__in=teams)
    chosen = mine if mine.exists() else leads
    extra = Q(pk__in=[u.pk for u in (also, allocated_worker(person)) if u is not None])
    return list((chosen | User.objects.filter(extra)).distinct()
                .order_by("first_name", "last_name", "username"))


def family_people(user, child: Person) -> list[tuple[Person, str]]:
    """The child's family, each with who they are to the child: the child's parents, carers
    and other relatives, and their parents' partners — to record who took part in a
    conference or joined the core group. Their names show as on the child's own record
    (its relationships), to whoever may see the child: a conference chair records the
    parents' participation without seeing the parents' records."""
    found: dict = {}
    for rel in (Relationship.objects.filter(relative=child, end_date__isnull=True)
                .exclude(kind="sibling").select_related("person")):
        found.setdefault(rel.person_id, (rel.person, rel.get_kind_display()))
    parent_ids = list(found)
    for rel in (Relationship.objects.filter(relative_id__in=parent_ids, kind="partner",
                                            end_date__isnull=True)
                .select_related("person", "relative")):
        found.setdefault(rel.person_id, (rel.person, f"{rel.relative.given_name}'s partner"))
    found.pop(child.pk, None)
    return sorted((v for v in found.values() if v[0].merged_into_id is None),
                  key=lambda pr: (pr[0].family_name, pr[0].given_name))


def practitioners_meetings(user, child: Person) -> list:
    """Practitioners' meetings about the child and its parents (seed 004 §4.3)."""
    from hearth.incidents.models import PractitionersMeeting

    parents = Relationship.objects.filter(relative=child).values("person_id")
    return list(PractitionersMeeting.objects
                .filter(Q(person=child) | Q(person_id__in=parents))
                .filter(person__in=_visible(user).values("pk"))
                .select_related("person").order_by("-held_on", "-pk"))


def chair_reach(user) -> Q | None:
    """Conference chairs (the conference service) reach the children with a Section 47
    enquiry, a child protection conference or a plan (registered with ``core.visibility``)."""
    if user.role != Role.CONFERENCE_CHAIR:
        return None
    return (Q(Exists(Section47Enquiry.objects.filter(person=OuterRef("pk"))))
            | Q(Exists(Conference.objects.filter(person=OuterRef("pk")))))


@dataclass(frozen=True)
class OutlinePart:
    """A part of a plan's outline (what must change): set at the conference that started the
    plan, then the changes each held review conference made."""

    held_on: date
    conference_id: int
    kind: str
    text: str


def outline_plan(plan: CPPlan, reviews=None) -> list[OutlinePart]:
    """The plan's outline, oldest first. ``reviews``: the plan's review conferences if already
    loaded (else one query); ``plan.conference`` should be loaded with the plan."""
    if reviews is None:
        reviews = plan.reviews.filter(held=True).exclude(outline_plan="")
    start = plan.conference
    parts = [OutlinePart(start.held_on, start.pk, start.get_kind_display(), start.outline_plan)]
    parts += [OutlinePart(r.held_on, r.pk, r.get_kind_display(), r.outline_plan)
              for r in sorted(reviews, key=lambda r: (r.held_on, r.pk))
              if r.held and r.outline_plan.strip()]
    return [p for p in parts if p.text.strip()]


def family_open_plans(user, plan: CPPlan) -> list[CPPlan]:
    """The open plans of ``plan``'s child and their brothers and sisters the user may see
    (the family's core groups usually meet together), the child's own first."""
    children = [c.pk for c in family_children(user, plan.person)]
    found = list(visibility.apply(CPPlan.objects.filter(person_id__in=children,
                                                        end_on__isnull=True), user)
                 .select_related("person").order_by("person__date_of_birth", "pk"))
    return sorted(found, key=lambda p: p.pk != plan.pk)


def recorded_with(user, meetings) -> dict[int, list[Person]]:
    """For each of ``meetings`` recorded for several children at once, the other children
    (those ``user`` may see) whose core groups met with it: one query (issue 15)."""
    groups = {m.group for m in meetings if m.group is not None}
    if not groups:
        return {}
    visible = Person.objects.visible_to(user).values("pk")
    others: dict = {}
    for other in (CoreGroupMeeting.objects.filter(group__in=groups,
                                                  plan__person__in=visible)
                  .select_related("plan__person").order_by("plan__person__date_of_birth")):
        others.setdefault(other.group, []).append(other)
    return {m.pk: [o.plan.person for o in others.get(m.group, []) if o.pk != m.pk]
            for m in meetings if m.group is not None}

"""Reads that the strategy and Section 47 pages and API share.

A strategy discussion, a Section 47 enquiry and its visits are visible exactly when their child
is (``Person.objects.visible_to``); anything else is 404, so its existence does not leak.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import Agency, User
from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.people.models import Person
from hearth.people.queries.visibility import get_visible_person as get_visible_person
from hearth.protection.codes import ConferenceKind
from hearth.protection.models import (
    Conference,
    S47Visit,
    Section47Enquiry,
    StrategyAction,
    StrategyDiscussion,
)
from hearth.protection.queries import twoworkers
from hearth.protection.rules import pathway as rules
from hearth.protection.rules.strategy import authoriser_problem

#: Colleagues who may be named as a worker on a Section 47 visit.
CASEWORK_ROLES = (Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER,
                  Role.SERVICE_MANAGER, Role.FAMILY_PRACTITIONER)
#: Roles whose holders are qualified social workers (R-TWO-1: one of the two workers on every
#: Section 47 visit; a family practitioner is not one, nor anyone named from outside Hearth).
SOCIAL_WORK_ROLES = (Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER,
                     Role.SERVICE_MANAGER)


def get_visible_discussion(user, discussion_id) -> StrategyDiscussion:
    return get_visible_or_404(
        StrategyDiscussion.objects.select_related("person", "recorded_by", "contact",
                                                  "assessment", "involvement__team", "enquiry")
        .prefetch_related("participants", "actions__owner_user"),
        user, discussion_id, "strategy discussion")


def get_visible_action(user, discussion_id, action_id) -> StrategyAction:
    return get_visible_or_404(StrategyAction.objects.select_related("discussion__person"),
                              user, action_id, "action", discussion_id=discussion_id)


def _icpc_held() -> Exists:
    return Exists(Conference.objects.filter(enquiry=OuterRef("pk"), kind=ConferenceKind.ICPC,
                                            held=True))


def icpc_overdue(enquiry: Section47Enquiry) -> bool:
    """R-CP-1 for an enquiry read through ``get_visible_enquiry`` / ``enquiries_of``, which
    annotate ``icpc_held``."""
    return rules.icpc_overdue(icpc_due=enquiry.icpc_due, today=timezone.localdate(),
                              outcome=enquiry.outcome,
                              icpc_held=bool(getattr(enquiry, "icpc_held", False)))


def get_visible_enquiry(user, enquiry_id) -> Section47Enquiry:
    return get_visible_or_404(
        Section47Enquiry.objects.annotate(icpc_held=_icpc_held())
        .select_related("person", "strategy", "outcome_by", "outcome_authorised_by",
                        "proposed_by", "returned_by"),
        user, enquiry_id, "Section 47 enquiry")


def discussions_of(person: Person) -> list[StrategyDiscussion]:
    """The child's strategy discussions, latest first, with who took part and any enquiry."""
    return list(StrategyDiscussion.objects.filter(person=person)
                .select_related("enquiry").prefetch_related("participants")
                .order_by("-held_on", "-pk"))


def enquiries_of(person: Person) -> list[Section47Enquiry]:
    """The child's Section 47 enquiries, latest first, each knowing whether its ICPC was held."""
    return list(Section47Enquiry.objects.filter(person=person).annotate(icpc_held=_icpc_held())
                .order_by("-started_on", "-pk"))


def visits_of(enquiry: Section47Enquiry) -> list[S47Visit]:
    return list(enquiry.visits.select_related("recorded_by")
                .prefetch_related("workers__user").order_by("visited_at", "pk"))


def open_enquiry(person: Person) -> Section47Enquiry | None:
    """The child's Section 47 enquiry that has no outcome yet, if there is one."""
    return (Section47Enquiry.objects.filter(person=person, outcome="")
            .order_by("-started_on", "-pk").first())




def contact_for(user, person: Person, contact_id):
    """A front-door contact about this child that the user may see, or 404."""
    from hearth.frontdoor.models import Contact

    try:
        return (Contact.objects.visible_to(user).filter(links__person=person)
                .select_related("mash").get(pk=contact_id))
    except (Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such contact.") from exc


def assessment_for(person: Person, assessment_id):
    """An assessment of this child, or 404."""
    from hearth.assessments.models import Assessment

    try:
        return Assessment.objects.get(pk=assessment_id, child=person)
    except (Assessment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such assessment.") from exc


def has_mash(contact) -> bool:
    from hearth.frontdoor.models import MashEnquiry

    try:
        return contact.mash is not None
    except MashEnquiry.DoesNotExist:
        return False


def origin_contacts(user, person: Person) -> list:
    """The contacts about this child that may lead to a strategy discussion: decided as
    needing one (a proposal counts once a manager has authorised it: seed 003, R-FD-5), or gone
    through the MASH; latest first."""
    from hearth.frontdoor.codes import DecisionStatus, Outcome
    from hearth.frontdoor.models import Contact

    strategy = Q(decisions__outcome=Outcome.STRATEGY,
                 decisions__status__in=[DecisionStatus.AUTHORISED, DecisionStatus.DECIDED])
    return list(Contact.objects.visible_to(user).filter(links__person=person)
                .filter(strategy | Q(mash__isnull=False))
                .select_related("mash").distinct().order_by("-received_at")[:10])


def origin_assessments(person: Person) -> list:
    from hearth.assessments.models import Assessment

    return list(Assessment.objects.filter(child=person).order_by("-started_at", "-pk")[:5])


def visit_colleagues(user) -> list[User]:
    """Who may be chosen as a worker on a Section 47 visit: the recorder, their team, the
    social workers, and the police officers who use Hearth as MASH partners (anyone else is
    named in free text)."""
    team = Q(team_id=user.team_id) if user.team_id else Q(pk__in=[])
    staff = Q(role__in=CASEWORK_ROLES) & (team | Q(role__in=SOCIAL_WORK_ROLES) | Q(pk=user.pk))
    police = Q(role=Role.MASH_PARTNER, agency__kind="police")
    return list(User.objects.filter(is_active=True).filter(staff | police)
                .select_related("team", "agency").order_by("first_name", "last_name",
                                                            "username"))


def action_owners(user) -> list[User]:
    """Colleagues an action may be given to (the recorder's team, and the recorder)."""
    team = Q(team_id=user.team_id) if user.team_id else Q(pk__in=[])
    return list(User.objects.filter(is_active=True, role__in=CASEWORK_ROLES)
                .filter(team | Q(pk=user.pk)).order_by("first_name", "last_name", "username"))


def agency_kinds() -> dict[str, str]:
    """The known partner agencies' kinds, by name in lower case."""
    return {" ".join(a.name.lower().split()): a.kind for a in Agency.objects.all()}


def authorising_teams(enquiry: Section47Enquiry) -> list:
    """The teams holding the child's case: their team managers authorise outcomes."""
    return twoworkers.deciding_teams([enquiry.person_id])


def authorise_refusal(user, enquiry: Section47Enquiry, teams=None) -> str | None:
    """Why ``user`` may not authorise or return ``enquiry``'s proposed outcome (None: they
    may): a team manager of a team holding the case, never the proposer (R-CP-1)."""
    teams = authorising_teams(enquiry) if teams is None else teams
    return authoriser_problem(
        team_manager=user.role == Role.TEAM_MANAGER,
        of_the_team=bool(user.team_id) and any(t.pk == user.team_id for t in teams),
        proposer=enquiry.proposed_by_id == user.pk, teams=[t.name for t in teams])


def discussed_with(user, discussion: StrategyDiscussion) -> list[StrategyDiscussion]:
    """The discussions recorded with this one about brothers and sisters (issue 15), those
    about children ``user`` may see: one query."""
    if discussion.group is None:
        return []
    return list(StrategyDiscussion.objects.filter(
        group=discussion.group, person__in=visible_pks(Person, user))
        .exclude(pk=discussion.pk).select_related("person").order_by("person__date_of_birth"))

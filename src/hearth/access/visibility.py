"""Who may see which records: the one place that decides (ENGINEERING.md practice 2).

Every page, API endpoint, search, count and export filters through ``visible_people``.
A record a user may not see answers 404, never 403, so its existence does not leak.

- Administrators and auditors see no casework at all.
- A record merged into another is seen by nobody (its data moved to the record kept).
- A restricted record is seen only by its named users, or by someone who broke the glass
  (with a written reason, audited, time-limited).
- Otherwise:
  - social workers and other practitioners see the people of their own and their team's
    involvements, those people's relatives, and the records they entered themselves;
  - team managers see their team's; service managers see every team's;
  - front-door staff (and EDT) must find existing records for every contact (R-FD-3), so they
    see every unrestricted person; so do the front door's managers, who authorise the
    decisions on those contacts (R-FD-5) and must see who each one is about;
  - MASH partners see only the people shared with their agency (R-MASH-4), which includes
    children whose core group their agency is in (R-CP-3);
  - conference chairs (the conference service) see the children with a Section 47 enquiry,
    a child protection conference or a child protection plan.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access.roles import Role, is_front_door_manager

FRONT_DOOR_ROLES = {Role.FRONT_DOOR, Role.ADVANCED_PRACTITIONER}
NO_CASEWORK_ROLES = {Role.ADMINISTRATOR}


def _manages_front_door(user) -> bool:
    """A team manager of the CRS, the MASH or the EDT (``roles.is_front_door_manager``)."""
    return bool(user.team_id) and is_front_door_manager(user.role, user.team.service)


def _involvement_scope(user) -> Q:
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    # Co-allocated secondary workers (e.g. Building Bridges) see the children they work with.
    scope = Q(worker_id=user.pk) | Q(secondary_workers__worker_id=user.pk,
                                     secondary_workers__end_date__isnull=True)
    if user.team_id:
        scope |= Q(team_id=user.team_id)
    return scope


def _unrestricted_scope(user) -> Q | None:
    """The unrestricted people the user's role and relationships reach (None: nobody)."""
    from hearth.casework.models import Involvement, InvolvementStatus
    from hearth.people.models import AgencyShare, Relationship

    if (user.role in FRONT_DOOR_ROLES or user.role == Role.SERVICE_MANAGER
            or _manages_front_door(user)):
        return Q(restricted=False)
    if user.role == Role.MASH_PARTNER:
        if not user.agency_id:
            return None
        now = timezone.now()
        shared = AgencyShare.objects.filter(person=OuterRef("pk"), agency_id=user.agency_id).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )
        return Q(restricted=False) & Q(Exists(shared))
    if user.role == Role.CONFERENCE_CHAIR:
        from hearth.protection.models import Conference, Section47Enquiry

        return Q(restricted=False) & (
            Q(Exists(Section47Enquiry.objects.filter(person=OuterRef("pk"))))
            | Q(Exists(Conference.objects.filter(person=OuterRef("pk")))))
    involvements = Involvement.objects.exclude(status=InvolvementStatus.CLOSED).filter(
        _involvement_scope(user)
    )
    own = Exists(involvements.filter(person=OuterRef("pk")))
    related_out = Exists(Relationship.objects.filter(
        person=OuterRef("pk"), relative_id__in=involvements.values("person_id")))
    related_in = Exists(Relationship.objects.filter(
        relative=OuterRef("pk"), person_id__in=involvements.values("person_id")))
    # Whoever entered a record may go on seeing it (a new relative before it is linked).
    return Q(restricted=False) & (Q(own) | Q(related_out) | Q(related_in)
                                  | Q(created_by_id=user.pk))


def visibility_q(user) -> Q | None:
    """A filter on Person for what ``user`` may see, or None when they may see nothing."""
    from hearth.people.models import BreakGlass, RestrictedAccess

    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.role in NO_CASEWORK_ROLES:
        return None
    named = Exists(RestrictedAccess.objects.filter(person=OuterRef("pk"), user_id=user.pk))
    glass = Exists(BreakGlass.objects.filter(person=OuterRef("pk"), user_id=user.pk,
                                             expires_at__gt=timezone.now()))
    scope = _unrestricted_scope(user)
    special = Q(restricted=True) & (Q(named) | Q(glass))
    reach = special if scope is None else scope | special
    # A record merged into another lives on only in the merge history: nobody opens it.
    return Q(merged_into__isnull=True) & reach


def visible_people(user, qs: QuerySet | None = None) -> QuerySet:
    from hearth.people.models import Person

    qs = Person.objects.all() if qs is None else qs
    q = visibility_q(user)
    return qs.none() if q is None else qs.filter(q)


def can_see(user, person) -> bool:
    from hearth.people.models import Person

    return visible_people(user, Person.objects.filter(pk=person.pk)).exists()


def could_break_glass(user, person) -> bool:
    """A restricted record the user cannot see but may open with a written reason: one their
    role and relationships would otherwise reach, when they hold the break-glass permission."""
    from hearth.people.models import Person

    if not person.restricted or not user.has_hearth_permission("people.break_glass"):
        return False
    scope = _unrestricted_scope(user)
    if scope is None:
        return False
    # Evaluate the same scope as if the record were not restricted.
    return Person.objects.filter(pk=person.pk).filter(
        _strip_restricted(scope)).exists()


def _strip_restricted(q: Q) -> Q:
    """The scope without its ``restricted=False`` condition."""
    children = [c for c in q.children if c != ("restricted", False)]
    stripped = Q(*children, _connector=q.connector, _negated=q.negated)
    return stripped if children else Q()


# --- Contacts (the front door) ---------------------------------------------------------------

CONTACT_ALL_ROLES = {Role.FRONT_DOOR, Role.ADVANCED_PRACTITIONER, Role.SERVICE_MANAGER}


def contact_visibility_q(user) -> Q | None:
    """Front-door staff, EDT and service managers see every contact; the front door's team
    managers too.
    Others see contacts about people they may see (LADO: those passed to the LADO). Partners
    see none: they see only the MASH requests addressed to their agency (R-MASH-4)."""
    from hearth.frontdoor.models import ContactPerson

    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.role in NO_CASEWORK_ROLES or user.role == Role.MASH_PARTNER:
        return None
    if user.role in CONTACT_ALL_ROLES:
        return Q()
    if _manages_front_door(user):
        return Q()
    people = visibility_q(user)
    about_visible = Q(Exists(ContactPerson.objects.filter(
        contact=OuterRef("pk"), person__in=_people_matching(people))))
    if user.role == Role.LADO:
        return about_visible | Q(decisions__outcome="lado", decisions__status="decided")
    return about_visible


def _people_matching(q: Q | None) -> QuerySet:
    from hearth.people.models import Person

    return Person.objects.none() if q is None else Person.objects.filter(q).values("pk")


def visible_contacts(user, qs: QuerySet | None = None) -> QuerySet:
    from hearth.frontdoor.models import Contact

    qs = Contact.objects.all() if qs is None else qs
    q = contact_visibility_q(user)
    return qs.none() if q is None else qs.filter(q).distinct()

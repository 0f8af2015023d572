"""Pure decisions about involvements and allocation (no database, no clock: pass ``today``)."""

from __future__ import annotations

from datetime import date, datetime

from hearth import calendar
from hearth.access.codes import Role

# Who may hold a case as its allocated (primary) worker.
CASE_HOLDING_ROLES = frozenset({Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER})
# Who may be co-allocated as a secondary worker (Building Bridges and other practitioners).
SECONDARY_ROLES = CASE_HOLDING_ROLES | {Role.FAMILY_PRACTITIONER}
# A parent (or parent figure) of the relative, in ``Relationship.kind``: siblings share one.
PARENT_KINDS = frozenset({"mother", "father", "step_parent"})


def referral_date(contact_received_at: datetime) -> date:
    """The referral date of an involvement opened from a front-door contact: the day the contact
    that led to it was received, in Europe/London (the CIN census definition of the referral
    date, R-FD-5). The 45-working-day assessment clock runs from it, so the days spent deciding
    and in the MASH count."""
    return contact_received_at.astimezone(calendar.LONDON).date()


def can_hold_cases(role: str, is_active: bool) -> bool:
    return is_active and role in CASE_HOLDING_ROLES


def can_be_secondary(role: str, is_active: bool) -> bool:
    return is_active and role in SECONDARY_ROLES


def may_allocate(role: str, user_team_id: int | None, involvement_team_id: int) -> bool:
    """Team managers allocate their own team's work; service managers any team's."""
    if role == Role.SERVICE_MANAGER:
        return True
    return role == Role.TEAM_MANAGER and user_team_id is not None \
        and user_team_id == involvement_team_id


def days_between(start: date, today: date) -> int:
    return max((today - start).days, 0)


def age_on(date_of_birth: date | None, today: date) -> int | None:
    """Whole years of age on ``today`` (None when the date of birth is not known)."""
    if date_of_birth is None:
        return None
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return max(years, 0)


#: The allocation queue reads the most urgent first (then the longest waiting); an urgency not
#: recorded (a child transferred in) sits with the routine ones.
URGENCY_RANK = {"immediate": 0, "today": 1, "routine": 2, "": 2}


def allocation_flags(urgency: str, age: int | None, days_waiting: int) -> list[str]:
    """What a manager choosing whom to allocate first should see beside the urgency, in plain
    words: a baby under one (the most vulnerable, whose harm is least seen), and a child
    referred "immediate" or "today" still waiting a day or more later."""
    flags = []
    if age == 0:
        flags.append("Under 1")
    if urgency in {"immediate", "today"} and days_waiting >= 1:
        flags.append(f"Waiting {days_waiting} day{'s' if days_waiting != 1 else ''} "
                     "since an urgent referral")
    return flags

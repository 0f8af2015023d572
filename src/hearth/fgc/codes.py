"""Codes for Family Group Conferences, in one place (DOMAIN.md §6: store codes, not free
text). The reasons for referral are seed 003's list ("When can a Family Group Conference
help?"); the stages are its three ("The Family Group Conference process")."""

from __future__ import annotations

from django.db import models


class Reason(models.TextChoices):
    """Why the family is referred (seed 003)."""

    EXTRA_SUPPORT = "extra_support", "Extra practical support day to day"
    ALTERNATIVE_CARERS = "alternative_carers", "Exploring alternative carers within the family"
    SCHOOL_ATTENDANCE = "school_attendance", "Improving school attendance"
    WHERE_TO_LIVE = "where_to_live", "Deciding where a child should live"
    FAMILY_MEMBER_NEEDS = "family_member_needs", ("Support for a family member's mental or "
                                                  "physical needs")
    SAFE_CONTACT = "safe_contact", "Arranging safe contact between the child and family"


class Status(models.TextChoices):
    """Where an FGC has got to. The last three end it before it is held: recorded with the
    reason, never deleted (R-FGC-2)."""

    REFERRED = "referred", "Referred"
    ALLOCATED = "allocated", "Allocated to a coordinator"
    PREPARING = "preparing", "Preparing"
    HELD = "held", "Conference held"
    PLAN_WAITING = "plan_waiting", "Plan waiting for the referrer"
    PLAN_AGREED = "plan_agreed", "Plan agreed"
    PLAN_NOT_AGREED = "plan_not_agreed", "Plan not agreed"
    REVIEWED = "reviewed", "Plan reviewed"
    DECLINED = "declined", "Declined by the family"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_HELD = "not_held", "Did not go ahead"


class Ending(models.TextChoices):
    """How an FGC ends before it is held (values shared with ``Status``)."""

    DECLINED = "declined", "The family declined"
    WITHDRAWN = "withdrawn", "The referrer withdrew it"
    NOT_HELD = "not_held", "It did not go ahead"


ENDED = frozenset(Ending.values)
#: An FGC under way: a child has at most one (R-FGC-1).
OPEN = frozenset({Status.REFERRED, Status.ALLOCATED, Status.PREPARING, Status.HELD,
                  Status.PLAN_WAITING, Status.PLAN_NOT_AGREED, Status.PLAN_AGREED})


class Stage(models.TextChoices):
    """The conference's three stages (seed 003)."""

    INFORMATION = "information_shared", "Information sharing"
    PRIVATE_TIME = "private_family_time", "Private family time"
    PLAN = "plan_shared", "Sharing and agreeing the plan"


class Attendance(models.TextChoices):
    """How much of the conference a child attends (R-FGC-3)."""

    WHOLE = "whole", "The whole conference"
    PART = "part", "Part of it"
    NONE = "none", "Not attending"


class NetworkKind(models.TextChoices):
    FAMILY = "family", "Family member"
    FRIEND = "friend", "Friend"


class ReachedBy(models.TextChoices):
    """How the coordinator reached someone the family invites."""

    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    VISIT = "visit", "Visit"
    EMAIL = "email", "E-mail"
    TEXT = "text", "Text message"
    OTHER = "other", "Another way"


class Progress(models.TextChoices):
    """How a plan item is going, at a review (R-FGC-4)."""

    DONE = "done", "Done"
    UNDER_WAY = "under_way", "Under way"
    NOT_STARTED = "not_started", "Not started"
    STOPPED = "stopped", "Stopped or no longer needed"

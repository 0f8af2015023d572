"""A LADO matter: an allegation about an adult who works or volunteers with children, from the
notification to its outcome (R-LADO-1..4), with the children it concerns and its allegation
management meetings. Seen only by the LADO service and its service manager (R-LADO-3,
``lado.queries.matters.matter_scope``); a child's record shows only a marker."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.lado.codes import (
    Disciplinary,
    Investigation,
    MatterStatus,
    Origin,
    Outcome,
    Police,
    Sector,
    Setting,
    SocialCare,
    Suspension,
)

NAME_MAX = 100
LINE_MAX = 150
CONTACT_MAX = 200


class Matter(models.Model):
    """One allegation. ``version`` moves on with every change (pages post it back, the API
    sends it as the ETag)."""

    origin = models.CharField(max_length=20, choices=Origin.choices)
    #: The front-door contact the matter was opened from; ``contact.lado_matter`` links back.
    contact = models.OneToOneField("frontdoor.Contact", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="lado_matter")
    # Who notified, and when (R-LADO-2, R-LADO-4).
    notifier_name = models.CharField("who notified", max_length=LINE_MAX)
    notifier_organisation = models.CharField("their organisation", max_length=LINE_MAX)
    notifier_role = models.CharField("their role", max_length=LINE_MAX, blank=True)
    notifier_contact = models.CharField("how to reach them", max_length=CONTACT_MAX)
    dsl_name = models.CharField("the designated safeguarding lead", max_length=LINE_MAX,
                                blank=True)
    incident_on = models.DateField("when the incident happened")
    concern_shared_at = models.DateTimeField("when the concern was shared")
    notified_at = models.DateTimeField("when the LADO was told")
    notification_due = models.DateTimeField()
    late_notification = models.BooleanField(default=False)
    # The person the allegation is about (R-LADO-3).
    subject_given_name = models.CharField("given name", max_length=NAME_MAX)
    subject_family_name = models.CharField("family name", max_length=NAME_MAX)
    subject_date_of_birth = models.DateField("date of birth", null=True, blank=True)
    subject_employer = models.CharField("employer or organisation", max_length=LINE_MAX)
    subject_role = models.CharField("role", max_length=LINE_MAX)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    #: Name and date of birth, normalised: how repeat matters about one person are found.
    subject_key = models.CharField(max_length=250, db_index=True)
    #: Their own record, if they have one (a foster carer): never shows the children.
    subject_person = models.ForeignKey("people.Person", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    setting = models.CharField("where it happened", max_length=20, choices=Setting.choices)
    allegation = models.TextField("what is alleged")
    # R-LADO-1: the criteria met; none is a low-level concern.
    harm = models.BooleanField(default=False)
    offence = models.BooleanField(default=False)
    risk = models.BooleanField(default=False)
    unsuitable = models.BooleanField(default=False)
    criteria_decided_at = models.DateTimeField(null=True, blank=True)
    criteria_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    advice = models.TextField(blank=True)
    # R-LADO-2: the LADO responds within 24 working hours.
    response_due = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    response = models.TextField(blank=True)
    # R-LADO-4: the employer's actions, the police and children's social care.
    suspension_considered = models.BooleanField(null=True, blank=True)
    suspension = models.CharField(max_length=20, choices=Suspension.choices, blank=True)
    investigation = models.CharField(max_length=20, choices=Investigation.choices, blank=True)
    disciplinary = models.CharField(max_length=20, choices=Disciplinary.choices, blank=True)
    employer_notes = models.TextField(blank=True)
    police = models.CharField(max_length=20, choices=Police.choices, blank=True)
    social_care = models.CharField(max_length=20, choices=SocialCare.choices, blank=True)
    agencies_notes = models.TextField(blank=True)
    # R-LADO-4: the outcome and the referrals.
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_notes = models.TextField(blank=True)
    dbs_referred_on = models.DateField(null=True, blank=True)
    regulator = models.CharField(max_length=LINE_MAX, blank=True)
    regulator_referred_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=MatterStatus.choices,
                              default=MatterStatus.NEW)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    #: The LADO officer the matter is with (the name a child's record gives to contact).
    lado_officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "responded_at", "response_due"]),
                   models.Index(fields=["notified_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"L{self.pk:05d}" if self.pk else "new LADO matter"

    @property
    def subject_name(self) -> str:
        return f"{self.subject_given_name} {self.subject_family_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.status in (MatterStatus.NEW, MatterStatus.OPEN)


class MatterChild(models.Model):
    """A child the allegation concerns: linked to their record where Hearth knows them, else
    named (R-LADO-3). A linked child's record and chronology show only the marker."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="lado_links")
    given_name = models.CharField(max_length=NAME_MAX)
    family_name = models.CharField(max_length=NAME_MAX)
    date_of_birth = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "person"],
                                               condition=models.Q(person__isnull=False),
                                               name="lado_child_once_per_matter")]

    def __str__(self) -> str:
        return f"Child on {self.matter}"

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Meeting(models.Model):
    """An allegation management meeting (R-LADO-2, R-LADO-4)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    information_shared = models.TextField()
    next_meeting_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"Allegation management meeting on {self.matter}"


class MeetingAttendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=LINE_MAX)
    agency = models.CharField(max_length=LINE_MAX)
    role = models.CharField(max_length=LINE_MAX, blank=True)

    class Meta:
        ordering = ["agency", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class MeetingAction(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=LINE_MAX)
    due_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Action for {self.owner}"

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.frontdoor.codes import ConsentStatus, MashScope, MashStatus, Rag


class MashEnquiry(models.Model):
    """Information gathering through the MASH about one contact (R-MASH-1..5)."""

    contact = models.OneToOneField("frontdoor.Contact", on_delete=models.CASCADE,
                                   related_name="mash")
    scope = models.CharField(max_length=10, choices=MashScope.choices)
    rag = models.CharField(max_length=5, choices=Rag.choices)
    status = models.CharField(max_length=20, choices=MashStatus.choices,
                              default=MashStatus.AWAITING_CONSENT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField()
    gathering_from = models.DateTimeField(null=True, blank=True)
    agencies = models.ManyToManyField("access.Agency", related_name="+", blank=True)
    analysis = models.TextField(blank=True)
    analysed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    analysed_at = models.DateTimeField(null=True, blank=True)
    # R-MASH-5: a CRS manager signs the analysis off, or returns it to the worker with a reason.
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"MASH enquiry for {self.contact}"


class Consent(models.Model):
    """One answer from one person with parental responsibility (R-MASH-3)."""

    enquiry = models.ForeignKey(MashEnquiry, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=ConsentStatus.choices)
    sought_by = models.CharField(max_length=150, blank=True, help_text="Who asked")
    answered_on = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enquiry", "person"],
                                               name="one_consent_per_person")]

    def __str__(self) -> str:
        return f"consent {self.status}"


class ConsentOverride(models.Model):
    """Gathering without consent: a justification, approved by a CRS (or on-call) manager."""

    enquiry = models.OneToOneField(MashEnquiry, on_delete=models.CASCADE, related_name="override")
    justification = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    out_of_hours = models.BooleanField(default=False)

    def __str__(self) -> str:
        return "consent override" + (" (approved)" if self.approved_at else " (awaiting)")


class MashAgencyRequest(models.Model):
    """What one partner agency is asked, and its dated, sourced answer (R-MASH-4)."""

    enquiry = models.ForeignKey(MashEnquiry, on_delete=models.CASCADE, related_name="requests")
    agency = models.ForeignKey("access.Agency", on_delete=models.PROTECT,
                               related_name="mash_requests")
    subjects = models.JSONField(default=list,
                                help_text="The minimum to find records: names, dates of birth, "
                                "addresses of the people concerned")
    question = models.TextField(blank=True)
    due_at = models.DateTimeField(db_index=True)
    answer = models.TextField(blank=True)
    sources = models.TextField(blank=True)
    information_date = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["enquiry", "agency"],
                                               name="one_request_per_agency")]

    def __str__(self) -> str:
        return f"MASH request to {self.agency}"

    @property
    def is_late(self) -> bool:
        from django.utils import timezone

        answered = self.answered_at or timezone.now()
        return answered > self.due_at

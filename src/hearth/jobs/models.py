from __future__ import annotations

from django.db import models


class JobStatus(models.TextChoices):
    DUE = "due", "Due"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Job(models.Model):
    kind = models.CharField(max_length=60)
    payload = models.JSONField(default=dict, blank=True)
    run_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.DUE)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "run_at"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"

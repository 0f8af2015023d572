from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from hearth.access.codes import Role, TokenScope
from hearth.access.rules import MANAGER_ROLES, has_permission


class Service(models.TextChoices):
    FRONT_DOOR = "crs", "Children's Resource Service (front door)"
    MASH = "mash", "Multi-Agency Safeguarding Hub"
    EDT = "edt", "Emergency Duty Team"
    FAMILY_HELP = "family_help", "Family Help Service"
    FAMILY_SAFEGUARDING = "family_safeguarding", "Family Safeguarding Service"
    JIGSAW = "jigsaw", "Jigsaw (children with disabilities)"
    YOUNG_PEOPLE = "yps", "Young People's Service"
    BUILDING_BRIDGES = "building_bridges", "Building Bridges"
    LADO = "lado", "LADO service"
    FGC = "fgc", "Family Group Conference service"
    FOSTERING = "fostering", "Fostering"
    PATHWAYS = "pathways", "Pathways Through Care"
    OTHER = "other", "Other"


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    service = models.CharField(max_length=40, choices=Service.choices, default=Service.OTHER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"


class Agency(models.Model):
    """A partner organisation (R-MASH-1); its users are partners."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=40, choices=Role.choices, default=Role.SOCIAL_WORKER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="members")
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="members")
    version = models.PositiveIntegerField(default=1)

    def has_hearth_permission(self, permission: str) -> bool:
        return bool(self.is_active and has_permission(self.role, permission))

    @property
    def is_manager(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def managers(self) -> models.QuerySet[User]:
        """Who is told when this user does something a manager must know about."""
        qs = User.objects.filter(is_active=True)
        if self.team_id:
            team_managers = qs.filter(team_id=self.team_id, role=Role.TEAM_MANAGER).exclude(
                pk=self.pk
            )
            if team_managers.exists():
                return team_managers
        return qs.filter(role=Role.SERVICE_MANAGER).exclude(pk=self.pk)


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 digest is stored. Issued by a signed-in
    user for themselves (or by an operator), it has a scope, an expiry and can be revoked."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, blank=True, default="")
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"token {self.prefix}…"

    def status(self, now) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= now:
            return "Expired"
        return "Active"


class LoginFailure(models.Model):
    """Failed sign-ins, kept in the database so every web process sees them (throttling)."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"failed sign-in at {self.at:%Y-%m-%d %H:%M}"

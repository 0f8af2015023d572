from .audit import AuditEntry, AuditHead
from .idempotency import IdempotencyKey
from .notifications import Notification
from .roles import RoleChange
from .second_factor import SecondFactorReset
from .users import Agency, ApiToken, LoginFailure, Team, User

__all__ = [
    "Agency",
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "IdempotencyKey",
    "LoginFailure",
    "Notification",
    "RoleChange",
    "SecondFactorReset",
    "Team",
    "User",
]

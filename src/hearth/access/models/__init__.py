from .audit import AuditEntry, AuditTreeHead, AuditTreeNode
from .idempotency import IdempotencyKey
from .notifications import Notification
from .roles import RoleChange
from .second_factor import SecondFactorReset
from .users import Agency, ApiToken, LoginFailure, Team, User

__all__ = [
    "Agency",
    "ApiToken",
    "AuditEntry",
    "AuditTreeHead",
    "AuditTreeNode",
    "IdempotencyKey",
    "LoginFailure",
    "Notification",
    "RoleChange",
    "SecondFactorReset",
    "Team",
    "User",
]

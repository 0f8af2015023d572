from .audit import AuditEntry, AuditTreeHead, AuditTreeNode
from .notifications import Notification
from .roles import RoleChange
from .users import Agency, ApiToken, LoginFailure, Team, User

__all__ = [
    "Agency",
    "ApiToken",
    "AuditEntry",
    "AuditTreeHead",
    "AuditTreeNode",
    "LoginFailure",
    "Notification",
    "RoleChange",
    "Team",
    "User",
]

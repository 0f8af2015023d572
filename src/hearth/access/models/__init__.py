from .audit import AuditEntry, AuditHead
from .users import Agency, ApiToken, LoginFailure, Notification, Team, User

__all__ = [
    "Agency",
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "LoginFailure",
    "Notification",
    "Team",
    "User",
]

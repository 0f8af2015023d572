"""Users, teams, roles, who may see what, and the audit trail."""

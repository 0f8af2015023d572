"""Every write to staff, tokens, notifications and the audit trail: one module per feature."""

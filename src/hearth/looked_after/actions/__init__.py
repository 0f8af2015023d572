"""Every write of the looked_after app: one transaction, one audit row (practice 1)."""

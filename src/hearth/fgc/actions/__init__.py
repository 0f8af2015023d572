"""Every write to a Family Group Conference, by feature (one transaction and audit rows each)."""

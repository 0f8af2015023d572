"""Family Group Conferences (issue 16, R-FGC-1..4): referral, the coordinator's preparation, the
conference and the family's plan, and its review."""

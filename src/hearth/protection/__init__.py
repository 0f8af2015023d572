"""Child protection (issue 6): strategy discussions, Section 47 enquiries with two workers,
conferences, plans and core groups (DOMAIN.md R-CP-1..4, R-TWO-1..3)."""

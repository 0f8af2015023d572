"""Allegations against people who work with children (issue 16, R-LADO-1..5): notifications, the
LADO's response clock, allegation management meetings, outcomes and the annual figures. Seen
only by the LADO service and its managers (R-LADO-3)."""

"""Involvements, assessments, visits, records, chronology (issue 4 builds this out)."""

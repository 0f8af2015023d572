"""Child and Family Assessments: sources, gaps, unassessed areas, outcome and authorisation."""

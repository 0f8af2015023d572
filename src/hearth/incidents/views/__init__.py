"""Incident pages, one module per feature: ``incidents`` (reporting one, the post-incident
record, closing it, its warning, the managers' list) and ``plans`` (risk-reduction plans and
practitioners' meetings about a hostile family, and a person's incidents)."""

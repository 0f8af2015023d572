"""Engagement pages, one module per feature: ``events`` (recording one, reading one),
``family`` (the family's engagement over the year), ``alerts`` (telling the other
practitioners about hostility) and ``tasks`` (follow-up of repeated avoidance)."""

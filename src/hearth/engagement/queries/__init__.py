"""Reads that engagement pages, the API and other apps share, one module per feature:
``events`` (R-RES-1..3), ``tasks`` (follow-ups, R-RES-3), ``alerts`` (who is involved,
R-RES-4) and ``family`` (the family and its engagement over the year). A record is visible
exactly when its person is; anything else is 404."""

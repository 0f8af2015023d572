"""Reads of LADO matters that pages, the API, the list of what is due and other apps share. By
feature: ``matters`` (who may see a matter, the queue), ``children`` (whose records Hearth
knows), ``meetings``, ``report`` (the annual figures) and ``markers`` (what a child's record
shows: only that a matter exists, R-LADO-3)."""

"""Views of professional differences, one module per feature: ``differences`` (one difference
and the user's own list) and ``report`` (the managers' page and its CSV)."""

"""Reads of professional differences, one module per feature: ``differences`` (the record,
who may see it, the child's record and the work lists) and ``report`` (the managers' page)."""

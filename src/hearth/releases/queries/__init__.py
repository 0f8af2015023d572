"""Reads of copies of records: which copies a user may open (``releases``), and everything
about a person compiled into a copy (``compile``)."""

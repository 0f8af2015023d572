"""Supervision pages, one module per feature: ``sessions`` (recording, planning, changing and
cancelling a session, and its actions) and ``overview`` (a manager's team, a worker's and a
case's history, and how often supervision is due)."""

"""Connection settings that Django's ``DATABASES`` cannot carry (issue 14).

PostgreSQL plans a statement afresh each time it is sent as text, and planning is most of the
SQL time of Hearth's pages (their visibility subqueries and panels' joins: the person page
24 ms planning against 7 ms executing at 20,000 families). ``settings`` turns on psycopg's
server-side binding with ``HEARTH_PG_PREPARE_THRESHOLD`` (default 1: a statement is prepared
the first time a connection runs it, and PostgreSQL then reuses its plan, or a generic one, on
that connection); ``prepared_max`` here lets a connection keep the few hundred statements the
pages use (psycopg keeps 100 by default and would drop and prepare them again in turn)."""

from __future__ import annotations

import os


def prepared_max() -> int:
    return int(os.environ.get("HEARTH_PG_PREPARED_MAX") or 500)


def tune_connection(sender, connection, **kwargs) -> None:
    """``connection_created``: how many prepared statements a PostgreSQL connection keeps."""
    if connection.vendor != "postgresql":
        return
    raw = connection.connection
    if hasattr(raw, "prepared_max") and raw.prepare_threshold is not None:
        raw.prepared_max = prepared_max()

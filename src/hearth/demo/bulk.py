"""Loading very many synthetic people fast, for the search benchmark (``hearth bench``).

Only into a scratch database: the loader drops the search tables' indexes (and, on SQLite, the
triggers that keep the FTS5 table in step), loads people, names, addresses and search rows
(``COPY`` on PostgreSQL, ``executemany`` on SQLite), then builds the indexes again, rebuilds
the trigram index and gathers planner statistics.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from django.db import connections

from hearth.demo.families import Family, postcodes_of
from hearth.people.queries.search import search_fields
from hearth.people.rules.normalise import postcode_key

TABLES = ("people_person", "people_personname", "people_address", "people_personaddress",
          "people_personsearchname")
PERSON_COLUMNS = ("id", "given_name", "middle_names", "family_name", "date_of_birth",
                  "expected_date_of_birth", "sex", "ethnicity", "disabilities", "first_language",
                  "interpreter_needed", "literacy_needs", "nhs_number", "upn", "restricted",
                  "version", "created_at", "updated_at")
NAME_COLUMNS = ("person_id", "kind", "given_name", "family_name", "note")
ADDRESS_COLUMNS = ("id", "line1", "line2", "town", "postcode", "postcode_norm")
LINK_COLUMNS = ("person_id", "address_id", "start_date", "end_date")
SEARCH_COLUMNS = ("person_id", "is_primary", "kind", "display", "given_norm", "family_norm",
                  "full_norm", "given_phon", "family_phon", "date_of_birth", "birth_year",
                  "postcodes")


class BulkLoader:
    def __init__(self, alias: str = "default"):
        self.connection = connections[alias]
        self.vendor = self.connection.vendor
        self.now = datetime.now(UTC)
        self.next_address = 1
        self.rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
        self.indexes: list[str] = []
        self.triggers: list[str] = []
        self.people = 0

    # -- values per engine -------------------------------------------------------------

    def _id(self, value):
        return value if self.vendor == "postgresql" else value.hex

    def _date(self, value: date | None):
        return value if value is None or self.vendor == "postgresql" else value.isoformat()

    def _bool(self, value: bool):
        return value if self.vendor == "postgresql" else int(value)

    # -- loading -----------------------------------------------------------------------

    def prepare(self) -> None:
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = ANY(%s) "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                    "WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)",
                    [list(TABLES)])
                found = cursor.fetchall()
                for name, _ in found:
                    cursor.execute(f'DROP INDEX "{name}"')
                self.indexes = [sql for _, sql in found]
                cursor.execute("SET session_replication_role = replica")  # no FK triggers
            else:
                marks = ", ".join(["%s"] * len(TABLES))
                cursor.execute("SELECT type, name, sql FROM sqlite_master "  # noqa: S608
                               f"WHERE tbl_name IN ({marks}) AND type IN ('index', 'trigger') "
                               "AND sql IS NOT NULL", list(TABLES))
                found = cursor.fetchall()
                for kind, name, _ in found:
                    cursor.execute(f'DROP {kind.upper()} "{name}"')
                self.indexes = [sql for kind, _, sql in found if kind == "index"]
                self.triggers = [sql for kind, _, sql in found if kind == "trigger"]
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA cache_size = -400000")

    def add(self, fam: Family, limit: int | None = None) -> int:
        """Queue a family's people (at most ``limit`` of them); returns how many."""
        people = fam.people if limit is None else fam.people[:limit]
        first_address = self.next_address
        for a in fam.addresses:
            self.rows["people_address"].append((self.next_address, a.line1, "", a.town,
                                                a.postcode, postcode_key(a.postcode)))
            self.next_address += 1
        for p in people:
            pid = self._id(p.id)
            self.rows["people_person"].append((
                pid, p.given, p.middle, p.family, self._date(p.dob), self._date(p.expected),
                p.sex, p.ethnicity, json.dumps(p.disabilities), p.language,
                self._bool(p.interpreter), p.literacy, p.nhs, p.upn, self._bool(p.restricted), 1,
                self.now, self.now))
            for kind, given, family in p.names:
                self.rows["people_personname"].append((pid, kind, given, family, ""))
            for home, start, end in p.homes:
                self.rows["people_personaddress"].append(
                    (pid, first_address + home, self._date(start), self._date(end)))
            born = p.dob or p.expected
            for f in search_fields(p.given, p.family, born, p.names, postcodes_of(fam, p)):
                self.rows["people_personsearchname"].append((
                    pid, self._bool(f["is_primary"]), f["kind"], f["display"], f["given_norm"],
                    f["family_norm"], f["full_norm"], f["given_phon"], f["family_phon"],
                    self._date(born), f["birth_year"], f["postcodes"]))
        self.people += len(people)
        return len(people)

    def flush(self) -> None:
        columns = {"people_person": PERSON_COLUMNS, "people_personname": NAME_COLUMNS,
                   "people_address": ADDRESS_COLUMNS, "people_personaddress": LINK_COLUMNS,
                   "people_personsearchname": SEARCH_COLUMNS}
        with self.connection.cursor() as cursor:
            raw = cursor.cursor
            for table in TABLES:
                rows, cols = self.rows[table], columns[table]
                if not rows:
                    continue
                if self.vendor == "postgresql":
                    with raw.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    if table == "people_person":
                        stamp = self.now.replace(tzinfo=None).isoformat(" ")
                        rows = [(*r[:-2], stamp, stamp) for r in rows]
                    marks = ", ".join(["?"] * len(cols))
                    conn = self.connection.connection
                    conn.execute("BEGIN")
                    insert = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})"  # noqa: S608
                    conn.executemany(insert, rows)
                    conn.execute("COMMIT")
                self.rows[table] = []

    def finish(self, progress=None) -> None:
        """Build the indexes again, fill the trigram index and gather statistics."""
        self.flush()
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")
                cursor.execute("SET maintenance_work_mem = '1GB'")
                cursor.execute("SET max_parallel_maintenance_workers = 2")
                cursor.execute("SELECT setval(pg_get_serial_sequence('people_address', 'id'), "
                               "%s)", [self.next_address])
            for sql in self.indexes:
                if progress:
                    progress(f"building index: {sql.split(' ON ')[0]}")
                cursor.execute(sql)
            if self.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("INSERT INTO people_psn_fts(people_psn_fts) VALUES ('rebuild')")
                for sql in self.triggers:
                    cursor.execute(sql)
                cursor.execute("ANALYZE")

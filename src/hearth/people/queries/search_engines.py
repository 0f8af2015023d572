"""Gathering candidates for person search: a bounded set of search rows, by indexed queries.

Every block below is one indexed lookup with its own LIMIT; all the blocks of a search go to
the database as one ``UNION ALL`` statement (one round trip). The blocks:

- date of birth: the date typed, and the same date with day and month swapped;
- sound keys with the year of birth: both names sound alike (year ±1, or no date recorded);
  the family name sounds alike and the given name starts with a typed initial (a typo in the
  given name); the given name sounds alike and the family name starts with a typed initial
  (a typo in the family name). Names are tried both ways round, so swapped names are found;
  the keys include the full names a typed short form is short for (Abby: Abigail), and a
  hyphenated name typed alone ("Fowler-Bell") is looked up whole, as one name;
- postcode: everyone who has lived at the postcode (or in its outward code);
- trigrams: names that share enough three-letter pieces with what was typed, for typos the
  sound keys miss (PostgreSQL: ``pg_trgm``'s ``%`` with a GIN index on (birth_year,
  full_norm), kept to the year of birth when a date of birth was typed; SQLite: an FTS5
  table with the trigram tokenizer). A second pass, when the first found too few names like
  the one typed (``search.rank``).

On PostgreSQL the blocking indexes are covering indexes (migration 0002), so the blocks read
index pages only.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.db import connections, router

from hearth.people.rules import nicknames
from hearth.people.rules.normalise import phonetic
from hearth.people.rules.search import Query, Row

TABLE = "people_personsearchname"
FTS = "people_psn_fts"
COLUMNS = ("person_id, kind, display, given_norm, family_norm, given_phon, family_phon, "
           "date_of_birth, postcodes")
BLOCK_LIMIT = 200
WIDE_LIMIT = 300
TRIGRAM_LIMIT = 150


def _connection():
    from hearth.people.models import PersonSearchName

    return connections[router.db_for_read(PersonSearchName)]


def _in(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def _after(letter: str) -> str:
    """The upper bound of names starting with ``letter`` (names are folded to a-z)."""
    return chr(ord(letter) + 1) if letter < "z" else "z" * 101


def _keys(q: Query) -> list[str]:
    """Sound keys of each typed word, of adjacent words run together (Smith Jones) and of each
    name typed, with the names each could be short for (Abby: Abigail). A hyphenated name
    typed alone ("Fowler-Bell") is looked up whole, not as its halves."""
    words = list(q.words) or [w for w in (q.given, q.family) if w]
    parts = set(words) | {a + b for a, b in zip(words, words[1:], strict=False)}
    if len(q.names) == 1:
        parts = set(q.names)
    else:
        parts |= set(q.names)
    if q.given or q.family:
        parts |= {q.given.replace(" ", ""), q.family.replace(" ", "")}
    parts |= {form for p in list(parts) for form in nicknames.forms(p)}
    return sorted({k for k in (phonetic(p) for p in parts) if k})


def _initials(q: Query) -> list[str]:
    words = list(q.words) or [w for w in (q.given, q.family) if w]
    return sorted({w[0] for w in words if w and "a" <= w[0] <= "z"})


def _blocks(q: Query) -> list[tuple[str, list]]:
    blocks: list[tuple[str, list]] = []

    def add(where: str, params: list, limit: int = BLOCK_LIMIT) -> None:
        # Only constants and placeholders are put into the SQL; every value is a parameter.
        sql = f"SELECT {COLUMNS} FROM {TABLE} WHERE {where} LIMIT {int(limit)}"  # noqa: S608
        blocks.append((sql, params))

    keys = _keys(q)
    one_word = len(q.names) == 1 and not (q.given or q.family)
    if q.dob is not None and q.dob.full is not None:
        dates = [d for d in (q.dob.full, q.dob.swapped) if d]
        add(f"date_of_birth IN ({_in(dates)})", dates, 400)
    if keys and q.dob is not None:
        y, k = q.dob.year, _in(keys)
        if one_word:
            add(f"birth_year = %s AND family_phon IN ({k})", [y, *keys], WIDE_LIMIT)
            add(f"birth_year = %s AND given_phon IN ({k})", [y, *keys], WIDE_LIMIT)
        else:
            add(f"family_phon IN ({k}) AND given_phon IN ({k}) AND birth_year BETWEEN %s AND %s",
                [*keys, *keys, y - 1, y + 1])
            for letter in _initials(q):
                add(f"birth_year = %s AND family_phon IN ({k}) "
                    f"AND given_norm >= %s AND given_norm < %s",
                    [y, *keys, letter, _after(letter)])
                add(f"birth_year = %s AND given_phon IN ({k}) "
                    f"AND family_norm >= %s AND family_norm < %s",
                    [y, *keys, letter, _after(letter)])
        add(f"family_phon IN ({k}) AND given_phon IN ({k}) AND birth_year IS NULL",
            [*keys, *keys])
    elif keys:
        k = _in(keys)
        wide = WIDE_LIMIT if not q.postcode else BLOCK_LIMIT // 2  # the postcode finds most
        if one_word:
            add(f"family_phon IN ({k})", keys, wide)
            add(f"given_phon IN ({k})", keys, wide)
        else:
            add(f"family_phon IN ({k}) AND given_phon IN ({k})", [*keys, *keys], wide)
    if q.postcode:
        params: list
        if q.postcode_kind == "full":
            at, params = "a.postcode_norm = %s", [q.postcode]
        else:
            at = "a.postcode_norm BETWEEN %s AND %s AND length(a.postcode_norm) = %s"
            params = [q.postcode, q.postcode + "ZZZZ", len(q.postcode) + 3]
        add("person_id IN (SELECT pa.person_id FROM people_personaddress pa "  # noqa: S608
            f"JOIN people_address a ON a.id = pa.address_id WHERE {at})", params, 400)
    return blocks


def trigram_block(q: Query) -> tuple[str, list] | None:
    text = " ".join(q.words) if q.words else f"{q.given} {q.family}".strip()
    if len(text.replace(" ", "")) < 3:
        return None
    if _connection().vendor == "postgresql":
        # The GIN index leads with birth_year (btree_gin): within the year of birth typed, only
        # that year's entries are read. The cast lets the index's smallint operators apply.
        years, params = "", [text]
        if q.dob is not None:
            years, params = "birth_year = %s::smallint AND ", [str(q.dob.year), text]
        sql = (f"SELECT {COLUMNS} FROM {TABLE} WHERE {years}full_norm %% %s "  # noqa: S608
               f"ORDER BY similarity(full_norm, %s) DESC LIMIT {TRIGRAM_LIMIT}")
        return sql, [*params, text]
    grams = sorted({w[i:i + 3] for w in text.split() for i in range(len(w) - 2)})
    if not grams:
        return None
    match = " OR ".join(f'"{g}"' for g in grams)
    sql = (f"SELECT {COLUMNS} FROM {TABLE} WHERE id IN (SELECT rowid FROM {FTS} "  # noqa: S608
           f"WHERE {FTS} MATCH %s ORDER BY rank LIMIT {TRIGRAM_LIMIT})")
    return sql, [match]


def _row(values: tuple) -> Row:
    person_id, kind, display, given, family, gp, fp, born, postcodes = values
    if not isinstance(person_id, uuid.UUID):
        person_id = uuid.UUID(str(person_id))
    if isinstance(born, str):
        born = date.fromisoformat(born)
    return Row(person_id, kind, display, given, family, gp, fp, born, postcodes)


def run_blocks(blocks: list[tuple[str, list]]) -> list[Row]:
    if not blocks:
        return []
    sql = " UNION ALL ".join(f"SELECT * FROM ({s}) AS b{i}"  # noqa: S608
                             for i, (s, _) in enumerate(blocks))
    params = [p for _, ps in blocks for p in ps]
    with _connection().cursor() as cursor:
        cursor.execute(sql, params)
        return [_row(r) for r in cursor.fetchall()]


def candidates(q: Query) -> list[Row]:
    """The first pass: sound keys, dates of birth and postcodes."""
    return run_blocks(_blocks(q))


def trigram_candidates(q: Query) -> list[Row]:
    """The second pass: names that share enough three-letter pieces with the one typed."""
    block = trigram_block(q)
    return run_blocks([block]) if block else []

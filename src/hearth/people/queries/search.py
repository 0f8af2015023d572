"""Person search a front-door worker can trust (R-PPL-2, R-FD-3).

``search_people`` tolerates typos, sounds-alike spellings, short forms of given names ("Abby"
for Abigail), swapped given and family names, a double-barrelled surname typed alone, aliases
and previous names, partial or missing dates of birth and postcode-only searches. It
gathers a bounded set of candidates with indexed queries (``search_engines``), scores them in
Python (``rules.search``), and returns only people the user may see (``visible_to``).

``reindex_person`` keeps a person's search rows (``PersonSearchName``) in step with the record;
the trigram index follows the rows (a GIN index on PostgreSQL, an FTS5 table kept by triggers
on SQLite).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from hearth.core.refusals import Refused, Why
from hearth.people.queries import search_engines
from hearth.people.rules.normalise import (
    PartialDate,
    fold,
    name_key,
    parse_dob,
    phonetic,
    postcode_key,
    postcode_kind,
)
from hearth.people.rules.search import Query, Row, reasons, score_row, worth_showing

if TYPE_CHECKING:
    from hearth.people.models import Person

MIN_SCORE = 0.40  # below this a candidate is not shown at all
MAX_WORDS = 6  # of a typed name: more is not a name, and would only make the query longer
DUPLICATE_THRESHOLD = 0.75  # a likely duplicate when creating a person
NAME_FOUND = 0.85  # a name this close was found by the first pass (see ``rank``)
POSTCODES_MAX = 200


#: A search term that cannot be understood (e.g. a malformed date of birth): the one refusal,
#: its message starting with the term it is about ("Postcode: …"); the API answers 422.
SearchInputError = Refused


@dataclass
class Match:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Index maintenance


def search_fields(given: str, family: str, born: date | None,
                  names: list[tuple[str, str, str]], postcodes: list[str]) -> list[dict]:
    """The values of a person's search rows: the main name, then ``names`` [(kind, given,
    family)]; ``postcodes`` are the person's postcodes, the current one first.

    Shared by ``index_rows`` and the bulk loaders (seeding, benchmark).
    """
    codes = " ".join(dict.fromkeys(k for k in (postcode_key(p) for p in postcodes) if k))
    if len(codes) > POSTCODES_MAX:
        codes = codes[:POSTCODES_MAX + 1].rsplit(" ", 1)[0]
    rows = []
    seen = set()
    for kind, g, f in [("primary", given, family), *names]:
        g, f = g or given, f or family
        key = (fold(g), fold(f))
        if key in seen:
            continue
        seen.add(key)
        rows.append({
            "is_primary": kind == "primary", "kind": kind,
            "display": f"{g.strip()} {f.strip()}".strip()[:201],
            "given_norm": name_key(g)[:100], "family_norm": name_key(f)[:100],
            "full_norm": f"{key[0]} {key[1]}".strip()[:201],
            "given_phon": phonetic(g), "family_phon": phonetic(f),
            "date_of_birth": born, "birth_year": born.year if born else None,
            "postcodes": codes,
        })
    return rows


def search_rows(person, names: list[tuple[str, str, str]], postcodes: list[str]) -> list:
    """Unsaved ``PersonSearchName`` rows for ``person`` (see ``search_fields``)."""
    from hearth.people.models import PersonSearchName

    born = person.date_of_birth or person.expected_date_of_birth
    return [PersonSearchName(person_id=person.pk, **fields) for fields in
            search_fields(person.given_name, person.family_name, born, names, postcodes)]


def index_rows(person) -> list:
    """The search rows for ``person`` as recorded now (main name, aliases, previous names)."""
    links = sorted(person.addresses.select_related("address"),
                   key=lambda pa: (pa.end_date is not None,
                                   -(pa.start_date or date.min).toordinal()))
    names = [(n.kind, n.given_name, n.family_name) for n in person.other_names.all()]
    return search_rows(person, names, [pa.address.postcode for pa in links])


def reindex_person(person) -> None:
    from hearth.people.models import PersonSearchName

    PersonSearchName.objects.filter(person=person).delete()
    if person.merged_into_id is None:
        PersonSearchName.objects.bulk_create(index_rows(person))


# ---------------------------------------------------------------------------------------------
# Search


def _typed_words(name: str) -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """Folded words in given-first order ("Fletcher, Jack" -> jack fletcher), how each was
    typed, and the names typed (a hyphenated "Fowler-Bell" is one name, "fowlerbell")."""
    if "," in name:
        family, _, given = name.partition(",")
        name = f"{given} {family}"
    typed: dict[str, str] = {}
    words: list[str] = []
    units: list[str] = []
    for raw in re.split(r"[\s,]+", name.strip()):
        parts = fold(raw).split()[:MAX_WORDS - len(words)]
        if not parts:
            continue
        for part in parts:
            words.append(part)
            typed.setdefault(part, raw)
        units.append("".join(parts))
        typed.setdefault(units[-1], raw)
    return tuple(words), typed, tuple(units)


def _postcode(postcode: str) -> tuple[str, str]:
    key = postcode_key(postcode)
    if not key:
        return "", ""
    kind = postcode_kind(key)
    if not kind:
        raise SearchInputError("Postcode: enter a whole postcode such as SO17 1BJ, or its first "
                               "part such as SO17")
    return key, kind


def _dob(dob) -> PartialDate | None:
    if isinstance(dob, date):
        return PartialDate(dob.year, dob.month, dob.day)
    try:
        return parse_dob(str(dob or ""), max_year=timezone.localdate().year + 1)
    except ValueError as exc:
        raise SearchInputError(str(exc)) from None


def build_query(*, name: str = "", dob="", postcode: str = "") -> Query:
    """What the user typed, understood; ``SearchInputError`` says what to fix."""
    words, typed, units = _typed_words(name or "")
    if (name or "").strip() and not words:
        raise SearchInputError("Name: use letters, for example Jack Fletcher")
    born = _dob(dob)
    key, kind = _postcode(postcode)
    if not words and born is None and not key:
        raise SearchInputError("Enter a name, a date of birth or a postcode.")
    if not words and not key and born is not None and born.full is None:
        raise SearchInputError("Date of birth: a year or a month on its own matches too many "
                               "people; add a name or a postcode")
    return Query(words=words, typed=typed, dob=born, postcode=key, postcode_kind=kind,
                 units=units)


def _best(q: Query, rows: list[Row], best: dict, memo: dict) -> None:
    for row in rows:
        score, detail = score_row(q, row, memo)
        current = best.get(row.person_id)
        if current is None or score > current[0]:
            best[row.person_id] = (score, detail, row)


Ranked = list[tuple[object, float, Row, tuple]]  # person id, score, best row, its detail


def rank(q: Query, *, enough: int = 20) -> Ranked:
    """Every candidate person with their best-scoring row, best first, before visibility.

    The trigram index is asked second, and only when the first pass found too few names like
    the one typed: none at all when a date of birth or postcode narrows the search, fewer
    than ``enough`` for a name on its own (so "Jack Fletcher" also brings "Jack Flecther",
    while a name shared by many people does not read the whole trigram index).
    """
    best: dict = {}
    memo: dict = {}
    _best(q, search_engines.candidates(q), best, memo)
    if q.has_name:
        need = enough if q.dob is None and not q.postcode else 1
        found = sum(1 for score, detail, _ in best.values() if detail[3] >= NAME_FOUND)
        if found < need:
            _best(q, search_engines.trigram_candidates(q), best, memo)
    ordered = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][2].family_norm,
                                                    kv[1][2].given_norm, str(kv[0])))
    return [(pid, score, row, detail) for pid, (score, detail, row) in ordered]


def _visible(user, q: Query, ranked: Ranked, *, limit: int, floor: float) -> list[Match]:
    """The best ``limit`` of ``ranked`` that ``user`` may see: at most two queries."""
    from hearth.people.models import Person

    ranked = [r for r in ranked if r[1] >= floor and worth_showing(q, r[3])]
    first = limit + 5
    people: dict = {}
    for chunk in (ranked[:first], ranked[first:first + 500]):
        if not chunk:
            break
        qs = Person.objects.visible_to(user).live().filter(pk__in=[r[0] for r in chunk])
        people.update((p.pk, p) for p in qs)
        if sum(1 for r in ranked[:first] if r[0] in people) >= limit:
            break
    shown = [r for r in ranked if r[0] in people][:limit]
    return [Match(people[pid], score, reasons(q, row, detail))
            for pid, score, row, detail in shown]


def search_people(user, *, name: str = "", dob: str = "", postcode: str = "",
                  limit: int = 20) -> list[Match]:
    """People ``user`` may see who match, best first, each with a score in 0..1 and reasons.

    ``dob`` may be whole (2016-09-14, 14/09/2016), a month (09/2016, 2016-09) or a year.
    """
    q = build_query(name=name, dob=dob, postcode=postcode)
    return _visible(user, q, rank(q, enough=limit), limit=limit, floor=MIN_SCORE)


@dataclass
class DuplicateCheck:
    """The one duplicate check before a person is created, for pages and API alike (R-PPL-2,
    issue 13 item 11): ``matches``, the likely duplicates the user may see (best first), and
    ``elsewhere``, the ids of likely duplicates outside the user's access, which are never
    shown, only said to exist."""

    matches: list[Match]
    elsewhere: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.matches or self.elsewhere)

    def audit_fields(self) -> dict:
        return {"people": [str(m.person.pk) for m in self.matches],
                "outside_access": [str(pk) for pk in self.elsewhere]}


class LikelyDuplicates(Refused):
    """The person probably has a record already and the caller did not say they checked: 409,
    naming the likely duplicates the caller may see (``extensions``), and saying only that one
    exists of those they may not."""

    def __init__(self, check: DuplicateCheck, *, confirm: str):
        self.check = check
        found = [f"{m.person.display_name} (born {_born(m.person)})" for m in check.matches]
        said = []
        if found:
            said.append("This person may already have a record: " + "; ".join(found) + ".")
        if check.elsewhere:
            said.append("A possible match exists in records outside your access: ask the "
                        "front door (Children's Resource Service) or the records team whether "
                        "it is the same person.")
        said.append(f"If none is the same person, {confirm}.")
        super().__init__(" ".join(said), why=Why.STATE)

    @property
    def extensions(self) -> dict:
        return {"likely_duplicates": [
                    {"id": str(m.person.pk), "display_name": m.person.display_name,
                     "date_of_birth": _iso(m.person.date_of_birth),
                     "expected_date_of_birth": _iso(m.person.expected_date_of_birth),
                     "score": round(m.score, 3), "reasons": m.reasons}
                    for m in self.check.matches],
                "outside_your_access": bool(self.check.elsewhere)}


def _born(person) -> str:
    born = person.date_of_birth or person.expected_date_of_birth
    return f"{born.day} {born:%B %Y}" if born else "date not known"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def check_duplicates(user, *, given_name: str, family_name: str, date_of_birth=None,
                     postcode: str = "", limit: int = 5) -> DuplicateCheck:
    """Existing people who are probably the person about to be created (R-PPL-2): those
    ``user`` may see, and (as ids, never to be shown) those outside their access."""
    from hearth.people.models import Person

    given, family = fold(given_name), fold(family_name)
    if not (given or family):
        return DuplicateCheck([])
    try:
        born = _dob(date_of_birth) if date_of_birth else None
        key, kind = _postcode(postcode)
    except SearchInputError:
        born, key, kind = None, "", ""
    typed = {name_key(given_name): given_name.strip(), name_key(family_name): family_name.strip()}
    q = Query(given=given, family=family, typed=typed,
              dob=born, postcode=key, postcode_kind=kind)
    ranked = rank(q, enough=limit)
    matches = _visible(user, q, ranked, limit=limit, floor=DUPLICATE_THRESHOLD)
    likely = [r[0] for r in ranked if r[1] >= DUPLICATE_THRESHOLD and worth_showing(q, r[3])]
    if len(likely) <= len(matches):
        return DuplicateCheck(matches)
    likely = likely[:limit + 20]
    seen = set(Person.objects.visible_to(user).filter(pk__in=likely).values_list("pk", flat=True))
    live = set(Person.objects.live().filter(pk__in=likely).values_list("pk", flat=True))
    return DuplicateCheck(matches, [pk for pk in likely if pk in live and pk not in seen][:limit])


def likely_duplicates(user, *, given_name: str, family_name: str, date_of_birth=None,
                      postcode: str = "", limit: int = 5) -> list[Match]:
    """The likely duplicates ``user`` may see (``check_duplicates``)."""
    return check_duplicates(user, given_name=given_name, family_name=family_name,
                            date_of_birth=date_of_birth, postcode=postcode, limit=limit).matches

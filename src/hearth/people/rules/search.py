"""Scoring one candidate name against what was typed (R-PPL-2). Pure Python, no database.

A score is in 0..1: the name, date of birth and postcode each score 0..1 and are weighted by
what the user gave (a search by name and postcode is not marked down for a missing date of
birth). Each score comes with the reasons a worker can check for themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from rapidfuzz.distance import OSA, JaroWinkler

from hearth.people.rules import nicknames
from hearth.people.rules.normalise import PartialDate, name_key, outward_code, phonetic

WEIGHTS = {"name": 0.55, "dob": 0.30, "postcode": 0.15}
ALIAS_FACTOR = 0.98  # on a tie, the main name first
SWAP_FACTOR = 0.97
#: A reading that leaves a typed name out ("Jack Thomas Fletcher" read as Jack Fletcher) is
#: worth less than one that accounts for every name typed (issue 14: "Green Holland Edward"
#: is Edward Green-Holland before Edward Green), but more than a name matching only part of
#: a double-barrelled one (0.85), since a middle name typed is the likelier reason.
DROPPED_FACTOR = 0.95
#: A known short form ("Jen" for Jennifer) is better evidence than a sound key two letters
#: long ("Jen" and "Joanna" are both JN), so it scores just above "sounds alike" (0.92).
NICKNAME = 0.93
#: Given names recorded for a child not yet born or named ("Baby Edwards"): they match only
#: when typed as they are, never by spelling ("Abby" is not "Baby"; issue 14).
PLACEHOLDERS = frozenset({"baby", "babyof", "unborn", "unbornbaby", "unbornchild", "newborn",
                          "infant", "unnamed", "unknown", "notknown"})


@dataclass(frozen=True)
class Query:
    """A search as understood: folded name words (given first), or explicit given/family.

    ``units`` are the names typed, each kept whole: a hyphenated one ("Fowler-Bell") is one
    name, run together ("fowlerbell"), never a given name and a surname; without ``units``
    every word is one.
    """

    words: tuple[str, ...] = ()
    typed: dict[str, str] = field(default_factory=dict)  # folded word or unit -> as typed
    given: str = ""
    family: str = ""
    dob: PartialDate | None = None
    postcode: str = ""
    postcode_kind: str = ""
    units: tuple[str, ...] = ()

    @property
    def has_name(self) -> bool:
        return bool(self.words or self.given or self.family)

    @property
    def names(self) -> tuple[str, ...]:
        """The names typed, each whole (``units``, or else the words)."""
        return self.units or self.words

    @cached_property
    def readings(self) -> list[tuple[str, str, bool, int]]:
        return self.interpretations()

    def interpretations(self) -> list[tuple[str, str, bool, int]]:
        """(given, family, swapped, names left out) readings of the name. A lone name (a word,
        or a hyphenated surname typed alone) has given == ""."""
        if self.given or self.family:
            g, f = name_key(self.given), name_key(self.family)
            return [(g, f, False, 0), (f, g, True, 0)]
        w = self.names
        if len(w) == 1:
            return [("", w[0], False, 0)]
        if not w:
            return []
        readings = [(w[0], "".join(w[1:]), False, 0), (w[-1], "".join(w[:-1]), True, 0)]
        if len(w) > 2:  # a middle name, a two-word given name, or half a double-barrelled name
            readings += [(w[0], w[-1], False, len(w) - 2), ("".join(w[:-1]), w[-1], False, 0),
                         (w[-1], w[0], True, len(w) - 2)]
        return readings


@dataclass(slots=True)
class Row:
    person_id: object
    kind: str
    display: str
    given_norm: str
    family_norm: str
    given_phon: str
    family_phon: str
    dob: date | None
    postcodes: str


def split_display(display: str, given_norm: str) -> tuple[str, str]:
    """("Mary Ann Smith-Jones", "maryann") -> ("Mary Ann", "Smith-Jones")."""
    words = display.split()
    for i in range(1, len(words)):
        if name_key(" ".join(words[:i])) == given_norm:
            return " ".join(words[:i]), " ".join(words[i:])
    return (words[0], " ".join(words[1:])) if words else ("", "")


def part_similarity(q: str, r: str, memo: dict) -> tuple[float, str]:
    """How alike one typed name part and one recorded part are, and in what way."""
    key = (q, r)
    if key in memo:
        return memo[key]
    result: tuple[float, str]
    if not q or not r:
        result = (0.0, "")
    elif q == r:
        result = (1.0, "exact")
    elif q in PLACEHOLDERS or r in PLACEHOLDERS:
        result = (0.0, "")
    elif len(q) == 1:
        result = (0.7, "initial") if r[0] == q else (0.0, "")
    else:
        spelling = (JaroWinkler.normalized_similarity(q, r) + OSA.normalized_similarity(q, r)) / 2
        result = (0.95 * spelling, "spelling" if spelling >= 0.72 else "")
        if phonetic(q) == phonetic(r) and result[0] < 0.92:
            result = (0.92, "sounds")
        short, long_ = sorted((q, r), key=len)
        if len(short) >= 3 and len(long_) > len(short) + 2 and (
            long_.startswith(short) or long_.endswith(short)
        ) and result[0] < 0.85:
            result = (0.85, "part")
        if result[0] < NICKNAME and nicknames.related(q, r):
            result = (NICKNAME, "nickname")
    memo[key] = result
    return result


NameDetail = tuple[str, str, bool, tuple[str, str]]  # how given, how family, swapped, typed


def _name_score(q: Query, row: Row, memo: dict) -> tuple[float, NameDetail | None]:
    best: tuple[float, str, str, bool, tuple[str, str]] | None = None
    for given, family, swapped, dropped in q.readings:
        sf, how_f = part_similarity(family, row.family_norm, memo)
        if given:
            sg, how_g = part_similarity(given, row.given_norm, memo)
            score = 0.45 * sg + 0.55 * sf
            typed = (given, family)
        else:  # one word: it may be either name
            sg, how_g = part_similarity(family, row.given_norm, memo)
            if sg * 0.95 > sf:
                score, how_f = sg * 0.95, ""
            else:
                score, how_g = sf, ""
            typed = (family, family)
        if swapped:
            score *= SWAP_FACTOR
        score *= DROPPED_FACTOR ** dropped
        if best is None or score > best[0]:
            best = (score, how_g, how_f, swapped, typed)
        if score >= 1.0:
            break
    if best is None:
        return 0.0, None
    return best[0], best[1:]


def _name_reasons(q: Query, row: Row, detail: NameDetail) -> list[str]:
    how_g, how_f, swapped, typed = detail
    reasons: list[str] = []
    if how_g == how_f == "exact" and not swapped:
        reasons.append("exact name")
    else:
        rec_given, rec_family = split_display(row.display, row.given_norm)
        parts = ((how_g, typed[0], rec_given, "given"), (how_f, typed[1], rec_family, "family"))
        for how, typed_part, recorded, which in parts:
            shown = q.typed.get(typed_part) or typed_part.title()
            if how == "exact":
                reasons.append(f"{which} name matches")
            elif how == "sounds":
                reasons.append(f"name sounds alike ({shown} / {recorded})")
            elif how == "spelling":
                reasons.append(f"similar spelling ({shown} / {recorded})")
            elif how == "initial":
                reasons.append(f"initial matches ({shown} / {recorded})")
            elif how == "part":
                reasons.append(f"matches part of a double-barrelled name ({shown} / {recorded})")
            elif how == "nickname":
                reasons.append(f"short form of the name ({shown} / {recorded})")
    if swapped:
        reasons.append("given and family names swapped")
    if row.kind != "primary":
        label = "previous name" if row.kind == "previous" else "alias"
        reasons.append(f"matches {label} {row.display}")
    return reasons


def dob_score(wanted: PartialDate, recorded: date | None) -> tuple[float, str]:
    if recorded is None:
        return 0.5, "no date of birth recorded"
    y = wanted.year
    if wanted.full is not None:
        if recorded == wanted.full:
            return 1.0, "date of birth matches"
        if recorded == wanted.swapped:
            return 0.85, "date of birth close (day and month swapped)"
        if recorded.year == y and recorded.month == wanted.month:
            if abs(recorded.day - (wanted.day or 0)) <= 2 or _one_digit_apart(
                    recorded.day, wanted.day or 0):
                return 0.75, "date of birth close (day differs)"
            return 0.5, "month and year of birth match"
        if (recorded.month, recorded.day) == (wanted.month, wanted.day) and (
                abs(recorded.year - y) == 1 or _one_digit_apart(recorded.year, y)):
            return 0.7, "date of birth close (year differs)"
        if recorded.year == y:
            return 0.25, "year of birth matches"
        return (0.1, "") if abs(recorded.year - y) == 1 else (0.0, "")
    if wanted.month is not None and recorded.year == y and recorded.month == wanted.month:
        return 1.0, "month and year of birth match"
    if recorded.year == y:
        return (1.0, "year of birth matches") if wanted.month is None else (
            0.6, "year of birth matches")
    if abs(recorded.year - y) == 1:
        return 0.25, "year of birth close"
    return 0.0, ""


def _one_digit_apart(a: int, b: int) -> bool:
    sa, sb = str(a).zfill(2), str(b).zfill(2)
    return len(sa) == len(sb) and sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def postcode_score(q: Query, postcodes: str) -> tuple[float, str]:
    if not postcodes:
        return 0.3, ""
    codes = postcodes.split()
    if q.postcode_kind == "full":
        if codes[0] == q.postcode:
            return 1.0, "postcode matches"
        if q.postcode in codes:
            return 0.9, "postcode matches a previous address"
        wanted = outward_code(q.postcode)
        if any(outward_code(c) == wanted for c in codes):
            return 0.4, "postcode area matches"
        return 0.0, ""
    if any(outward_code(c) == q.postcode for c in codes):
        return 0.8, "postcode area matches"
    return 0.0, ""


# (name detail, date of birth reason, postcode reason, name score)
Detail = tuple[NameDetail | None, str, str, float]


def score_row(q: Query, row: Row, memo: dict) -> tuple[float, Detail]:
    """The row's score in 0..1 and what ``reasons`` needs to explain it."""
    total = weight = name_score = 0.0
    name: NameDetail | None = None
    born = place = ""
    if q.has_name:
        name_score, name = _name_score(q, row, memo)
        total += WEIGHTS["name"] * name_score
        weight += WEIGHTS["name"]
    if q.dob is not None:
        s, born = dob_score(q.dob, row.dob)
        total += WEIGHTS["dob"] * s
        weight += WEIGHTS["dob"]
    if q.postcode:
        s, place = postcode_score(q, row.postcodes)
        total += WEIGHTS["postcode"] * s
        weight += WEIGHTS["postcode"]
    score = total / weight if weight else 0.0
    if row.kind != "primary":
        score *= ALIAS_FACTOR
    return round(min(score, 1.0), 4), (name, born, place, name_score)


NAME_AT_LEAST = 0.4  # when a name was typed, a person whose names are less like it is not shown


def worth_showing(q: Query, detail: Detail) -> bool:
    """Something typed matched, and the name (if one was typed) is at least somewhat alike."""
    name, born, place, name_score = detail
    if q.has_name and name_score < NAME_AT_LEAST:
        return False
    return bool((name and (name[0] or name[1])) or place
                or (born and born != "no date of birth recorded"))


def reasons(q: Query, row: Row, detail: Detail) -> list[str]:
    """Plain-English reasons for a scored row, such as "name sounds alike (Mo / Mohammed)"."""
    name, born, place, _ = detail
    found = _name_reasons(q, row, name) if name is not None else []
    return found + [r for r in (born, place) if r]

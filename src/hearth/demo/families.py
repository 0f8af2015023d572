"""Synthetic families for demos, tests and benchmarks (never real people).

``FamilyMaker(seed).family()`` makes one family as plain values: parents, children (some
unborn, with an expected date of birth), step-parents, partners, grandparents and siblings
with their relationships and parental responsibility; aliases and previous names; address
histories and household memberships over time (R-PPL-3); DfE ethnicity and disability codes;
valid NHS numbers and UPNs; and, like real records, some duplicate records of the same person
with a typo in the name or no date of birth.

The same seed gives the same people with the same names and ids. Dates are counted back from
``today``, so they move with the calendar; the names and ids do not.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from hearth.demo import names
from hearth.people.rules.persons import nhs_check_digit, upn_check_letter

LITERACY = ("Reads little; explain letters and plans in person",
            "Prefers information by phone, not letter",
            "Dyslexia: large print and plain English help")
DISABILITIES = ("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT",
                "DDA")


@dataclass(slots=True)
class SynthPerson:
    id: uuid.UUID
    given: str
    family: str
    sex: str
    dob: date | None
    middle: str = ""
    expected: date | None = None
    ethnicity: str = "NOBT"
    disabilities: list[str] = field(default_factory=list)
    nhs: str = ""
    upn: str = ""
    language: str = ""
    interpreter: bool = False
    literacy: str = ""
    restricted: bool = False
    role: str = ""  # mother, father, child, step_parent, grandparent, duplicate
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, given, family)
    homes: list[tuple[int, date | None, date | None]] = field(default_factory=list)
    duplicate_of: uuid.UUID | None = None


@dataclass(slots=True)
class SynthAddress:
    line1: str
    town: str
    postcode: str


@dataclass
class Family:
    people: list[SynthPerson] = field(default_factory=list)
    addresses: list[SynthAddress] = field(default_factory=list)
    # (person index, relative index, kind, parental responsibility, start)
    relationships: list[tuple[int, int, str, bool, date | None]] = field(default_factory=list)
    # (name, address index, [(person index, start, end)])
    households: list[tuple[str, int, list[tuple[int, date | None, date | None]]]] = field(
        default_factory=list)

    @property
    def children(self) -> list[int]:
        return [i for i, p in enumerate(self.people) if p.role == "child"]


class FamilyMaker:
    def __init__(self, seed: int, *, today: date, duplicate_rate: float = 0.04):
        self.rng = random.Random(seed)
        self.today = today
        self.duplicate_rate = duplicate_rate

    # -- small pieces --------------------------------------------------------------------

    def _id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def _nhs(self) -> str:
        while True:
            nine = "999" + "".join(str(self.rng.randint(0, 9)) for _ in range(6))
            check = nhs_check_digit(nine)
            if check is not None:
                return f"{nine}{check}"

    def _upn(self, born: date) -> str:
        year = (born.year + 4) % 100
        body = f"852{self.rng.randint(2000, 7999)}{year:02d}{self.rng.randint(0, 999):03d}"
        return upn_check_letter(body) + body

    def _person(self, heritage: names.Heritage, sex: str, born: date | None, family: str,
                role: str) -> SynthPerson:
        rng = self.rng
        given = names.given_name(rng, heritage, sex)
        person = SynthPerson(id=self._id(), given=given, family=family, sex=sex, dob=born,
                             role=role)
        if rng.random() < 0.3:
            person.middle = names.given_name(rng, heritage, sex)
        person.ethnicity = heritage.ethnicity if rng.random() < 0.95 else rng.choice(
            ("NOBT", "REFU"))
        adult = role != "child"
        if heritage.language != "English":
            person.language = heritage.language if adult or rng.random() < 0.4 else "English"
            person.interpreter = adult and rng.random() < 0.3
        else:
            person.language = "English"
        if adult and rng.random() < 0.05:
            person.literacy = rng.choice(LITERACY)
        if born and rng.random() < (0.85 if not adult else 0.6):
            person.nhs = self._nhs()
        if born and not adult and (self.today - born).days >= 4 * 365:
            person.upn = self._upn(born)
        if rng.random() < (0.08 if not adult else 0.04):
            person.disabilities = rng.sample(DISABILITIES, rng.randint(1, 2))
        elif rng.random() < 0.5:
            person.disabilities = ["NONE"]
        if adult and rng.random() < 0.08:
            nick = names.NICKNAMES.get(given) or names.typo(rng, given)
            person.names.append(("alias", nick, family))
        return person

    def _address(self, fam: Family) -> int:
        fam.addresses.append(names_address(self.rng))
        return len(fam.addresses) - 1

    # -- a family ------------------------------------------------------------------------

    def family(self) -> Family:
        rng, today = self.rng, self.today
        fam = Family()
        heritage = names.pick_heritage(rng)
        surname = names.family_name(rng, heritage)
        if rng.random() < 0.03:
            surname = f"{surname}-{names.family_name(rng, heritage)}"
        n_children = rng.choices((0, 1, 2, 3, 4, 5), weights=(4, 34, 30, 18, 9, 5))[0]
        first_born = today - self._days(0, 17 * 365)
        mother_born = first_born - self._days(17 * 365, 40 * 365)
        married = rng.random() < 0.45
        mother_family = names.family_name(rng, heritage) if married else surname
        mother = self._person(heritage, "F", mother_born, surname, "mother")
        if married and mother_family != surname:
            mother.names.append(("previous", mother.given, mother_family))
        fam.people.append(mother)
        father = None
        if rng.random() < 0.75:
            father_family = surname if married else names.family_name(
                rng, names.pick_heritage(rng) if rng.random() < 0.2 else heritage)
            father = self._person(heritage, "M", mother_born - self._days(-3 * 365, 8 * 365),
                                  father_family, "father")
            fam.people.append(father)
            fam.relationships.append((0, 1, "partner", False, first_born - self._days(300, 2000)))
        self._children(fam, heritage, surname, first_born, n_children, father is not None)
        self._grandparents(fam, heritage, mother_family, mother_born)
        self._homes(fam, first_born, father is not None)
        self._duplicates(fam)
        return fam

    def _children(self, fam: Family, heritage, surname: str, first_born: date, count: int,
                  has_father: bool) -> None:
        rng, today = self.rng, self.today
        born = first_born
        for n in range(count):
            if n and not (rng.random() < 0.03):  # else twins: the same date of birth
                born = born + self._days(330, 5 * 365)
            if born > today:
                break
            child = self._person(heritage, rng.choice("MF"), born, surname, "child")
            child.restricted = rng.random() < 0.003
            fam.people.append(child)
        if rng.random() < 0.08 or not count:
            unborn = SynthPerson(id=self._id(), given="Baby", family=surname,
                                 sex="U", dob=None, expected=today + self._days(14, 200),
                                 ethnicity=heritage.ethnicity, role="child")
            fam.people.append(unborn)
        kids = fam.children
        for i in kids:
            fam.relationships.append((0, i, "mother", True, fam.people[i].dob))
            if has_father:
                fam.relationships.append((1, i, "father", rng.random() < 0.8, fam.people[i].dob))
        for a, b in zip(kids, kids[1:], strict=False):
            fam.relationships.append((a, b, "sibling", False, fam.people[b].dob))

    def _grandparents(self, fam: Family, heritage, family: str, mother_born: date) -> None:
        rng = self.rng
        if rng.random() < 0.4:
            gran = self._person(heritage, "F", mother_born - self._days(18 * 365, 35 * 365),
                                family, "grandparent")
            fam.people.append(gran)
            g = len(fam.people) - 1
            guardian = rng.random() < 0.05
            fam.relationships.append((g, 0, "mother", False, None))
            for i in fam.children:
                fam.relationships.append((g, i, "grandparent", guardian, None))

    def _homes(self, fam: Family, first_born: date, has_father: bool) -> None:
        """Where everyone lived, from and to; a step-parent moving in; a father leaving."""
        rng, today = self.rng, self.today
        moves = sorted(today - self._days(30, max(31, (today - first_born).days + 700))
                       for _ in range(rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]))
        starts: list[date | None] = [None, *moves]
        periods = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else None
            periods.append((self._address(fam), start, end))
        split = None
        if has_father and rng.random() < 0.35:
            split = today - self._days(60, 1500)
        members_all = [i for i, p in enumerate(fam.people) if p.role in ("mother", "father",
                                                                        "child")]
        for addr, start, end in periods:
            members = []
            for i in members_all:
                p = fam.people[i]
                born = p.dob or p.expected
                if p.dob is None or (end and born and born >= end):
                    continue
                s = start if p.role != "child" else max(start or p.dob, p.dob)
                e = end
                if p.role == "father" and split:
                    if start and start >= split:
                        continue
                    e = split if end is None or end > split else end
                p.homes.append((addr, s, e))
                members.append((i, s, e))
            surname = fam.people[0].family
            fam.households.append((f"{surname} household", addr, members))
        if split is not None:
            fam.people[1].homes.append((self._address(fam), split, None))
            self._step_parent(fam, split, periods[-1][0])
        for i, p in enumerate(fam.people):
            if p.role == "grandparent":
                p.homes.append((self._address(fam), None, None))
            elif not p.homes and p.role in ("mother", "child") and p.expected:
                p.homes.append((periods[-1][0], None, None))
                fam.households[-1][2].append((i, None, None))

    def _step_parent(self, fam: Family, split: date, home: int) -> None:
        rng = self.rng
        if rng.random() > 0.55:
            return
        moved_in = split + self._days(30, 400)
        if moved_in >= self.today:
            return
        heritage = names.pick_heritage(rng)
        step = self._person(heritage, "M", fam.people[0].dob - self._days(-2000, 3000)
                            if fam.people[0].dob else None, names.family_name(rng, heritage),
                            "step_parent")
        fam.people.append(step)
        s = len(fam.people) - 1
        step.homes.append((self._address(fam), None, moved_in))
        step.homes.append((home, moved_in, None))
        fam.households[-1][2].append((s, moved_in, None))
        fam.relationships.append((0, s, "partner", False, moved_in))
        for i in fam.children:
            fam.relationships.append((s, i, "step_parent", rng.random() < 0.1, moved_in))
            if rng.random() < 0.15 and fam.people[i].dob:
                fam.people[i].names.append(("alias", fam.people[i].given, step.family))

    def _duplicates(self, fam: Family) -> None:
        """A second record of the same person, as real records have: a typo, a sound-alike
        spelling or a missing date of birth, made from another contact."""
        rng = self.rng
        for original in list(fam.people):
            if original.dob is None or rng.random() >= self.duplicate_rate:
                continue
            given, family = original.given, original.family
            born: date | None = original.dob
            change = rng.random()
            if change < 0.35:
                given = names.typo(rng, given)
            elif change < 0.6:
                family = names.typo(rng, family)
            elif change < 0.8:
                given = names.sound_alike(rng, given) or names.typo(rng, given)
            else:
                born = None
            dup = SynthPerson(id=self._id(), given=given, family=family, sex=original.sex,
                              dob=born, ethnicity="NOBT", role="duplicate",
                              duplicate_of=original.id)
            if original.homes:
                dup.homes.append((original.homes[0][0], original.homes[0][1], None))
            fam.people.append(dup)


def names_address(rng: random.Random) -> SynthAddress:
    return SynthAddress(names.street(rng), rng.choice(names.TOWNS), names.postcode(rng))


def postcodes_of(fam: Family, person: SynthPerson) -> list[str]:
    """The person's postcodes, the current one first."""
    homes = sorted(person.homes, key=lambda h: (h[2] is not None,
                                                -(h[1] or date.min).toordinal()))
    return [fam.addresses[a].postcode for a, _, _ in homes]

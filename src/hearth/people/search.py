"""Person search: placeholder index maintenance; the engine-specific search lives here."""

from __future__ import annotations

from hearth.people.normalise import fold, name_key, phonetic, postcode_key


def index_rows(person) -> list:
    from hearth.people.models import PersonSearchName

    postcodes = " ".join(
        sorted({postcode_key(pa.address.postcode) for pa in person.addresses.select_related("address")
                if pa.address.postcode})
    )
    names = [(person.given_name, person.family_name, True)] + [
        (n.given_name or person.given_name, n.family_name or person.family_name, False)
        for n in person.other_names.all()
    ]
    rows = []
    for given, family, primary in names:
        rows.append(PersonSearchName(
            person=person, is_primary=primary,
            given_norm=name_key(given), family_norm=name_key(family),
            full_norm=f"{fold(given)} {fold(family)}".strip(),
            given_phon=phonetic(given), family_phon=phonetic(family),
            date_of_birth=person.date_of_birth or person.expected_date_of_birth,
            birth_year=(person.date_of_birth or person.expected_date_of_birth).year
            if (person.date_of_birth or person.expected_date_of_birth) else None,
            postcodes=postcodes,
        ))
    return rows


def reindex_person(person) -> None:
    from hearth.people.models import PersonSearchName

    PersonSearchName.objects.filter(person=person).delete()
    if person.merged_into_id is None:
        PersonSearchName.objects.bulk_create(index_rows(person))


# ---------------------------------------------------------------------------------------------
# Search interface (pages, API and the duplicate check all call these).

from dataclasses import dataclass, field  # noqa: E402


class SearchInputError(ValueError):
    """A search term that cannot be understood (e.g. a malformed date of birth)."""


@dataclass
class Match:
    person: object
    score: float
    reasons: list[str] = field(default_factory=list)


def search_people(user, *, name: str = "", dob: str = "", postcode: str = "",
                  limit: int = 20) -> list[Match]:
    """Ranked people that ``user`` may see. Placeholder: exact phonetic keys only."""
    from hearth.people.models import Person

    words = fold(name).split()
    if not words and not dob and not postcode:
        raise SearchInputError("Enter a name, a date of birth or a postcode.")
    qs = Person.objects.visible_to(user).live()
    if len(words) >= 2:
        qs = qs.filter(search_names__given_phon=phonetic(words[0]),
                       search_names__family_phon=phonetic(words[-1]))
    return [Match(p, 1.0, ["name sounds alike"]) for p in qs.distinct()[:limit]]


def likely_duplicates(user, *, given_name: str, family_name: str, date_of_birth=None,
                      postcode: str = "", limit: int = 5) -> list[Match]:
    dob = date_of_birth.isoformat() if date_of_birth else ""
    return search_people(user, name=f"{given_name} {family_name}", dob=dob, postcode=postcode,
                         limit=limit)

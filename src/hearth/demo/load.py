"""Writing synthetic families to the database with ``bulk_create`` (no audit rows: seeding is
not casework). The search rows are built here too, as ``reindex_person`` would."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from hearth.demo.families import Family, SynthPerson, postcodes_of
from hearth.people.models import (
    Address,
    Household,
    HouseholdMembership,
    Person,
    PersonAddress,
    PersonName,
    PersonSearchName,
    Relationship,
)
from hearth.people.queries.search import search_rows
from hearth.people.rules.normalise import postcode_key

BATCH = 2000


@dataclass
class Loaded:
    people: list[Person]
    children: list[Person]
    families: list[list[Person]]  # each family's people, mother first
    duplicates: int = 0
    aliases: int = 0


def person_row(p: SynthPerson) -> Person:
    return Person(
        id=p.id, given_name=p.given, middle_names=p.middle, family_name=p.family,
        date_of_birth=p.dob, expected_date_of_birth=p.expected, sex=p.sex,
        ethnicity=p.ethnicity, disabilities=list(p.disabilities), first_language=p.language,
        interpreter_needed=p.interpreter, literacy_needs=p.literacy, nhs_number=p.nhs,
        upn=p.upn, restricted=p.restricted,
    )


@transaction.atomic
def load_families(families: list[Family]) -> Loaded:
    people: list[Person] = []
    names: list[PersonName] = []
    addresses: list[Address] = []
    search: list[PersonSearchName] = []
    loaded = Loaded(people=[], children=[], families=[])
    for fam in families:
        rows = [person_row(p) for p in fam.people]
        people += rows
        loaded.families.append(rows)
        loaded.children += [r for r, p in zip(rows, fam.people, strict=True) if p.role == "child"]
        loaded.duplicates += sum(1 for p in fam.people if p.duplicate_of)
        for row, p in zip(rows, fam.people, strict=True):
            names += [PersonName(person_id=row.pk, kind=k, given_name=g, family_name=f,
                                 note="Known as" if k == "alias" else "")
                      for k, g, f in p.names]
            loaded.aliases += len(p.names)
            search += search_rows(row, p.names, postcodes_of(fam, p))
        addresses += [Address(line1=a.line1, town=a.town, postcode=a.postcode,
                              postcode_norm=postcode_key(a.postcode)) for a in fam.addresses]
    Person.objects.bulk_create(people, batch_size=BATCH)
    PersonName.objects.bulk_create(names, batch_size=BATCH)
    Address.objects.bulk_create(addresses, batch_size=BATCH)
    links: list[PersonAddress] = []
    households: list[Household] = []
    rels: list[Relationship] = []
    offset = 0
    for fam, rows in zip(families, loaded.families, strict=True):
        addr = addresses[offset:offset + len(fam.addresses)]
        offset += len(fam.addresses)
        for row, p in zip(rows, fam.people, strict=True):
            links += [PersonAddress(person_id=row.pk, address_id=addr[a].pk, start_date=s,
                                    end_date=e) for a, s, e in p.homes]
        households += [Household(name=name, address_id=addr[a].pk)
                       for name, a, _ in fam.households]
        rels += [Relationship(person_id=rows[a].pk, relative_id=rows[b].pk, kind=kind,
                              parental_responsibility=pr, start_date=start)
                 for a, b, kind, pr, start in fam.relationships]
    PersonAddress.objects.bulk_create(links, batch_size=BATCH)
    Household.objects.bulk_create(households, batch_size=BATCH)
    Relationship.objects.bulk_create(rels, batch_size=BATCH)
    members: list[HouseholdMembership] = []
    h = 0
    for fam, rows in zip(families, loaded.families, strict=True):
        for _, _, membership in fam.households:
            members += [HouseholdMembership(household_id=households[h].pk,
                                            person_id=rows[i].pk, start_date=s, end_date=e)
                        for i, s, e in membership]
            h += 1
    HouseholdMembership.objects.bulk_create(members, batch_size=BATCH)
    PersonSearchName.objects.bulk_create(search, batch_size=BATCH)
    loaded.people = people
    return loaded

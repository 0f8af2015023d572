"""Synthetic families for demos and benchmarks: invented, repeatable, and as untidy as real
records (aliases, duplicates, address and household histories: R-PPL-1, R-PPL-2, R-PPL-3)."""

from __future__ import annotations

import stat
from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.casework.models import Involvement
from hearth.demo.families import FamilyMaker
from hearth.people.models import (
    AgencyShare,
    HouseholdMembership,
    Person,
    PersonAddress,
    PersonName,
    PersonSearchName,
    Relationship,
)
from hearth.people.queries.search import likely_duplicates
from hearth.people.rules.persons import nhs_number_is_valid, upn_is_valid

TODAY = date(2026, 11, 23)


def made_names(seed: int, families: int = 20) -> list[tuple[str, str]]:
    maker = FamilyMaker(seed, today=TODAY)
    return [(p.given, p.family) for _ in range(families) for p in maker.family().people]


def test_the_same_seed_makes_the_same_people_and_another_seed_different_ones():
    assert made_names(7) == made_names(7)
    assert made_names(7) != made_names(8)
    first, again = FamilyMaker(7, today=TODAY).family(), FamilyMaker(7, today=date(2030, 1, 1)
                                                                    ).family()
    assert [p.id for p in first.people] == [p.id for p in again.people]


@pytest.mark.django_db
def test_hearth_seed_loads_the_families_the_seed_describes(capsys):
    call_command("seed", families=12, seed=41)
    maker = FamilyMaker(41, today=TODAY)
    expected = {(p.given, p.family) for _ in range(12) for p in maker.family().people}
    assert set(Person.objects.values_list("given_name", "family_name")) == expected
    assert "Added 12 synthetic families" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already in the database"):
        call_command("seed", families=12, seed=41)


@pytest.mark.django_db
def test_R_PPL_1_seeded_records_are_as_untidy_as_real_ones():
    call_command("seed", families=60, seed=2026)
    assert PersonName.objects.filter(kind="alias").exists()
    assert PersonName.objects.filter(kind="previous").exists()
    unborn = Person.objects.filter(date_of_birth__isnull=True,
                                   expected_date_of_birth__isnull=False)
    assert unborn.exists()
    kinds = set(Relationship.objects.values_list("kind", flat=True))
    assert {"mother", "father", "sibling", "partner", "grandparent", "step_parent"} <= kinds
    assert Relationship.objects.filter(parental_responsibility=True).exists()
    nhs = list(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    upns = list(Person.objects.exclude(upn="").values_list("upn", flat=True))
    assert nhs and all(nhs_number_is_valid(n) for n in nhs)
    assert upns and all(upn_is_valid(u) for u in upns)
    assert Person.objects.exclude(disabilities=[]).exclude(disabilities=["NONE"]).exists()
    assert len(set(Person.objects.values_list("ethnicity", flat=True))) > 3


@pytest.mark.django_db
def test_R_PPL_3_seeded_people_have_address_and_household_histories():
    call_command("seed", families=60, seed=2026)
    assert PersonAddress.objects.filter(end_date__isnull=False).exists()
    assert PersonAddress.objects.filter(end_date__isnull=True).exists()
    assert HouseholdMembership.objects.filter(end_date__isnull=False).exists()
    assert HouseholdMembership.objects.filter(start_date__isnull=False).exists()
    moved = [p for p in Person.objects.all()[:200] if p.addresses.count() > 1]
    assert moved


@pytest.mark.django_db
def test_R_PPL_2_seeded_duplicates_are_caught_by_the_duplicate_check(front_door):
    call_command("seed", families=80, seed=2026)
    maker = FamilyMaker(2026, today=timezone.localdate())
    people = {p.id: p for _ in range(80) for p in maker.family().people}
    duplicates = [p for p in people.values() if p.duplicate_of and p.dob]
    assert duplicates
    assert PersonSearchName.objects.count() >= Person.objects.count()
    caught = 0
    for dup in duplicates:
        original = Person.objects.get(pk=dup.duplicate_of)
        found = likely_duplicates(front_door, given_name=dup.given, family_name=dup.family,
                                  date_of_birth=dup.dob)
        caught += original.pk in {m.person.pk for m in found}
    assert caught >= 0.9 * len(duplicates)


@pytest.mark.django_db
def test_seeded_workers_see_the_children_allocated_to_them():
    call_command("seed", families=40, seed=5)
    involvement = Involvement.objects.filter(worker__isnull=False).select_related("worker").first()
    assert involvement is not None
    assert Person.objects.visible_to(involvement.worker).filter(pk=involvement.person_id).exists()
    teams = set(Involvement.objects.values_list("team__name", flat=True))
    assert teams <= {"Family Help", "Family Safeguarding", "Jigsaw", "Young People's Service"}


@pytest.mark.django_db
def test_demo_users_one_per_role_with_passwords_only_their_owner_can_read(settings, tmp_path,
                                                                          capsys):
    settings.DATA_DIR = tmp_path
    call_command("seed", families=30, seed=9, demo_users=True)
    out = capsys.readouterr().out
    sign_ins = tmp_path / "demo-sign-ins.txt"
    assert stat.S_IMODE(sign_ins.stat().st_mode) == 0o600
    lines = sign_ins.read_text().splitlines()
    assert lines[0].split(None, 3) == ["role", "username", "password", "what the role does"]
    rows = [line.split(None, 3)[:3] for line in lines[1:]]
    assert {r[0] for r in rows} == set(Role.values)
    for role, username, password in rows:
        assert f"{role}" in out and password in out
        user = authenticate(username=username, password=password)
        assert user is not None and user.role == role
    worker = User.objects.get(username=dict((r[0], r[1]) for r in rows)["social_worker"])
    assert Involvement.objects.filter(worker=worker, status="open").count() >= 5
    police = User.objects.get(role=Role.MASH_PARTNER, username__startswith="demo")
    assert AgencyShare.objects.filter(agency=police.agency).exists()
    assert Person.objects.visible_to(police).exists()


@pytest.mark.django_db
def test_demo_data_seeds_once_and_then_reuses_what_is_there(settings, tmp_path, capsys):
    settings.DATA_DIR = tmp_path
    call_command("demo_data")
    first = capsys.readouterr().out
    people = Person.objects.count()
    assert people > 1000
    call_command("demo_data")
    second = capsys.readouterr().out
    assert Person.objects.count() == people
    assert "already loaded" in second
    table = (tmp_path / "demo-sign-ins.txt").read_text()
    assert table.strip() in second and table.splitlines()[1] in first

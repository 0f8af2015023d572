"""The organisation around synthetic families: teams, partner agencies, workers, the children
allocated to them (involvements), and, for demos, one sign-in per role."""

from __future__ import annotations

import os
import random
import secrets
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from hearth.access.codes import ROLE_DUTIES, Role
from hearth.access.models import Agency, Team, User
from hearth.demo import names
from hearth.demo.load import Loaded
from hearth.people.models import AgencyShare, Person, RestrictedAccess
from hearth.web.queries import SIGN_IN_HEADINGS, sign_ins_path

TEAMS = (
    ("Children's Resource Service", "crs"),
    ("Family Help", "family_help"),
    ("Family Safeguarding", "family_safeguarding"),
    ("Jigsaw", "jigsaw"),
    ("Young People's Service", "yps"),
    ("EDT", "edt"),
)
CASE_TEAMS = ("Family Help", "Family Safeguarding", "Jigsaw", "Young People's Service")
AGENCIES = (
    ("Hearthshire Police", "police"),
    ("Hearthshire NHS Health", "health"),
    ("Hearthshire Schools", "education"),
    ("Hearthshire Probation", "probation"),
    ("Hearthshire Housing", "housing"),
)

# role -> (username, team name, agency name)
DEMO_USERS = {
    Role.SOCIAL_WORKER: ("demo.socialworker", "Family Help", None),
    Role.ADVANCED_PRACTITIONER: ("demo.edt", "EDT", None),
    Role.TEAM_MANAGER: ("demo.teammanager", "Family Help", None),
    Role.SERVICE_MANAGER: ("demo.servicemanager", None, None),
    Role.FRONT_DOOR: ("demo.frontdoor", "Children's Resource Service", None),
    Role.MASH_PARTNER: ("demo.police", None, "Hearthshire Police"),
    Role.LADO: ("demo.lado", None, None),
    Role.FGC_COORDINATOR: ("demo.fgc", None, None),
    Role.CONFERENCE_CHAIR: ("demo.chair", None, None),
    Role.IRO: ("demo.iro", None, None),  # issue 17: reviews of children looked after
    Role.FAMILY_PRACTITIONER: ("demo.familypractitioner", "Family Help", None),
    Role.PERSONAL_ADVISER: ("demo.pa", "Young People's Service", None),
    Role.BUSINESS_SUPPORT: ("demo.businesssupport", "Children's Resource Service", None),
    Role.ADMINISTRATOR: ("demo.admin", None, None),
}


def organisation() -> tuple[dict[str, Team], dict[str, Agency]]:
    teams = {name: Team.objects.get_or_create(name=name, defaults={"service": service})[0]
             for name, service in TEAMS}
    agencies = {name: Agency.objects.get_or_create(name=name, defaults={"kind": kind})[0]
                for name, kind in AGENCIES}
    return teams, agencies


def workers(rng: random.Random, teams: dict[str, Team], seed: int) -> dict[str, list[User]]:
    """Four social workers and a manager per casework team (they cannot sign in)."""
    staff: dict[str, list[User]] = {}
    for t, team_name in enumerate(CASE_TEAMS):
        staff[team_name] = []
        for n in range(5):
            heritage = names.pick_heritage(rng)
            sex = rng.choice("MF")
            first = names.given_name(rng, heritage, sex)
            last = names.family_name(rng, heritage)
            role = Role.TEAM_MANAGER if n == 0 else Role.SOCIAL_WORKER
            username = f"worker{seed}.{t}{n}"
            user, created = User.objects.get_or_create(username=username, defaults={
                "role": role, "team": teams[team_name], "first_name": first,
                "last_name": last, "email": f"{username}@example.org"})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            if role == Role.SOCIAL_WORKER:
                staff[team_name].append(user)
    return staff


def involvements(rng: random.Random, loaded: Loaded, teams: dict[str, Team],
                 staff: dict[str, list[User]], today: date, share: float = 0.35) -> int:
    """Open, awaiting and closed involvements for the children of a share of families."""
    from hearth.casework.models import Involvement, InvolvementStatus

    rows = []
    children = {p.pk for p in loaded.children}
    for family in loaded.families:
        if rng.random() >= share:
            continue
        kids = [p for p in family if p.pk in children and p.date_of_birth]
        for child in kids:
            age = (today - child.date_of_birth).days // 365 if child.date_of_birth else 0
            if any(d != "NONE" for d in child.disabilities):
                team_name = "Jigsaw"
            elif age >= 13 and rng.random() < 0.4:
                team_name = "Young People's Service"
            else:
                team_name = rng.choice(("Family Help", "Family Safeguarding"))
            opened = today - timedelta(days=rng.randint(5, 700))
            status = rng.choices(
                (InvolvementStatus.OPEN, InvolvementStatus.AWAITING_ALLOCATION,
                 InvolvementStatus.CLOSED), weights=(70, 10, 20))[0]
            worker = None if status == InvolvementStatus.AWAITING_ALLOCATION else rng.choice(
                staff[team_name])
            closed = opened + timedelta(days=rng.randint(30, 300)) \
                if status == InvolvementStatus.CLOSED else None
            # The referral's urgency for a waiting child, from what was drawn already (a new
            # draw would change every later family of a seed).
            urgency = "" if worker is not None or status != InvolvementStatus.AWAITING_ALLOCATION \
                else ("immediate", "today", "today", *["routine"] * 7)[opened.toordinal() % 10]
            rows.append(Involvement(person=child, team=teams[team_name], worker=worker,
                                    status=status, opened_on=opened, urgency=urgency,
                                    closed_on=min(closed, today) if closed else None))
    Involvement.objects.bulk_create(rows, batch_size=1000)
    restricted = [(i.person, i.worker) for i in rows if i.person.restricted and i.worker]
    RestrictedAccess.objects.bulk_create(
        [RestrictedAccess(person=p, user=w) for p, w in restricted], ignore_conflicts=True)
    return len(rows)


_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def demo_password() -> str:
    """Four groups of five letters and digits (about 115 bits), easy to type."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(4))


@transaction.atomic
def demo_users(rng: random.Random, loaded: Loaded | None, teams: dict[str, Team],
               agencies: dict[str, Agency], today: date) -> list[tuple[str, str, str]]:
    """One user per role with a fresh strong password: [(role, username, password)]."""
    from hearth.access.actions.users import do_create_user
    from hearth.casework.models import Involvement, InvolvementStatus

    created = []
    users: dict[str, User] = {}
    for role, (username, team_name, agency_name) in DEMO_USERS.items():
        password = demo_password()
        team = teams.get(team_name) if team_name else None
        agency = agencies.get(agency_name) if agency_name else None
        user = User.objects.filter(username=username).first()
        label = Role(role).label
        if user is None:
            user = do_create_user(acting_user=None, username=username, role=role,
                                  password=password, team=team, agency=agency,
                                  first_name="Demo", last_name=label,
                                  email=f"{username}@example.org")
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        users[role] = user
        created.append((str(role), username, password))
    if loaded is not None:
        _give_demo_work(rng, loaded, users, teams, agencies, today, Involvement, InvolvementStatus)
    return created


def _give_demo_work(rng, loaded, users, teams, agencies, today, Involvement, status) -> None:
    worker = users[Role.SOCIAL_WORKER]
    family_help = teams["Family Help"]
    mine = list(Involvement.objects.filter(team=family_help, status=status.OPEN,
                                           person__in=loaded.children)[:8])
    for inv in mine:
        inv.worker = worker
    Involvement.objects.bulk_update(mine, ["worker"])
    if len(mine) < 8:
        have = {i.person_id for i in Involvement.objects.filter(person__in=loaded.children)}
        free = [c for c in loaded.children if c.pk not in have and c.date_of_birth][:8 - len(mine)]
        Involvement.objects.bulk_create([
            Involvement(person=c, team=family_help, worker=worker, status=status.OPEN,
                        opened_on=today - timedelta(days=rng.randint(5, 200))) for c in free])
    police = agencies["Hearthshire Police"]
    family = next((f for f in loaded.families if len(f) >= 3), loaded.families[0])
    AgencyShare.objects.bulk_create([
        AgencyShare(person=p, agency=police, shared_by=users[Role.TEAM_MANAGER],
                    reason="MASH information request (demo)") for p in family[:4]
        if isinstance(p, Person) and not p.restricted])


def ensure_demo_users(today: date, seed: int) -> list[tuple[str, str, str]]:
    """The demo sign-ins for a database that already has people (no new families)."""
    teams, agencies = organisation()
    return demo_users(random.Random(seed), None, teams, agencies, today)


def write_sign_ins(rows: list[tuple[str, str, str]]) -> Path:
    path = sign_ins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(format_sign_ins(rows))
    path.chmod(0o600)
    return path


def format_sign_ins(rows: Sequence[tuple[str, ...]]) -> str:
    """A table of the demo sign-ins: role, username, password and what the role does (the
    first three never hold spaces, so ``hearth.web.queries.demo_sign_ins`` reads it back).
    A row may end with its own words for what the user does (the CRS's team manager)."""
    table = [SIGN_IN_HEADINGS, *((row[0], row[1], row[2],
                                  row[3] if len(row) > 3 else ROLE_DUTIES[Role(row[0])])
                                 for row in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() + "\n"
        for r in table)


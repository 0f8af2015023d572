"""A front door with work in it for the demo: contacts in every state, made by the real actions
(so each is audited), about synthetic children already in the database."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from hearth import calendar
from hearth.access.actions.users import do_create_user
from hearth.access.codes import Role
from hearth.access.models import Agency, Team, User
from hearth.demo import organisation as seed_org
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from hearth.frontdoor.codes import PersonRole
from hearth.people.models import Person, Relationship

WORRIES = [
    "Arrived at school hungry three days running; a bruise on the upper arm.",
    "Neighbour heard shouting and a child crying late at night, several nights this week.",
    "Police attended a domestic incident at the address; the children were present.",
    "Health visitor concerned about weight loss and missed appointments for the baby.",
    "Young person missing overnight twice this month; seen with older men in a car.",
    "Mum disclosed to the GP that she is struggling with her mental health and alone.",
]
CALLERS = [
    ("professional", "2A", "Designated safeguarding lead", "Hearthshire Primary School"),
    ("public", "1B", "", ""),
    ("professional", "6", "Police constable", "Hearthshire Police"),
    ("professional", "3B", "Health visitor", "Hearthshire NHS Health"),
    ("professional", "3A", "GP", "Hearthshire Medical Centre"),
]


def _families(rng: random.Random, count: int) -> list[tuple[Person, list[Person]]]:
    """Children with a parent who has parental responsibility."""
    links = list(Relationship.objects.filter(parental_responsibility=True, kind="mother")
                 .select_related("person", "relative").order_by("pk")[:400])
    rng.shuffle(links)
    return [(link.person, [link.relative]) for link in links[:count]]


def seed_contacts(seed: int = 2026) -> list[tuple[str, ...]]:
    """About a dozen contacts; returns a sign-in for a CRS manager to authorise them."""
    rng = random.Random(seed)  # noqa: S311  (chooses synthetic data, not secrets)
    crs = Team.objects.get(service="crs")
    fran = User.objects.filter(role=Role.FRONT_DOOR).first()
    edt = User.objects.filter(role=Role.ADVANCED_PRACTITIONER).first()
    if fran is None or edt is None:
        return []
    password = seed_org.demo_password()
    manager = do_create_user(acting_user=None, username="demo.crsmanager",
                             role=Role.TEAM_MANAGER, team=crs, password=password,
                             first_name="Demo", last_name="CRS manager")
    police = Agency.objects.filter(kind="police").first()
    now = timezone.now()
    for i, (mother, children) in enumerate(_families(rng, 12)):
        kind, source, role, agency = rng.choice(CALLERS)
        hours_ago = [2, 5, 26, 30, 50, 75, 3, 20, 44, 8, 60, 1][i]
        received = now - timedelta(hours=hours_ago)
        worker = edt if calendar.is_edt(received) else fran
        contact = actions.do_record_contact(
            acting_user=worker, now=now,
            people=[*((c, PersonRole.CHILD) for c in children), (mother, PersonRole.ADULT)],
            received_at=received, channel="phone", caller_kind=kind,
            caller_name="Caller " + "ABCDEFGHJKLM"[i], caller_agency=agency, caller_role=role,
            caller_contact="01632 960" + f"{100 + i:03d}",
            caller_email=f"caller{i}@example.org" if kind == "professional" else "",
            caller_relationship="Professional" if kind == "professional" else "Neighbour",
            referral_source=source, worries=rng.choice(WORRIES),
            strengths="Mother engages with school and wants help.",
            urgency="immediate" if i == 11 else ("today" if i % 3 else "routine"),
            family_aware=True, family_told_sharing=True)
        if contact.is_edt:
            actions.do_record_edt_actions(contact, acting_user=edt,
                                          actions="Spoke to mother by phone; children safe "
                                          "tonight; passed to CRS for the morning.")
        if i == 0:
            actions.do_decide(contact, acting_user=fran, outcome="nfa",
                              rationale="Explained injury; school support in place.",
                              advice="Keep using breakfast club; call us if more bruising.",
                              referrer_plan="School will check in with mother weekly.")
        elif i == 1 and police is not None:
            actions.do_decide(contact, acting_user=fran, outcome="mash",
                              rationale="Need police history before deciding.",
                              mash={"scope": "targeted", "rag": "amber", "agencies": [police]})
            contact.refresh_from_db()
            for parent in mash.people_with_pr(contact.mash):
                mash.do_record_consent(contact.mash, parent, acting_user=fran, status="given",
                                       sought_by="Demo Front door, by phone", answered_on=now)
            mash.do_start_gathering(contact.mash, acting_user=fran,
                                    question="Any incidents at the address this year?")
        elif i == 2:
            actions.do_decide(contact, acting_user=fran, outcome="early_help",
                              rationale="Family Help can support mother.")
    return [(Role.TEAM_MANAGER.value, manager.username, password,
             "Manages the front door (CRS): authorises contact decisions")]

"""LADO matters for the demo (issue 16), made by the real actions (so each step is audited and
the children's chronologies get their marker), about synthetic people only:

- the demo LADO officer joins a "LADO service" team, with a service manager of that team (the
  LADO's service manager, R-LADO-3) who gets a sign-in of their own;
- a front-door contact decided "LADO" waits for the LADO to open a matter from it;
- matters in every state: new (from a partner's system), awaiting response, response overdue,
  meeting held (about one of the demo social worker's children, whose record shows the
  marker), outcome recorded and closed (with a referral to the DBS), and a low-level concern
  closed with advice.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hearth import calendar
from hearth.access.actions.users import do_create_user
from hearth.access.codes import Role
from hearth.access.models import Team, User
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.demo import names
from hearth.demo import organisation as seed_org
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.frontdoor.codes import PersonRole
from hearth.lado.actions import matters as actions
from hearth.lado.actions.children import do_link_child
from hearth.lado.actions.meetings import do_record_meeting
from hearth.lado.actions.notifications import do_record_notification
from hearth.lado.rules.children import ChildLine
from hearth.lado.rules.meetings import ActionLine, Attendee
from hearth.lado.rules.notifications import Notification
from hearth.people.models import Person

#: (employer, role, sector, setting, what is alleged)
SETTINGS = [
    ("Hearthshire Primary School", "Class teacher", "education", "workplace",
     "A pupil says the teacher grabbed her arm hard in the corridor; a bruise was seen."),
    ("Riverside Day Nursery", "Nursery practitioner", "early_years", "workplace",
     "A colleague saw the practitioner shout at and roughly handle a toddler at nap time."),
    ("Hearthshire Youth Football Club", "Volunteer coach", "sport_leisure", "community",
     "Parents found private messages from the coach to a 13-year-old player."),
    ("Northam Children's Home", "Residential support worker", "residential", "workplace",
     "A young person says a worker restrained him when he was not a danger to anyone."),
    ("Hearthshire Coaches", "School bus driver", "transport", "workplace",
     "Children say the driver makes them sit at the front and comments on their bodies."),
    ("St Anne's Church", "Youth group leader", "faith", "home",
     "Police attended a domestic incident at the leader's home with his own children present."),
]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.LONDON)


def _subject(rng: random.Random) -> dict:
    heritage = names.pick_heritage(rng)
    born = date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28))
    return {"subject_given_name": names.given_name(rng, heritage, rng.choice("MF")),
            "subject_family_name": names.family_name(rng, heritage),
            "subject_date_of_birth": born}


def _child_line(child: Person) -> ChildLine:
    return ChildLine(child.given_name, child.family_name, child.date_of_birth)


def _notification(rng: random.Random, i: int, notified: datetime) -> Notification:
    employer, role, sector, setting, allegation = SETTINGS[i % len(SETTINGS)]
    shared = notified - timedelta(hours=rng.choice((3, 6, 20, 30)))
    return Notification(
        notifier_name="Notifier " + "ABCDEF"[i], notifier_role="Designated safeguarding lead",
        notifier_organisation=employer, notifier_contact=f"01632 960{200 + i:03d}",
        dsl_name="Notifier " + "ABCDEF"[i], incident_on=(shared - timedelta(days=1)).date(),
        concern_shared_at=shared, notified_at=notified, subject_employer=employer,
        subject_role=role, sector=sector, setting=setting, allegation=allegation,
        **_subject(rng))


def _team_and_manager() -> tuple[User, list[tuple[str, ...]]]:
    """The demo LADO in the LADO service's team, and that team's service manager."""
    team, _ = Team.objects.get_or_create(name="LADO service", defaults={"service": "lado"})
    lado = User.objects.get(username="demo.lado")
    lado.team = team
    lado.save(update_fields=["team"])
    if User.objects.filter(username="demo.ladomanager").exists():
        return lado, []
    password = seed_org.demo_password()
    do_create_user(acting_user=None, username="demo.ladomanager", role=Role.SERVICE_MANAGER,
                   team=team, password=password, first_name="Demo",
                   last_name="LADO service manager")
    return lado, [(Role.SERVICE_MANAGER.value, "demo.ladomanager", password,
                   "The LADO's service manager: reads LADO matters and the annual figures")]


def seed_lado(seed: int = 2026) -> list[tuple[str, ...]]:
    """Matters in every state; returns the sign-in of the LADO's service manager."""
    rng = random.Random(seed + 16)  # noqa: S311  (chooses synthetic data, not secrets)
    if not User.objects.filter(username="demo.lado").exists():
        return []
    lado, sign_ins = _team_and_manager()
    fran = User.objects.filter(username="demo.frontdoor").first()
    sam = User.objects.filter(username="demo.socialworker").first()
    sams = [i.person for i in Involvement.objects.filter(
        worker=sam, status=InvolvementStatus.OPEN, person__date_of_birth__isnull=False)
        .select_related("person").order_by("pk")[:1]] if sam else []
    others = list(Person.objects.filter(date_of_birth__gt=timezone.localdate()
                                        - timedelta(days=17 * 365), restricted=False)
                  .exclude(pk__in=[p.pk for p in sams]).order_by("pk")[:12])
    children = sams + others
    if fran is None or len(children) < 7:
        return sign_ins
    now = timezone.now()
    today = timezone.localdate()

    def told(i: int, notified: datetime, child: Person, *, by=lado, origin="consultation"):
        n = _notification(rng, i, notified)
        line = ChildLine(person_id=child.pk) if by is fran else _child_line(child)
        matter = do_record_notification(acting_user=by, origin=origin, notification=n,
                                        children=[line])
        if by is not fran:  # the LADO links the named child to their record
            do_link_child(matter.children.get(), child, acting_user=lado,
                          expected_version=matter.version)
            matter.refresh_from_db()
        return matter

    # New: from a partner's system (the front door's), not yet looked at.
    told(0, now - timedelta(hours=2), children[1], by=fran, origin="notification")
    # Awaiting response: the criteria are met, the response due later today or tomorrow.
    waiting = told(1, now - timedelta(hours=3), children[2])
    actions.do_record_criteria(waiting, acting_user=lado, expected_version=waiting.version,
                               criteria=["harm"])
    # Response overdue: told four working days ago, nobody has responded.
    told(2, _at(calendar.add_working_days(today, -4), 10), children[3])
    # Meeting held: about one of the demo social worker's children.
    held = told(3, _at(calendar.add_working_days(today, -8), 11), children[0])
    v = actions.do_record_criteria(held, acting_user=lado, expected_version=held.version,
                                   criteria=["harm", "risk"]).version
    v = actions.do_respond(held, acting_user=lado, expected_version=v,
                           responded_at=held.notified_at + timedelta(hours=5),
                           response="Advised the employer to keep the worker away from "
                                    "children pending a meeting; police informed.").version
    meeting_on = calendar.add_working_days(today, -3)
    do_record_meeting(held, acting_user=lado, expected_version=v, held_on=meeting_on,
                      information_shared="The employer's log of the incident; police checks "
                                         "show no previous concerns; the child has been seen.",
                      attendees=[Attendee(lado.display_name, "LADO service", "LADO"),
                                 Attendee("Notifier D", "Northam Children's Home",
                                          "Registered manager"),
                                 Attendee("DC Morgan", "Hearthshire Police", "Investigator")],
                      actions=[ActionLine("Interview the young person with an advocate",
                                          "DC Morgan, Hearthshire Police",
                                          meeting_on + timedelta(days=7)),
                               ActionLine("Review restraint records for the last six months",
                                          "Notifier D, Northam Children's Home",
                                          meeting_on + timedelta(days=10))],
                      next_meeting_on=meeting_on + timedelta(days=21))
    # Outcome recorded and closed: the worker was dismissed and referred to the DBS.
    closed = told(4, now - timedelta(days=70), children[4])
    v = actions.do_record_criteria(closed, acting_user=lado, expected_version=closed.version,
                                   criteria=["harm", "unsuitable"]).version
    v = actions.do_respond(closed, acting_user=lado, expected_version=v,
                           responded_at=closed.notified_at + timedelta(hours=4),
                           response="Advised suspension and an allegation meeting.").version
    v = actions.do_record_employer_actions(
        closed, acting_user=lado, expected_version=v, suspension_considered=True,
        suspension="suspended", investigation="complete", disciplinary="dismissed",
        police="nfa", social_care="informed",
        employer_notes="Dismissed after a disciplinary hearing.").version
    outcome_on = (now - timedelta(days=10)).date()
    v = actions.do_record_outcome(closed, acting_user=lado, expected_version=v,
                                  outcome="substantiated", outcome_on=outcome_on).version
    v = actions.do_record_referrals(closed, acting_user=lado, expected_version=v,
                                    dbs_referred_on=outcome_on).version
    actions.do_close(closed, acting_user=lado, expected_version=v)
    # A low-level concern, closed with the advice given.
    low = told(5, now - timedelta(days=20), children[5])
    actions.do_record_criteria(low, acting_user=lado, expected_version=low.version, criteria=[],
                               advice="Not an allegation: the employer will remind the "
                                      "coach of the code of conduct on messaging.")
    # A front-door contact decided "LADO", waiting for the LADO to open a matter from it.
    contact = frontdoor.do_record_contact(
        acting_user=fran, people=[(children[6], PersonRole.CHILD)],
        received_at=now - timedelta(hours=1), channel="phone", caller_kind="professional",
        caller_name="Caller N", caller_agency="Hearthshire Secondary School",
        caller_role="Designated safeguarding lead", caller_contact="01632 960300",
        referral_source="2A", worries="A pupil says a teaching assistant sends her messages "
                                      "late at night.", urgency="today", family_aware=True,
        family_told_sharing=True)
    frontdoor.do_decide(contact, acting_user=fran, outcome="lado",
                        rationale="The concern is about a member of school staff.")
    return sign_ins

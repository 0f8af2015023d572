"""Professional differences for the demo (R-PD-1..3), made by the real actions (so each step is
audited) about the demo social worker's children after the four with child protection
histories, then moved back in time so that the stages fall where the story needs them (the
chronology is rebuilt from the records afterwards):

1. the police partner disagrees with the social worker's decision: stage 2 started four
   working days ago and is overdue;
2. the family practitioner disagrees with a health decision: at stage 3, led by the team
   manager, due in two working days;
3. the social worker disagrees with a police decision: stage 1, raised today;
4. resolved at stage 2 in eight working days, a month ago, and the worker told;
5. resolved at stage 1 yesterday: the team manager is still to tell the social worker, so the
   child's record and the worker's list still show it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from hearth import calendar
from hearth.access.models import Agency, User
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.differences import actions, rules
from hearth.differences.models import Difference, Stage
from hearth.people.models import AgencyShare


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.LONDON)


def _ago(days: int) -> date:
    return calendar.add_working_days(timezone.localdate(), -days)


def _outcome(resolved: bool, who: str, with_whom: str, discussed: str) -> dict:
    return {"held_on": timezone.localdate(), "who": who, "with_whom": with_whom,
            "discussed": discussed, "resolved": resolved}


def _backdate(difference: Difference, raised_on: date, starts: list[date],
              resolved_on: date | None = None, told_on: date | None = None) -> None:
    """Move the difference and its stages back to the days given (each stage's outcome on the
    day after it started, or the day itself when that is today)."""
    for stage, day in zip(Stage.objects.filter(difference=difference).order_by("number"),
                          starts, strict=True):
        held = min(calendar.add_working_days(day, 1), timezone.localdate())
        Stage.objects.filter(pk=stage.pk).update(
            started_at=_at(day, 10), due_at=rules.stage_due(day),
            **({"held_on": held, "outcome_at": _at(held, 15)} if stage.outcome_recorded
               else {}))
    changes: dict = {"raised_at": _at(raised_on, 9)}
    if resolved_on is not None:
        changes.update(resolved_at=_at(resolved_on, 16), working_days_to_resolve=rules
                       .working_days_to_resolve(raised_on, resolved_on))
    if told_on is not None:
        changes["worker_told_on"] = told_on
    Difference.objects.filter(pk=difference.pk).update(**changes)


def seed_differences() -> int:
    """Returns how many professional differences were made."""
    users = {u.username: u for u in User.objects.filter(username__in=[
        "demo.socialworker", "demo.teammanager", "demo.police", "demo.familypractitioner"])}
    sam, tina = users.get("demo.socialworker"), users.get("demo.teammanager")
    police_user, practitioner = users.get("demo.police"), users.get("demo.familypractitioner")
    police = Agency.objects.filter(kind="police").order_by("pk").first()
    if sam is None or tina is None:
        return 0
    children = [i.person for i in Involvement.objects.filter(
        worker=sam, status=InvolvementStatus.OPEN).select_related("person").order_by("-pk")[4:8]]
    made = 0

    def raise_(child, user, **values):
        return actions.do_raise_difference(child, acting_user=user, **{
            "raised_before": "cin_meeting", "raised_before_note": "", **values})

    def step(d, user, resolved, owner=None, **said):
        d = actions.do_record_stage_outcome(d, acting_user=user, expected_version=d.version,
                                            **_outcome(resolved, **said))
        if not resolved:
            d = actions.do_escalate_difference(d, acting_user=user,
                                               expected_version=d.version, owner=owner)
        return d

    if len(children) > 0 and police_user is not None and police is not None:
        child = children[0]
        AgencyShare.objects.get_or_create(person=child, agency=police, defaults={
            "shared_by": tina, "reason": "MASH information request (demo)"})
        d = raise_(child, police_user, decision="No strategy discussion after the second "
                   "domestic abuse callout", decision_by=f"{sam.display_name}, social worker",
                   decision_agency="social_care",
                   why="Two callouts in a month with the child present: the risk is rising.")
        step(d, police_user, False, who=police_user.display_name,
             with_whom="Sgt Kim Rowe, safeguarding lead", discussed="The two callouts.")
        _backdate(d, _ago(6), [_ago(6), _ago(4)])
        made += 1
    if len(children) > 1 and practitioner is not None:
        child = children[1]
        d = raise_(child, practitioner, decision="Discharged from the paediatric clinic",
                   decision_by="Dr Ali Shah, paediatrician", decision_agency="health",
                   why="The child's weight has fallen again since the discharge.")
        d = step(d, practitioner, False, who=practitioner.display_name,
                 with_whom=f"{tina.display_name}, team manager", discussed="The weight chart.")
        step(d, practitioner, False, owner=tina, who=practitioner.display_name,
             with_whom="Dr Ali Shah", discussed="Whether to re-refer to the clinic.")
        _backdate(d, _ago(4), [_ago(4), _ago(2), _ago(0)])
        made += 1
    if len(children) > 2:
        raise_(children[2], sam, decision="No further action on the child's disclosure",
               decision_by="DC Lee Grant", decision_agency="police", decision_partner=police,
               why="The child repeated the disclosure to the school the next day.",
               raised_before="not_raised",
               raised_before_note="The child goes home tonight: there was no time to wait for "
                                  "the next meeting.")
        made += 1
    if len(children) > 3:
        child = children[3]
        d = raise_(child, sam, decision="School transport withdrawn",
                   decision_by="Hearthshire Schools admissions", decision_agency="education",
                   why="The child cannot get to school without it.")
        d = step(d, sam, False, who=sam.display_name, with_whom=tina.display_name,
                 discussed="Attendance since the transport stopped.")
        d = step(d, sam, True, who=sam.display_name, with_whom="The admissions officer",
                 discussed="The child's attendance and needs.")
        d = actions.do_resolve_difference(d, acting_user=sam, expected_version=d.version,
                                          agreed="Transport is restored for the school year.",
                                          teller=tina)
        actions.do_record_worker_told(d, acting_user=tina, expected_version=d.version,
                                      told_on=timezone.localdate())
        _backdate(d, _ago(30), [_ago(30), _ago(28)], _ago(22), _ago(21))
        d = raise_(child, sam, decision="Housing repairs refused",
                   decision_by="Hearthshire Housing", decision_agency="housing",
                   why="Damp in the child's bedroom is making their asthma worse.")
        d = step(d, sam, True, who=sam.display_name, with_whom=tina.display_name,
                 discussed="The landlord's letter.")
        actions.do_resolve_difference(d, acting_user=sam, expected_version=d.version,
                                      agreed="Housing will inspect within the week.",
                                      teller=tina)
        _backdate(d, _ago(3), [_ago(3)], _ago(1))
        made += 2
    return made

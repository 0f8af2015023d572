"""Who may set a task for whom, what a task must say and when it may be due, who may close
it, and what the daily e-mail says: plain functions of plain values (issue 15)."""

from __future__ import annotations

from datetime import date, timedelta

from hearth.access.codes import Role
from hearth.tasks import rules
from hearth.tasks.rules import Worker

TODAY = date(2026, 11, 17)
SAM = Worker(id=1, role=Role.SOCIAL_WORKER, team_id=10, name="Sam Worker")
TINA = Worker(id=2, role=Role.TEAM_MANAGER, team_id=10, name="Tina Manager")
OLLY = Worker(id=3, role=Role.SOCIAL_WORKER, team_id=20, name="Olly Outsider")
SUE = Worker(id=4, role=Role.SERVICE_MANAGER, team_id=None, name="Sue Service")


def test_a_task_says_what_and_is_due_from_today_within_a_year():
    assert rules.task_problems(what="Ring the school", due_on=TODAY, today=TODAY) == {}
    assert rules.task_problems(what="  ", due_on=None, today=TODAY) == {
        "what": rules.WHAT_MISSING, "due_on": rules.DUE_MISSING}
    assert rules.task_problems(what="x" * 501, due_on=TODAY - timedelta(days=1),
                               today=TODAY) == {"what": rules.WHAT_TOO_LONG,
                                                "due_on": rules.DUE_PAST}
    assert rules.task_problems(what="x" * 500, due_on=TODAY + timedelta(days=400),
                               today=TODAY) == {"due_on": rules.DUE_TOO_FAR}


def test_a_task_about_a_child_goes_to_someone_who_can_see_the_child():
    assert rules.assign_problem(TINA, SAM, about_child=True, assignee_sees_child=True) is None
    assert rules.assign_problem(SAM, TINA, about_child=True, assignee_sees_child=True) is None
    problem = rules.assign_problem(TINA, OLLY, about_child=True, assignee_sees_child=False)
    assert problem is not None and "Olly Outsider cannot see this child's record" in problem


def test_a_task_about_no_child_is_for_oneself_or_set_by_a_manager():
    assert rules.assign_problem(SAM, SAM, about_child=False, assignee_sees_child=False) is None
    assert rules.assign_problem(TINA, SAM, about_child=False, assignee_sees_child=False) is None
    assert rules.assign_problem(SUE, OLLY, about_child=False, assignee_sees_child=False) is None
    assert "Only Tina Manager's manager" in rules.assign_problem(
        SAM, TINA, about_child=False, assignee_sees_child=False)
    assert rules.assign_problem(TINA, OLLY, about_child=False,
                                assignee_sees_child=False) is not None


def test_someone_who_cannot_hold_tasks_is_refused():
    ada = Worker(id=5, role=Role.ADMINISTRATOR, team_id=None, can_hold_tasks=False, name="Ada")
    gone = Worker(id=6, role=Role.SOCIAL_WORKER, team_id=10, active=False, name="Gone")
    for who in (ada, gone):
        assert "cannot be given tasks" in rules.assign_problem(
            TINA, who, about_child=True, assignee_sees_child=True)


def test_who_may_close_a_task():
    assert rules.may_close(SAM, assignee=SAM, set_by_id=TINA.id)
    assert rules.may_close(TINA, assignee=SAM, set_by_id=None)  # his manager
    assert rules.may_close(OLLY, assignee=SAM, set_by_id=OLLY.id)  # whoever set it
    assert not rules.may_close(OLLY, assignee=SAM, set_by_id=TINA.id)
    assert rules.may_close(SUE, assignee=OLLY, set_by_id=None)


def test_a_cancelled_task_says_why():
    assert rules.reason_problem("") == rules.REASON_MISSING
    assert rules.reason_problem("x" * 2001) == rules.REASON_TOO_LONG
    assert rules.reason_problem("Done at the core group") is None


def test_the_digest_gives_counts_and_a_link_never_names():
    subject, body = rules.digest_text(overdue=3, today=2, this_week=1,
                                      link="https://hearth.example/")
    assert subject == "Hearth: 3 overdue, 2 due today"
    assert "3 overdue, 2 due today, 1 due this week" in body
    assert "https://hearth.example/" in body
    _, body = rules.digest_text(overdue=0, today=1, this_week=0, link="")
    assert "Sign in to Hearth to see it." in body

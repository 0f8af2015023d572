"""Which kinds of record exist about a child (issue 14): one query a request lets the person
page skip the visibility-filtered query of every kind the child has none of — and never shows
a record the reader may not see, because a kind that exists is still read through
``visible_to``. Sam the social worker and Tina his team manager, with the Fletchers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.core import presence, visibility
from hearth.missing.actions import do_record_episode
from hearth.tasks.actions import do_set_task

pytestmark = pytest.mark.django_db


def test_a_child_has_only_the_kinds_recorded_about_them(social_worker, fletchers):
    jack, amy = fletchers["jack"], fletchers["amy"]
    assert presence.present(jack) == frozenset()
    do_set_task(acting_user=social_worker, assigned_to=social_worker, what="Visit Jack at school",
                due_on=timezone.localdate() + timedelta(days=3), person=jack)
    do_record_episode(jack, acting_user=social_worker, kind="M",
                      started_at=timezone.now() - timedelta(hours=3), reported_by="Mum")
    assert presence.present(jack) == {"open_tasks", "missing"}
    assert presence.present(amy) == frozenset()  # her brother's records are not hers
    assert presence.has(jack, "missing") and not presence.has(amy, "missing")
    # A kind nobody registered costs its query rather than hiding anything.
    assert presence.has(amy, "not-a-registered-kind")


def test_read_once_a_request(social_worker, fletchers):
    jack = fletchers["jack"]
    with visibility.scopes_remembered(), CaptureQueriesContext(connection) as queries:
        for kind in ("differences", "fgc", "lado", "missing", "cin_plans", "care_episodes"):
            assert not presence.has(jack, kind)
    assert len(queries.captured_queries) == 1


def _page(client, person):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/people/{person.pk}")
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def test_a_task_sam_may_not_see_stays_hidden_though_jack_has_one(
        as_user, social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    _page(sam, jack)  # the first request signs in and warms what a process keeps
    page, before = _page(sam, jack)
    assert "Chase the school nurse" not in page
    # Tina sets herself a task about Jack: Sam neither set it nor holds it (tasks' scope).
    do_set_task(acting_user=team_manager, assigned_to=team_manager,
                what="Chase the school nurse", due_on=timezone.localdate() + timedelta(days=2),
                person=jack)
    page, after = _page(sam, jack)
    assert "Chase the school nurse" not in page  # the kind exists; Sam still may not see it
    assert after == before + 1  # now the tasks panel asks, through visible_to
    page, _ = _page(as_user(team_manager), jack)
    assert "Chase the school nurse" in page


def test_what_is_due_for_one_child_asks_only_the_sources_of_records_they_have(
        social_worker, fletchers, monkeypatch):
    """The header's next due item (issue 14): a source marked ``@needs(kind)`` is not asked
    about a child with no record of that kind, and is asked once they have one."""
    from hearth.core import due as due_module
    from hearth.missing import due as missing_due

    jack = fletchers["jack"]
    asked = []
    real = missing_due.return_interviews

    def counting(user, *, scope, person_id=None):
        asked.append(person_id)
        return real(user, scope=scope, person_id=person_id)

    for attr in (due_module.NEEDS_ATTR, due_module.ONE_CHILD_ATTR):
        setattr(counting, attr, getattr(real, attr))
    sources = [counting]
    assert due_module.due_for(social_worker, person_id=jack.pk, sources=sources) == []
    assert asked == []  # Jack was never missing: the source was not asked
    episode = do_record_episode(jack, acting_user=social_worker, kind="M",
                                started_at=timezone.now() - timedelta(hours=30),
                                reported_by="Mum", ended_at=timezone.now() - timedelta(hours=20))
    items = due_module.due_for(social_worker, person_id=jack.pk, sources=sources)
    assert asked == [jack.pk]
    assert [i.kind for i in items] and all(i.person_id == str(jack.pk) for i in items)
    assert any(str(episode.pk) in i.link for i in items)  # the return interview (R-CLA-6)
    # Not a person's id at all: nothing is skipped (the caller refuses it as it always did).
    assert presence.any_of("not-an-id", ["missing"])
    assert not presence.any_of(fletchers["amy"].pk, ["missing", "fgc"])


def test_a_worker_with_no_difference_and_no_fgc_costs_one_plain_look_each(
        social_worker, team_manager, fletchers):
    """The home page's due list (issue 14): Sam leads no difference stage and refers no FGC,
    and Tina's team has none waiting: each source looks once, without building the filter of
    what they may see."""
    from hearth.differences.due import differences
    from hearth.fgc.due import fgc_work

    for user, scope in ((social_worker, "mine"), (team_manager, "team")):
        for source in (differences, fgc_work):
            with visibility.scopes_remembered(), CaptureQueriesContext(connection) as queries:
                assert source(user, scope=scope) == []
            sql = " ".join(q["sql"] for q in queries.captured_queries)
            assert len(queries.captured_queries) <= 1, (source.__name__, scope)
            # No filter of whom they may see was built (it reads the people table).
            assert '"people_person"' not in sql, (source.__name__, scope)

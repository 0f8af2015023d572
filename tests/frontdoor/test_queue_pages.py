"""The front-door queue a page at a time (issue 14: the whole queue was read and rendered on
every visit, and it grows all day). Fran has thirty contacts waiting: immediate ones, overdue
ones, others waiting and some in the MASH; the database orders them as R-FD-4 does
(``rules.queue_key``), 25 a page, and the page takes as many queries for thirty as for three."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.frontdoor import rules
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus
from hearth.frontdoor.models import Contact
from hearth.frontdoor.queries.queue import AWAITING_DECISION
from tests.frontdoor.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday(time_machine):
    """Monday 16 November 2026, 11:00 in London: office hours."""
    time_machine.move_to(at(2026, 11, 16, 11, 0), tick=False)
    return time_machine


@pytest.fixture
def police(db):
    from hearth.access.models import Agency

    return Agency.objects.create(name="Northam Police", kind="police")


def _record(fran, fletchers, call, n: int, police=None) -> list[Contact]:
    """n contacts: every third immediate, received over the past week (the oldest now
    overdue), every fifth sent to the MASH."""
    made = []
    for i in range(n):
        contact = actions.do_record_contact(
            acting_user=fran, people=[(fletchers["jack"], "child")],
            **{**call, "urgency": "immediate" if i % 3 == 0 else "routine",
               "received_at": timezone.now() - timedelta(hours=2 + 6 * i),
               "caller_name": f"Caller {i:02d}"})
        if i % 5 == 4 and police is not None:
            actions.do_decide(contact, acting_user=fran, outcome="mash",
                              rationale="Police and health hold information",
                              mash={"scope": "targeted", "rag": "amber", "agencies": [police]})
        made.append(contact)
    return made


def _expected_order(contacts: list[Contact]) -> list[str]:
    now = timezone.now()
    fresh = Contact.objects.filter(pk__in=[c.pk for c in contacts])

    def key(c: Contact) -> tuple:
        waiting = c.status in AWAITING_DECISION
        return rules.queue_key(urgency=c.urgency, waiting=waiting,
                               overdue=waiting and c.decision_due < now, due=c.decision_due,
                               pk=c.pk)

    return [c.reference for c in sorted(fresh, key=key)]


def _listed(html: str, references: list[str]) -> list[str]:
    queue = html[html.index('id="queue"'):]
    return sorted((r for r in references if r in queue), key=queue.index)


def test_the_queue_is_read_a_page_at_a_time_in_the_order_of_R_FD_4(
        monday, as_user, front_door, fletchers, call, police):
    contacts = _record(front_door, fletchers, call, 30, police)
    assert {c.status for c in Contact.objects.all()} == {ContactStatus.OPEN,
                                                         ContactStatus.IN_MASH}
    expected = _expected_order(contacts)
    now = timezone.now()
    waiting = Contact.objects.filter(status__in=AWAITING_DECISION)
    assert waiting.filter(urgency="immediate").exists()  # every tier of R-FD-4 is there
    assert waiting.filter(urgency="routine", decision_due__lt=now).exists()
    assert waiting.filter(urgency="routine", decision_due__gte=now).exists()
    fran = as_user(front_door)
    first = fran.get("/contacts").content.decode()
    second = fran.get("/contacts?page=2").content.decode()
    references = [c.reference for c in contacts]
    assert _listed(first, references) == expected[:25]
    assert _listed(second, references) == expected[25:]
    assert "Waiting for a decision (30: 1 to 25 here)" in first
    assert 'aria-label="Pages of the front-door queue"' in first
    # A page that is not one answers the nearest that is.
    assert _listed(fran.get("/contacts?page=99").content.decode(), references) == expected[25:]
    assert _listed(fran.get("/contacts?page=x").content.decode(), references) == expected[:25]


def test_the_queue_takes_as_many_queries_for_thirty_contacts_as_for_three(
        monday, as_user, front_door, fletchers, call):
    fran = as_user(front_door)

    def count() -> int:
        fran.get("/contacts")
        with CaptureQueriesContext(connection) as queries:
            assert fran.get("/contacts").status_code == 200
        return len(queries)

    _record(front_door, fletchers, call, 3)
    few = count()
    _record(front_door, fletchers, call, 27)
    assert count() == few


def test_frans_own_list_names_the_queues_first_contacts_and_counts_the_rest(
        monday, as_user, front_door, fletchers, call):
    """Fran's home lists what is hers to do: the queue's 25 most pressing contacts to decide,
    in its order, and one line for the rest, which the queue lists a page at a time."""
    from hearth.core.due import due_for
    from hearth.frontdoor.due import QUEUE_SHOWN

    contacts = _record(front_door, fletchers, call, QUEUE_SHOWN + 2)
    expected = _expected_order(contacts)
    items = due_for(front_door)
    decide = [i for i in items if i.link.endswith("/decide")]
    assert len(decide) == QUEUE_SHOWN
    by_pk = {str(c.pk): c.reference for c in contacts}
    # The queue's first 25 (the list itself is in the order of what is due).
    assert {by_pk[i.link.split("/")[-2]] for i in decide} == set(expected[:QUEUE_SHOWN])
    rest = [i for i in items if i.link == "/contacts"]
    assert [r.what for r in rest] == ["2 more contacts waiting for a decision"]
    home = as_user(front_door).get("/").content.decode()
    assert "2 more contacts waiting for a decision" in home


def test_the_decisions_to_authorise_are_listed_a_page_at_a_time_R_FD_5(
        monday, as_user, front_door, crs_manager, fletchers, call):
    """Fran proposed no further action on 27 contacts; Carla, her manager, sees 25 of them
    to authorise, the queue's most pressing first, and the other two on the next page of that
    list, the queue's own page kept."""
    contacts = _record(front_door, fletchers, call, 27)
    for contact in contacts:
        actions.do_decide(contact, acting_user=front_door, outcome="nfa",
                          rationale="The school has already put support in place",
                          advice="Talk to the school nurse",
                          referrer_plan="The school will meet Kerry next week")
    assert Contact.objects.filter(status=ContactStatus.AWAITING_AUTHORISATION).count() == 27
    carla = as_user(crs_manager)
    references = [c.reference for c in contacts]

    def to_authorise(html: str) -> list[str]:
        table = html[html.index('id="to-authorise"'):]
        table = table[:table.index("</table>")]
        return [r for r in references if f">{r}<" in table]

    first = carla.get("/contacts").content.decode()
    second = carla.get("/contacts?authorise_page=2&page=1").content.decode()
    assert len(to_authorise(first)) == 25 and len(to_authorise(second)) == 2
    assert set(to_authorise(first) + to_authorise(second)) == set(references)
    assert 'aria-label="Pages of decisions to authorise"' in first
    assert "authorise_page=2" in first and "page=1" in second

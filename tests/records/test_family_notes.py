"""Record once for a family (issue 15): Sam writes one case note about Jack, Amy and baby Mia
after a meeting with Kerry. What happened is written once; what each child said, or what was
said about them, is their own (R-REC-1). Each child gets a draft note of their own, linked to
the others; finalising one may finalise the others, and an amendment of the shared part may be
made to the others too, never a child's own part (R-REC-4)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.models import AuditEntry
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.records.actions import family as actions
from hearth.records.codes import NoteStatus
from hearth.records.models import CaseNote, NoteAmendment
from tests.conftest import add_child

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Tuesday 17 November 2026, 10:00 in London."""
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def family(fletchers, social_worker, north):
    mia = add_child(fletchers["mum"], "Mia", date(2026, 3, 3), by=social_worker, team=north)
    return {**fletchers, "mia": mia}


def shared_form(**extra) -> dict:
    return {"occurred_at": "16/11/2026 15:30", "place": "The family home",
            "worker_said": "I explained that the children must go to school.",
            "actions_taken": "Kerry will take Jack and Amy to school tomorrow.",
            "opinion": "Kerry seems overwhelmed.",
            "opinion_basis": "She was tearful and the kitchen had no food.", **extra}


def child_form(child, said: str, *, included=True, significant=False) -> dict:
    prefix = f"child-{child.pk}"
    data = {f"{prefix}-who_said_what": said}
    if included:
        data[f"{prefix}-included"] = "on"
    if significant:
        data[f"{prefix}-significant_event"] = "on"
    return data


def three(family) -> dict:
    return {**shared_form(),
            **child_form(family["jack"], "Jack said he had not been to school since Tuesday."),
            **child_form(family["amy"], "Amy said she was hungry.", significant=True),
            **child_form(family["mia"], "Kerry said Mia is feeding well.")}


def test_sam_writes_one_case_note_about_three_children(family, social_worker, as_user):
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    client = as_user(social_worker)
    assert "Write a case note about several children" in client.get(
        f"/people/{jack.pk}/notes").content.decode()
    assert client.get(f"/people/{jack.pk}/notes/family").status_code == 200
    response = client.post(f"/people/{jack.pk}/notes/family", three(family))
    assert response.status_code == 302, response.content.decode()
    notes = {n.person_id: n for n in CaseNote.objects.all()}
    assert set(notes) == {jack.pk, amy.pk, mia.pk}
    assert len({n.group for n in notes.values()}) == 1
    for note in notes.values():
        assert note.status == NoteStatus.DRAFT and note.author == social_worker
        assert note.place == "The family home" and note.opinion == "Kerry seems overwhelmed."
        assert note.involvement == note.person.involvements.get()
        assert AuditEntry.objects.filter(action="case_note.write",
                                         object_id=str(note.person_id)).count() == 1
    assert notes[amy.pk].who_said_what == "Amy said she was hungry."
    assert notes[amy.pk].significant_event and not notes[jack.pk].significant_event

    page = client.get(f"/notes/{notes[jack.pk].pk}").content.decode()
    assert "Written with the notes about" in page
    assert f'href="/notes/{notes[amy.pk].pk}"' in page
    assert "Finalise the notes about Amy Fletcher and Mia Fletcher too" in page

    # Finalising Jack's note finalises his sisters' too; a significant event for Amy goes on
    # her chronology only.
    response = client.post(f"/notes/{notes[jack.pk].pk}/finalise",
                           {"version": notes[jack.pk].version, "to_all": "on"})
    assert response.status_code == 302
    assert set(CaseNote.objects.values_list("status", flat=True)) == {NoteStatus.FINALISED}
    assert Event.objects.filter(person=amy, origin="case_note").count() == 1
    assert not Event.objects.filter(person__in=[jack, mia], origin="case_note").exists()


def test_bad_input_writes_nothing(family, social_worker, as_user):
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    client = as_user(social_worker)
    nobody = {**shared_form(), **child_form(jack, "x", included=False)}
    response = client.post(f"/people/{jack.pk}/notes/family", nobody)
    assert response.status_code == 400
    assert "Choose the children the note is about" in response.content.decode()
    silent = {**three(family), **child_form(amy, "")}
    response = client.post(f"/people/{jack.pk}/notes/family", silent)
    assert response.status_code == 400
    assert "Enter who said what, about Amy" in response.content.decode()
    before_mia = {**three(family), "occurred_at": "1/1/2026 10:00"}
    response = client.post(f"/people/{jack.pk}/notes/family", before_mia)
    assert response.status_code == 400 and "Mia Fletcher" in response.content.decode()
    assert not CaseNote.objects.exists()
    with pytest.raises(Refused):
        actions.do_write_family_note(
            jack, [{"child": jack, "who_said_what": "a"}, {"child": jack, "who_said_what": "b"}],
            acting_user=social_worker, occurred_at=datetime(2026, 11, 16, 9, tzinfo=LONDON),
            place="Home")
    assert not CaseNote.objects.exists() and mia


def test_R_REC_4_an_amendment_of_the_shared_part_to_all_and_never_a_childs_own(
        family, social_worker, as_user):
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    notes = actions.do_write_family_note(
        jack, [{"child": c, "who_said_what": f"{c.given_name} was there."}
               for c in (jack, amy, mia)],
        acting_user=social_worker, occurred_at=datetime(2026, 11, 16, 9, tzinfo=LONDON),
        place="The family home")
    first = actions.do_finalise_family_note(notes[0], acting_user=social_worker,
                                            expected_version=notes[0].version, to_all=True)
    assert len(first) == 3
    jack_note = CaseNote.objects.get(person=jack)
    client = as_user(social_worker)
    page = client.get(f"/notes/{jack_note.pk}").content.decode()
    assert "Make the same amendment to the notes about Amy Fletcher and Mia Fletcher" in page

    response = client.post(f"/notes/{jack_note.pk}/amend", {
        "field": "who_said_what", "new_value": "Jack was there, asleep.",
        "reason": "More detail", "version": jack_note.version, "to_all": "on"})
    assert response.status_code == 400
    assert "each child&#x27;s own" in response.content.decode()
    assert not NoteAmendment.objects.exists()

    response = client.post(f"/notes/{jack_note.pk}/amend", {
        "field": "place", "new_value": "Grandmother's flat", "reason": "Wrong place",
        "version": jack_note.version, "to_all": "on"})
    assert response.status_code == 302
    assert set(CaseNote.objects.values_list("place", flat=True)) == {"Grandmother's flat"}
    assert NoteAmendment.objects.filter(reason="Wrong place").count() == 3
    assert AuditEntry.objects.filter(action="case_note.amend").count() == 3
    # Without "to all", only Amy's note changes.
    amy_note = CaseNote.objects.get(person=amy)
    response = client.post(f"/notes/{amy_note.pk}/amend", {
        "field": "worker_said", "new_value": "I asked Amy about school.", "reason": "Left out",
        "version": amy_note.version})
    assert response.status_code == 302
    assert list(CaseNote.objects.exclude(worker_said="").values_list("person_id", flat=True)) \
        == [amy.pk]


def test_the_api_writes_one_note_about_three_children(client, family, social_worker):
    from tests.visits.test_api import call

    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    body = {"occurred_at": "2026-11-16T15:30:00+00:00", "place": "The family home",
            "children": [{"person_id": str(c.pk), "who_said_what": f"{c.given_name} was there."}
                         for c in (jack, amy, mia)]}
    response = call(client, social_worker, "POST", "/api/v1/notes/family", body)
    assert response.status_code == 201, response.content
    out = response.json()["notes"]
    assert [n["person_id"] for n in out] == [str(jack.pk), str(amy.pk), str(mia.pk)]
    assert sorted(out[1]["written_with"]) == sorted([out[0]["id"], out[2]["id"]])
    assert out[1]["who_said_what"] == "Amy was there."

    silent = {**body, "children": [{"person_id": str(jack.pk), "who_said_what": "x"},
                                   {"person_id": str(amy.pk), "who_said_what": " "}]}
    response = call(client, social_worker, "POST", "/api/v1/notes/family", silent)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"children.1.who_said_what"}
    unseen = {**body, "children": [{"person_id": "00000000-0000-0000-0000-000000000001",
                                    "who_said_what": "x"}]}
    assert call(client, social_worker, "POST", "/api/v1/notes/family", unseen).status_code == 404
    assert CaseNote.objects.count() == 3

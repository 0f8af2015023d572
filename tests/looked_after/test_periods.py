"""Sam records that Jack became looked after, moves him, changes his legal status, corrects a
placement and ends the period (R-CLA-1, R-CLA-7, R-CLA-8): episodes with their reasons, no gaps
or overlaps, amendments kept, the chronology and audit written; bad input is refused naming
the field with nothing written."""

from __future__ import annotations

import pytest

from hearth.access.models import AuditEntry
from hearth.chronology.models import Event
from hearth.core.refusals import Refused, StaleEdit
from hearth.looked_after.actions import periods as actions
from hearth.looked_after.models import CareAmendment, CarePeriod, Episode, Placement
from tests.looked_after.periods_helpers import ago, foster, move, start

pytestmark = pytest.mark.django_db


def test_becoming_looked_after_moving_and_ceasing_make_whole_episodes_R_CLA_1_R_CLA_7(
        social_worker, fletchers):
    jack = fletchers["jack"]
    period = start(jack, social_worker)
    move(period, social_worker, days=30)
    period.refresh_from_db()
    actions.do_record_change(period, acting_user=social_worker,
                             expected_version=period.version, changed_on=ago(10),
                             legal_status="C2")
    period.refresh_from_db()
    actions.do_cease(period, acting_user=social_worker, expected_version=period.version,
                     ceased_on=ago(1), reason_ceased="E4A")
    episodes = list(Episode.objects.filter(child=jack).order_by("started_on"))
    assert [(e.reason_new, e.legal_status, e.reason_ceased) for e in episodes] == [
        ("S", "V2", "X1"), ("P", "V2", "X1"), ("L", "C2", "E4A")]
    assert [e.ended_on for e in episodes] == [ago(30), ago(10), ago(1)]
    first, second = Placement.objects.filter(child=jack).order_by("started_on")
    assert (first.ended_on, first.reason_changed) == (ago(30), "CARPL")
    assert second.ended_on == ago(1) and episodes[2].placement_id == second.pk
    period.refresh_from_db()
    assert (period.ended_on, period.reason_ceased) == (ago(1), "E4A")
    kinds = list(Event.objects.filter(person=jack, origin="looked_after")
                 .order_by("occurred_at").values_list("kind", flat=True))
    assert kinds == ["entered_care", "placement_move", "legal_status_changed", "ceased_care"]
    assert not Event.objects.filter(person=jack, summary__contains="Elm Road").exists()
    assert AuditEntry.objects.filter(action__startswith="looked_after.").count() == 4


def test_same_carers_make_a_t_or_u_episode_R_CLA_1(social_worker, fletchers):
    period = start(fletchers["amy"], social_worker)
    move(period, social_worker, same_carer=True, legal_status="C1")
    assert Episode.objects.filter(child=fletchers["amy"]).latest("started_on").reason_new == "U"


def test_a_correction_is_an_amendment_with_its_reason_R_CLA_1(social_worker, fletchers):
    period = start(fletchers["jack"], social_worker)
    move(period, social_worker, days=30)
    period.refresh_from_db()
    second = Episode.objects.filter(period=period).latest("started_on")
    actions.do_amend(period, acting_user=social_worker, expected_version=period.version,
                     changes={"started_on": ago(32)}, reason="The move was on the Friday",
                     episode=second)
    first = Episode.objects.filter(period=period).earliest("started_on")
    assert first.ended_on == ago(32)  # the boundary moves with it: no gap
    row = CareAmendment.objects.get()
    assert (row.field, row.before, row.after) == ("started_on", f"{ago(30):%d/%m/%Y}",
                                                 f"{ago(32):%d/%m/%Y}")
    period.refresh_from_db()
    with pytest.raises(StaleEdit):
        actions.do_amend(period, acting_user=social_worker, expected_version=1,
                         changes={"legal_status": "C2"}, reason="x", episode=second)


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"ended_on": -5}, "ended_on", "A gap between episode 1"),
    ({"ended_on": 5}, "ended_on", "overlaps episode 1"),
    ({"legal_status": "Z9"}, "legal_status", "not an SSDA903 code"),
])
def test_gapped_overlapping_or_unknown_corrections_are_refused_R_CLA_1(
        social_worker, fletchers, changes, field, words):
    period = start(fletchers["jack"], social_worker)
    move(period, social_worker, days=30)
    period.refresh_from_db()
    first = Episode.objects.filter(period=period).earliest("started_on")
    given = {k: (ago(30 - v) if k == "ended_on" else v) for k, v in changes.items()}
    with pytest.raises(Refused) as refused:
        actions.do_amend(period, acting_user=social_worker, expected_version=period.version,
                         changes=given, reason="Checked the file", episode=first)
    assert words in refused.value.problems[field]
    assert not CareAmendment.objects.exists()
    assert Episode.objects.get(pk=first.pk).ended_on == ago(30)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"legal_status": "Q1"}, "legal_status"),
    ({"placement_started_on": -1}, "placement_started_on"),
    ({"placement": foster(urn="")}, "urn"),
    ({"placement": foster(placement_type="T1")}, "provider"),
    ({"entered_from": "strategy", "entered_from_ref": "strategy:999"}, "entered_from_ref"),
])
def test_bad_starts_name_the_field_and_write_nothing(social_worker, fletchers, overrides,
                                                      field):
    if overrides.get("placement_started_on") == -1:
        overrides["placement_started_on"] = ago(61)
    with pytest.raises(Refused) as refused:
        start(fletchers["jack"], social_worker, **overrides)
    assert field in refused.value.problems
    assert not CarePeriod.objects.exists() and not Placement.objects.exists()


def test_a_second_open_period_is_refused_by_state(social_worker, fletchers):
    start(fletchers["jack"], social_worker)
    with pytest.raises(Refused) as refused:
        start(fletchers["jack"], social_worker, days=5)
    assert refused.value.api_status == 409


def test_uasc_is_marked_with_the_date_it_ceased_R_CLA_8(social_worker, fletchers):
    jack = fletchers["jack"]
    marked = actions.do_mark_uasc(jack, acting_user=social_worker)
    assert marked is not None and marked.ceased_on is None
    late = jack.date_of_birth.replace(year=jack.date_of_birth.year + 19)
    with pytest.raises(Refused) as refused:
        actions.do_mark_uasc(jack, acting_user=social_worker, ceased_on=late)
    assert "uasc_ceased_on" in refused.value.problems

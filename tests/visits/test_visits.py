"""Stories of Sam visiting Jack Fletcher: what Sam saw (R-REC-6) and when (R-RES-5)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.models import AuditEntry
from hearth.core.refusals import Refused, StaleEdit
from hearth.visits import actions
from hearth.visits.models import Visit

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]

PROMPT = "Every recent visit was in weekday office hours: vary the timing"


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Friday 20 November 2026, noon in London."""
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=LONDON), tick=False)


def _visit(child, user, starts_at: datetime, **extra) -> Visit:
    fields = {"kind": "planned", "place": "Family home", "child_seen": True,
              "outcome": "completed", **extra}
    return actions.do_record_visit(child, acting_user=user, starts_at=starts_at, **fields)


def _form(**extra) -> dict:
    return {"kind": "unannounced", "visit_date": "19/11/2026", "visit_time": "07:45",
            "place": "Family home, Mill Lane", "who_present": "Kerry (mother), Jack",
            "child_seen": "yes", "child_seen_alone": "yes", "bedroom_seen": "yes",
            "home_conditions": "Kitchen clean, food in the fridge.",
            "parent_child_interaction": "Kerry comforted Jack when he fell; he went to her.",
            "what_was_said": "Jack said he likes his new teacher.", "outcome": "completed",
            **extra}


def test_R_REC_6_sam_records_an_unannounced_early_visit_from_the_page(fletchers, social_worker,
                                                                      as_user):
    jack = fletchers["jack"]
    client = as_user(social_worker)
    assert client.get(f"/people/{jack.pk}/visits/new").status_code == 200
    response = client.post(f"/people/{jack.pk}/visits/new", _form())
    assert response.status_code == 302
    assert response["Location"] == f"/people/{jack.pk}/visits"
    visit = Visit.objects.get(child=jack)
    assert visit.starts_at == datetime(2026, 11, 19, 7, 45, tzinfo=LONDON)
    assert visit.child_seen and visit.child_seen_alone and visit.bedroom_seen
    assert visit.parent_child_interaction.startswith("Kerry comforted Jack")
    assert visit.recorded_by == social_worker
    assert visit.recorded_at == datetime(2026, 11, 20, 12, 0, tzinfo=LONDON)
    assert visit.involvement == jack.involvements.get()
    assert AuditEntry.objects.filter(action="visit.record", object_id=str(jack.pk)).exists()
    html = client.get(f"/people/{jack.pk}/visits").content.decode()
    assert "Early morning" in html and "Unannounced" in html and "Completed" in html
    assert "Kerry comforted Jack when he fell" in html
    assert PROMPT not in html


def test_R_RES_5_prompt_after_three_office_hours_visits_goes_after_an_evening_visit(
        fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    client = as_user(social_worker)
    for day, hour in ((16, 10), (17, 14), (18, 11)):
        _visit(jack, social_worker, datetime(2026, 11, day, hour, 0, tzinfo=LONDON))
        html = client.get(f"/people/{jack.pk}/visits").content.decode()
    assert PROMPT in html
    assert html.count("Weekday office hours") == 3
    _visit(jack, social_worker, datetime(2026, 11, 19, 18, 30, tzinfo=LONDON))
    html = client.get(f"/people/{jack.pk}/visits").content.decode()
    assert PROMPT not in html
    assert html.index("Thu 19 November 2026, 18:30") < html.index("Wed 18 November 2026, 11:00")
    # Amy's visits are her own: none yet, so no prompt for her.
    amy_html = client.get(f"/people/{fletchers['amy'].pk}/visits").content.decode()
    assert PROMPT not in amy_html and "No visits recorded yet" in amy_html


def test_R_RES_5_only_the_last_90_days_count(fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    _visit(jack, social_worker, datetime(2026, 8, 4, 18, 0, tzinfo=LONDON))  # long ago, evening
    for day in (16, 17, 18):
        _visit(jack, social_worker, datetime(2026, 11, day, 10, 0, tzinfo=LONDON))
    assert PROMPT in as_user(social_worker).get(f"/people/{jack.pk}/visits").content.decode()


def test_a_completed_visit_in_the_future_is_refused_and_nothing_is_written(
        fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/visits/new",
                                           _form(visit_date="23/11/2026", visit_time="10:00"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "A visit in the future cannot be completed" in html
    assert 'id="id_visit_date-error"' in html
    with pytest.raises(Refused, match="A visit in the future cannot be completed"):
        _visit(jack, social_worker, datetime(2026, 11, 20, 12, 1, tzinfo=LONDON))
    assert not Visit.objects.exists()
    assert not AuditEntry.objects.filter(action="visit.record").exists()
    # Cancelled by the family in advance is fine.
    _visit(jack, social_worker, datetime(2026, 11, 23, 10, 0, tzinfo=LONDON),
           outcome="cancelled_by_family", child_seen=False)


def test_a_statutory_visit_says_why_the_child_was_not_seen_alone(fletchers, social_worker,
                                                                  as_user):
    """Issue 17: a CIN, CP or looked-after visit at which the child was seen but not alone
    records why; the purpose and the reason show on the visit and the list."""
    jack = fletchers["jack"]
    client = as_user(social_worker)
    response = client.post(f"/people/{jack.pk}/visits/new",
                           _form(purpose="cp", child_seen_alone="no"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_not_seen_alone_reason-error"' in html
    assert "Enter why the child was not seen alone" in html
    assert not Visit.objects.exists()
    response = client.post(f"/people/{jack.pk}/visits/new", _form(
        purpose="cp", child_seen_alone="no", not_seen_alone_reason="Jack would not leave Kerry"))
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.purpose, visit.not_seen_alone_reason) == ("cp", "Jack would not leave Kerry")
    assert "Statutory child protection visit" in client.get(
        f"/people/{jack.pk}/visits").content.decode()
    assert "Jack would not leave Kerry" in client.get(f"/visits/{visit.pk}").content.decode()


def test_R_REC_6_seen_alone_without_seen_is_refused(fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/visits/new",
                                           _form(child_seen="no", child_seen_alone="yes"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "The child cannot have been seen alone if they were not seen" in html
    assert 'id="id_child_seen_alone-error"' in html
    assert "Kerry comforted Jack when he fell" in html  # what Sam typed is kept
    with pytest.raises(Refused, match="seen alone") as refused:
        _visit(jack, social_worker, datetime(2026, 11, 19, 10, 0, tzinfo=LONDON),
               child_seen=False, child_seen_alone=True)
    assert refused.value.field == "child_seen_alone"
    assert not Visit.objects.exists()


def test_missing_answers_are_named_on_their_fields(fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/visits/new", _form(
        visit_time="25:00", place="", child_seen="", outcome=""))
    assert response.status_code == 400
    html = response.content.decode()
    for message in ("Time of the visit must be a real time", "Enter where the visit took place",
                    "Select whether the child was seen", "Select how the visit went"):
        assert message in html
    assert not Visit.objects.exists()


def test_an_outsider_gets_404_for_jacks_visits(fletchers, social_worker, outsider, as_user):
    jack = fletchers["jack"]
    _visit(jack, social_worker, datetime(2026, 11, 18, 10, 0, tzinfo=LONDON))
    client = as_user(outsider)
    assert client.get(f"/people/{jack.pk}/visits").status_code == 404
    assert client.get(f"/people/{jack.pk}/visits/new").status_code == 404
    assert client.post(f"/people/{jack.pk}/visits/new", _form()).status_code == 404
    assert Visit.objects.count() == 1


def test_tina_sees_her_teams_visits(fletchers, social_worker, team_manager, as_user):
    jack = fletchers["jack"]
    _visit(jack, social_worker, datetime(2026, 11, 18, 10, 0, tzinfo=LONDON))
    response = as_user(team_manager).get(f"/people/{jack.pk}/visits")
    assert response.status_code == 200
    assert "Wed 18 November 2026, 10:00" in response.content.decode()


def test_R_REC_4_a_stale_correction_loses_and_nothing_is_written(fletchers, social_worker,
                                                                 team_manager):
    jack = fletchers["jack"]
    visit = _visit(jack, social_worker, datetime(2026, 11, 18, 10, 0, tzinfo=LONDON))
    first = actions.do_amend_visit(visit, acting_user=social_worker, expected_version=1,
                                   reason="I missed it out",
                                   home_conditions="Bedroom had no bedding.")
    assert len(first) == 1
    with pytest.raises(StaleEdit):
        actions.do_amend_visit(visit, acting_user=team_manager, expected_version=1,
                               reason="Tidier wording", home_conditions="Fine.")
    visit.refresh_from_db()
    assert visit.home_conditions == "Bedroom had no bedding."
    assert visit.version == 2 and visit.amendments.count() == 1
    assert AuditEntry.objects.filter(action="visit.amend").count() == 1


def test_R_REC_4_a_correction_cannot_make_a_future_visit_completed(fletchers, social_worker):
    jack = fletchers["jack"]
    visit = _visit(jack, social_worker, datetime(2026, 11, 24, 10, 0, tzinfo=LONDON),
                   outcome="cancelled_by_family", child_seen=False)
    with pytest.raises(Refused, match="future"):
        actions.do_amend_visit(visit, acting_user=social_worker, expected_version=1,
                               reason="It went ahead", outcome="completed", child_seen=True)
    visit.refresh_from_db()
    assert visit.outcome == "cancelled_by_family" and visit.version == 1
    assert not visit.amendments.exists()


def test_R_REC_4_a_correction_needs_a_reason_and_writes_nothing_without_one(fletchers,
                                                                           social_worker):
    visit = _visit(fletchers["jack"], social_worker, datetime(2026, 11, 18, 10, 0,
                                                              tzinfo=LONDON))
    with pytest.raises(Refused, match="why you are correcting") as refused:
        actions.do_amend_visit(visit, acting_user=social_worker, expected_version=1,
                               reason=" ", place="School")
    assert refused.value.field == "reason"
    visit.refresh_from_db()
    assert visit.place == "Family home" and visit.version == 1
    assert not visit.amendments.exists()
    assert actions.do_amend_visit(visit, acting_user=social_worker, expected_version=1,
                                  reason="", place="Family home") == []  # nothing changed


def test_R_REC_4_only_the_recorder_or_their_team_manager_corrects(fletchers, social_worker,
                                                                  team_manager, north):
    from tests.conftest import make_user

    visit = _visit(fletchers["jack"], social_worker, datetime(2026, 11, 18, 10, 0,
                                                              tzinfo=LONDON))
    colleague = make_user("cleo", "social_worker", team=north)
    with pytest.raises(Refused):
        actions.do_amend_visit(visit, acting_user=colleague, expected_version=1,
                               reason="tidy", place="School")
    [amendment] = actions.do_amend_visit(visit, acting_user=team_manager, expected_version=1,
                                         reason="Sam told me it was at school",
                                         place="School", child_seen=True)
    assert (amendment.field, amendment.before, amendment.after) == ("place", "Family home",
                                                                     "School")
    assert amendment.amended_by == team_manager
    visit.refresh_from_db()
    assert visit.place == "School" and visit.recorded_by == social_worker  # R-REC-2

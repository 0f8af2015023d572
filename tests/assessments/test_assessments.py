"""Stories of a Child and Family Assessment: Sam assesses Jack Fletcher, Tina authorises.

Until the lead adds the ``assessments.*`` permissions to ``hearth.access.rules`` and includes
``hearth.assessments.urls`` at the site root, this module grants them itself (fixture
``_assessment_permissions``) and serves its own URLconf (``urlpatterns`` below).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.assessments import actions
from hearth.assessments.codes import AssessmentStatus
from hearth.assessments.models import Assessment
from hearth.core.refusals import Refused, StaleEdit
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")



@pytest.fixture
def _today(time_machine):
    time_machine.move_to(datetime(2026, 10, 5, 10, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def jacks(fletchers, social_worker, _today) -> Assessment:
    """Sam's assessment of Jack, from the referral of 1 October 2026."""
    involvement = fletchers["jack"].involvements.get()
    return actions.do_start_assessment(involvement, acting_user=social_worker)


@pytest.fixture
def morgan(north):
    """Morgan, a second team manager in Family Help North."""
    return make_user("morgan", Role.TEAM_MANAGER, team=north, first="Morgan", last="Manager")


def _ready(assessment: Assessment, user) -> Assessment:
    assessment = actions.do_update(assessment, acting_user=user,
                                   expected_version=assessment.version,
                                   summary="Jack is settled at school; home conditions poor.",
                                   outcome="cin_plan", factors=["16A", "3B"])
    return actions.do_submit(assessment, acting_user=user, expected_version=assessment.version)


def _page(client, assessment: Assessment):
    return client.get(f"/assessments/{assessment.pk}")


def test_assessment_is_due_45_working_days_after_referral_across_christmas(
        fletchers, social_worker, as_user, _today):
    """Referred on Friday 18 December 2026: Christmas Day, the substitute Boxing Day (Monday 28)
    and New Year's Day are not counted, so it is due on Wednesday 24 February 2027."""
    involvement = fletchers["amy"].involvements.get()
    involvement.opened_on = date(2026, 12, 18)
    involvement.save()
    assessment = actions.do_start_assessment(involvement, acting_user=social_worker)
    assert assessment.referral_date == date(2026, 12, 18)
    assert assessment.due == datetime(2027, 2, 24, 23, 59, 59, tzinfo=LONDON)
    page = _page(as_user(social_worker), assessment)
    assert page.status_code == 200
    assert "24 February 2027" in page.content.decode()


def test_sam_starts_an_assessment_from_the_page_and_it_is_audited(fletchers, social_worker,
                                                                    as_user, _today):
    involvement = fletchers["jack"].involvements.get()
    response = as_user(social_worker).post(f"/assessments/start/{involvement.pk}")
    assessment = Assessment.objects.get(involvement=involvement)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}"
    assert assessment.child == fletchers["jack"]
    assert AuditEntry.objects.filter(action="assessment.start",
                                     object_id=str(assessment.pk)).exists()
    again = as_user(social_worker).post(f"/assessments/start/{involvement.pk}")
    assert again["Location"] == f"/assessments/{assessment.pk}"
    assert Assessment.objects.filter(involvement=involvement).count() == 1


def test_R_REC_7_page_shows_which_sources_have_not_contributed(jacks, social_worker, as_user):
    client = as_user(social_worker)
    response = client.post(f"/assessments/{jacks.pk}/sources", {
        "kind": "school", "who": "Mrs Patel, class teacher", "contributed_on": "2/10/2026",
        "how": "phone"})
    assert response.status_code == 302
    client.post(f"/assessments/{jacks.pk}/sources", {
        "kind": "parents", "who": "Kerry Fletcher (mother)", "contributed_on": "3/10/2026",
        "how": "home_visit"})
    html = _page(client, jacks).content.decode()
    gaps = html.split('id="source-gaps"')[1].split("</div>")[0]
    assert "Grandparents" in gaps and "Neighbours" in gaps and "Ex-partners" in gaps
    assert "School or teachers" not in gaps and "Parents" not in gaps
    assert "Mrs Patel, class teacher" in html
    assert AuditEntry.objects.filter(action="assessment.source").count() == 2


def test_R_REC_7_a_source_without_who_or_date_is_refused_naming_the_field(jacks, social_worker,
                                                                          as_user):
    response = as_user(social_worker).post(f"/assessments/{jacks.pk}/sources", {
        "kind": "gp", "who": "", "contributed_on": "31/2/2026", "how": "written"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter who contributed" in html
    assert "must be a real date" in html
    assert not jacks.sources.exists()


def test_R_REC_5_an_unassessed_area_needs_a_reason(jacks, social_worker, as_user):
    client = as_user(social_worker)
    response = client.post(f"/assessments/{jacks.pk}/unassessed",
                           {"area": "Father's views", "reason": ""})
    assert response.status_code == 400
    assert "Enter why this area could not be assessed" in response.content.decode()
    assert not jacks.unassessed_areas.exists()
    with pytest.raises(Refused, match="why"):
        actions.do_record_unassessed_area(jacks, acting_user=social_worker,
                                          area="Father's views", reason="   ")
    client.post(f"/assessments/{jacks.pk}/unassessed", {
        "area": "Father's views", "reason": "Father declined three appointments."})
    html = _page(client, jacks).content.decode()
    assert "Father&#x27;s views" in html and "Father declined three appointments." in html


def test_submitting_needs_a_summary_and_an_outcome(jacks, social_worker, as_user):
    response = as_user(social_worker).post(f"/assessments/{jacks.pk}/submit",
                                           {"version": jacks.version})
    assert response.status_code == 400
    assert "Add the summary and the outcome" in response.content.decode()
    jacks.refresh_from_db()
    assert jacks.status == AssessmentStatus.IN_PROGRESS


def test_tina_authorises_sams_assessment(jacks, social_worker, team_manager, as_user):
    jacks = _ready(jacks, social_worker)
    response = as_user(team_manager).post(f"/assessments/{jacks.pk}/authorise", {
        "version": jacks.version, "comment": "Good analysis."})
    assert response.status_code == 302
    jacks.refresh_from_db()
    assert jacks.status == AssessmentStatus.AUTHORISED
    assert jacks.authorised_by == team_manager
    assert AuditEntry.objects.filter(action="assessment.authorise").exists()


def test_an_assessment_authorised_by_its_own_author_is_refused(fletchers, team_manager, morgan,
                                                                as_user, _today):
    """Tina wrote this one herself: she cannot authorise it; Morgan can."""
    involvement = fletchers["amy"].involvements.get()
    assessment = _ready(actions.do_start_assessment(involvement, acting_user=team_manager),
                        team_manager)
    response = as_user(team_manager).post(f"/assessments/{assessment.pk}/authorise", {
        "version": assessment.version, "comment": ""})
    assert response.status_code == 403
    assert "You wrote this assessment" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert not AuditEntry.objects.filter(action="assessment.authorise").exists()
    assert "another manager must authorise" in _page(as_user(team_manager),
                                                     assessment).content.decode()
    actions.do_authorise(assessment, acting_user=morgan, expected_version=assessment.version)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED


def test_a_social_worker_cannot_authorise(jacks, social_worker, as_user):
    jacks = _ready(jacks, social_worker)
    response = as_user(social_worker).post(f"/assessments/{jacks.pk}/authorise",
                                           {"version": jacks.version})
    assert response.status_code == 403
    jacks.refresh_from_db()
    assert jacks.status == AssessmentStatus.SUBMITTED


def test_returning_an_assessment_needs_a_comment(jacks, social_worker, team_manager, as_user):
    jacks = _ready(jacks, social_worker)
    client = as_user(team_manager)
    response = client.post(f"/assessments/{jacks.pk}/return",
                           {"version": jacks.version, "comment": "  "})
    assert response.status_code == 400
    assert "Say what needs to change" in response.content.decode()
    jacks.refresh_from_db()
    assert jacks.status == AssessmentStatus.SUBMITTED
    response = client.post(f"/assessments/{jacks.pk}/return", {
        "version": jacks.version, "comment": "Speak to the grandparents."})
    assert response.status_code == 302
    jacks.refresh_from_db()
    assert jacks.status == AssessmentStatus.RETURNED
    assert jacks.manager_comment == "Speak to the grandparents."
    # Returned: Sam may change it again and resubmit.
    assert "Speak to the grandparents." in _page(as_user(social_worker), jacks).content.decode()
    actions.do_submit(jacks, acting_user=social_worker, expected_version=jacks.version)


def test_a_stale_update_loses_and_is_told_without_losing_its_text(jacks, social_worker,
                                                                    team_manager, as_user):
    first = as_user(social_worker).post(f"/assessments/{jacks.pk}/edit", {
        "version": jacks.version, "summary": "Sam's summary", "outcome": "cin_plan"})
    assert first.status_code == 302
    second = as_user(team_manager).post(f"/assessments/{jacks.pk}/edit", {
        "version": jacks.version, "summary": "Tina's summary", "outcome": "close"})
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else changed this assessment" in html
    assert "Tina&#x27;s summary" in html  # shown back so nothing is lost
    jacks.refresh_from_db()
    assert jacks.summary == "Sam's summary" and jacks.outcome == "cin_plan"
    with pytest.raises(StaleEdit):
        actions.do_update(jacks, acting_user=social_worker, expected_version=1, summary="x")


def test_unknown_factor_codes_are_refused(jacks, social_worker, as_user):
    response = as_user(social_worker).post(f"/assessments/{jacks.pk}/edit", {
        "version": jacks.version, "factors": ["99Z"]})
    assert response.status_code == 400
    with pytest.raises(Refused, match="99Z"):
        actions.do_update(jacks, acting_user=social_worker, expected_version=jacks.version,
                          factors=["99Z"])
    actions.do_update(jacks, acting_user=social_worker, expected_version=jacks.version,
                      factors=["3B", "1B", "3B"])
    jacks.refresh_from_db()
    assert jacks.factors == ["1B", "3B"]
    assert "3B – Domestic abuse: a parent or carer" in _page(
        as_user(social_worker), jacks).content.decode()


def test_outsider_gets_404_for_an_assessment_of_a_child_they_cannot_see(jacks, outsider,
                                                                         as_user):
    client = as_user(outsider)
    assert _page(client, jacks).status_code == 404
    assert client.post(f"/assessments/{jacks.pk}/edit",
                       {"version": jacks.version, "summary": "x"}).status_code == 404
    assert client.post(f"/assessments/start/{jacks.involvement_id}").status_code == 404
    listing = client.get("/assessments")
    assert listing.status_code == 200
    assert "Jack" not in listing.content.decode()
    jacks.refresh_from_db()
    assert jacks.summary == ""


def test_overdue_assessments_are_listed_for_the_worker_and_the_manager(jacks, social_worker,
                                                                        team_manager, as_user,
                                                                        time_machine):
    time_machine.move_to(datetime(2026, 12, 10, 9, 0, tzinfo=LONDON), tick=False)
    for user in (social_worker, team_manager):
        html = as_user(user).get("/assessments").content.decode()
        overdue = html.split('id="overdue"')[1].split("</table>")[0]
        assert "Jack Fletcher" in overdue
        assert "Overdue by" in overdue
    assert "Overdue by" in _page(as_user(social_worker), jacks).content.decode()


def test_reading_an_assessment_is_audited(jacks, social_worker, as_user):
    _page(as_user(social_worker), jacks)
    assert AuditEntry.objects.filter(action="view_assessment", object_id=str(jacks.pk),
                                     username="sam").exists()

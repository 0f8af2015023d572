"""The managers' page (R-PD-3): open differences by stage and by agency, overdue stages first,
the time resolved ones took (median and mean, in working days), filters, 25 a page, counted in
the database; and its CSV, every cell safe to open in a spreadsheet, the export audited."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.differences import actions
from hearth.differences.queries import report
from tests.differences.conftest import outcome

pytestmark = pytest.mark.django_db


def resolved_after(d, user, days: int, time_machine, teller):
    """``d`` resolved at stage 1, ``days`` calendar days after now; the clock comes back."""
    start = timezone.now()
    d = actions.do_record_stage_outcome(d, acting_user=user, expected_version=d.version,
                                        **outcome(True))
    time_machine.move_to(start + timedelta(days=days), tick=False)
    d = actions.do_resolve_difference(d, acting_user=user, expected_version=d.version,
                                      agreed="Agreed", teller=teller)
    time_machine.move_to(start, tick=False)
    return d


@pytest.fixture
def several(raise_about, health_visitor, social_worker, team_manager, time_machine,
            police_partner, fletchers):
    """Hana's (stage 1, soon overdue), Sam's about the police (stage 2), and three resolved in
    1, 5 and 6 working days; then the clock moves on three days, so Hana's is overdue."""
    hanas = raise_about(health_visitor)
    sams = raise_about(social_worker, decision_agency="police",
                       decision_partner=police_partner.agency, child=fletchers["amy"])
    sams = actions.do_record_stage_outcome(sams, acting_user=social_worker,
                                           expected_version=1, **outcome(False))
    done = [resolved_after(raise_about(social_worker), social_worker, days, time_machine,
                           team_manager) for days in (1, 7, 8)]
    time_machine.move_to(timezone.now() + timedelta(days=3), tick=False)  # Friday
    sams = actions.do_escalate_difference(sams, acting_user=social_worker,
                                          expected_version=sams.version)
    return {"hanas": hanas, "sams": sams, "resolved": done}


def test_r_pd_3_the_figures_by_stage_agency_and_time_to_resolve(several, team_manager):
    s = report.summary(team_manager, timezone.now())
    assert [(n, count, late) for n, _, count, late in s.stages] == [
        (1, 1, 1), (2, 1, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0)]
    assert [(a.code, a.raised, a.about) for a in s.agencies] == [
        ("social_care", 1, 1), ("police", 0, 1), ("health", 1, 0)]
    assert (s.open, s.overdue, s.resolved, s.awaiting_worker) == (2, 1, 3, 3)
    assert [d.working_days_to_resolve for d in several["resolved"]] == [1, 5, 6]
    assert (s.median_days, s.mean_days) == (5, 4)


def test_r_pd_3_overdue_stages_first_then_open_by_due_then_resolved(several, team_manager):
    found = list(report.rows(team_manager, report.Filters(status=report.ALL), timezone.now()))
    hanas, sams = several["hanas"], several["sams"]
    assert [d.pk for d in found[:2]] == [hanas.pk, sams.pk]
    assert [d.overdue for d in found[:2]] == [True, False]
    assert [d.pk for d in found[2:]] == [d.pk for d in reversed(several["resolved"])]


def test_r_pd_3_filters(several, team_manager):
    now = timezone.now()

    def pks(**filters):
        return [d.pk for d in report.rows(team_manager, report.Filters(**filters), now)]

    assert pks() == [several["hanas"].pk, several["sams"].pk]
    assert pks(stage=2) == [several["sams"].pk]
    assert pks(agency="police") == [several["sams"].pk]
    assert pks(agency="health") == [several["hanas"].pk]
    assert pks(overdue=True) == [several["hanas"].pk]
    assert len(pks(status=report.RESOLVED)) == 3 == len(pks(status=report.AWAITING))


def test_the_page_for_tina_and_not_for_sam(several, as_user, team_manager, social_worker):
    page = as_user(team_manager).get("/differences?stage=1&agency=health&overdue=on")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Median 5, mean 4.0 working days, over 3 resolved" in text
    assert f"/differences/{several['hanas'].pk}\"" in text
    assert f"/differences/{several['sams'].pk}\"" not in text
    assert "Overdue</strong>" in text
    # Nonsense filters fall back to none (never an error).
    assert as_user(team_manager).get("/differences?stage=9&status=x&page=zz").status_code == 200
    assert as_user(social_worker).get("/differences").status_code == 403


def test_the_page_is_paged_and_counted_in_the_database(raise_about, social_worker, as_user,
                                                      team_manager):
    raise_about(social_worker)
    client = as_user(team_manager)
    client.get("/differences")

    def count(url="/differences") -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for _ in range(29):
        raise_about(social_worker)
    assert count() == few
    assert client.get("/differences").content.decode().count("govuk-tag--orange") == 25
    assert client.get("/differences?page=2").content.decode().count("govuk-tag--orange") == 5


def test_the_csv_is_safe_and_its_export_audited(raise_about, social_worker, team_manager,
                                                as_user, fletchers):
    raise_about(social_worker, decision_by="=HYPERLINK(\"http://evil\")")
    answer = as_user(team_manager).get("/differences.csv?status=all")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0][:3] == ["Difference", "Child", "Raised on"]
    assert rows[1][1] == "Jack Fletcher" and rows[1][6] == "'=HYPERLINK(\"http://evil\")"
    entry = AuditEntry.objects.get(action="export_differences")
    assert entry.fields["people"] == [str(fletchers["jack"].pk)]
    assert as_user(social_worker).get("/differences.csv").status_code == 403

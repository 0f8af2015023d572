"""R-LADO-5: the LADO's annual figures for a reporting year (April to March), as a page and a
CSV: matters by sector, criterion and outcome, time from notification to outcome in bands, and
repeat matters about the same person (name and date of birth, normalised)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.lado.actions import matters as actions
from hearth.lado.models import Matter
from hearth.lado.queries.report import figures
from tests.lado.conftest import NOW, at

pytestmark = pytest.mark.django_db


def told(record, lado_officer, when, *, criteria=("harm",), outcome=None, **changes):
    """A matter the LADO was told of at ``when`` (written as if then), moved on by actions."""
    matter = record(**changes)
    Matter.objects.filter(pk=matter.pk).update(notified_at=when)
    matter.refresh_from_db()
    matter = actions.do_record_criteria(matter, acting_user=lado_officer,
                                        expected_version=matter.version,
                                        criteria=list(criteria),
                                        advice="" if criteria else "Low-level: advice given")
    if outcome:
        Matter.objects.filter(pk=matter.pk).update(outcome=outcome[0], outcome_on=outcome[1])
    return matter


@pytest.fixture
def year_of_matters(record, lado_officer):
    """The reporting year April 2026 to March 2027, and one matter before it."""
    told(record, lado_officer, at(2026, 3, 31, 12, 0), outcome=("false", date(2026, 4, 20)))
    a = told(record, lado_officer, at(2026, 4, 1, 9, 0), criteria=("harm", "offence"),
             outcome=("substantiated", date(2026, 5, 1)))
    b = told(record, lado_officer, at(2026, 6, 10, 9, 0), criteria=("risk",),
             outcome=("unfounded", date(2026, 9, 1)), sector="sport_leisure",
             subject_given_name="Dan", subject_family_name="Cole",
             subject_date_of_birth=date(1990, 1, 1))
    c = told(record, lado_officer, at(2026, 9, 1, 9, 0), criteria=(),
             subject_given_name="MARK", subject_family_name="benson")
    d = told(record, lado_officer, at(2026, 10, 1, 9, 0), criteria=("unsuitable",),
             sector="foster_care", subject_given_name="Eve", subject_family_name="Lund",
             subject_date_of_birth=None)
    return a, b, c, d


def lines(found) -> dict[str, int]:
    return {line.key: line.count for line in found}


def test_r_lado_5_the_years_matters_by_sector_criterion_outcome_and_time(
        year_of_matters, lado_officer):
    f = figures(lado_officer, 2026)
    assert f.total == 4 and f.label == "April 2026 to March 2027"
    assert lines(f.sectors) == {**{key: 0 for key in lines(f.sectors)}, "education": 2,
                                "sport_leisure": 1, "foster_care": 1}
    assert lines(f.criteria) == {"harm": 1, "offence": 1, "risk": 1, "unsuitable": 1,
                                 "low_level": 1, "undecided": 0}
    assert lines(f.outcomes) == {"substantiated": 1, "false": 0, "malicious": 0,
                                 "unsubstantiated": 0, "unfounded": 1, "none": 2}
    assert lines(f.bands) == {"month": 1, "quarter": 1, "year": 0, "longer": 0}


def test_r_lado_5_repeat_matters_are_matched_on_name_and_date_of_birth(
        year_of_matters, lado_officer):
    repeats = figures(lado_officer, 2026).repeats
    assert [(r.name, r.in_year, r.total) for r in repeats] == [("Mark Benson", 2, 3)]
    assert figures(lado_officer, 2025).total == 1


def test_r_lado_5_the_figures_take_the_same_queries_for_few_or_many_matters(
        record, lado_officer):
    for day in (1, 2):  # two about Mr Benson: the repeats are read too
        told(record, lado_officer, NOW - timedelta(days=day), outcome=("false", NOW.date()))
    with CaptureQueriesContext(connection) as few:
        figures(lado_officer, 2026)
    for day in range(3, 9):
        told(record, lado_officer, NOW - timedelta(days=day), outcome=("false", NOW.date()))
    with CaptureQueriesContext(connection) as many:
        figures(lado_officer, 2026)
    assert len(few) == len(many)


def test_r_lado_5_the_page_and_the_csv(year_of_matters, lado_officer, lado_manager, as_user,
                                       other_manager):
    page = as_user(lado_manager).get("/lado/report?year=2026").content.decode()
    assert "LADO annual figures, April 2026 to March 2027" in page
    assert "Sport and leisure" in page and "Mark Benson, born 2 March 1985" in page
    response = as_user(lado_manager).get("/lado/report.csv?year=2026")
    assert response["Content-Disposition"] == 'attachment; filename="lado-figures-2026-2027.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["By sector", "Education", "2"] in rows
    assert ["Time from notification to outcome", "Within 1 month", "1"] in rows
    assert ["By outcome", "No outcome yet", "2"] in rows
    assert as_user(other_manager).get("/lado/report").status_code == 403


def test_a_year_the_report_does_not_cover_is_named(as_user, lado_officer):
    response = as_user(lado_officer).get("/lado/report?year=1066")
    assert response.status_code == 400
    assert "Choose a reporting year from 2000 to 2026" in response.content.decode()


def test_the_csv_neutralises_a_formula_in_a_name(record, lado_officer, as_user):
    for _ in range(2):
        record(subject_given_name="=HYPERLINK(1)", subject_family_name="Evil")
    text = as_user(lado_officer).get("/lado/report.csv").content.decode()
    assert "'=HYPERLINK(1) Evil" in text

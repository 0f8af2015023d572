"""Issue 11, "nothing typed is lost or silently changed": the shared date-time field and the
shared text input (``web/field.html``) show a recorded time exactly as it will be read back,
so that saving a form unchanged never moves a time (R-REC-2: when a record was made, and what
it says happened when, are not changed behind the worker's back)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template.loader import render_to_string

from hearth.core.forms import datetime_field, datetime_text, input_text

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


class _Form(forms.Form):
    at = datetime_field("When it happened")


def _read(text: str):
    form = _Form({"at": text})
    return form.cleaned_data["at"] if form.is_valid() else form.errors["at"][0]


@pytest.mark.parametrize("instant", [
    datetime(2026, 12, 5, 16, 30, tzinfo=LONDON),
    datetime(2026, 12, 5, 16, 30, 45, tzinfo=LONDON),
    datetime(2026, 12, 5, 16, 30, 45, 120000, tzinfo=LONDON),
    datetime(2026, 7, 1, 23, 30, tzinfo=UTC),            # 00:30 BST the next day
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),           # 01:30 BST, the first 01:30
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),           # 01:30 GMT, the second
])
def test_r_rec_2_a_shown_time_reads_back_as_the_same_instant(instant):
    """R-REC-2: what the field shows, posted back unchanged, is the very same instant."""
    assert _read(datetime_text(instant)) == instant


def test_r_rec_2_the_shown_time_is_london_time_to_the_minute_when_it_can_be():
    assert datetime_text(datetime(2026, 12, 5, 16, 30, tzinfo=LONDON)) == "05/12/2026 16:30"
    assert datetime_text(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == "02/07/2026 00:30"
    assert datetime_text(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == "25/10/2026 01:30 BST"
    assert datetime_text(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == "25/10/2026 01:30 GMT"


def test_r_rec_2_a_date_alone_or_an_impossible_time_is_refused_not_guessed():
    assert "must be a real date and time" in _read("05/12/2026")
    assert "happened twice when the clocks went back" in _read("25/10/2026 01:30")
    assert "the clocks went forward past it" in _read("29/03/2026 01:30")
    assert _read("5/12/2026 16.30") == datetime(2026, 12, 5, 16, 30, tzinfo=LONDON)


def test_r_rec_2_the_shared_input_shows_each_kind_of_value_whole():
    """``web/field.html`` showed every date or date-time as ``d/m/Y`` (a date-time lost its
    time) and a time as nothing at all."""

    class Kinds(forms.Form):
        at = datetime_field("When")
        on = forms.DateField()
        clock = forms.TimeField()

    form = Kinds(initial={"at": datetime(2026, 12, 5, 16, 30, tzinfo=LONDON),
                          "on": datetime(2026, 7, 1, 23, 30, tzinfo=UTC),
                          "clock": time(18, 30)})
    assert input_text(form["at"]) == "05/12/2026 16:30"
    assert input_text(form["on"]) == "02/07/2026"  # the London date, not the UTC one
    assert input_text(form["clock"]) == "18:30"
    html = "".join(render_to_string("web/field.html", {"field": form[name]})
                   for name in ("at", "on", "clock"))
    assert 'value="05/12/2026 16:30"' in html
    assert 'value="02/07/2026"' in html
    assert 'value="18:30"' in html
    plain = Kinds(initial={"on": date(2026, 12, 5)})
    assert 'value="05/12/2026"' in render_to_string("web/field.html", {"field": plain["on"]})


def test_r_rec_2_a_summary_given_on_a_date_alone_is_refused(fletchers, social_worker, as_user,
                                                           time_machine):
    """The parents' summary form used the same date-time formats, which took "16/11/2026"
    as midnight: now it asks for the time."""
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), tick=False)
    response = as_user(social_worker).post(
        f"/people/{fletchers['mum'].pk}/summaries/new",
        {"child": str(fletchers["jack"].pk), "purpose": "To talk about school.",
         "what_was_done": "We talked.", "method": "printed", "language": "English",
         "delivered_at": "16/11/2026"})
    assert response.status_code == 400
    assert "When it was given must be a real date and time" in response.content.decode()

"""The IRO and reviews (R-CLA-3): Tina allocates Ivy as Jack's IRO; Ivy then sees Jack (Olly,
an outsider, still does not); her home list shows Jack's first review due; she records it
(date, participation, decisions, view, a concern that opens a professional difference) and the
list moves on to the second; the chronology says so. Bad input — a review before Jack entered
care, a participation code that contradicts his age, an unknown code, a stale edit — is refused
naming the field, and nothing is written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hearth.access.models import AuditEntry
from hearth.chronology.models import Event
from hearth.core.due import due_for
from hearth.differences.models import Difference
from hearth.looked_after.actions.reviews import do_record_review
from hearth.looked_after.models import Review, ReviewDateChange
from hearth.people.models import Person
from tests.conftest import add_child
from tests.looked_after.care import DAYS_IN_CARE, call, days_ago, put_in_care

pytestmark = pytest.mark.django_db


def review_body(**overrides) -> dict:
    return {"held_on": days_ago(1).isoformat(), "participation": "PN1",
            "decisions": "Jack stays with Mrs Patel; contact with Kerry weekly.",
            "iro_view": "The care plan meets Jack's needs.", **overrides}


def test_tina_allocates_ivy_who_then_sees_jack_and_his_first_review_due_r_cla_3(
        as_user, team_manager, iro, fletchers, jack_in_care, outsider):
    jack = fletchers["jack"]
    jack_in_care.iro = None
    jack_in_care.save()
    assert not Person.objects.visible_to(iro).filter(pk=jack.pk).exists()
    tina = as_user(team_manager)
    url = reverse("looked_after:iro_allocate", args=[jack.pk])
    stale = tina.post(url, {"version": jack_in_care.version - 1, "iro": iro.pk})
    assert stale.status_code == 409 and b"Someone else changed" in stale.content
    answer = tina.post(url, {"version": jack_in_care.version, "iro": iro.pk})
    assert answer.status_code == 302
    jack_in_care.refresh_from_db()
    assert jack_in_care.iro == iro
    assert AuditEntry.objects.filter(action="allocated_an_iro").count() == 1
    assert Person.objects.visible_to(iro).filter(pk=jack.pk).exists()
    assert not Person.objects.visible_to(outsider).filter(pk=jack.pk).exists()
    [item] = [i for i in due_for(iro) if i.kind == "cla_review"]
    assert (item.what, item.person_name) == ("First review of the child looked after",
                                             "Jack Fletcher")
    home = as_user(iro).get("/")
    assert b"First review of the child looked after" in home.content
    assert as_user(outsider).get(reverse("looked_after:care", args=[jack.pk])).status_code == 404


def test_ivy_records_the_first_review_and_her_concern_opens_a_difference_r_cla_3(
        as_user, iro, fletchers, jack_in_care):
    jack = fletchers["jack"]
    ivy = as_user(iro)
    answer = ivy.post(reverse("looked_after:review_new", args=[jack.pk]), {
        **review_body(), "held_on": days_ago(1).strftime("%d/%m/%Y"),
        "concern": "No school place has been found for Jack.", "open_difference": "on"})
    assert answer.status_code == 302, answer.content.decode()[:3000]
    review = Review.objects.get()
    assert (review.participation, review.recorded_by) == ("PN1", iro)
    difference = Difference.objects.get()
    assert review.difference == difference and difference.person == jack
    assert "No school place" in difference.why
    event = Event.objects.get(kind="cla_review")
    assert "Looked-after review held by Ivy Reviewer (IRO)" in event.summary
    [item] = [i for i in due_for(iro, person_id=jack.pk) if i.kind == "cla_review"]
    assert item.what == "Second review of the child looked after"
    page = ivy.get(reverse("looked_after:review", args=[review.pk]))
    assert b"Professional difference raised" in page.content


def test_ivy_brings_the_next_review_forward_after_a_placement_change_r_cla_3(
        as_user, iro, fletchers, jack_in_care):
    jack = fletchers["jack"]
    do_record_review(jack_in_care, acting_user=iro, held_on=days_ago(2), participation="PN1",
                     decisions="Stay", iro_view="Good")
    url = reverse("looked_after:review_forward", args=[jack.pk])
    refused = as_user(iro).post(url, {"due_on": days_ago(-400).strftime("%d/%m/%Y"),
                                      "reason": "Jack moved"})
    assert refused.status_code == 400 and b"never put back" in refused.content
    new_date = days_ago(-14)
    assert as_user(iro).post(url, {"due_on": new_date.strftime("%d/%m/%Y"),
                                   "reason": "Jack moved placement"}).status_code == 302
    assert ReviewDateChange.objects.get().due_on == new_date
    [item] = [i for i in due_for(iro) if i.kind == "cla_review"]
    assert (item.due, item.what) == (new_date,
                                     "Second review of the child looked after (brought forward)")


def test_a_review_before_entering_care_is_refused_naming_the_date(client, as_user, iro, fletchers,
                                                                   jack_in_care):
    jack = fletchers["jack"]
    answer = as_user(iro).post(reverse("looked_after:review_new", args=[jack.pk]), {
        **review_body(), "held_on": days_ago(DAYS_IN_CARE + 1).strftime("%d/%m/%Y")})
    assert answer.status_code == 400
    assert b"The date of the review must be on or after the day the child became looked after" \
        in answer.content
    api = call(client, iro, "POST",
               f"/api/v1/looked-after/children/{jack.pk}/reviews",
               review_body(held_on=days_ago(DAYS_IN_CARE + 1).isoformat()))
    assert api.status_code == 422 and api.json()["errors"][0]["field"] == "held_on"
    assert not Review.objects.exists()


def test_a_participation_code_contradicting_the_age_is_refused_pn0_iff_under_4(
        client, as_user, iro, social_worker, north, fletchers, jack_in_care):
    baby = add_child(fletchers["mum"], "Rosie", days_ago(700), by=social_worker, team=north)
    put_in_care(baby, by=social_worker, started_on=days_ago(5), iro=iro)
    url = f"/api/v1/looked-after/children/{baby.pk}/reviews"
    for person, code, message in ((baby, "PN1", "under 4"),
                                  (fletchers["jack"], "PN0", "only for a child under 4")):
        answer = call(client, iro, "POST",
                      f"/api/v1/looked-after/children/{person.pk}/reviews",
                      review_body(participation=code))
        assert answer.status_code == 422
        assert answer.json()["errors"][0]["field"] == "participation"
        assert message in answer.json()["errors"][0]["message"]
    unknown = call(client, iro, "POST", url, review_body(participation="PN9"))
    assert unknown.status_code == 422 and "participation" in unknown.json()["detail"]
    assert call(client, iro, "POST", url, review_body(participation="PN0")).status_code == 201
    assert Review.objects.count() == 1


def test_the_review_api_lists_reads_and_corrects_with_if_match(client, iro, social_worker,
                                                               outsider, fletchers,
                                                               jack_in_care):
    jack = fletchers["jack"]
    base = f"/api/v1/looked-after/children/{jack.pk}/reviews"
    made = call(client, iro, "POST", base, review_body())
    assert made.status_code == 201 and made["ETag"].endswith('-v1"')
    review_id = made.json()["id"]
    listed = call(client, social_worker, "GET", base).json()
    assert [r["id"] for r in listed["reviews"]] == [review_id]
    assert (listed["iro"], listed["next_review"]) == ("Ivy Reviewer", "Second review")
    url = f"/api/v1/looked-after/reviews/{review_id}"
    change = review_body(decisions="Jack stays; his school place is a priority.")
    assert call(client, iro, "PUT", url, change).status_code == 428
    assert call(client, iro, "PUT", url, change, **{"If-Match": made["ETag"]}).status_code == 200
    stale = call(client, iro, "PUT", url, review_body(decisions="Lost"),
                 **{"If-Match": made["ETag"]})
    assert stale.status_code == 412
    assert Review.objects.get().decisions == "Jack stays; his school place is a priority."
    assert call(client, social_worker, "PUT", url, change).status_code == 403
    assert call(client, outsider, "GET", url).status_code == 404  # not his to see
    assert call(client, iro, "GET", "/api/v1/looked-after/reviews/999999").status_code == 404

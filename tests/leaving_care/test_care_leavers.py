"""Care leavers (R-CL-1..3): Daisy, looked after from 14 and 18 today, is a former relevant care
leaver with the reason shown; Tina allocates Paula as her personal adviser; Paula sees her
young people, her due work and records contact and keeping in touch; a category contradicting
the dates, an invalid OC3 combination and stale edits are refused naming the field, nothing
written; the dashboard counts care leavers not in touch and missing episodes this month."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry, Notification
from hearth.chronology.models import Event
from hearth.core.due import due_for
from hearth.core.refusals import Refused, Why
from hearth.leaving_care import actions
from hearth.leaving_care.models import CareLeaver, KeepingInTouch
from hearth.looked_after.queries.dashboard import FIGURES
from hearth.people.models import Person
from tests.leaving_care.conftest import young_person

pytestmark = pytest.mark.django_db
#: The care leavers list counts and pages in the database: a constant number of queries.
LIST_QUERIES = 15


def test_tina_allocates_paula_who_keeps_in_touch_with_daisy_R_CL_1_R_CL_2_R_CL_3(
        as_user, social_worker, north, team_manager, adviser, daisy,
        django_assert_max_num_queries):
    tina = as_user(team_manager)
    page = tina.get(f"/people/{daisy.pk}/care-leaver").content.decode()
    assert "Former relevant: 18 years old, looked after for 20" in page
    assert "allocate-adviser" in page
    done = tina.post(f"/people/{daisy.pk}/care-leaver/adviser", {"adviser": adviser.pk})
    assert done.status_code == 302, done.content.decode()
    record = CareLeaver.objects.get(person=daisy)
    assert record.adviser == adviser and record.opened_as == "former_relevant"
    assert Notification.objects.filter(user=adviser).exists()
    assert Event.objects.filter(person_id=daisy.pk, kind="care_leaver").exists()

    erin = young_person(social_worker, north, given="Erin", age=19)
    actions.do_allocate_adviser(erin, acting_user=team_manager, adviser=adviser)
    paula = as_user(adviser)
    assert Person.objects.visible_to(adviser).filter(pk=daisy.pk).exists()
    with django_assert_max_num_queries(LIST_QUERIES):
        listed = paula.get("/care-leavers").content.decode()
    assert "Daisy Hale" in listed and "Erin Hale" in listed
    glance = paula.get(f"/people/{daisy.pk}").content.decode()
    assert "Care leaver" in glance and "former relevant" in glance
    kinds = {i.kind for i in due_for(adviser)}
    assert {"pathway_plan", "care_leaver_contact", "keeping_in_touch"} <= kinds
    saved = paula.post(f"/people/{daisy.pk}/care-leaver/keeping-in-touch", {
        "version": record.version, "age": 18, "in_touch": "YES", "activity": "F2",
        "accommodation": "Z1"})
    assert saved.status_code == 302, saved.content.decode()
    contact = paula.post(f"/people/{daisy.pk}/care-leaver/contact", {
        "version": record.version + 1, "contacted_on": timezone.localdate().strftime("%d/%m/%Y"),
        "in_touch": "yes", "method": "phone", "accommodation": "Z1", "activity": "G5"})
    assert contact.status_code == 400
    assert "Say why the young person is not in education" in contact.content.decode()
    assert "keeping_in_touch" not in {i.kind for i in due_for(adviser)
                                      if i.person_id == str(daisy.pk)}
    assert AuditEntry.objects.filter(action="record_keeping_in_touch",
                                     object_id=str(daisy.pk)).exists()
    children = Person.objects.filter(pk=daisy.pk)
    figures = {f.label: f.count for source in FIGURES for f in source(team_manager, children)}
    assert figures["Care leavers not in touch"] == 1  # no contact recorded yet
    assert figures["Missing episodes this month"] == 0


def call(client, user, method, url, body=None, **headers):
    token = do_create_token(user, scope="write")
    return client.generic(method, url, json.dumps(body if body is not None else {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}", **headers})


def test_bad_input_is_refused_naming_the_field_and_nothing_is_written_R_CL_1_R_CL_3(
        client, social_worker, team_manager, outsider, adviser, daisy, fletchers):
    url = "/api/v1/care-leavers"
    wrong = call(client, social_worker, "POST", url, {"person_id": str(daisy.pk),
                                                      "category": "eligible"})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "category"
    assert "former relevant, not eligible" in wrong.json()["detail"]
    with pytest.raises(Refused) as jack:
        actions.do_open(fletchers["jack"], acting_user=social_worker)
    assert jack.value.field == "category" and "care leavers are 16 or over" in jack.value.message
    assert not CareLeaver.objects.exists()

    made = call(client, social_worker, "POST", url, {"person_id": str(daisy.pk)})
    assert made.status_code == 201 and made.json()["category"] == "former_relevant"
    etag = made["ETag"]
    kit = f"{url}/{daisy.pk}/keeping-in-touch"
    died = {"age": 18, "in_touch": "DIED", "activity": "F1", "accommodation": "U1"}
    assert call(client, social_worker, "POST", kit, died).status_code == 428
    bad = call(client, social_worker, "POST", kit, died, If_Match=etag)
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"activity", "accommodation"}
    homeless = call(client, social_worker, "POST", kit,
                    {**died, "in_touch": "YES", "accommodation": "S1"}, If_Match=etag)
    assert homeless.status_code == 422 and homeless.json()["errors"][0]["field"] == \
        "accommodation"
    good = call(client, social_worker, "POST", kit, {**died, "in_touch": "YES"}, If_Match=etag)
    assert good.status_code == 200 and good.json()["keeping_in_touch"][0]["age"] == 18
    stale = call(client, social_worker, "POST", f"{url}/{daisy.pk}/contacts", {
        "contacted_on": timezone.localdate().isoformat(), "in_touch": True, "method": "phone",
        "accommodation": "U1", "activity": "F1"}, If_Match=etag)
    assert stale.status_code == 412
    assert KeepingInTouch.objects.count() == 1
    assert call(client, outsider, "GET", f"{url}/{daisy.pk}").status_code == 404
    with pytest.raises(Refused) as not_manager:
        actions.do_allocate_adviser(daisy, acting_user=social_worker, adviser=adviser)
    assert not_manager.value.why == Why.FORBIDDEN
    read = call(client, team_manager, "GET", f"{url}/{daisy.pk}")
    allocated = call(client, team_manager, "POST", f"{url}/{daisy.pk}/adviser",
                     {"adviser_id": adviser.pk}, If_Match=read["ETag"])
    assert allocated.json()["personal_adviser"] == "Paula Adams"
    assert allocated.json()["pathway_plan_due"]

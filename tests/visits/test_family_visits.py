"""Record once for a family (issue 15): Sam visits Kerry Fletcher's home and sees Jack, Amy and
their baby sister Mia together. He records the visit once: the shared part once, each child's
own part (seen, seen alone, their words, what he observed: R-REC-6) for each. Each child gets a
visit of their own, on their own chronology, linked to the others; nothing is written when any
of it is refused; a later correction of the shared part asks whether it applies to the others
(R-REC-4)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.access.models import AuditEntry
from hearth.casework.models import Involvement
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.people import actions as people
from hearth.visits import actions
from hearth.visits.models import Visit, VisitAmendment
from tests.conftest import add_child

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Friday 20 November 2026, noon in London."""
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def family(fletchers, social_worker, north):
    """Kerry's three children: Jack, Amy and the baby, Mia."""
    mia = add_child(fletchers["mum"], "Mia", date(2026, 3, 3), by=social_worker, team=north)
    return {**fletchers, "mia": mia}


def shared_form(**extra) -> dict:
    return {"kind": "unannounced", "visit_date": "19/11/2026", "visit_time": "07:45",
            "place": "Family home, Mill Lane", "who_present": "Kerry (mother), the children",
            "home_conditions": "Kitchen clean, food in the fridge.", "outcome": "completed",
            "unknown_adult_seen": "no", **extra}


def child_form(child, *, included=True, seen="yes", alone="no", bedroom="yes", said="",
               together="") -> dict:
    prefix = f"child-{child.pk}"
    data = {f"{prefix}-child_seen": seen, f"{prefix}-child_seen_alone": alone,
            f"{prefix}-bedroom_seen": bedroom, f"{prefix}-what_was_said": said,
            f"{prefix}-parent_child_interaction": together}
    if included:
        data[f"{prefix}-included"] = "on"
    return data


def three_children_form(family, **extra) -> dict:
    return {**shared_form(**extra),
            **child_form(family["jack"], alone="yes", said="Jack said he likes his teacher."),
            **child_form(family["amy"], said="Amy showed me her drawing of the house."),
            **child_form(family["mia"], bedroom="no",
                         together="Kerry fed Mia and held her close; Mia settled quickly.")}


def test_sam_records_a_visit_once_for_three_children_from_the_page(family, social_worker,
                                                                   as_user):
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    client = as_user(social_worker)
    listing = client.get(f"/people/{jack.pk}/visits").content.decode()
    assert "Record a visit to several children" in listing
    page = client.get(f"/people/{jack.pk}/visits/family").content.decode()
    for name in ("Jack Fletcher", "Amy Fletcher", "Mia Fletcher"):
        assert name in page
    assert "Kerry" not in page.split("Each child")[1]  # only the children, not their mother

    response = client.post(f"/people/{jack.pk}/visits/family", three_children_form(family))
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == f"/people/{jack.pk}/visits"
    visits = {v.child_id: v for v in Visit.objects.all()}
    assert set(visits) == {jack.pk, amy.pk, mia.pk}
    assert len({v.group for v in visits.values()}) == 1 and visits[jack.pk].group is not None
    for visit in visits.values():  # the shared part, once for them all
        assert visit.starts_at == datetime(2026, 11, 19, 7, 45, tzinfo=LONDON)
        assert visit.place == "Family home, Mill Lane" and visit.kind == "unannounced"
        assert visit.home_conditions == "Kitchen clean, food in the fridge."
        assert visit.involvement == visit.child.involvements.get()
        assert visit.recorded_by == social_worker
    # R-REC-6: each child's own part is theirs alone.
    assert visits[jack.pk].child_seen_alone and not visits[amy.pk].child_seen_alone
    assert visits[jack.pk].what_was_said == "Jack said he likes his teacher."
    assert visits[amy.pk].what_was_said == "Amy showed me her drawing of the house."
    assert not visits[mia.pk].bedroom_seen and visits[mia.pk].what_was_said == ""
    assert visits[mia.pk].parent_child_interaction.startswith("Kerry fed Mia")
    for child in (jack, amy, mia):  # an audit row and a chronology entry each
        audited = AuditEntry.objects.filter(action="visit.record", object_id=str(child.pk))
        assert audited.count() == 1
        assert Event.objects.filter(person=child, origin="visit").count() == 1

    page = client.get(f"/visits/{visits[amy.pk].pk}").content.decode()
    assert "Recorded with the visits to" in page
    assert f'href="/visits/{visits[jack.pk].pk}"' in page
    assert f'href="/visits/{visits[mia.pk].pk}"' in page
    assert "Amy showed me her drawing" in page and "Jack said he likes" not in page
    listing = client.get(f"/people/{jack.pk}/visits").content.decode()
    assert "With Amy and Mia" in listing


def test_only_the_children_chosen_get_a_visit(family, social_worker, as_user):
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    form = {**shared_form(), **child_form(jack), **child_form(amy, included=False),
            **child_form(mia)}
    response = as_user(social_worker).post(f"/people/{amy.pk}/visits/family", form)
    assert response.status_code == 302
    assert set(Visit.objects.values_list("child_id", flat=True)) == {jack.pk, mia.pk}


def test_bad_input_is_a_clear_error_and_nothing_is_written(family, social_worker, as_user):
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    client = as_user(social_worker)
    nobody = {**shared_form(), **child_form(jack, included=False),
              **child_form(amy, included=False), **child_form(mia, included=False)}
    response = client.post(f"/people/{jack.pk}/visits/family", nobody)
    assert response.status_code == 400
    assert "Choose the children who were part of the visit" in response.content.decode()

    bad_date = three_children_form(family, visit_date="31/02/2026")
    response = client.post(f"/people/{jack.pk}/visits/family", bad_date)
    assert response.status_code == 400 and "There is a problem" in response.content.decode()

    # R-REC-6: Amy cannot have been seen alone if she was not seen; Mia's answers are missing.
    form = {**three_children_form(family), **child_form(amy, seen="no", alone="yes"),
            **child_form(mia, seen="")}
    html = client.post(f"/people/{jack.pk}/visits/family", form).content.decode()
    assert "cannot have been seen alone if they were not seen" in html
    assert "Select whether Mia was seen" in html
    assert f'href="#id_child-{amy.pk}-child_seen_alone_0"' in html

    future = three_children_form(family, visit_date="21/11/2026")
    assert client.post(f"/people/{jack.pk}/visits/family", future).status_code == 400
    assert not Visit.objects.exists()
    assert not AuditEntry.objects.filter(action="visit.record").exists()


def test_a_visit_before_one_child_was_born_writes_nothing_for_any(family, social_worker):
    """All or nothing: the action refuses the whole when one child's visit is refused, and
    says which child."""
    jack, mia = family["jack"], family["mia"]
    with pytest.raises(Refused) as refused:
        actions.do_record_family_visit(
            jack, [{"child": jack, "child_seen": True}, {"child": mia, "child_seen": True}],
            acting_user=social_worker, kind="planned",
            starts_at=datetime(2026, 1, 5, 10, tzinfo=LONDON), place="Family home",
            outcome="completed")
    assert refused.value.field == "starts_at" and "Mia Fletcher" in refused.value.message
    assert not Visit.objects.exists()
    assert not Event.objects.filter(origin="visit").exists()


def test_a_child_of_another_family_or_one_sam_may_not_see_is_refused(family, social_worker,
                                                                    outsider, south, as_user):
    stranger = people.do_create_person(acting_user=outsider, given_name="Zoe",
                                       family_name="Other", date_of_birth=date(2018, 5, 5))
    Involvement.objects.create(person=stranger, team=south, worker=outsider,
                               opened_on=date(2026, 10, 1))
    jack = family["jack"]
    with pytest.raises(Refused) as refused:
        actions.do_record_family_visit(
            jack, [{"child": jack, "child_seen": True}, {"child": stranger, "child_seen": True}],
            acting_user=social_worker, kind="planned",
            starts_at=datetime(2026, 11, 19, 10, tzinfo=LONDON), place="Family home",
            outcome="completed")
    assert refused.value.field == "children"
    with pytest.raises(Refused):
        actions.do_record_family_visit(
            jack, [{"child": jack, "child_seen": True}, {"child": jack, "child_seen": True}],
            acting_user=social_worker, kind="planned",
            starts_at=datetime(2026, 11, 19, 10, tzinfo=LONDON), place="Family home",
            outcome="completed")
    # Posting a stranger's part to the page records nothing for them: only the family is asked.
    form = {**shared_form(), **child_form(jack), **child_form(stranger)}
    assert as_user(social_worker).post(f"/people/{jack.pk}/visits/family",
                                       form).status_code == 302
    assert list(Visit.objects.values_list("child_id", flat=True)) == [jack.pk]
    assert as_user(outsider).get(f"/people/{jack.pk}/visits/family").status_code == 404


def test_the_page_costs_the_same_with_three_or_eight_children(family, social_worker, north,
                                                               as_user):
    client = as_user(social_worker)
    url = f"/people/{family['jack'].pk}/visits/family"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    three = count()
    for n in range(5):
        add_child(family["mum"], f"Child{n}", date(2015, 1, 1 + n), by=social_worker, team=north)
    assert count() == three


def _record_three(family, user) -> dict:
    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    visits = actions.do_record_family_visit(
        jack, [{"child": jack, "child_seen": True, "what_was_said": "Jack: fine."},
               {"child": amy, "child_seen": True, "what_was_said": "Amy: happy."},
               {"child": mia, "child_seen": True}],
        acting_user=user, kind="planned", starts_at=datetime(2026, 11, 19, 10, tzinfo=LONDON),
        place="Family home", home_conditions="Tidy.", outcome="completed")
    return {v.child.given_name: v for v in visits}


def edit_form(visit, **extra) -> dict:
    from hearth.visits.forms import VisitEditForm

    initial = VisitEditForm.initial_for(visit)
    return {**{k: v for k, v in initial.items() if v is not None}, **extra}


def test_R_REC_4_a_correction_of_the_shared_part_asks_and_applies_to_the_others(
        family, social_worker, as_user):
    visits = _record_three(family, social_worker)
    jack = visits["Jack"]
    client = as_user(social_worker)
    page = client.get(f"/visits/{jack.pk}/edit").content.decode()
    assert "Does this correction apply to the visits to Amy Fletcher and Mia Fletcher too?" in page

    form = edit_form(jack, home_conditions="Tidy. No sheets on the children's beds.",
                     what_was_said="Jack: fine, but hungry.",
                     reason="I left out what I saw upstairs")
    response = client.post(f"/visits/{jack.pk}/edit", form)
    assert response.status_code == 400
    assert "Select whether the correction applies" in response.content.decode()
    assert not VisitAmendment.objects.exists()

    response = client.post(f"/visits/{jack.pk}/edit", {**form, "to_all": "yes"})
    assert response.status_code == 302
    for visit in visits.values():
        visit.refresh_from_db()
        assert visit.home_conditions == "Tidy. No sheets on the children's beds."
        amendment = visit.amendments.get(field="home_conditions")
        assert amendment.reason == "I left out what I saw upstairs"
        assert amendment.before == "Tidy."
    # A child's own part is never copied to another child.
    assert visits["Jack"].what_was_said == "Jack: fine, but hungry."
    assert visits["Amy"].what_was_said == "Amy: happy." and visits["Mia"].what_was_said == ""
    assert VisitAmendment.objects.filter(field="what_was_said").count() == 1
    assert AuditEntry.objects.filter(action="visit.amend").count() == 3


def test_R_REC_4_a_correction_to_this_visit_only(family, social_worker, as_user):
    visits = _record_three(family, social_worker)
    amy = visits["Amy"]
    form = edit_form(amy, place="Grandmother's flat", reason="Wrong place", to_all="no")
    assert as_user(social_worker).post(f"/visits/{amy.pk}/edit", form).status_code == 302
    places = dict(Visit.objects.values_list("child__given_name", "place"))
    assert places == {"Jack": "Family home", "Amy": "Grandmother's flat", "Mia": "Family home"}
    # Changing only Amy's own part does not ask.
    amy.refresh_from_db()
    form = edit_form(amy, what_was_said="Amy: happy, and excited about her birthday.",
                     reason="I remembered more of what she said")
    assert as_user(social_worker).post(f"/visits/{amy.pk}/edit", form).status_code == 302


def test_the_api_records_a_visit_once_for_three_children(client, family, social_worker):
    from tests.visits.test_api import call

    jack, amy, mia = family["jack"], family["amy"], family["mia"]
    body = {"kind": "planned", "starts_at": "2026-11-19T10:00:00+00:00", "place": "Family home",
            "home_conditions": "Tidy.", "outcome": "completed",
            "children": [{"person_id": str(jack.pk), "child_seen": True,
                          "what_was_said": "Jack: fine."},
                         {"person_id": str(amy.pk), "child_seen": True},
                         {"person_id": str(mia.pk), "child_seen": True}]}
    response = call(client, social_worker, "POST", "/api/v1/visits/family", body)
    assert response.status_code == 201, response.content
    out = response.json()["visits"]
    assert [v["person_id"] for v in out] == [str(jack.pk), str(amy.pk), str(mia.pk)]
    assert sorted(out[0]["recorded_with"]) == sorted([out[1]["id"], out[2]["id"]])
    assert out[0]["what_was_said"] == "Jack: fine." and out[1]["what_was_said"] == ""

    # Bad input: 422 naming the child's own part, or 404 for a child Sam may not see; nothing
    # written.
    bad = {**body, "children": [{"person_id": str(jack.pk), "child_seen": True},
                                {"person_id": str(amy.pk), "child_seen": False,
                                 "child_seen_alone": True}]}
    response = call(client, social_worker, "POST", "/api/v1/visits/family", bad)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"children.1.child_seen_alone"}
    unseen = {**body, "children": [{"person_id": "00000000-0000-0000-0000-000000000001",
                                    "child_seen": True}]}
    assert call(client, social_worker, "POST", "/api/v1/visits/family", unseen).status_code == 404
    naive = {**body, "starts_at": "2026-11-19T10:00:00"}
    assert call(client, social_worker, "POST", "/api/v1/visits/family", naive).status_code == 422
    none = {**body, "children": []}
    assert call(client, social_worker, "POST", "/api/v1/visits/family", none).status_code == 422
    assert Visit.objects.count() == 3

    # A correction of the shared part, applied to the others too.
    jack_visit = call(client, social_worker, "GET", f"/api/v1/visits/{out[0]['id']}")
    response = call(client, social_worker, "POST", f"/api/v1/visits/{out[0]['id']}/amend",
                    {"reason": "Wrong place", "place": "Contact centre", "to_all": True},
                    **{"If-Match": jack_visit["ETag"]})
    assert response.status_code == 200, response.content
    assert set(Visit.objects.values_list("place", flat=True)) == {"Contact centre"}


def test_a_half_written_family_visit_is_kept_and_restored(family, social_worker, as_user):
    """Nothing lost (issue 15): the family visit form keeps a draft, each child's part too."""
    sam = as_user(social_worker)
    amy = family["amy"]
    path = f"/people/{family['jack'].pk}/visits/family"
    typed = {"hearth_draft_for": path, "home_conditions": "Warm and tidy",
             f"child-{amy.pk}-included": "on",
             f"child-{amy.pk}-what_was_said": "Amy showed me her drawing"}
    assert sam.post("/drafts/save", typed).status_code == 204
    assert "You have an unsaved draft from" in sam.get(path).content.decode()
    page = sam.get(path + "?draft=restore").content.decode()
    assert "Warm and tidy" in page and "Amy showed me her drawing" in page
    assert f'id="id_child-{amy.pk}-included" name="child-{amy.pk}-included" type="checkbox" ' \
           f'value="on" checked' in page
    assert response_has_no_errors(page)
    response = sam.post(path, three_children_form(family))
    assert response.status_code == 302
    assert "You have an unsaved draft" not in sam.get(path).content.decode()


def response_has_no_errors(page: str) -> bool:
    return "govuk-error-summary" not in page


def test_R_SAFE_1_2_warnings_about_any_of_the_children_show_and_still_refuse_a_lone_visit(
        family, social_worker, team_manager, north, as_user, time_machine):
    """A warning about Mia is on the family visit page (R-SAFE-1), and her visit needs two
    workers: recorded alone, none of the three is written; with a colleague, all are."""
    from hearth.safety.actions.warnings import do_add_warning
    from tests.conftest import make_user

    jack, mia = family["jack"], family["mia"]
    time_machine.move_to(datetime(2026, 11, 18, 9, 0, tzinfo=LONDON), tick=False)
    do_add_warning(acting_user=team_manager, person=mia, kind="violence",
                   what_happened="A visitor to Mia's father pushed the worker out of the door",
                   source="Sam Worker, witnessed", occurred_on=date(2026, 11, 10),
                   disclosed_to_person=True, requires_joint_visit=True)
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=LONDON), tick=False)
    client = as_user(social_worker)
    page = client.get(f"/people/{jack.pk}/visits/family").content.decode()
    assert "A visitor to Mia&#x27;s father pushed the worker" in page
    daytime = three_children_form(family, visit_time="10:30")
    response = client.post(f"/people/{jack.pk}/visits/family", daytime)
    assert response.status_code == 400
    assert "need two workers" in response.content.decode()
    assert not Visit.objects.exists()
    assert not AuditEntry.objects.filter(action="visit.record").exists()

    cara = make_user("cara", "social_worker", team=north, first="Cara", last="Colleague")
    response = client.post(f"/people/{jack.pk}/visits/family",
                           {**daytime, "joint_worker": str(cara.pk)})
    assert response.status_code == 302, response.content.decode()
    assert Visit.objects.filter(joint_worker=cara).count() == 3

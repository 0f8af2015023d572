"""Sam records that the Fletchers have complex needs: two workers should then be considered
(R-TWO-2) and Tina is asked to decide (R-TWO-3); when the needs end, the family no longer
meets the criteria."""

from __future__ import annotations

import pytest

from hearth.access.models import AuditEntry
from hearth.core.refusals import Refused as ProtectionRefused
from hearth.protection.actions.twoworkers import do_end_complex_needs, do_record_complex_needs
from hearth.protection.models import ComplexNeeds

pytestmark = pytest.mark.django_db

NEEDS = "Kerry has a learning disability; Amy is deaf and needs a BSL interpreter."


def new_url(person) -> str:
    return f"/people/{person.pk}/complex-needs/new"


def test_r_two_2_sam_records_complex_needs_and_two_workers_should_be_considered(
        as_user, fletchers, social_worker):
    sam = as_user(social_worker)
    amy = fletchers["amy"]
    form = sam.get(new_url(amy))
    assert form.status_code == 200
    assert "Record that the family has complex needs" in form.content.decode()
    done = sam.post(new_url(amy), {"description": NEEDS})
    assert done.status_code == 302 and done["Location"] == f"/people/{amy.pk}/two-workers"
    needs = ComplexNeeds.objects.get()
    assert needs.person == amy and needs.recorded_by == social_worker
    assert AuditEntry.objects.filter(action="protection.complex_needs_record").count() == 1
    html = sam.get(f"/people/{fletchers['jack'].pk}/two-workers").content.decode()
    assert "Two-worker decision needed" in html and "The family has complex needs" in html
    assert "Kerry has a learning disability" in html


def test_complex_needs_need_a_description(as_user, fletchers, social_worker):
    response = as_user(social_worker).post(new_url(fletchers["amy"]), {"description": "   "})
    assert response.status_code == 400
    assert "Describe the family&#x27;s complex needs" in response.content.decode()
    assert not ComplexNeeds.objects.exists()
    with pytest.raises(ProtectionRefused) as refused:
        do_record_complex_needs(fletchers["amy"], acting_user=social_worker, description="")
    assert refused.value.problems == {"description": "Describe the family's complex needs"}


def test_ended_complex_needs_no_longer_count(as_user, fletchers, social_worker):
    needs = do_record_complex_needs(fletchers["amy"], acting_user=social_worker,
                                    description=NEEDS)
    sam = as_user(social_worker)
    ended = sam.post(f"/complex-needs/{needs.pk}/end")
    assert ended.status_code == 302
    needs.refresh_from_db()
    assert needs.ended_at is not None and needs.ended_by == social_worker
    html = sam.get(f"/people/{fletchers['jack'].pk}/two-workers").content.decode()
    assert "This family does not meet the criteria for two workers." in html
    again = sam.post(f"/complex-needs/{needs.pk}/end", follow=True)
    assert "These complex needs had already been ended" in again.content.decode()
    assert AuditEntry.objects.filter(action="protection.complex_needs_end").count() == 1
    with pytest.raises(ProtectionRefused):
        do_end_complex_needs(needs, acting_user=social_worker)


def test_someone_who_cannot_see_the_family_gets_404_and_a_chair_may_not_record(
        as_user, fletchers, social_worker, outsider, chair):
    needs = do_record_complex_needs(fletchers["amy"], acting_user=social_worker,
                                    description=NEEDS)
    assert as_user(outsider).get(new_url(fletchers["amy"])).status_code == 404
    assert as_user(outsider).post(f"/complex-needs/{needs.pk}/end").status_code == 404
    assert as_user(chair).post(f"/complex-needs/{needs.pk}/end").status_code == 403
    assert as_user(social_worker).get(f"/complex-needs/{needs.pk}/end").status_code == 405
    needs.refresh_from_db()
    assert needs.ended_at is None

"""Who sees the records of the child protection pathway (queries/pathway.py, registered with
core.visibility): whoever may see the child sees its discussions, enquiries, conferences, plans
and core groups; anyone else is answered 404, so their existence does not leak."""

from __future__ import annotations

import pytest
from django.http import Http404

from hearth.core import visibility
from hearth.protection import models as m
from hearth.protection.queries import conferences, strategy
from hearth.protection.queries.pathway import TO_THE_CHILD

pytestmark = pytest.mark.django_db


def test_every_record_of_the_pathway_has_a_registered_way_to_its_child():
    for model in TO_THE_CHILD:
        assert visibility.scope(model, None) is None  # nobody signed in sees nothing
    assert m.TwoWorkerDecision not in TO_THE_CHILD  # a decision is read through its family


def test_the_childs_worker_sees_the_pathway_and_an_outsider_gets_404(
        fletchers, social_worker, outsider, plan_for):
    plan = plan_for(fletchers["jack"])
    enquiry = plan.conference.enquiry
    member = plan.core_group.create(name="DC Pat Officer", agency="Hampshire Police",
                                    role="Police", tasks="Share callouts",
                                    added_by=social_worker, added_at=plan.created_at)
    assert strategy.get_visible_enquiry(social_worker, enquiry.pk) == enquiry
    assert strategy.get_visible_discussion(social_worker, enquiry.strategy_id).enquiry == enquiry
    assert conferences.get_visible_conference(social_worker, plan.conference_id).pk == (
        plan.conference_id)
    assert conferences.get_visible_plan(social_worker, plan.pk) == plan
    assert conferences.get_visible_member(social_worker, member.pk) == member
    for lookup, pk in ((strategy.get_visible_enquiry, enquiry.pk),
                       (strategy.get_visible_discussion, enquiry.strategy_id),
                       (conferences.get_visible_conference, plan.conference_id),
                       (conferences.get_visible_plan, plan.pk),
                       (conferences.get_visible_member, member.pk),
                       (conferences.get_visible_plan, "not-an-id")):
        with pytest.raises(Http404):
            lookup(outsider, pk)
    assert list(visibility.apply(m.CPPlan.objects.all(), outsider)) == []
    assert list(visibility.apply(m.CPPlan.objects.all(), social_worker)) == [plan]

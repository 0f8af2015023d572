"""Who may see incidents, plans and meetings is registered from the app (issue 12,
R-SAFE-5, R-SAFE-6): anything the user may not see is 404, as if it did not exist."""

from __future__ import annotations

import pytest
from django.http import Http404

from hearth.core import visibility
from hearth.incidents import queries
from hearth.incidents.models import Incident, PractitionersMeeting, RiskReductionPlan

pytestmark = pytest.mark.django_db


def test_r_safe_5_an_incident_is_the_workers_and_their_managers(threat, social_worker,
                                                                team_manager, outsider):
    assert queries.get_visible_incident(social_worker, threat.pk) == threat
    assert queries.get_visible_incident(team_manager, threat.pk) == threat
    with pytest.raises(Http404):
        queries.get_visible_incident(outsider, threat.pk)
    assert list(Incident.objects.visible_to(outsider)) == []


def test_every_record_has_a_registered_scope(social_worker, police_partner):
    for model in (Incident, RiskReductionPlan, PractitionersMeeting):
        assert visibility.scope(model, social_worker) is not None
    # A partner agency may not report incidents: it sees none.
    assert visibility.scope(Incident, police_partner) is None

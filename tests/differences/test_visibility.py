"""Who may see a professional difference (``queries.differences``' docstring): whoever raised
it; partners only those their agency is party to, while they see the child; the front door
only those it is party to; everyone else who works with the child, and their managers. Anyone
else gets 404, in pages and the API alike."""

from __future__ import annotations

import pytest

from hearth.access.codes import Role
from hearth.core import visibility
from hearth.differences import actions
from hearth.differences.models import Difference
from hearth.people.models import AgencyShare
from tests.conftest import make_user
from tests.differences.conftest import api, outcome

pytestmark = pytest.mark.django_db


def seen_by(user) -> list[int]:
    """What ``user`` sees, asked both ways a request asks it: the scope built as a filter, and
    the user's scope compiled once a process (``visibility.keep(Difference)``, what the person
    page's panel reads through) — the two must always agree."""
    built = list(Difference.objects.visible_to(user).values_list("pk", flat=True))
    with visibility.scopes_remembered():
        kept = list(Difference.objects.filter(pk__in=visibility.visible_pks(Difference, user))
                    .values_list("pk", flat=True))
    assert kept == built, user.username
    return built


def test_who_sees_hanas_difference(hanas_difference, health_visitor, social_worker,
                                   team_manager, service_manager, outsider, police_partner,
                                   front_door, administrator, fletchers, health):
    d = hanas_difference
    for user in (health_visitor, social_worker, team_manager, service_manager):
        assert seen_by(user) == [d.pk], user.username
    # Pat's agency (police) is not party to it, even with Jack shared with the police.
    AgencyShare.objects.create(person=fletchers["jack"], agency=police_partner.agency,
                               reason="MASH")
    for user in (outsider, police_partner, front_door, administrator):
        assert seen_by(user) == [], user.username
    # Another health visitor of Hana's agency sees it: her agency raised it.
    colleague = make_user("hal", Role.MASH_PARTNER, agency=health)
    assert seen_by(colleague) == [d.pk]
    # Once Jack's record is no longer shared with health, only Hana herself sees it.
    AgencyShare.objects.filter(agency=health).delete()
    assert seen_by(colleague) == [] and seen_by(health_visitor) == [d.pk]


def test_a_partner_sees_a_difference_about_their_agencys_decision(raise_about, social_worker,
                                                                  police_partner, fletchers):
    d = raise_about(social_worker, decision_agency="police",
                    decision_partner=police_partner.agency)
    assert seen_by(police_partner) == []  # Jack is not shared with the police
    AgencyShare.objects.create(person=fletchers["jack"], agency=police_partner.agency,
                               reason="Core group")
    assert seen_by(police_partner) == [d.pk]


def test_the_front_door_sees_only_differences_it_is_party_to(hanas_difference, health_visitor,
                                                            front_door):
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=hanas_difference.version,
                                        **outcome(False))
    assert seen_by(front_door) == []
    # Fran cannot be chosen to lead a stage of a difference she cannot see…
    with pytest.raises(Exception, match="cannot see"):
        actions.do_escalate_difference(d, acting_user=health_visitor,
                                       expected_version=d.version, owner=front_door)
    # …but she sees one she raised.
    mine = actions.do_raise_difference(d.person, acting_user=front_door, **{
        k: getattr(d, k) for k in ("decision", "decision_by", "decision_agency", "why",
                                   "raised_before", "raised_before_note")})
    assert seen_by(front_door) == [mine.pk]


def test_olly_gets_404_for_the_difference_in_pages_and_the_api(hanas_difference, outsider,
                                                               as_user, client):
    page = as_user(outsider)
    for url in (f"/differences/{hanas_difference.pk}",
                f"/differences/{hanas_difference.pk}/outcome",
                f"/differences/{hanas_difference.pk}/escalate",
                f"/differences/{hanas_difference.pk}/resolve",
                f"/differences/{hanas_difference.pk}/told"):
        assert page.get(url).status_code == 404, url
    assert api(client, outsider, "GET", f"/api/v1/differences/{hanas_difference.pk}"
               ).status_code == 404
    answer = api(client, outsider, "POST", f"/api/v1/differences/{hanas_difference.pk}/escalate",
                 {}, **{"If-Match": f'"difference-{hanas_difference.pk}-v1"'})
    assert answer.status_code == 404

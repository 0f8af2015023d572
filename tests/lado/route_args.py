"""The ids the LADO pages name, for the route matrix (tests/access/test_routes.py): a matter
about Jack with a child named but not linked and an allegation management meeting."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from hearth.access.codes import Role
    from hearth.access.models import Team
    from hearth.lado.actions import matters
    from hearth.lado.actions.meetings import do_record_meeting
    from hearth.lado.actions.notifications import do_record_notification
    from hearth.lado.rules.children import ChildLine
    from hearth.lado.rules.meetings import ActionLine, Attendee
    from tests.conftest import make_user
    from tests.lado.conftest import notification

    team = Team.objects.create(name="LADO (routes)", service="lado")
    lado = make_user("routes-lado", Role.LADO, team=team, first="Rhys", last="Lado")
    now = timezone.now()
    matter = do_record_notification(
        acting_user=lado, origin="consultation",
        notification=notification(incident_on=timezone.localdate() - timedelta(days=1),
                                  concern_shared_at=now - timedelta(hours=20),
                                  notified_at=now - timedelta(hours=2)),
        children=[ChildLine("Jack", "Fletcher", fletchers["jack"].date_of_birth)])
    matter = matters.do_record_criteria(matter, acting_user=lado, expected_version=None,
                                        criteria=["harm"])
    meeting = do_record_meeting(
        matter, acting_user=lado, expected_version=None, held_on=timezone.localdate(),
        information_shared="The school shared the bruise log.",
        attendees=[Attendee("Rhys Lado", "LADO"), Attendee("Amira Shah", "School")],
        actions=[ActionLine("Ask the police", "Rhys Lado",
                            timezone.localdate() + timedelta(days=5))])
    return {"lado_matter_id": matter.pk, "lado_child_id": matter.children.get().pk,
            "lado_meeting_id": meeting.pk}

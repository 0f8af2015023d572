"""`make demo` shows the LADO's work: a LADO officer in the LADO service's team with its
service manager, a contact waiting for a matter, and matters in every state (issue 16)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from hearth.access.models import User
from hearth.lado.models import Matter
from hearth.lado.queries.markers import child_marker
from hearth.lado.queries.matters import contacts_waiting, describe, in_lado_service

pytestmark = pytest.mark.django_db


def test_the_demo_has_lado_matters_in_every_state(capsys):
    from hearth.demo.lado import seed_lado

    call_command("seed", families=40, seed=2026, demo_users=True)
    capsys.readouterr()
    sign_ins = seed_lado(2026)
    assert [row[1] for row in sign_ins] == ["demo.ladomanager"]
    lado = User.objects.get(username="demo.lado")
    manager = User.objects.get(username="demo.ladomanager")
    assert lado.team.service == "lado" and in_lado_service(manager)
    now = timezone.now()
    stages = {describe(m, now, meetings=m.meetings.count()).stage
              for m in Matter.objects.all()}
    assert stages == {"new", "awaiting_response", "response_overdue", "meeting_held",
                      "closed", "low_level"}
    closed = Matter.objects.get(status="closed")
    assert closed.outcome == "substantiated" and closed.dbs_referred_on is not None
    assert len(contacts_waiting(lado)) == 1
    sams = Matter.objects.get(meetings__isnull=False).children.get().person
    assert sams.involvements.filter(worker__username="demo.socialworker").exists()
    assert child_marker(sams).officer == lado.display_name

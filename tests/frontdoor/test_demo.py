"""`make demo` shows a front door and casework with work in them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hearth.access import queries as audit_trail
from hearth.frontdoor.models import Contact, MashAgencyRequest


@pytest.mark.django_db
def test_demo_data_gives_the_front_door_contacts_in_every_state(tmp_path, settings, capsys,
                                                                monkeypatch):
    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path))
    from hearth.demo import organisation as seed_org

    monkeypatch.setattr(seed_org, "sign_ins_path", lambda: tmp_path / "demo-sign-ins.txt")
    call_command("demo-data".replace("-", "_"))
    out = capsys.readouterr().out
    assert "demo.crsmanager" in out
    statuses = set(Contact.objects.values_list("status", flat=True))
    assert {"open", "awaiting_authorisation", "in_mash", "decided"} <= statuses
    assert MashAgencyRequest.objects.filter(agency__kind="police").count() == 1
    assert audit_trail.verify().ok
    # …and casework to look at: visits, a significant note, followed-up avoidance, hostility,
    # a worker-safety warning, and chronologies built from it all.
    from hearth.chronology.models import Event
    from hearth.engagement.models import FollowUpTask
    from hearth.safety.models import WorkerWarning

    assert "Casework for 6 of the demo social worker's children" in out
    assert FollowUpTask.objects.filter(assigned_to__username="demo.socialworker").exists()
    assert WorkerWarning.objects.filter(requires_joint_visit=True).count() == 1
    assert {"visit", "no_access", "case_note", "hostility", "school_change"} <= set(
        Event.objects.values_list("kind", flat=True))
    # …and child protection: a plan with a core group the police are in, an overdue ICPC, an
    # overdue review, a two-worker decision needed (issue 6).
    from hearth.protection.models import CPPlan, Section47Enquiry
    from hearth.protection.queries.twoworkers import status_for

    assert "Child protection for 4 more" in out
    assert CPPlan.objects.filter(end_on__isnull=True).count() == 2
    assert CPPlan.objects.filter(core_group__partner_agency__kind="police").count() == 2
    assert Section47Enquiry.objects.filter(outcome="icpc", conferences__isnull=True).count() == 1
    plan = CPPlan.objects.order_by("-start_on").first()
    assert status_for(plan.person).needed
    assert {"strategy_discussion", "s47_visit", "conference", "cp_plan_started",
            "core_group"} <= set(Event.objects.values_list("kind", flat=True))

"""Issue 13 item 5: an administrator could make themselves a service manager and then read
children's records. Now nobody changes their own role (refused, 403, audited), and a role that
reads casework — or an administrator's role — takes effect only when a second administrator
approves it; the request and the decision are audited and the service managers are told.

Ada and Bea are administrators; Sid is the service manager; Sam is a social worker."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hearth.access.models import AuditEntry, Notification, RoleChange, User
from hearth.jobs.models import Job
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bea(db) -> User:
    return make_user("bea", "administrator", first="Bea", last="Admin")


@pytest.fixture
def sid(db) -> User:
    return make_user("sid", "service_manager", first="Sid", last="Service")


def edit(client, user: User, **changes):
    user.refresh_from_db()
    data = {"role": user.role, "team": user.team_id or "", "agency": user.agency_id or "",
            "version": user.version, **({"is_active": "on"} if user.is_active else {})}
    data.update(changes)
    return client.post(reverse("web:user_edit", args=[user.pk]),
                       {k: v for k, v in data.items() if v is not None})


def decide(client, change: RoleChange, decision: str):
    return client.post(reverse("web:role_change", args=[change.pk]), {"decision": decision})


def test_issue_13_item_5_ada_cannot_make_herself_a_service_manager(administrator, fletchers,
                                                                   as_user):
    client = as_user(administrator)
    response = edit(client, administrator, role="service_manager")
    assert response.status_code == 403
    assert "You cannot change your own role" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.role == "administrator" and administrator.version == 1
    attempt = AuditEntry.objects.get(action="role_change_own_refused")
    assert attempt.username == "ada" and attempt.fields == {"from": "administrator",
                                                            "to": "service_manager"}
    assert not RoleChange.objects.exists()
    # And so Jack's record stays closed to her.
    assert client.get(reverse("web:person", args=[fletchers["jack"].pk])).status_code in (403,
                                                                                         404)


def test_issue_13_item_5_ada_may_still_change_her_own_details_but_not_her_role(administrator,
                                                                               north, as_user):
    response = edit(as_user(administrator), administrator, team=north.pk)
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.team == north and administrator.role == "administrator"


def test_issue_13_item_5_a_casework_role_waits_for_a_second_administrator(
        administrator, bea, sid, social_worker, as_user, django_capture_on_commit_callbacks):
    ada = as_user(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(ada, social_worker, role="service_manager")
    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.role == "social_worker"  # not yet
    change = RoleChange.objects.pending().get(user=social_worker)
    assert (change.from_role, change.role, change.requested_by) == (
        "social_worker", "service_manager", administrator)
    asked = AuditEntry.objects.get(action="role_change_requested")
    assert asked.username == "ada" and asked.fields["to"] == "service_manager"
    assert Notification.objects.filter(user=sid, subject__startswith="Role change asked for")
    assert Notification.objects.filter(user=bea, subject__startswith="Approve or refuse")
    assert any("sid@example.org" in job.payload["to"]
               for job in Job.objects.filter(kind="notify.email"))

    # Ada cannot approve her own request: refused, audited, still pending.
    assert decide(ada, change, "approve").status_code == 403
    assert AuditEntry.objects.filter(action="role_change_decision_refused",
                                     username="ada").exists()
    assert RoleChange.objects.pending().filter(pk=change.pk).exists()
    assert "Another administrator decides" in ada.get(reverse("web:users")).content.decode()

    # Bea, a second administrator, sees it waiting and approves it.
    bea_client = as_user(bea)
    assert reverse("web:role_change", args=[change.pk]) in bea_client.get(
        reverse("web:users")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(bea_client, change, "approve")
    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.role == "service_manager"
    change.refresh_from_db()
    assert (change.approved, change.decided_by) == (True, bea)
    approved = AuditEntry.objects.get(action="role_change_approved")
    assert approved.username == "bea" and approved.fields["requested_by"] == "ada"
    told = Notification.objects.get(user=sid, subject__startswith="Role change approved")
    assert "asked by ada, approved by bea" in told.subject
    assert Notification.objects.filter(user=administrator,
                                       subject__startswith="Role change approved")
    # Decided once: a second decision is refused.
    assert decide(bea_client, change, "refuse").status_code == 400


def test_issue_13_item_5_bea_refuses_and_nothing_changes(administrator, bea, sid,
                                                         social_worker, as_user):
    edit(as_user(administrator), social_worker, role="team_manager")
    change = RoleChange.objects.pending().get()
    assert decide(as_user(bea), change, "refuse").status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.role == "social_worker"
    assert AuditEntry.objects.filter(action="role_change_refused", username="bea").exists()
    assert Notification.objects.filter(user=sid, subject__startswith="Role change refused")


def test_issue_13_item_5_an_administrators_role_waits_and_its_holder_cannot_approve_it(
        administrator, bea, social_worker, as_user):
    """Ada asks for Bea to become a service manager: Bea may not approve her own promotion;
    a third administrator, Cal, may."""
    cal = make_user("cal", "administrator")
    edit(as_user(administrator), bea, role="service_manager")
    change = RoleChange.objects.pending().get(user=bea)
    assert decide(as_user(bea), change, "approve").status_code == 403
    bea.refresh_from_db()
    assert bea.role == "administrator"
    # Making someone an administrator waits too.
    assert edit(as_user(cal), social_worker, role="administrator").status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.role == "social_worker"
    assert decide(as_user(cal), change, "approve").status_code == 302
    bea.refresh_from_db()
    assert bea.role == "service_manager"


def test_issue_13_item_5_a_new_account_cannot_sign_in_until_a_second_administrator_approves(
        administrator, bea, north, as_user):
    ada = as_user(administrator)
    response = ada.post(reverse("web:user_add"), {
        "username": "ada2", "role": "service_manager", "team": north.pk,
        "password": "a kettle on the stove 42"}, follow=True)
    assert "ada2&#x27;s account waits for a second administrator" in response.content.decode()
    ada2 = User.objects.get(username="ada2")
    assert not ada2.is_active
    assert "Awaiting approval" in response.content.decode()
    assert not Client().login(username="ada2", password="a kettle on the stove 42")
    # Ada cannot switch it on herself instead.
    assert edit(ada, ada2, is_active="on").status_code == 400
    ada2.refresh_from_db()
    assert not ada2.is_active
    change = RoleChange.objects.pending().get(user=ada2)
    assert change.new_account
    assert decide(as_user(bea), change, "approve").status_code == 302
    ada2.refresh_from_db()
    assert ada2.is_active and ada2.role == "service_manager"
    assert Client().login(username="ada2", password="a kettle on the stove 42")


def test_issue_13_item_5_the_servers_operator_still_adds_users_directly(north):
    """`hearth user add` on the server (no acting user) is the operator, already trusted."""
    from hearth.access.actions.users import do_create_user

    user = do_create_user(acting_user=None, username="tess", role="team_manager", team=north,
                          password=PASSWORD)
    assert user.is_active and not RoleChange.objects.exists()

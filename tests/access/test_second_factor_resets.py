"""Issue 13, two-factor sign-in: Sam has lost his phone and his recovery codes. An
administrator asks for his second factor to be reset, with a reason; a second, different
administrator approves it; then his devices and recovery codes are gone, his sessions ended,
and he sets up a new second factor at his next sign-in. Nobody resets their own. Both steps are
audited and the service managers told, as with role changes (tests/access/test_roles.py).

Ada and Bea are administrators; Sid is the service manager; Sam is a social worker."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.actions import second_factor
from hearth.access.models import AuditEntry, Notification, SecondFactorReset, User
from hearth.jobs.models import Job
from tests.conftest import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bea(db) -> User:
    return make_user("bea", "administrator", first="Bea", last="Admin")


@pytest.fixture
def sid(db) -> User:
    return make_user("sid", "service_manager", first="Sid", last="Service")


def ask(client, user: User, reason: str = "Sam lost his phone; I called him back on his "
        "desk number to check it was him"):
    return client.post(reverse("web:second_factor_reset_ask", args=[user.pk]),
                       {"reason": reason})


def decide(client, reset: SecondFactorReset, decision: str):
    return client.post(reverse("web:second_factor_reset", args=[reset.pk]),
                       {"decision": decision})


def test_a_reset_needs_a_reason_and_a_second_administrator(
        administrator, bea, sid, social_worker, django_capture_on_commit_callbacks):
    sams_session = client_for(social_worker)  # Sam signed in (with his phone) before
    second_factor.do_make_recovery_codes(social_worker, verified=True)
    ada = client_for(administrator)
    assert "Reset sam&#x27;s second factor" in ada.get(
        reverse("web:user_edit", args=[social_worker.pk])).content.decode()
    no_reason = ask(ada, social_worker, reason="   ")
    assert no_reason.status_code == 400 and not SecondFactorReset.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert ask(ada, social_worker).status_code == 302
    reset = SecondFactorReset.objects.pending().get(user=social_worker)
    asked = AuditEntry.objects.get(action="second_factor_reset_requested")
    assert asked.username == "ada" and asked.reason.startswith("Sam lost his phone")
    assert Notification.objects.filter(user=sid, subject__startswith="Second-factor reset "
                                                                     "asked for")
    assert Notification.objects.filter(user=bea, subject__startswith="Approve or refuse")
    assert any("sid@example.org" in job.payload["to"]
               for job in Job.objects.filter(kind="notify.email"))
    assert TOTPDevice.objects.filter(user=social_worker).exists()  # nothing happens yet
    assert ask(ada, social_worker).status_code == 400  # one request at a time

    # Ada cannot approve her own request: refused, audited, still pending.
    assert decide(ada, reset, "approve").status_code == 403
    assert AuditEntry.objects.filter(action="second_factor_reset_decision_refused",
                                     username="ada").exists()
    assert "Another administrator decides" in ada.get(reverse("web:users")).content.decode()

    # Bea sees it waiting and approves it.
    bea_client = client_for(bea)
    assert reverse("web:second_factor_reset", args=[reset.pk]) in bea_client.get(
        reverse("web:users")).content.decode()
    page = bea_client.get(reverse("web:second_factor_reset", args=[reset.pk])).content.decode()
    assert "I called him back on his desk number" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(bea_client, reset, "approve").status_code == 302
    assert not TOTPDevice.objects.filter(user=social_worker).exists()
    assert not StaticDevice.objects.filter(user=social_worker).exists()
    approved = AuditEntry.objects.get(action="second_factor_reset_approved")
    assert approved.username == "bea" and approved.fields["requested_by"] == "ada"
    assert approved.fields["devices_removed"] == 2 and approved.fields["sessions_ended"] == 1
    assert "asked by ada, approved by bea" in Notification.objects.get(
        user=sid, subject__startswith="Second-factor reset approved").subject
    assert Notification.objects.filter(user=social_worker,
                                       subject__startswith="Your second factor was reset")
    # Sam's session ended; at his next sign-in he sets up a new second factor.
    assert sams_session.get(reverse("web:home"))["Location"].startswith(reverse("web:login"))
    fresh = Client()
    fresh.post(reverse("web:login"), {"username": "sam", "password": PASSWORD})
    assert fresh.get(reverse("web:second_factor"))["Location"] == reverse(
        "web:second_factor_set_up")
    # Decided once.
    assert decide(bea_client, reset, "refuse").status_code == 400


def test_refused_and_nothing_changes(administrator, bea, sid, social_worker):
    client_for(social_worker)
    ask(client_for(administrator), social_worker)
    reset = SecondFactorReset.objects.pending().get()
    assert decide(client_for(bea), reset, "refuse").status_code == 302
    assert TOTPDevice.objects.filter(user=social_worker).exists()
    assert AuditEntry.objects.filter(action="second_factor_reset_refused",
                                     username="bea").exists()
    assert Notification.objects.filter(user=sid, subject__startswith="Second-factor reset "
                                                                     "refused")


def test_an_administrator_never_resets_their_own(administrator, bea):
    ada = client_for(administrator)
    assert "second factor" not in ada.get(
        reverse("web:user_edit", args=[administrator.pk])).content.decode()
    refused = ask(ada, administrator, reason="I lost my phone")
    assert refused.status_code == 403
    assert "You cannot reset your own second factor" in refused.content.decode()
    assert AuditEntry.objects.filter(action="second_factor_reset_own_refused",
                                     username="ada").exists()
    assert not SecondFactorReset.objects.exists()
    # Bea asks for Ada's: Ada may not approve the reset of her own second factor.
    ask(client_for(bea), administrator, reason="Ada lost her phone")
    reset = SecondFactorReset.objects.pending().get()
    assert decide(ada, reset, "approve").status_code == 403
    assert TOTPDevice.objects.filter(user=administrator).exists()


def test_only_administrators_reset_second_factors(social_worker, team_manager):
    tina = client_for(team_manager)
    assert ask(tina, social_worker).status_code == 403
    assert not SecondFactorReset.objects.exists()

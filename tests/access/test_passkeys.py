"""Issue 13, two-factor sign-in: passkeys (WebAuthn, through django-otp-webauthn) as a second
factor, never instead of the password. The pages and the ceremonies' answers, server-side; the
whole ceremony with Chromium's virtual authenticator is in tests/browser/
test_second_factor.py."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from hearth.access.models import AuditEntry
from tests.conftest import PASSWORD, authenticator_app, client_for

pytestmark = pytest.mark.django_db


def signed_in_with_password(username: str) -> Client:
    client = Client()
    client.post(reverse("web:login"), {"username": username, "password": PASSWORD})
    return client


def passkey_of(user) -> WebAuthnCredential:
    """A passkey as django-otp-webauthn stores one (its public key never checked here)."""
    return WebAuthnCredential.objects.create(user=user, name="Passkey", confirmed=True,
                                             credential_id=b"sams-passkey-0001",
                                             public_key=b"\xa5\x01\x02", aaguid="")


def post_json(client: Client, name: str, body: dict | None = None):
    return client.post(reverse(f"otp_webauthn:{name}"), json.dumps(body or {}),
                       content_type="application/json")


def test_the_passkey_pages_keep_the_content_security_policy(social_worker):
    client = signed_in_with_password("sam")  # Sam's first sign-in: setting up a passkey
    page = client.get(reverse("web:second_factor_passkey"))
    assert page.status_code == 200
    html = page.content.decode()
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    # Every script is a file served from here, or data (JSON): nothing inline runs.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        assert 'src="/' in attributes or ('type="application/json"' in attributes
                                           and body.strip().startswith("{")), attributes
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in html
    assert "/static/access/passkeys.js" in html
    config = json.loads(re.search(r'id="otp_webauthn_config"[^>]*>(.*?)</script>', html,
                                  re.S).group(1))
    assert config["beginRegistrationUrl"] == reverse(
        "otp_webauthn:credential-registration-begin")
    assert config["autocompleteLoginFieldSelector"] is None  # no sign-in by passkey alone
    assert client.get(reverse("otp_webauthn:js-i18n-catalog")).status_code == 200


def test_a_first_passkey_may_be_registered_after_the_password(social_worker, settings):
    client = signed_in_with_password("sam")
    options = post_json(client, "credential-registration-begin")
    assert options.status_code == 200
    body = options.json()
    assert body["rp"] == {"name": "Hearth", "id": settings.OTP_WEBAUTHN_RP_ID}
    assert body["user"]["name"] == "sam" and body["challenge"]


def test_with_a_second_factor_already_a_passkey_needs_it_first(social_worker):
    authenticator_app(social_worker)
    client = signed_in_with_password("sam")
    refused = post_json(client, "credential-registration-begin")
    assert refused.status_code == 403 and refused.json()["code"] == "user_not_verified"
    # The pages that add one send Sam to his second factor first.
    assert client.get(reverse("web:second_factor_passkey"))["Location"] == reverse(
        "web:second_factor")
    assert client.get(reverse("web:second_factor_app"))["Location"] == reverse(
        "web:second_factor")
    # Once he has passed it, he may.
    assert post_json(client_for(social_worker),
                     "credential-registration-begin").status_code == 200


def test_a_passkey_is_never_a_way_in_without_the_password(social_worker):
    passkey_of(social_worker)
    anonymous = Client()
    for name in ("credential-authentication-begin", "credential-authentication-complete",
                 "credential-registration-begin"):
        answer = post_json(anonymous, name)
        assert answer.status_code == 302 and answer["Location"].startswith(
            reverse("web:login"))


def test_sam_with_a_passkey_is_offered_it_and_a_failed_one_is_audited(social_worker):
    passkey_of(social_worker)
    client = signed_in_with_password("sam")
    page = client.get(reverse("web:second_factor"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1 class=\"govuk-heading-l\">Use your passkey</h1>" in html
    assert 'id="passkey-verification-button"' in html
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in html
    assert "Code from your authenticator app" not in html  # Sam has no app
    options = post_json(client, "credential-authentication-begin")
    assert options.status_code == 200
    assert [c["id"] for c in options.json()["allowCredentials"]] == [
        "c2Ftcy1wYXNza2V5LTAwMDE"]  # Sam's own passkey (base64url)
    forged = post_json(client, "credential-authentication-complete", {
        "id": "c2Ftcy1wYXNza2V5LTAwMDE", "rawId": "c2Ftcy1wYXNza2V5LTAwMDE",
        "type": "public-key", "response": {"clientDataJSON": "e30", "authenticatorData": "AA",
                                           "signature": "AA"}})
    assert 400 <= forged.status_code < 500
    failed = AuditEntry.objects.get(action="second_factor_failed")
    assert failed.username == "sam" and failed.fields["method"] == "passkey"
    assert client.get(reverse("web:home")).status_code == 302  # still not passed


def test_a_failed_registration_is_audited(social_worker):
    client = signed_in_with_password("sam")
    post_json(client, "credential-registration-begin")
    broken = post_json(client, "credential-registration-complete",
                       {"id": "AA", "rawId": "AA", "type": "public-key",
                        "response": {"clientDataJSON": "e30", "attestationObject": "AA"}})
    assert 400 <= broken.status_code < 500
    failed = AuditEntry.objects.get(action="second_factor_enrol_failed")
    assert failed.fields["method"] == "passkey"
    assert not WebAuthnCredential.objects.exists()

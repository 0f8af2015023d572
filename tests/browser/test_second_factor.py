"""Issue 13, two-factor sign-in, in a real browser: a new user's first sign-in sets up an
authenticator app (the story reads the secret the page shows and computes the code, as the
app would), sees their recovery codes, signs out, and signs in again with a fresh code. Then
the same with a passkey, made by Chromium's virtual authenticator (WebAuthn over the DevTools
protocol)."""

from __future__ import annotations

from base64 import b32decode
from binascii import unhexlify

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from hearth.access.models import AuditEntry
from tests.browser.helpers import assert_accessible, enter_code, path_of, sign_out_button
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def password(page, user) -> None:
    page.goto("/sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def heading(page):
    return page.get_by_role("heading", level=1)


def test_sams_first_sign_in_sets_up_an_authenticator_app_then_he_signs_in_with_it(
        page, social_worker, fletchers):
    password(page, social_worker)
    expect(heading(page)).to_have_text("Set up a second way to prove it is you")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()  # nothing chosen
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose an authenticator app or a passkey")
    assert_accessible(page)
    page.get_by_label("An authenticator app on your phone").check()
    page.get_by_role("button", name="Continue").click()

    expect(heading(page)).to_have_text("Set up your authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    # What the app does with the key: the code for now.
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(
        str(TOTP(b32decode(secret)).token()).zfill(6))
    page.get_by_role("button", name="Continue").click()

    expect(heading(page)).to_have_text("Your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("button", name="I have kept my recovery codes safe").click()
    expect(heading(page)).to_have_text("Your work")
    expect(page.get_by_role("link", name="Jack Fletcher")).to_be_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=social_worker, confirmed=True)
    assert unhexlify(device.key) == b32decode(secret)

    page.get_by_role("link", name="Sign-in security").click()
    expect(heading(page)).to_have_text("Sign-in security")
    expect(page.locator("#recovery-left")).to_have_text("You have 10 recovery codes left.")
    assert_accessible(page)

    sign_out_button(page, social_worker).click()
    expect(heading(page)).to_have_text("Sign in to Hearth")
    password(page, social_worker)
    expect(heading(page)).to_have_text("Enter the code from your authenticator app")
    expect(page.get_by_role("link", name="Find a person")).to_have_count(0)
    assert_accessible(page)
    enter_code(page, device)  # a fresh code: the one used to set up the app works no more
    expect(heading(page)).to_have_text("Your work")
    assert path_of(page) == "/"
    assert_accessible(page)
    assert AuditEntry.objects.filter(action="second_factor_verified", username="sam").exists()


def test_tina_sets_up_a_passkey_and_signs_in_with_it(page, team_manager, settings,
                                                     live_server):
    # Passkeys belong to a domain and are used from an origin: here, the live server's.
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})

    password(page, team_manager)
    expect(heading(page)).to_have_text("Set up a second way to prove it is you")
    page.get_by_label("A passkey").check()
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Set up a passkey")
    assert_accessible(page)
    page.get_by_role("button", name="Set up a passkey").click()
    expect(heading(page)).to_have_text("Your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert WebAuthnCredential.objects.filter(user=team_manager, confirmed=True).count() == 1
    page.get_by_role("button", name="I have kept my recovery codes safe").click()
    expect(heading(page)).to_have_text("Your team: Family Help North")

    sign_out_button(page, team_manager).click()
    password(page, team_manager)
    expect(heading(page)).to_have_text("Use your passkey")
    assert_accessible(page)
    page.get_by_role("button", name="Use your passkey").click()
    expect(heading(page)).to_have_text("Your team: Family Help North")
    assert AuditEntry.objects.filter(action="second_factor_verified", username="tina",
                                     fields__method="passkey").exists()

"""Issue 13, two-factor sign-in (OWASP ASVS 5.0 level 2): after the password every role proves
it is them with an authenticator app's code, a passkey or a recovery code; the first sign-in
sets one up. These are the page stories; the browser story is tests/browser/
test_second_factor.py, the passkeys' pages tests/access/test_passkeys.py and the
administrators' reset tests/access/test_second_factor_resets.py."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.actions import second_factor as actions
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.access.rules import second_factor_required
from hearth.core.production import production_problems
from hearth.core.refusals import Refused
from tests.conftest import PASSWORD, authenticator_app, client_for, next_code

pytestmark = pytest.mark.django_db


def password(client: Client, username: str, next_page: str = ""):
    url = reverse("web:login") + (f"?next={next_page}" if next_page else "")
    return client.post(url, {"username": username, "password": PASSWORD})


def audited(action: str, **fields) -> list[AuditEntry]:
    return [e for e in AuditEntry.objects.filter(action=action).order_by("id")
            if all(e.fields.get(k) == v for k, v in fields.items())]


def code_from_page(html: str, at_step_offset: int = 0) -> str:
    """What a person does with the secret the set-up page shows: type it into an app."""
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    totp = TOTP(b32decode(secret))
    totp.drift = at_step_offset
    return str(totp.token()).zfill(6)


def test_every_role_needs_a_second_factor_by_default_even_in_tests(settings):
    assert settings.HEARTH_SECOND_FACTOR_EXEMPT_ROLES == frozenset()
    assert all(second_factor_required(role) for role in Role.values)


def test_sams_first_sign_in_sets_up_an_authenticator_app_and_shows_recovery_codes_once(
        social_worker, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)  # one 30-second step for the story
    client = Client()
    assert password(client, "sam")["Location"] == reverse("web:second_factor")
    # No device yet: the second-factor page sends Sam to set one up.
    assert client.get(reverse("web:second_factor"))["Location"] == reverse(
        "web:second_factor_set_up")
    choose = client.get(reverse("web:second_factor_set_up"))
    assert b"Set up a second way to prove it is you" in choose.content
    assert client.post(reverse("web:second_factor_set_up"), {})\
        .status_code == 400  # a choice is needed
    going = client.post(reverse("web:second_factor_set_up"), {"method": "app"})
    assert going["Location"] == reverse("web:second_factor_app")

    page = client.get(reverse("web:second_factor_app"))
    html = page.content.decode()
    assert '<svg role="img"' in html and "QR code for your authenticator app" in html
    assert "http" not in html.split('<svg role="img"')[1].split("</svg>")[0]  # made here
    assert client.get(reverse("web:second_factor_app")).content.decode().count(
        re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1)) == 1  # the same secret
    assert not TOTPDevice.objects.filter(user=social_worker).exists()  # nothing stored yet

    wrong = client.post(reverse("web:second_factor_app"), {"code": "000000"
                        if code_from_page(html) != "000000" else "111111"})
    assert wrong.status_code == 400 and b"The code is not right" in wrong.content
    assert audited("second_factor_enrol_failed", method="totp")

    done = client.post(reverse("web:second_factor_app"), {"code": code_from_page(html)})
    assert done["Location"] == reverse("web:recovery_codes")
    device = TOTPDevice.objects.get(user=social_worker, confirmed=True)
    assert audited("second_factor_enrolled", method="totp", first=True)
    assert audited("recovery_codes_made", count=10)

    shown = client.get(reverse("web:recovery_codes")).content.decode()
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", shown)
    assert len(set(codes)) == 10
    # Stored only as keyed digests: the database alone does not give the codes away.
    stored = set(StaticToken.objects.filter(device__user=social_worker)
                 .values_list("token", flat=True))
    assert len(stored) == 10 and not {c.replace("-", "") for c in codes} & stored
    # Shown once.
    assert client.get(reverse("web:recovery_codes"))["Location"] == reverse(
        "web:sign_in_security")
    assert client.get(reverse("web:home")).status_code == 200
    # The code that confirmed the app has been used: it cannot sign in again.
    again = Client()
    password(again, "sam")
    refused = again.post(reverse("web:second_factor"), {"code": code_from_page(html)})
    assert refused.status_code == 400 and device.last_t >= 0


def test_setting_up_accepts_the_code_of_a_step_either_side_and_no_further(social_worker):
    client = Client()
    password(client, "sam")
    html = client.get(reverse("web:second_factor_app")).content.decode()
    too_far = client.post(reverse("web:second_factor_app"),
                          {"code": code_from_page(html, at_step_offset=-3)})
    assert too_far.status_code == 400
    behind = client.post(reverse("web:second_factor_app"),
                         {"code": code_from_page(html, at_step_offset=-1)})
    assert behind.status_code == 302  # the phone's clock a little slow: still accepted


def test_until_the_second_factor_is_passed_every_page_sends_sam_to_it(social_worker,
                                                                      fletchers):
    from hearth.access.actions.users import do_create_token

    authenticator_app(social_worker)
    client = Client()
    password(client, "sam")
    jack = reverse("web:person", args=[fletchers["jack"].pk])
    sent = client.get(jack)
    assert sent.status_code == 302
    assert sent["Location"] == reverse("web:second_factor") + "?next=" + jack.replace("/", "%2F")
    assert client.post(reverse("web:search"), {"name": "Jack"})["Location"] == reverse(
        "web:second_factor")
    asked = client.get(reverse("web:second_factor"))
    assert b"Enter the code from your authenticator app" in asked.content
    assert b"Find a person" not in asked.content  # no menu before the second factor
    assert client.get(reverse("healthz")).status_code == 200
    # The API is signed into with bearer tokens, not sessions: unaffected.
    token = do_create_token(social_worker)
    assert client.get(f"/api/v1/people/{fletchers['jack'].pk}",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # With the code, on to the page Sam asked for.
    passed = client.post(reverse("web:second_factor") + "?next=" + jack,
                         {"code": next_code(authenticator_app(social_worker))})
    assert passed["Location"] == jack
    assert client.get(jack).status_code == 200
    assert audited("second_factor_verified", method="totp")
    # Signing out works before the second factor too.
    other = Client()
    password(other, "sam")
    assert other.post(reverse("web:logout"))["Location"] == reverse("web:login")


def test_a_wrong_code_is_refused_audited_and_throttled(social_worker, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    device = authenticator_app(social_worker)
    client = Client()
    password(client, "sam")
    right = next_code(device)
    wrong = client.post(reverse("web:second_factor"),
                        {"code": "123456" if right != "123456" else "654321"})
    assert wrong.status_code == 400 and b"The code is not right" in wrong.content
    assert audited("second_factor_failed", method="totp", why="wrong", failures=1)
    # django-otp's throttle: straight after a wrong code even the right one must wait.
    waiting = client.post(reverse("web:second_factor"), {"code": right})
    assert waiting.status_code == 400 and b"Too many wrong codes. Wait" in waiting.content
    assert audited("second_factor_failed", method="totp", why="throttled")
    time_machine.shift(2)
    assert client.post(reverse("web:second_factor"), {"code": next_code(device)}).status_code \
        == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    not_digits = client.post(reverse("web:second_factor"), {"code": "12ab56"})
    assert not_digits.status_code == 302  # already passed: nothing more to ask


def test_a_code_cannot_be_used_twice(social_worker):
    device = authenticator_app(social_worker)
    first, second = Client(), Client()
    password(first, "sam")
    password(second, "sam")
    code = next_code(device)
    assert first.post(reverse("web:second_factor"), {"code": code}).status_code == 302
    replayed = second.post(reverse("web:second_factor"), {"code": code})
    assert replayed.status_code == 400
    assert b"You have already used that code" in replayed.content
    assert audited("second_factor_failed", method="totp", why="reused")
    assert second.get(reverse("web:home")).status_code == 302


def test_a_recovery_code_works_once(social_worker):
    device = authenticator_app(social_worker)
    codes = actions.do_make_recovery_codes(social_worker, verified=True)
    assert len(codes) == 10 and device
    client = Client()
    password(client, "sam")
    page = client.get(reverse("web:recovery_code"))
    assert b"Use a recovery code" in page.content
    used = client.post(reverse("web:recovery_code"), {"code": codes[0].upper()})
    assert used["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200
    assert audited("recovery_code_used", left=9)
    again = Client()
    password(again, "sam")
    refused = again.post(reverse("web:recovery_code"), {"code": codes[0]})
    assert refused.status_code == 400 and b"has been used" in refused.content
    assert audited("second_factor_failed", method="recovery_code", why="wrong")
    assert again.get(reverse("web:home")).status_code == 302


def test_removing_the_last_device_is_refused(social_worker, outsider, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    client = client_for(social_worker)
    only = authenticator_app(social_worker)
    page = client.get(reverse("web:sign_in_security"))
    assert b"Your only one: add another before you remove it" in page.content
    refused = client.post(reverse("web:device_remove"), {"device": only.persistent_id})
    assert refused.status_code == 400
    assert b"You cannot remove your only authenticator app or passkey" in refused.content
    assert TOTPDevice.objects.filter(pk=only.pk).exists()
    # Sam adds a second app (the page asks for its code), then may remove the first.
    html = client.get(reverse("web:second_factor_app")).content.decode()
    added = client.post(reverse("web:second_factor_app"), {"code": code_from_page(html)})
    assert added["Location"] == reverse("web:sign_in_security")
    assert audited("second_factor_enrolled", method="totp", first=False)
    assert not audited("recovery_codes_made")  # only the first device makes them
    # Someone else's device is not Sam's to remove.
    ollys = authenticator_app(outsider)
    assert client.post(reverse("web:device_remove"),
                       {"device": ollys.persistent_id}).status_code == 400
    removed = client.post(reverse("web:device_remove"), {"device": only.persistent_id})
    assert removed["Location"] == reverse("web:sign_in_security")
    assert audited("second_factor_removed", method="totp", device=only.persistent_id)
    assert TOTPDevice.objects.filter(user=social_worker).count() == 1
    assert TOTPDevice.objects.filter(pk=ollys.pk).exists()


def test_new_recovery_codes_replace_the_old_ones(social_worker):
    client = client_for(social_worker)
    old = actions.do_make_recovery_codes(social_worker, verified=True)
    made = client.post(reverse("web:recovery_codes_new"))
    assert made["Location"] == reverse("web:recovery_codes")
    new = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>",
                     client.get(reverse("web:recovery_codes")).content.decode())
    assert len(new) == 10
    assert client.get(reverse("web:home")).status_code == 200
    with pytest.raises(Refused, match="not right, or has been used"):
        actions.do_use_recovery_code(social_worker, old[0])


def test_recovery_codes_need_a_session_that_passed_its_second_factor(social_worker):
    with pytest.raises(Refused, match="Sign in with your second factor first"):
        actions.do_make_recovery_codes(social_worker, verified=False)


def test_an_exempt_role_signs_in_with_a_password_alone_but_never_in_production(
        settings, administrator):
    settings.HEARTH_SECOND_FACTOR_EXEMPT_ROLES = frozenset({Role.ADMINISTRATOR})
    client = Client()
    assert password(client, "ada")["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200
    problems = production_problems(settings)
    assert any("HEARTH_SECOND_FACTOR_EXEMPT_ROLES exempts administrator" in p for p in problems)
    settings.HEARTH_SECOND_FACTOR_EXEMPT_ROLES = frozenset()
    assert not any("SECOND_FACTOR" in p for p in production_problems(settings))


def test_an_unknown_exempt_role_stops_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from hearth import settings as hearth_settings

    monkeypatch.setenv("HEARTH_SECOND_FACTOR_EXEMPT_ROLES", "administrator,wizard")
    with pytest.raises(ImproperlyConfigured, match="wizard is not a role"):
        hearth_settings._roles("HEARTH_SECOND_FACTOR_EXEMPT_ROLES")

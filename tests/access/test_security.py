"""Sign-in, sessions and the protections every page carries."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, authenticator_app, next_code, sign_in_verified


def sign_in(client, username, password=PASSWORD):
    """The password, then (issue 13) the code from the user's authenticator app."""
    response = client.post(reverse("web:login"), {"username": username, "password": password})
    if response.status_code == 302 and response["Location"].startswith(
            reverse("web:second_factor")):
        from hearth.access.models import User

        device = authenticator_app(User.objects.get(username=username))
        return client.post(response["Location"], {"code": next_code(device)})
    return response


@pytest.mark.django_db
def test_sam_signs_in_and_out(social_worker):
    client = Client()
    authenticator_app(social_worker)
    password = client.post(reverse("web:login"), {"username": "sam", "password": PASSWORD})
    assert password["Location"] == reverse("web:second_factor")  # issue 13: not yet home
    assert client.get(reverse("web:home"))["Location"].startswith(reverse("web:second_factor"))
    assert client.post(reverse("web:second_factor"),
                       {"code": next_code(authenticator_app(social_worker))}
                       )["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200
    client.post(reverse("web:logout"))
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.django_db
def test_a_wrong_password_is_refused_with_a_clear_message(social_worker):
    response = sign_in(Client(), "sam", "wrong password")
    assert response.status_code == 400
    assert b"Enter a correct username and password" in response.content


@pytest.mark.django_db
def test_repeated_failures_throttle_sign_in_even_with_the_right_password(social_worker):
    client = Client()
    for _ in range(5):
        sign_in(client, "sam", "guess")
    response = sign_in(client, "sam")
    assert b"Too many failed attempts" in response.content
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.django_db
def test_next_cannot_redirect_off_site(social_worker):
    client = Client()
    response = client.post(reverse("web:login") + "?next=https://evil.example/",
                           {"username": "sam", "password": PASSWORD})
    assert response["Location"] == reverse("web:second_factor")
    response = client.post(reverse("web:second_factor") + "?next=https://evil.example/",
                           {"code": next_code(authenticator_app(social_worker))})
    assert response["Location"] == reverse("web:home")


@pytest.mark.django_db
def test_sessions_idle_out_after_30_minutes(social_worker, settings, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client = Client()
    sign_in(client, "sam")
    time_machine.shift(29 * 60)
    assert client.get(reverse("web:home")).status_code == 200  # activity renews the session
    time_machine.shift(29 * 60)
    assert client.get(reverse("web:home")).status_code == 200
    time_machine.shift(31 * 60)
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.django_db
def test_sessions_end_at_the_absolute_timeout_however_active(social_worker, settings,
                                                            time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    client = Client()
    sign_in(client, "sam")
    for _ in range(settings.SESSION_ABSOLUTE_TIMEOUT // (20 * 60)):
        time_machine.shift(20 * 60)
        client.get(reverse("web:home"))
    time_machine.shift(20 * 60)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and "expired=1" in response["Location"]


@pytest.mark.django_db
def test_disabling_a_user_ends_their_sessions(social_worker, administrator):
    from hearth.access.actions.users import do_update_user

    client = Client()
    sign_in(client, "sam")
    do_update_user(social_worker, acting_user=administrator, expected_version=1, is_active=False)
    assert client.get(reverse("web:home")).status_code == 302
    assert sign_in(Client(), "sam").status_code == 400


@pytest.mark.django_db
def test_forms_need_a_csrf_token(social_worker, fletchers):
    client = Client(enforce_csrf_checks=True)
    sign_in_verified(client, social_worker)
    response = client.post(reverse("web:search"), {"name": "Jack Fletcher"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_record_pages_carry_secure_headers(as_user, social_worker, fletchers):
    page = as_user(social_worker).get(reverse("web:person", args=[fletchers["jack"].pk]))
    assert page["Cache-Control"] == "no-store"
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_search_terms_never_go_in_the_url(as_user, front_door, fletchers):
    client = as_user(front_door)
    page = client.get(reverse("web:search"))
    assert b'method="post"' in page.content


def test_passwords_are_hashed_with_argon2():
    from django.contrib.auth.hashers import make_password
    from django.test import override_settings

    from hearth import settings as hearth_settings

    # The tests swap in a fast hasher; the service's own setting is Argon2.
    with override_settings(PASSWORD_HASHERS=hearth_settings.PASSWORD_HASHERS):
        assert make_password("a long passphrase").startswith("argon2")


def test_production_mode_refuses_an_insecure_configuration(tmp_path):
    env = {"HEARTH_PRODUCTION": "1", "HEARTH_DEBUG": "1", "HEARTH_DATA_DIR": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "hearth.cli", "check"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr
    assert "HEARTH_DEBUG is on" in result.stderr and "HEARTH_SECRET_KEY" in result.stderr

"""Sign-in throttling (issue 13 item 4): per username and, far higher, per client address; the
client's address believed from X-Forwarded-For only when a configured proxy sent it; and a
username limit that parallel guesses cannot slip under."""

from __future__ import annotations

import ipaddress
import threading

import pytest
from django.test import Client
from django.urls import reverse

from hearth.access.actions import users as actions
from hearth.access.models import LoginFailure
from hearth.access.rules import client_address, sign_in_throttled
from tests.conftest import PASSWORD

BALANCER = [ipaddress.ip_network("10.0.0.0/24")]


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_address("203.0.113.9", "198.51.100.7", []) == "203.0.113.9"


def test_a_trusted_balancer_passes_on_the_clients_address():
    assert client_address("10.0.0.5", "198.51.100.7", BALANCER) == "198.51.100.7"


def test_a_client_cannot_choose_its_address_by_writing_the_header_itself():
    """The left of X-Forwarded-For is whatever the client wrote; only the right-most address
    the trusted proxy added counts."""
    assert client_address("10.0.0.5", "1.2.3.4, 198.51.100.7", BALANCER) == "198.51.100.7"
    # A header from a machine that is not the balancer is not believed.
    assert client_address("203.0.113.9", "1.2.3.4", BALANCER) == "203.0.113.9"


def test_chained_trusted_proxies_are_skipped_and_rubbish_is_not_believed():
    assert client_address("10.0.0.5", "198.51.100.7, 10.0.0.6", BALANCER) == "198.51.100.7"
    assert client_address("10.0.0.5", "not-an-address", BALANCER) == "10.0.0.5"
    assert client_address("10.0.0.5", "", BALANCER) == "10.0.0.5"


def test_the_address_limit_is_far_above_the_username_limit():
    assert not sign_in_throttled(by_username=5, by_address=99, username_limit=5,
                                 address_limit=100)
    assert sign_in_throttled(by_username=6, by_address=1, username_limit=5, address_limit=100)
    assert sign_in_throttled(by_username=1, by_address=101, username_limit=5,
                             address_limit=100)


def sign_in(client, username, password, forwarded):
    return client.post(reverse("web:login"), {"username": username, "password": password},
                       REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)


@pytest.mark.django_db
def test_twenty_made_up_names_from_the_council_office_do_not_lock_sam_out(social_worker,
                                                                          settings):
    """Behind the load balancer every sign-in used to share its address: twenty failures for
    made-up names locked the whole council out."""
    settings.TRUSTED_PROXIES = BALANCER
    office = Client()
    for n in range(20):
        assert sign_in(office, f"nobody{n}", "guess", "198.51.100.7").status_code == 400
    assert LoginFailure.objects.filter(ip="198.51.100.7").count() == 20
    signed_in = sign_in(Client(), "sam", PASSWORD, "198.51.100.7")
    # The password was accepted: next, the second factor (issue 13).
    assert signed_in.status_code == 302
    assert signed_in["Location"] == reverse("web:second_factor")


@pytest.mark.django_db
def test_one_address_hammering_many_names_is_throttled(social_worker, settings):
    settings.TRUSTED_PROXIES = BALANCER
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 10
    attacker = Client()
    for n in range(10):
        sign_in(attacker, f"nobody{n}", "guess", "192.0.2.66")
    refused = sign_in(attacker, "sam", PASSWORD, "192.0.2.66")
    assert b"Too many failed attempts" in refused.content
    # Sam at his own desk is not affected.
    assert sign_in(Client(), "sam", PASSWORD, "198.51.100.7").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_forty_parallel_guesses_try_no_more_passwords_than_the_limit(social_worker, settings):
    """The probe sent 40 guesses at once and 9 to 11 passwords were tried against a limit of
    5: now each attempt is counted before its password is checked."""
    settings.LOGIN_THROTTLE_FAILURES = 5
    barrier = threading.Barrier(8)
    allowed: list[bool] = []

    def guess():
        from django.db import connections

        try:
            barrier.wait()
            for _ in range(5):
                allowed.append(actions.begin_sign_in("sam", "192.0.2.1"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(allowed) == 40
    assert sum(allowed) <= 5

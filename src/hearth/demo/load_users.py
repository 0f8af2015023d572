"""The people ``hearth bench load`` simulates (issue 14): a locustfile, run by locust in a
process of its own (locust patches the standard library with gevent on import, so nothing of
Django is imported here). ``HEARTH_LOAD_ACTORS`` names a JSON file written by
``hearth.demo.bench_load``: for each kind of user, the signed-in staff it may act as (a session
cookie, a CSRF pair, an API token and the children on their caseload) and the names to search.

The mix, per simulated user (weights are relative within a user; users wait 0.5-2 s between
tasks, as a person reading a page would, far quicker than any real one):

- front door (3 in 10): person search through the API and the search page, a person's API
  record, the contacts queue, and now and then a new contact through the API;
- social worker (5 in 10): home page, a child's record, chronology, visits and notes pages, the
  API record, the caseload, and a few writes (a case note, a visit);
- team or service manager (2 in 10): home page, the allocation queue, the two-worker report and
  the child protection dashboard (the pages that grow with the council);
- ``/healthz``, the floor: one simulated user asking once a second, with no session.

``HEARTH_LOAD_MIX=ceiling`` (``hearth bench load --mix ceiling``) replaces the three kinds of
staff by users who ask only their notifications page, signed in as the social workers are and
waiting as long: a page that reads almost nothing but passes through everything a signed-in
page does (the session, the second factor, the middleware, the read's audit, the page's frame).
The requests a second it reaches are the most this machine serves, whatever the pages do.

Every request is named by its operation (``person_page``, not the child's id) so that the
figures group by what was asked, and no personal data reaches locust's output.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from datetime import UTC, datetime, timedelta

from locust import FastHttpUser, between, constant, events, task

with open(os.environ["HEARTH_LOAD_ACTORS"], encoding="utf-8") as handle:
    ACTORS: dict = json.load(handle)

#: The mixes: the council's workforce (the default), or the ceiling of the machine.
MIXES = ("council", "ceiling")
MIX = os.environ.get("HEARTH_LOAD_MIX") or "council"
if MIX not in MIXES:
    raise SystemExit(f"HEARTH_LOAD_MIX: {MIX!r} is not one of {', '.join(MIXES)}")
COUNCIL = MIX == "council"

_turns = {kind: itertools.count() for kind in ("front_door", "social_worker", "manager")}


@events.quitting.add_listener
def _summary(environment, **kwargs) -> None:
    """Write the run's figures to ``HEARTH_LOAD_SUMMARY`` (JSON) as locust exits: each
    operation's requests, failures, p50/p95 and rate, the totals, and every error with its
    operation (a status code and locust's words: never a response body, which may name
    people). With ``--reset-stats`` they cover the run after the ramp."""
    path = os.environ.get("HEARTH_LOAD_SUMMARY")
    if not path:
        return
    stats = environment.stats

    def figures(entry) -> dict:
        return {"requests": entry.num_requests, "failures": entry.num_failures,
                "p50_ms": entry.get_response_time_percentile(0.5),
                "p95_ms": entry.get_response_time_percentile(0.95),
                "requests_per_s": round(entry.total_rps, 1)}

    summary = {
        "operations": {e.name: figures(e) for e in stats.entries.values() if e.num_requests},
        "total": figures(stats.total),
        "errors": [{"operation": e.name, "error": str(e.error)[:300],
                    "occurrences": e.occurrences} for e in stats.errors.values()]}
    with open(path, "w", encoding="utf-8") as out:
        json.dump(summary, out)


def _now() -> str:
    return datetime.now(UTC).isoformat()


class _Staff(FastHttpUser):
    abstract = True
    kind = ""
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        people = ACTORS[self.kind]
        self.actor = people[next(_turns[self.kind]) % len(people)]
        self.page = {"Cookie": self.actor["cookie"]}
        self.form = {"Cookie": self.actor["cookie"], "X-CSRFToken": self.actor["csrf"],
                     "Referer": f"{self.host}/"}
        self.api = {"Authorization": "Bearer " + self.actor["token"]}

    def get(self, name: str, path: str, headers: dict) -> None:
        self.client.get(path, headers=headers, name=name)

    def child(self) -> str:
        return random.choice(self.actor["children"])  # noqa: S311 - a load mix, not a secret


class FrontDoor(_Staff):
    abstract = not COUNCIL
    weight = 3
    kind = "front_door"

    def _query(self) -> dict:
        person = random.choice(ACTORS["searches"])  # noqa: S311
        return random.choice([  # noqa: S311
            {"name": person["name"], "dob": person["dob"]},
            {"name": person["name"], "postcode": person["postcode"]},
            {"name": person["family_name"], "postcode": person["postcode"]},
        ])

    @task(6)
    def search_api(self) -> None:
        self.client.post("/api/v1/people/search", json=self._query(), headers=self.api,
                         name="search_api")

    @task(3)
    def search_page(self) -> None:
        self.client.post("/people/search", data=self._query(), headers=self.form,
                         name="search_page")

    @task(3)
    def person_api(self) -> None:
        self.get("person_api", f"/api/v1/people/{self.child()}", self.api)

    @task(2)
    def contacts_queue(self) -> None:
        self.get("contacts_queue", "/contacts", self.page)

    @task(1)
    def record_contact(self) -> None:
        self.client.post("/api/v1/contacts", name="record_contact", headers=self.api, json={
            "received_at": _now(), "channel": "phone", "caller_kind": "professional",
            "caller_name": "Load test caller", "caller_agency": "Hearthshire Schools",
            "caller_contact": "01632 960000", "referral_source": "2A",
            "worries": "Synthetic worry recorded by the load benchmark.",
            "urgency": "routine", "family_aware": True, "family_told_sharing": True,
            "people": [{"person_id": self.child(), "role": "child"}]})


class SocialWorker(_Staff):
    abstract = not COUNCIL
    weight = 5
    kind = "social_worker"

    @task(4)
    def home(self) -> None:
        self.get("home_sw", "/", self.page)

    @task(6)
    def person_page(self) -> None:
        self.get("person_page", f"/people/{self.child()}", self.page)

    @task(3)
    def chronology(self) -> None:
        self.get("chronology", f"/people/{self.child()}/chronology", self.page)

    @task(2)
    def visits_page(self) -> None:
        self.get("visits_page", f"/people/{self.child()}/visits", self.page)

    @task(2)
    def notes_page(self) -> None:
        self.get("notes_page", f"/people/{self.child()}/notes", self.page)

    @task(2)
    def person_api(self) -> None:
        self.get("person_api", f"/api/v1/people/{self.child()}", self.api)

    @task(2)
    def caseload(self) -> None:
        self.get("caseload", "/caseload", self.page)

    @task(1)
    def write_note(self) -> None:
        self.client.post("/api/v1/notes", name="write_note", headers=self.api, json={
            "person_id": self.child(), "occurred_at": _now(), "place": "Phone call",
            "who_said_what": "Synthetic note written by the load benchmark."})

    @task(1)
    def record_visit(self) -> None:
        if not self.actor["visit_children"]:
            return
        starts = datetime.now(UTC) - timedelta(hours=1)
        self.client.post("/api/v1/visits", name="record_visit", headers=self.api, json={
            "person_id": random.choice(self.actor["visit_children"]),  # noqa: S311
            "kind": "planned", "starts_at": starts.isoformat(), "place": "Home",
            "child_seen": True, "child_seen_alone": True, "outcome": "completed",
            "what_was_said": "Synthetic visit recorded by the load benchmark."})


class Manager(_Staff):
    abstract = not COUNCIL
    weight = 2
    kind = "manager"

    @task(3)
    def home(self) -> None:
        self.get("home_manager", "/", self.page)

    @task(2)
    def allocation_queue(self) -> None:
        self.get("allocation_queue", "/teams/allocation", self.page)

    @task(1)
    def two_worker_report(self) -> None:
        self.get("two_worker_report", "/two-worker-report", self.page)

    @task(1)
    def cp_dashboard(self) -> None:
        self.get("cp_dashboard", "/child-protection", self.page)

    @task(1)
    def team_work(self) -> None:
        self.get("team_work", "/work/team", self.page)


class SignedIn(_Staff):
    """The ceiling's user (``HEARTH_LOAD_MIX=ceiling``): a social worker's notifications."""

    abstract = COUNCIL
    kind = "social_worker"

    @task
    def signed_in(self) -> None:
        self.get("signed_in", "/notifications", self.page)


class Floor(FastHttpUser):
    """``/healthz`` once a second: the floor every operation is measured against."""

    fixed_count = 1
    wait_time = constant(1)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="healthz")

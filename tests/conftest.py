"""Named users and a family, so tests read like stories (practice 4).

- Sam, a social worker in Family Help North, allocated to the Fletcher children;
- Tina, Sam's team manager;
- Fran, an information officer at the front door (CRS);
- Pat, a police officer in the MASH (agency: Hampshire Police);
- Olly, an outsider: a social worker in another team with no link to the Fletchers;
- Ada, an administrator.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from hearth.access.codes import Role
from hearth.access.models import Agency, Team, User

PASSWORD = "correct horse battery staple"


def add_child(mum, given: str, born, *, by: User, team: Team):
    """Another child of ``mum``'s (parental responsibility), allocated to ``by`` in ``team``
    on a case opened sixty days ago."""
    from django.utils import timezone

    from hearth.casework.models import Involvement
    from hearth.people import actions as people

    child = people.do_create_person(acting_user=by, given_name=given, family_name="Fletcher",
                                    date_of_birth=born, sex="F", ethnicity="WBRI")
    people.do_add_relationship(mum, child, acting_user=by, kind="mother",
                               parental_responsibility=True)
    Involvement.objects.create(person=child, team=team, worker=by,
                               opened_on=timezone.localdate() - timedelta(days=60))
    return child


def make_user(username: str, role: str, *, team=None, agency=None, first="", last="") -> User:
    user = User(username=username, role=role, team=team, agency=agency, first_name=first,
                last_name=last, email=f"{username}@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_kept_audit_head(settings, tmp_path):
    """Each test keeps the audit chain's head outside the database in a folder of its own: the
    database is emptied between tests, the kept head would not be (issue 13 item 3)."""
    settings.AUDIT_HEAD_FILE = tmp_path / "kept" / "audit_head"


@pytest.fixture(autouse=True)
def _kept_scopes_of_this_test():
    """Each test compiles its users' scopes afresh (``core.visibility.kept``): a test that
    replaces a scope or a rule must not find one compiled by an earlier test."""
    from hearth.core import visibility

    visibility.forget_kept()


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_guard():
    """The database refuses to empty the audit trail; between tests that commit, the test
    run empties it as the tables' owner would (tests/audit_guard.py)."""
    from tests.audit_guard import flush_past_the_guard

    flush_past_the_guard()


@pytest.fixture
def north(db) -> Team:
    return Team.objects.create(name="Family Help North", service="family_help")


@pytest.fixture
def south(db) -> Team:
    return Team.objects.create(name="Family Safeguarding South", service="family_safeguarding")


@pytest.fixture
def police(db) -> Agency:
    return Agency.objects.create(name="Hampshire Police", kind="police")


@pytest.fixture
def social_worker(north) -> User:
    return make_user("sam", Role.SOCIAL_WORKER, team=north, first="Sam", last="Worker")


@pytest.fixture
def team_manager(north) -> User:
    return make_user("tina", Role.TEAM_MANAGER, team=north, first="Tina", last="Manager")


@pytest.fixture
def front_door(db) -> User:
    crs = Team.objects.create(name="Children's Resource Service", service="crs")
    return make_user("fran", Role.FRONT_DOOR, team=crs, first="Fran", last="Door")


@pytest.fixture
def police_partner(police) -> User:
    return make_user("pat", Role.MASH_PARTNER, agency=police, first="Pat", last="Officer")


@pytest.fixture
def outsider(south) -> User:
    return make_user("olly", Role.SOCIAL_WORKER, team=south, first="Olly", last="Outsider")


@pytest.fixture
def administrator(db) -> User:
    return make_user("ada", Role.ADMINISTRATOR, first="Ada", last="Admin")


@pytest.fixture
def fletchers(social_worker, north):
    """A mother and two children; the children are allocated to Sam in Family Help North."""
    from hearth.casework.models import Involvement
    from hearth.people import actions

    mum = actions.do_create_person(acting_user=social_worker, given_name="Kerry",
                                   family_name="Fletcher", date_of_birth=date(1990, 4, 2),
                                   sex="F", ethnicity="WBRI")
    jack = actions.do_create_person(acting_user=social_worker, given_name="Jack",
                                    family_name="Fletcher", date_of_birth=date(2016, 9, 14),
                                    sex="M", ethnicity="WBRI")
    amy = actions.do_create_person(acting_user=social_worker, given_name="Amy",
                                   family_name="Fletcher", date_of_birth=date(2019, 1, 30),
                                   sex="F", ethnicity="WBRI")
    for child in (jack, amy):
        actions.do_add_relationship(mum, child, acting_user=social_worker, kind="mother",
                                    parental_responsibility=True)
        Involvement.objects.create(person=child, team=north, worker=social_worker,
                                   opened_on=date(2026, 10, 1))
    return {"mum": mum, "jack": jack, "amy": amy}


def authenticator_app(user: User):
    """The user's authenticator app (a confirmed TOTP device, made the first time it is asked
    for): every signed-in story has one, as every role must (issue 13)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app",
                                               confirmed=True)


def next_code(device) -> str:
    """The code the user's authenticator app shows now, or the next one if this step's was
    used (each code works once): what a person would type (``django_otp.oath``)."""
    import time

    from django_otp.oath import hotp

    device.refresh_from_db()
    while True:
        now = int(time.time()) // device.step + device.drift
        step = max(now, device.last_t + 1)
        if step <= now + device.tolerance:
            return str(hotp(device.bin_key, step, digits=device.digits)).zfill(device.digits)
        time.sleep(0.5)  # both of this step's codes are used: wait for the next step


def sign_in_verified(client: Client, user: User) -> Client:
    """Sign ``client`` in as ``user`` with the second factor passed, as django-otp's login
    marks a session (the device's persistent id in ``DEVICE_ID_SESSION_KEY``)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_app(user).persistent_id
    session.save()
    return client


def client_for(user: User) -> Client:
    return sign_in_verified(Client(), user)


@pytest.fixture
def as_user():
    return client_for


# --- `make test` fails if the browser tests were skipped or did not run ---------------------

_browser_outcomes: dict[str, int] = {"passed": 0, "skipped": 0, "failed": 0}


def pytest_addoption(parser):
    parser.addoption("--require-browser", action="store_true", default=False,
                     help="fail the run if any browser test was skipped or none ran")
    parser.addoption("--clock-offset-days", type=float,
                     default=float(os.environ.get("HEARTH_CLOCK_OFFSET_DAYS") or 0),
                     help="run the whole session with the clock moved this many days ahead "
                          "(a test must pass on any date; CI runs the suite with 400; a "
                          "fraction moves the time of day too: 0.5 is twelve hours)")


# --- Each test process's database is a copy of one migrated template ------------------------


def _test_databases_from_the_template():
    """Migrating an empty database takes most of a minute; the suite runs three times in CI
    (SQLite, PostgreSQL, the clock moved) with two processes each, and its benchmarks make
    scratch databases too. Every one of them is copied from the template of this set of
    migrations (``hearth.demo.scratch.ensure_template``, made once under a lock), and
    Django's own migrate then finds nothing to do. ``tests/test_migrations.py`` still
    migrates from nothing and from an old database."""
    from django.db.backends.postgresql.creation import DatabaseCreation as PostgresCreation
    from django.db.backends.sqlite3.creation import DatabaseCreation as SqliteCreation

    from hearth.demo import scratch

    made_postgres = PostgresCreation._create_test_db
    made_sqlite = SqliteCreation._create_test_db

    def postgres(self, verbosity, autoclobber, keepdb=False):
        server = os.environ.get("HEARTH_DATABASE_URL") or ""
        self.connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = (
            scratch.ensure_template("postgres", server))
        return made_postgres(self, verbosity, autoclobber, keepdb)

    def sqlite(self, verbosity, autoclobber, keepdb=False):
        name = made_sqlite(self, verbosity, autoclobber, keepdb)
        if not self.is_in_memory_db(name) and not (keepdb and os.path.exists(name)):
            scratch.copy_sqlite(scratch.ensure_template("sqlite"), name)
        return name

    PostgresCreation._create_test_db = postgres  # type: ignore[method-assign]
    SqliteCreation._create_test_db = sqlite  # type: ignore[method-assign]


# --- A test passes on any date: `--clock-offset-days N` moves the clock for the whole run ----

_CLOCK_KEY = pytest.StashKey["time_machine.travel"]()


def pytest_configure(config):
    _test_databases_from_the_template()
    days = config.getoption("--clock-offset-days")
    if days:
        # tick=True: time still passes during the run; tests that travel themselves nest inside.
        traveller = time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True)
        traveller.start()
        config.stash[_CLOCK_KEY] = traveller


def pytest_unconfigure(config):
    traveller = config.stash.get(_CLOCK_KEY, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    days = config.getoption("--clock-offset-days")
    if days:
        return f"hearth: clock moved {days:g} days ahead, to {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    return None


def pytest_runtest_logreport(report):
    if "browser" not in report.keywords:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _browser_outcomes[report.outcome] = _browser_outcomes.get(report.outcome, 0) + 1


def pytest_sessionfinish(session, exitstatus):
    if not session.config.getoption("--require-browser"):
        return
    if session.config.getoption("collectonly"):
        return
    if _browser_outcomes["skipped"] or not _browser_outcomes["passed"]:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (f"--require-browser: browser tests passed={_browser_outcomes['passed']} "
                   f"skipped={_browser_outcomes['skipped']}; they must run and pass.")
        if reporter:
            reporter.write_line(message, red=True)
        session.exitstatus = 1

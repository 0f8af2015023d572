"""Hearth settings, all from the environment (see README "Configuration")."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from hearth.core.production import production_problems

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("HEARTH_DATA_DIR", "var")).resolve()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("HEARTH_DEBUG")
PRODUCTION = _flag("HEARTH_PRODUCTION")
#: A demonstration site (``hearth demo-run`` sets it): the sign-in page shows the demo
#: sign-ins kept in the data folder. Production refuses to start with it.
HEARTH_DEMO_SITE = _flag("HEARTH_DEMO_SITE")


def _secret_key() -> str:
    key = os.environ.get("HEARTH_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        return ""  # reported by production_problems below
    # Demo and development only: generate once and keep it in the data folder.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
AUDIT_HMAC_KEY = os.environ.get("HEARTH_AUDIT_KEY", "") or SECRET_KEY
#: A copy of the audit log's newest signed head, kept outside the database (issue 13 item 3,
#: issue 14): ``hearth audit verify`` fails when the database's log is shorter than it or
#: differs. Keep it where the database's administrators cannot write.
AUDIT_HEAD_FILE = Path(os.environ.get("HEARTH_AUDIT_HEAD_FILE", "")
                       or DATA_DIR / "audit_head").resolve()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("HEARTH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("HEARTH_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The second factor at sign-in (issue 13): authenticator apps (TOTP), recovery codes
    # (static tokens) and passkeys (WebAuthn), each a django-otp device.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "hearth.access",
    "hearth.drafts",
    "hearth.people",
    "hearth.casework",
    "hearth.frontdoor",
    "hearth.assessments",
    "hearth.records",
    "hearth.visits",
    "hearth.documents",
    "hearth.chronology",
    "hearth.releases",
    "hearth.supervision",
    "hearth.engagement",
    "hearth.safety",
    "hearth.incidents",
    "hearth.protection",
    "hearth.tasks",
    "hearth.lado",
    "hearth.differences",
    "hearth.fgc",
    "hearth.cin",
    "hearth.missing",
    "hearth.looked_after",
    "hearth.leaving_care",
    "hearth.jobs",
    "hearth.web",
    "hearth.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hearth.web.static.HearthWhiteNoise",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hearth.access.middleware.OTPMiddleware",
    "hearth.access.middleware.SessionTimeoutMiddleware",
    "hearth.access.middleware.SecondFactorMiddleware",
    "hearth.drafts.middleware.KeepFormMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "hearth.access.middleware.RequestContextMiddleware",
    "hearth.access.middleware.IdempotencyMiddleware",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.web.context_processors.hearth",
            ],
        },
    },
    {  # the fragments a page repeats row upon row (hearth.core.jinja, issue 14)
        "BACKEND": "hearth.core.jinja.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "hearth.core.jinja.environment"},
    },
]

def _prepare_threshold(name: str = "HEARTH_PG_PREPARE_THRESHOLD") -> int | None:
    """After how many runs PostgreSQL prepares a statement (``hearth.core.database``), or None
    for "off"; a bad value stops start-up, naming it."""
    text = (os.environ.get(name) or "1").strip()
    if text.lower() == "off":
        return None
    if not text.isdigit():
        raise ImproperlyConfigured(f"{name}: {text!r} must be a whole number (0 prepares "
                                   "every statement at once) or \"off\"")
    return int(text)


def _plan_cache_mode(name: str = "HEARTH_PG_PLAN_CACHE_MODE") -> str:
    text = (os.environ.get(name) or "force_generic_plan").strip()
    if text not in ("auto", "force_generic_plan", "force_custom_plan"):
        raise ImproperlyConfigured(f"{name}: {text!r} must be auto, force_generic_plan or "
                                   "force_custom_plan")
    return text


def _page_cost(name: str = "HEARTH_PG_RANDOM_PAGE_COST") -> str:
    text = (os.environ.get(name) or "1.1").strip()
    try:
        if float(text) > 0:
            return text
    except ValueError:
        pass
    raise ImproperlyConfigured(f"{name}: {text!r} must be a number greater than 0, such as 1.1")


DATABASE_URL = os.environ.get("HEARTH_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'hearth.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # One writer at a time, taken at BEGIN: keeps the audit chain linear.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if not DATABASE_URL.startswith("sqlite://:memory:"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: Hearth's reads are short, but a visibility subquery's estimated cost
    # passes jit_above_cost and PostgreSQL then spends a second compiling a query that runs in
    # a millisecond (measured on the home page at 20,000 families, issue 14). And the cost of
    # reading a page out of order as on SSDs and a database held in memory (PostgreSQL's
    # default, 4, is for spinning disks): a team's 500 waiting children are then found by
    # their index, not by reading all 86,000 people (25 ms to 3 ms).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    # And plans kept for prepared statements (``force_generic_plan``): left to choose,
    # PostgreSQL planned Hearth's many-join statements afresh on every run (a professional
    # difference's 7 ms of planning for 1.5 ms of work), judging a generic plan dearer than
    # the custom one; ``HEARTH_PG_PLAN_CACHE_MODE=auto`` leaves it to choose (issue 14).
    _options["options"] = (_options.get("options", "") + " -c jit=off -c random_page_cost="
                           + _page_cost() + " -c plan_cache_mode=" + _plan_cache_mode()).strip()
    # Prepared statements (``hearth.core.database``): off with "off", as behind PgBouncer in
    # transaction mode, which cannot keep a connection's prepared statements.
    _prepare = _prepare_threshold()
    if _prepare is not None:
        _options["server_side_binding"] = True
        _options["prepare_threshold"] = _prepare
_test_name = os.environ.get("HEARTH_TEST_DATABASE_NAME") or None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not _test_name:
    # A file, not :memory:, so that threads (live server, concurrency tests) really share it.
    _test_name = str(DATA_DIR / f"test-{os.getpid()}.sqlite3")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _test_name = str(DATA_DIR / f"{_test_name}.sqlite3")
DATABASES["default"]["TEST"] = {"NAME": _test_name}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "access.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

# Sessions live in the database so several web processes share them.
# Django's model backend, the signed-in user and their team read by one compiled query.
AUTHENTICATION_BACKENDS = ["hearth.access.backends.UserBackend"]
SESSION_ENGINE = "hearth.core.sessions"  # database sessions, refreshed once a minute
SESSION_COOKIE_AGE = 30 * 60  # idle timeout: refreshed on every request
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("HEARTH_SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
#: The timeout warning (issue 15) appears this long before the idle timeout.
HEARTH_SESSION_WARNING_SECONDS = int(os.environ.get("HEARTH_SESSION_WARNING_SECONDS", 120))
#: Drafts of long forms are forgotten this many days after they were last saved.
HEARTH_DRAFT_DAYS = int(os.environ.get("HEARTH_DRAFT_DAYS", 14))
#: A child on a child protection plan is seen at least every this many working days (a local
#: setting, DOMAIN.md §5: default 10); the visit is due on the worker's list of what is due.
HEARTH_CP_VISIT_WORKING_DAYS = int(os.environ.get("HEARTH_CP_VISIT_WORKING_DAYS", 10))
#: R-CIN-1: a child in need plan is reviewed at a CIN meeting every this many months, and the
#: child seen on a statutory CIN visit every this many working days (local settings, DOMAIN.md
#: §5: defaults 3 and 20); both are shown due and overdue.
HEARTH_CIN_REVIEW_MONTHS = int(os.environ.get("HEARTH_CIN_REVIEW_MONTHS", 3))
HEARTH_CIN_VISIT_WORKING_DAYS = int(os.environ.get("HEARTH_CIN_VISIT_WORKING_DAYS", 20))
#: A care leaver is contacted at least every this many weeks (R-CL-2, a local setting:
#: default 8); the contact is due on the personal adviser's list of what is due.
HEARTH_CARE_LEAVER_CONTACT_WEEKS = int(os.environ.get("HEARTH_CARE_LEAVER_CONTACT_WEEKS", 8))
#: The council's contact details, printed on letters and family documents (synthetic
#: defaults for the demo: 01632 960xxx is a range Ofcom keeps for drama).
HEARTH_COUNCIL_NAME = os.environ.get("HEARTH_COUNCIL_NAME", "Northam County Council")
HEARTH_COUNCIL_ADDRESS = os.environ.get(
    "HEARTH_COUNCIL_ADDRESS", "Children's Services, County Hall, 1 Market Street, Northam NM1 1AA")
HEARTH_COUNCIL_PHONE = os.environ.get("HEARTH_COUNCIL_PHONE", "01632 960000")
HEARTH_COUNCIL_EMAIL = os.environ.get("HEARTH_COUNCIL_EMAIL",
                                      "childrens.services@northam.example.org")
LOGIN_THROTTLE_FAILURES = 5  # per username in the window
LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60


def _networks(name: str) -> list:
    """Addresses or networks from a comma-separated setting; a bad one stops start-up, named."""
    import ipaddress

    found = []
    for text in os.environ.get(name, "").split(","):
        if text.strip():
            try:
                found.append(ipaddress.ip_network(text.strip(), strict=False))
            except ValueError as exc:
                raise ImproperlyConfigured(f"{name}: {text.strip()!r} is not an IP address "
                                           "or network") from exc
    return found


#: The proxies (addresses or networks) whose X-Forwarded-For Hearth believes, e.g. the load
#: balancer: the client is the right-most forwarded address that is not itself a trusted
#: proxy. Empty (the default): the connecting address only, and X-Forwarded-For is ignored.
TRUSTED_PROXIES = _networks("HEARTH_TRUSTED_PROXIES")



def _roles(name: str) -> frozenset[str]:
    """Role names from a comma-separated setting; an unknown one stops start-up, named."""
    from hearth.access.codes import Role

    roles = frozenset(part.strip() for part in os.environ.get(name, "").split(",")
                      if part.strip())
    unknown = sorted(roles - set(Role.values))
    if unknown:
        raise ImproperlyConfigured(f"{name}: {', '.join(unknown)} is not a role "
                                   f"(roles: {', '.join(Role.values)})")
    return roles


# --- the second factor at sign-in (issue 13, OWASP ASVS 5.0 level 2) ----------------------
#: Every role signs in with a second factor (an authenticator app's code, a passkey or a
#: recovery code). Roles named here sign in with a password alone; production refuses any.
HEARTH_SECOND_FACTOR_EXEMPT_ROLES = _roles("HEARTH_SECOND_FACTOR_EXEMPT_ROLES")
#: How many recovery codes a user is given (each works once).
HEARTH_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "Hearth"
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes in a row, wait 2^(n-1) seconds
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys are a second factor only, never a way to sign in without the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Hearth"


def _webauthn_rp_id() -> str:
    """The passkeys' domain: HEARTH_WEBAUTHN_RP_ID, else the first allowed host that is a
    name (a passkey cannot belong to an IP address)."""
    import ipaddress

    if os.environ.get("HEARTH_WEBAUTHN_RP_ID", "").strip():
        return os.environ["HEARTH_WEBAUTHN_RP_ID"].strip()
    for host in ALLOWED_HOSTS:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if host not in {"*", ""}:
                return host.lstrip(".")
    return "localhost"


OTP_WEBAUTHN_RP_ID = _webauthn_rp_id()
#: The origins a passkey may be used from: HEARTH_WEBAUTHN_ORIGINS, else the CSRF trusted
#: origins, else https:// on the passkeys' domain (and the demo's http://localhost:8000).
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    o.strip() for o in os.environ.get("HEARTH_WEBAUTHN_ORIGINS", "").split(",") if o.strip()
] or list(CSRF_TRUSTED_ORIGINS) or [f"https://{OTP_WEBAUTHN_RP_ID}"] + (
    [] if PRODUCTION else ["http://localhost:8000"])

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("HEARTH_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    ("govuk", BASE_DIR.parent.parent / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR.parent.parent / "node_modules" / "htmx.org" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True


EMAIL_BACKEND = os.environ.get(
    "HEARTH_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("HEARTH_FROM_EMAIL", "hearth@localhost")

BREAK_GLASS_MINUTES = int(os.environ.get("HEARTH_BREAK_GLASS_MINUTES", 60))


def _mash_deadlines(text: str) -> dict[str, tuple[str, int]]:
    """``red=4h,amber=1wd,green=3wd``: hours (h) or working days (wd) per RAG rating."""
    deadlines = {"red": ("hours", 4), "amber": ("working_days", 1), "green": ("working_days", 3)}
    for part in filter(None, (p.strip() for p in text.split(","))):
        rag, _, amount = part.partition("=")
        unit = "working_days" if amount.endswith("wd") else "hours" if amount.endswith("h") else ""
        number = amount.removesuffix("wd").removesuffix("h")
        if rag not in deadlines or not unit or not number.isdigit() or int(number) < 1:
            raise ImproperlyConfigured(
                f"HEARTH_MASH_DEADLINES: {part!r} is not like red=4h or amber=1wd")
        deadlines[rag] = (unit, int(number))
    return deadlines


# R-MASH: how long partners have to answer, by RAG rating.
MASH_RAG_DEADLINES = _mash_deadlines(os.environ.get("HEARTH_MASH_DEADLINES", ""))


def _whole_number(name: str, default: int, *, least: int = 1) -> int:
    """A whole-number setting from the environment; a bad value stops start-up, naming it."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < least:
        raise ImproperlyConfigured(f"{name}: {text!r} must be a whole number of at least {least}")
    return int(text)


#: API tokens expire: 90 days unless their issuer chooses otherwise, never more than this.
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = _whole_number("HEARTH_API_TOKEN_MAX_DAYS", 365)

#: Issue 14: an audit entry the sequencer (`hearth worker`) has not linked into the log this
#: many seconds after it was written is a failure `hearth audit verify` and /healthz report.
AUDIT_SEQUENCE_MAX_DELAY = _whole_number("HEARTH_AUDIT_SEQUENCE_MAX_DELAY_SECONDS", 60)

#: Failed sign-ins from one client address in the window before that address is throttled:
#: far above the per-username limit, so that an office behind one address is not locked out.
LOGIN_THROTTLE_ADDRESS_FAILURES = _whole_number("HEARTH_LOGIN_THROTTLE_ADDRESS_FAILURES", 100)

# R-FD-4: a contact the worker marks "immediate" must be decided within this many hours of its
# receipt (in place of the one-working-day clock).
IMMEDIATE_DEADLINE_HOURS = _whole_number("HEARTH_IMMEDIATE_DEADLINE_HOURS", 4)

# R-RES-3: this many avoidance events within this many days make a follow-up task, due this
# many working days later; R-RES-4: hostility more serious than the last within this many days
# is escalating.
HEARTH_AVOIDANCE_EVENTS = _whole_number("HEARTH_AVOIDANCE_EVENTS", 2)
HEARTH_AVOIDANCE_DAYS = _whole_number("HEARTH_AVOIDANCE_DAYS", 28)
HEARTH_FOLLOW_UP_WORKING_DAYS = _whole_number("HEARTH_FOLLOW_UP_WORKING_DAYS", 5)
HEARTH_HOSTILITY_DAYS = _whole_number("HEARTH_HOSTILITY_DAYS", 90)

# R-SAFE-4: a lone worker not checked out this many minutes after they were due back alerts
# their manager; this many minutes later it escalates to the on-call senior manager.
CHECKIN_GRACE_MINUTES = _whole_number("HEARTH_CHECKIN_GRACE_MINUTES", 15)
CHECKIN_ESCALATE_MINUTES = _whole_number("HEARTH_CHECKIN_ESCALATE_MINUTES", 30)
CHECKIN_MAX_HOURS = _whole_number("HEARTH_CHECKIN_MAX_HOURS", 12)

# Issue 15: a daily e-mail of each user's work due (counts and a link, no names) is a setting,
# off by default; it goes at this hour, London time, linking to the site's address.
HEARTH_TASK_DIGEST = _flag("HEARTH_TASK_DIGEST")
HEARTH_TASK_DIGEST_HOUR = min(_whole_number("HEARTH_TASK_DIGEST_HOUR", 7, least=0), 23)
HEARTH_SITE_URL = os.environ.get("HEARTH_SITE_URL", "").strip()

# --- documents (issue 15): attached files, their storage, size limit and virus scanning -----


def _document_storage() -> dict:
    """Where attached documents are kept: a folder in the data folder (``documents/``), or an
    S3-compatible bucket through django-storages when HEARTH_DOCUMENT_STORAGE is ``s3``."""
    kind = os.environ.get("HEARTH_DOCUMENT_STORAGE", "").strip().lower() or "folder"
    if kind == "folder":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(DATA_DIR / "documents"),
                            "directory_permissions_mode": 0o700,
                            "file_permissions_mode": 0o600}}
    if kind == "s3":
        options = {"bucket_name": os.environ.get("HEARTH_S3_BUCKET", ""),
                   "default_acl": "private", "querystring_auth": True, "file_overwrite": False}
        for name, key in (("HEARTH_S3_ENDPOINT_URL", "endpoint_url"),
                          ("HEARTH_S3_REGION", "region_name")):
            if os.environ.get(name, "").strip():
                options[key] = os.environ[name].strip()
        if not options["bucket_name"]:
            raise ImproperlyConfigured("HEARTH_DOCUMENT_STORAGE=s3 needs HEARTH_S3_BUCKET")
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    raise ImproperlyConfigured(f"HEARTH_DOCUMENT_STORAGE: {kind!r} is not folder or s3")


STORAGES["documents"] = _document_storage()
#: The largest document Hearth accepts, in megabytes (a bigger upload stops being read and is
#: refused with a message naming the limit: ``core.uploads``).
HEARTH_DOCUMENT_MAX_MB = _whole_number("HEARTH_DOCUMENT_MAX_MB", 25)
#: The ClamAV daemon every document is scanned by (tcp://host:3310 or unix:///path); empty: no
#: scanning. When it is named but cannot be reached, documents are refused, never kept unchecked.
HEARTH_CLAMAV = os.environ.get("HEARTH_CLAMAV", "").strip()
FILE_UPLOAD_HANDLERS = [
    "hearth.core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HEARTH_LOG_LEVEL", "INFO")},
    # Request lines carry only paths of opaque ids; never request bodies or query values.
    "loggers": {"django.request": {"level": "ERROR"}},
}

NINJA_PAGINATION_PER_PAGE = 50


if PRODUCTION and "test" not in sys.argv[1:2]:
    _problems = production_problems(sys.modules[__name__])
    if _problems:
        raise ImproperlyConfigured("Refusing to start: " + "; ".join(_problems))

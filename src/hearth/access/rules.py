"""What each role of DOMAIN.md §1 may do, and how the audit log's MACs and tree are computed.

Permissions are plain strings; every page and API route declares the one it needs
(see ``hearth.access.permissions``). Which *records* a user may see is decided
separately, in ``hearth.people.queries`` (who may see a person).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from hearth.access.codes import Role
from hearth.core import merkle

CASEWORK = {
    "people.search",
    "people.view",
    "people.create",
    "people.edit",
    "people.break_glass",
}
#: Everyone who goes out to families may raise a worker-safety warning, check in for lone
#: work and report an incident (R-SAFE-1, R-SAFE-4, R-SAFE-5).
STAFF_SAFETY = {"safety.warn", "safety.checkin", "incidents.report"}
FRONT_DOOR_WORK = {
    "contacts.view", "contacts.record", "contacts.decide", "contacts.respond", "contacts.queue",
    "mash.manage",
}
#: Attached documents (issue 15): whoever does casework reads and adds them; partners and
#: administrators do not.
DOCUMENTS = {"documents.view", "documents.add"}
CASE_PRACTICE = {"casework.caseload", "assessments.view", "assessments.edit",
                 "visits.view", "visits.record", "records.view", "records.write",
                 "records.release", "chronology.view", "chronology.write",
                 "engagement.view", "engagement.record", "supervision.view",
                 "protection.view", "protection.record", "protection.core_group"} | DOCUMENTS
MANAGEMENT = CASEWORK | FRONT_DOOR_WORK | CASE_PRACTICE | {
    "people.merge", "people.restrict", "audit.access_log", "contacts.authorise",
    "mash.approve_override", "mash.sign_off", "reports.frontdoor", "casework.allocate",
    "assessments.authorise",
    "safety.sign_off", "safety.monitor", "incidents.manage", "supervision.record",
    "protection.conference", "protection.dashboard",
} | STAFF_SAFETY

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SOCIAL_WORKER: frozenset(CASEWORK | FRONT_DOOR_WORK | CASE_PRACTICE | STAFF_SAFETY
                                  | {"people.merge"}),
    Role.ADVANCED_PRACTITIONER: frozenset(CASEWORK | FRONT_DOOR_WORK | CASE_PRACTICE
                                          | STAFF_SAFETY | {"people.merge"}),
    # Only the team manager records whether two workers are allocated (R-TWO-3).
    Role.TEAM_MANAGER: frozenset(MANAGEMENT | {"protection.two_workers"}),
    Role.SERVICE_MANAGER: frozenset(MANAGEMENT),
    Role.FRONT_DOOR: frozenset(CASEWORK | FRONT_DOOR_WORK | STAFF_SAFETY | DOCUMENTS
                               | {"people.merge"}),
    # Partners answer the MASH requests addressed to their agency (R-MASH-4).
    # and see the core groups their agency is part of (R-CP-3).
    Role.MASH_PARTNER: frozenset({"people.search", "people.view", "mash.answer",
                                  "protection.core_group"}),
    Role.LADO: frozenset(CASEWORK | STAFF_SAFETY | DOCUMENTS | {"contacts.view"}),
    Role.FGC_COORDINATOR: frozenset({"people.search", "people.view", "people.break_glass"}
                                    | STAFF_SAFETY),
    # The conference service: arranges and chairs conferences, watches the timescales.
    Role.CONFERENCE_CHAIR: frozenset({"people.search", "people.view", "people.break_glass",
                                      "protection.view", "protection.conference",
                                      "protection.dashboard", "protection.core_group",
                                      "chronology.view"} | STAFF_SAFETY | DOCUMENTS),
    Role.FAMILY_PRACTITIONER: frozenset({"people.search", "people.view", "people.break_glass",
                                         "casework.caseload", "visits.view", "visits.record",
                                         "records.view", "records.write",
                                         "chronology.view", "chronology.write",
                                         "engagement.view", "engagement.record",
                                         "supervision.view", "protection.view",
                                         "protection.core_group"} | STAFF_SAFETY
                                        | DOCUMENTS),
    Role.BUSINESS_SUPPORT: frozenset({"people.search", "people.view", "contacts.view",
                                      "contacts.respond", "incidents.report"}),
    # Administrators manage users and teams and reverse merges; they never read casework.
    Role.ADMINISTRATOR: frozenset({"admin.users", "admin.teams", "people.unmerge", "audit.verify"}),
}

#: Every role that works with children reads its own list of what is due and holds tasks;
#: all but partner agencies set them for colleagues (issue 15).
WORK = "work.view"
TASKS = {"tasks.view", "tasks.set"}
PERMISSIONS = {role: perms if role == Role.ADMINISTRATOR
               else perms | {WORK} | (TASKS - {"tasks.set"} if role == Role.MASH_PARTNER
                                      else TASKS)
               for role, perms in PERMISSIONS.items()}

#: Resolving professional differences (issue 16, R-PD-2): any practitioner, in any agency,
#: raises one and follows it; team and service managers see them all (R-PD-3).
DIFFERENCES = {"differences.raise", "differences.view"}
PERMISSIONS = {role: perms if role in (Role.ADMINISTRATOR, Role.BUSINESS_SUPPORT)
               else perms | DIFFERENCES
               | ({"differences.manage"} if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
                  else set())
               for role, perms in PERMISSIONS.items()}

ALL_PERMISSIONS = frozenset().union(*PERMISSIONS.values())


def has_permission(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())


MANAGER_ROLES = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}


def needs_second_administrator(role: str) -> bool:
    """Whether giving ``role`` waits for a second administrator's approval (issue 13 item 5):
    a role that reads people's records (casework), or an administrator's own."""
    return role == Role.ADMINISTRATOR or has_permission(role, "people.view")

def second_factor_required(role: str) -> bool:
    """Whether this role signs in with a second factor (issue 13): every role, unless
    ``HEARTH_SECOND_FACTOR_EXEMPT_ROLES`` names it (which production refuses)."""
    return role not in settings.HEARTH_SECOND_FACTOR_EXEMPT_ROLES


def recovery_code_digest(code: str) -> str:
    """What is stored of a recovery code: a keyed digest (16 hex characters, the most a
    django-otp static token holds), so that the database alone does not give the codes away.
    Spaces, dashes and case do not matter."""
    normal = "".join(code.split()).replace("-", "").lower()
    return hmac.new(hashlib.sha256(("hearth-recovery:" + settings.SECRET_KEY).encode()).digest(),
                    normal.encode(), hashlib.sha256).hexdigest()[:16]


def recovery_code_shown(code: str) -> str:
    """A recovery code as the user reads it: ``abcd-efgh``."""
    return f"{code[:4]}-{code[4:]}"


def totp_code_reused(*, key: bytes, code: str, last_t: int, at: float, step: int = 30,
                     digits: int = 6, drift: int = 0, tolerance: int = 1) -> bool:
    """Whether ``code`` is the code of a time step already used (``last_t`` or before) that is
    still within the accepted drift: refused as a replay, and said so plainly."""
    from django_otp.oath import hotp

    now = int(at) // step + drift
    return any(0 <= t <= last_t and str(hotp(key, t, digits=digits)).zfill(digits) == code
               for t in range(now - tolerance, now + tolerance + 1))


#: The front door: the Children's Resource Service, with the MASH and the Emergency Duty Team
#: that sit within it (seed 003). Values of ``access.models.Service``.
FRONT_DOOR_SERVICES = frozenset({"crs", "mash", "edt"})


def is_front_door_manager(role: str, team_service: str | None) -> bool:
    """A team manager of a front-door team (a "CRS manager"): they authorise front-door
    decisions (R-FD-5), sign off MASH analyses (R-MASH-5) and see what front-door workers see."""
    return role == Role.TEAM_MANAGER and team_service in FRONT_DOOR_SERVICES


PERMISSION_LABELS = {
    "people.search": "searching for people",
    "people.view": "opening people's records",
    "people.create": "adding people",
    "people.edit": "changing people's records",
    "people.merge": "merging duplicate records",
    "people.unmerge": "reversing merges",
    "people.restrict": "restricting records",
    "people.break_glass": "breaking the glass on restricted records",
    "audit.access_log": "reading who has looked at a record",
    "audit.verify": "verifying the audit trail",
    "admin.users": "managing users",
    "admin.teams": "managing teams",
    "contacts.view": "reading contacts",
    "contacts.record": "recording contacts",
    "contacts.decide": "deciding on contacts",
    "contacts.authorise": "authorising decisions",
    "contacts.respond": "writing to referrers",
    "contacts.queue": "working the front-door queue",
    "mash.manage": "managing MASH information gathering",
    "mash.approve_override": "approving consent overrides",
    "mash.sign_off": "signing off MASH analyses",
    "mash.answer": "answering MASH requests",
    "reports.frontdoor": "reading front-door reports",
    "casework.allocate": "allocating cases",
    "casework.caseload": "reading caseloads",
    "assessments.view": "reading assessments",
    "assessments.edit": "recording assessments",
    "assessments.authorise": "authorising assessments",
    "visits.view": "reading visits",
    "visits.record": "recording visits",
    "records.view": "reading case records",
    "records.write": "writing case records",
    "records.release": "releasing copies of records to the people they are about",
    "chronology.view": "reading chronologies",
    "chronology.write": "adding chronology entries",
    "engagement.view": "reading engagement and follow-up",
    "engagement.record": "recording engagement and hostility",
    "safety.warn": "raising worker-safety warnings",
    "safety.sign_off": "signing off worker-safety warnings",
    "safety.checkin": "checking in for lone work",
    "safety.monitor": "seeing who is out and who is overdue",
    "incidents.report": "reporting incidents",
    "incidents.manage": "managing incidents",
    "supervision.view": "reading supervision",
    "work.view": "reading what is due",
    "supervision.record": "recording supervision",
    "protection.view": "reading child protection records",
    "protection.record": "recording strategy discussions, Section 47 enquiries and plans",
    "protection.conference": "recording child protection conferences",
    "protection.dashboard": "reading the child protection dashboards",
    "protection.core_group": "reading core groups' roles and tasks",
    "protection.two_workers": "recording two-worker decisions",
    "differences.raise": "raising professional differences",
    "differences.view": "reading professional differences",
    "differences.manage": "reading every professional difference of the service",
}


def refusal(role: str, permission: str) -> str:
    """A plain-English reason a role cannot do something."""
    label = dict(Role.choices).get(role, role)
    what = PERMISSION_LABELS.get(permission, permission)
    return f"As {label.lower()}, you cannot do this ({what})."


# --- who is signing in from where ----------------------------------------------------------

def client_address(remote_addr: str, forwarded_for: str, trusted: Sequence) -> str:
    """The client's address: the connecting one, unless it is a trusted proxy; then the
    right-most address in X-Forwarded-For that is not itself a trusted proxy (a client can
    write anything at the left of the header, only the proxies' own additions count). An
    unparseable forwarded address is not believed: the proxy's own address is used."""
    def is_trusted(text: str) -> bool:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            return False
        return any(address in network for network in trusted)

    remote = (remote_addr or "").strip()
    if not trusted or not is_trusted(remote):
        return remote[:45]
    for hop in reversed([part.strip() for part in (forwarded_for or "").split(",")]):
        if not hop:
            continue
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote[:45]
        if not is_trusted(hop):
            return hop[:45]
    return remote[:45]


def sign_in_throttled(*, by_username: int, by_address: int, username_limit: int,
                      address_limit: int) -> bool:
    """Throttled when this username or this client address has failed too often in the
    window (the counts include the attempt being made)."""
    return by_username > username_limit or by_address > address_limit


# --- API tokens: scoped, expiring, revocable (issue 13) ------------------------------------

#: Methods a read-only token may use.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_LIFETIMES_DAYS = (7, 30, 90, 180, 365)


def token_allows(scope: str, method: str) -> bool:
    """A read-only token reads; a read-and-write token may also write."""
    return scope == "write" or method.upper() in READ_METHODS


def token_lifetime_problem(days: int, longest: int) -> str:
    """Why a token cannot live ``days`` days, or "" when it can."""
    if days < 1:
        return "A token must last at least one day."
    if days > longest:
        return f"A token can last at most {longest} days; issue a new one when it expires."
    return ""


# --- the audit log's MACs and signed heads (ENGINEERING.md practice 6, issue 14) ------------

GENESIS = "0" * 64
#: The columns of an entry its MACs cover, in this order (verify streams them as tuples).
CONTENT = ("id", "at", "user_id_snapshot", "username", "ip", "user_agent", "action",
           "object_type", "object_id", "fields", "reason")
_BASE: list = [None, None]


def _mac(data: bytes) -> str:
    """HMAC-SHA-256 under the audit key (kept outside the database: HEARTH_AUDIT_KEY)."""
    secret = settings.AUDIT_HMAC_KEY
    if _BASE[0] != secret:
        key = hashlib.sha256(("hearth-audit:" + secret).encode()).digest()
        _BASE[:] = [secret, hmac.new(key, digestmod=hashlib.sha256)]
    mac = _BASE[1].copy()
    mac.update(data)
    return mac.hexdigest()


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def canonical(row: Sequence) -> bytes:
    """An entry's content (``CONTENT`` in order) as the bytes its MACs and leaf cover: a JSON
    array, the time in ISO 8601, the fields' keys sorted. The entry's id is in it, so that a
    copy of a row is not a valid entry."""
    return _ENCODER.encode([row[0], row[1].isoformat(), *row[2:]]).encode()


def content_mac(content: bytes) -> str:
    """The MAC an entry is written with, in its change's transaction (before it has a place)."""
    return _mac(b"entry|" + content)


def entry_leaf(seq: int, content: bytes) -> bytes:
    """The entry's leaf in the Merkle tree: its place (``seq``, from 1) and its content."""
    return merkle.leaf_hash(b"hearth-audit|%d|" % seq + content)


def chain_mac(previous: str, leaf: bytes) -> str:
    """The MAC linking an entry to the one before it in the log (``GENESIS`` for the first)."""
    return _mac(b"chain|" + previous.encode() + b"|" + leaf)


def head_signature(size: int, root: str, chain: str, signed_at: str) -> str:
    return _mac(f"tree-head|{size}|{root}|{chain}|{signed_at}".encode())


@dataclass(frozen=True)
class Head:
    """A signed head: the log's first ``size`` entries have the Merkle tree hash ``root`` and
    end with the chain MAC ``chain``, signed with the audit key at ``signed_at``. A head kept
    by Hearth before issue 14 (``legacy``) names only the chain's length and last MAC."""

    size: int
    root: str
    chain: str
    signed_at: str
    signature: str
    legacy: bool = False

    def genuine(self) -> bool:
        expected = (_mac(f"head|{self.size}|{self.chain}".encode()) if self.legacy else
                    head_signature(self.size, self.root, self.chain, self.signed_at))
        return hmac.compare_digest(expected, self.signature)


def sign_head(size: int, root: str, chain: str, signed_at: datetime) -> Head:
    when = signed_at.isoformat()
    return Head(size, root, chain, when, head_signature(size, root, chain, when))


def head_text(head: Head) -> str:
    """A head kept outside the database (one line of JSON)."""
    return json.dumps({"size": head.size, "root": head.root, "chain": head.chain,
                       "signed_at": head.signed_at, "signature": head.signature},
                      sort_keys=True) + "\n"


def parse_head(text: str) -> Head | None:
    """The head in a kept copy's contents, or None if they are not one."""
    try:
        data = json.loads(text)
        if "seq" in data and "size" not in data:
            head = Head(int(data["seq"]), "", str(data["mac"]), "", str(data["head_mac"]),
                        legacy=True)
        else:
            head = Head(int(data["size"]), str(data["root"]), str(data["chain"]),
                        str(data["signed_at"]), str(data["signature"]))
    except (ValueError, TypeError, KeyError):
        return None
    return head if head.size >= 0 else None

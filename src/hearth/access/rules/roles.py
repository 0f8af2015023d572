"""What each role of DOMAIN.md §1 may do: permissions are plain strings; every page and API
route declares the one it needs (see ``hearth.access.permissions``). Which *records* a user
may see is decided separately (``hearth.core.visibility`` and each app's scope)."""

from __future__ import annotations

from hearth.access.codes import Role

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

#: LADO matters (issue 16, R-LADO-3): the LADO works them; the LADO's service manager reads
#: them and the annual figures (``lado.queries.matters.in_lado_service`` narrows it to the
#: service manager of the LADO's team); the front door, MASH partners and the LADO notify
#: through the API, and read back no matter.
LADO_NOTIFY = "lado.notify"
LADO_MANAGER = {"lado.view", "lado.report"}
LADO_WORK = LADO_MANAGER | {"lado.manage", LADO_NOTIFY}

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SOCIAL_WORKER: frozenset(CASEWORK | FRONT_DOOR_WORK | CASE_PRACTICE | STAFF_SAFETY
                                  | {"people.merge"}),
    Role.ADVANCED_PRACTITIONER: frozenset(CASEWORK | FRONT_DOOR_WORK | CASE_PRACTICE
                                          | STAFF_SAFETY | {"people.merge"}),
    # Only the team manager records whether two workers are allocated (R-TWO-3).
    Role.TEAM_MANAGER: frozenset(MANAGEMENT | {"protection.two_workers"}),
    Role.SERVICE_MANAGER: frozenset(MANAGEMENT | LADO_MANAGER),
    Role.FRONT_DOOR: frozenset(CASEWORK | FRONT_DOOR_WORK | STAFF_SAFETY | DOCUMENTS
                               | {"people.merge", LADO_NOTIFY}),
    # Partners answer the MASH requests addressed to their agency (R-MASH-4).
    # and see the core groups their agency is part of (R-CP-3).
    Role.MASH_PARTNER: frozenset({"people.search", "people.view", "mash.answer",
                                  "protection.core_group", LADO_NOTIFY}),
    Role.LADO: frozenset(CASEWORK | STAFF_SAFETY | DOCUMENTS | {"contacts.view"} | LADO_WORK),
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
    # Issue 17: the IRO reviews looked-after children's care plans (R-CLA-3); the personal
    # adviser works with care leavers (R-CL-2). Which children each sees, and what each app
    # lets them do, the looked_after and leaving_care apps add.
    Role.IRO: frozenset({"people.search", "people.view", "people.break_glass",
                         "assessments.view", "visits.view", "records.view", "chronology.view",
                         "protection.view"} | STAFF_SAFETY | DOCUMENTS),
    Role.PERSONAL_ADVISER: frozenset({"people.search", "people.view", "people.break_glass",
                                      "casework.caseload", "visits.view", "visits.record",
                                      "records.view", "records.write", "chronology.view",
                                      "chronology.write", "engagement.view",
                                      "engagement.record"} | STAFF_SAFETY | DOCUMENTS),
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

#: Family Group Conferences (issue 16): the professionals who work with a family refer it and
#: read its FGC; the FGC service's coordinators coordinate them and take them from the queue;
#: managers allocate them to coordinators (``fgc.rules.referrals.is_fgc_manager``).
FGC_REFERRERS = (Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER,
                 Role.SERVICE_MANAGER, Role.FAMILY_PRACTITIONER)
FGC_GRANTS: dict[str, set[str]] = {role: {"fgc.view", "fgc.refer"} for role in FGC_REFERRERS}
for _manager in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
    FGC_GRANTS[_manager].add("fgc.allocate")
FGC_GRANTS[Role.FGC_COORDINATOR] = {"fgc.view", "fgc.coordinate", "fgc.allocate"}
PERMISSIONS = {role: perms | FGC_GRANTS.get(role, set()) for role, perms in PERMISSIONS.items()}
#: Resolving professional differences (issue 16, R-PD-2): any practitioner, in any agency,
#: raises one and follows it; team and service managers see them all (R-PD-3).
DIFFERENCES = {"differences.raise", "differences.view"}
PERMISSIONS = {role: perms if role in (Role.ADMINISTRATOR, Role.BUSINESS_SUPPORT)
               else perms | DIFFERENCES
               | ({"differences.manage"} if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
                  else set())
               for role, perms in PERMISSIONS.items()}
#: Children looked after (issue 17): whoever works with the child reads their periods of care;
#: social workers, advanced practitioners and managers record them; managers read the
#: children-in-care dashboard.
LOOKED_AFTER_MANAGE = (Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER,
                       Role.SERVICE_MANAGER)
LOOKED_AFTER_VIEW = (*LOOKED_AFTER_MANAGE, Role.FAMILY_PRACTITIONER, Role.IRO,
                     Role.PERSONAL_ADVISER, Role.CONFERENCE_CHAIR)
PERMISSIONS = {role: perms
               | ({"looked_after.view"} if role in LOOKED_AFTER_VIEW else set())
               | ({"looked_after.manage"} if role in LOOKED_AFTER_MANAGE else set())
               | ({"looked_after.dashboard"} if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
                  else set())
               for role, perms in PERMISSIONS.items()}
#: Child in need plans (issue 17, R-CIN-1, R-CIN-2): social workers, advanced practitioners,
#: team and service managers start them, record CIN meetings and end them; family
#: practitioners read them.
CIN_GRANTS: dict[str, set[str]] = {role: {"cin.view", "cin.manage"} for role in (
    Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER)}
CIN_GRANTS[Role.FAMILY_PRACTITIONER] = {"cin.view"}
PERMISSIONS = {role: perms | CIN_GRANTS.get(role, set()) for role, perms in PERMISSIONS.items()}
PERMISSION_LABELS_CIN = {"cin.view": "reading child in need plans",
                         "cin.manage": "starting child in need plans, recording CIN meetings "
                                       "and ending plans"}

#: Children looked after (issue 17): reviews, plans, statutory visits, health and education
#: (R-CLA-2..5). Who works with children in care reads them (``looked_after.view``, the name
#: the rest of the app uses too); case holders and managers record visits, plans and health
#: (``looked_after.manage``); the IRO records reviews (``looked_after.review``); managers
#: allocate the IRO (``looked_after.allocate_iro``).
CLA_GRANTS: dict[str, set[str]] = {
    Role.TEAM_MANAGER: {"looked_after.allocate_iro"},
    Role.SERVICE_MANAGER: {"looked_after.allocate_iro"},
    Role.IRO: {"looked_after.review"},
}
PERMISSIONS = {role: perms | CLA_GRANTS.get(role, set()) for role, perms in PERMISSIONS.items()}
#: Missing children (issue 17, R-CLA-6): whoever works with children records a missing
#: episode, its return and the return interview — caseworkers, the front door, EDT and
#: managers; the IRO and the personal adviser read them. Care leavers (R-CL-1..3): the
#: personal adviser and caseworkers record contact, plans and keeping in touch
#: (``leaving_care.manage``); managers allocate the personal adviser.
MISSING = {"missing.view", "missing.record"}
LEAVING_CARE = {"leaving_care.view", "leaving_care.manage"}
ISSUE_17_GRANTS: dict[str, set[str]] = {
    Role.SOCIAL_WORKER: MISSING | LEAVING_CARE,
    Role.ADVANCED_PRACTITIONER: MISSING | LEAVING_CARE,
    Role.FRONT_DOOR: set(MISSING),
    Role.TEAM_MANAGER: MISSING | LEAVING_CARE | {"leaving_care.allocate"},
    Role.SERVICE_MANAGER: MISSING | LEAVING_CARE | {"leaving_care.allocate"},
    Role.IRO: {"missing.view", "leaving_care.view"},
    Role.PERSONAL_ADVISER: {"missing.view"} | LEAVING_CARE,
}
PERMISSIONS = {role: perms | ISSUE_17_GRANTS.get(role, set())
               for role, perms in PERMISSIONS.items()}
#: A manager reads their team's (a service manager: the service's) whole list of what is due
#: (issue 14: the home page shows each worker's most pressing few).
WORK_TEAM = "work.team"
PERMISSIONS = {role: perms | ({WORK_TEAM} if role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
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
    "work.team": "reading what is due for a team",
    "supervision.record": "recording supervision",
    "protection.view": "reading child protection records",
    "protection.record": "recording strategy discussions, Section 47 enquiries and plans",
    "protection.conference": "recording child protection conferences",
    "protection.dashboard": "reading the child protection dashboards",
    "protection.core_group": "reading core groups' roles and tasks",
    "protection.two_workers": "recording two-worker decisions",
    "lado.view": "reading LADO matters",
    "lado.manage": "recording LADO matters",
    "lado.report": "reading the LADO's annual figures",
    "lado.notify": "notifying the LADO of an allegation",
    "differences.raise": "raising professional differences",
    "differences.view": "reading professional differences",
    "differences.manage": "reading every professional difference of the service",
}
PERMISSION_LABELS.update({
    "fgc.view": "reading Family Group Conferences",
    "fgc.refer": "referring families for Family Group Conferences",
    "fgc.coordinate": "coordinating Family Group Conferences",
    "fgc.allocate": "allocating Family Group Conferences to coordinators",
})
PERMISSION_LABELS.update({
    "looked_after.view": "reading the records of children looked after",
    "looked_after.manage": "recording the care of children looked after: periods of care, "
                           "episodes, placements, plans, visits, health",
    "looked_after.review": "recording reviews of children looked after",
    "looked_after.allocate_iro": "allocating Independent Reviewing Officers",
    "looked_after.dashboard": "reading the children-in-care dashboard",
    "missing.view": "reading missing episodes",
    "missing.record": "recording missing episodes and return interviews",
    "leaving_care.view": "reading care leavers' records",
    "leaving_care.manage": "recording care leavers' contact, plans and keeping in touch",
    "leaving_care.allocate": "allocating personal advisers to care leavers",
})
PERMISSION_LABELS.update(PERMISSION_LABELS_CIN)


def refusal(role: str, permission: str) -> str:
    """A plain-English reason a role cannot do something."""
    label = dict(Role.choices).get(role, role)
    what = PERMISSION_LABELS.get(permission, permission)
    return f"As {label.lower()}, you cannot do this ({what})."

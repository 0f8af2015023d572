"""The kinds of chronology event and the lanes they are drawn in (R-CHR-2).

Each kind belongs to one lane; the lanes are the rows of the timeline (R-CHR-3). Kinds marked
as ``MANUAL_KINDS`` are what a worker may add by hand; the others are written by the modules
themselves when something significant happens.
"""

from __future__ import annotations

from django.db import models


class Lane(models.TextChoices):
    CONTACTS = "contacts", "Contacts and referrals"
    CASEWORK = "casework", "Casework, assessments and plans"
    VISITS = "visits", "Visits"
    NON_COOPERATION = "non_cooperation", "Missed visits and non-cooperation"
    HOUSEHOLD = "household", "Household and addresses"
    SCHOOL = "school", "School"
    HEALTH = "health", "Injuries, hospital and medical"
    DISCLOSURES = "disclosures", "Disclosures"
    LEGAL = "legal", "Legal status"
    RECORDS = "records", "Significant records"
    PROTECTION = "protection", "Child protection"
    OTHER = "other", "Other"


class Kind(models.TextChoices):
    # Written by the front door
    CONTACT_RECEIVED = "contact_received", "Contact received"
    CONTACT_DECISION = "contact_decision", "Front-door decision"
    # Written by casework and assessments
    ALLOCATED = "allocated", "Allocated to a worker"
    REALLOCATED = "reallocated", "Worker changed"
    SECONDARY_WORKER = "secondary_worker", "Co-allocated worker"
    CASE_CLOSED = "case_closed", "Case closed"
    ASSESSMENT_STARTED = "assessment_started", "Assessment started"
    ASSESSMENT_COMPLETED = "assessment_completed", "Assessment authorised"
    # Written by visits
    VISIT = "visit", "Visit"
    VISIT_CUT_SHORT = "visit_cut_short", "Visit cut short"
    NO_ACCESS = "no_access", "No access at a visit"
    VISIT_CANCELLED = "visit_cancelled", "Visit cancelled by the family"
    UNKNOWN_ADULT = "unknown_adult", "Adult not known to us seen"
    # Written by engagement and incidents (R-RES-1, R-RES-2, R-SAFE-5)
    MISSED_APPOINTMENT = "missed_appointment", "Missed appointment"
    NO_ANSWER = "no_answer", "No answer at the door"
    COMMUNICATION_BLOCKED = "communication_blocked", "Communication blocked"
    HOSTILITY = "hostility", "Hostility"
    INCIDENT = "incident", "Incident against a worker"
    # Written by child protection (R-CP-1..4)
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    S47_VISIT = "s47_visit", "Section 47 visit"
    S47_OUTCOME = "s47_outcome", "Section 47 enquiry outcome"
    CONFERENCE = "conference", "Child protection conference"
    CP_PLAN_STARTED = "cp_plan_started", "Child protection plan started"
    CP_PLAN_ENDED = "cp_plan_ended", "Child protection plan ended"
    CORE_GROUP = "core_group", "Core group meeting"
    # Written by the LADO service (a marker only, R-LADO-3), professional differences (R-PD-2)
    # and Family Group Conferences (R-FGC-1..4), issue 16
    LADO_MATTER = "lado_matter", "LADO matter"
    PROFESSIONAL_DIFFERENCE = "professional_difference", "Professional difference"
    FGC = "fgc", "Family Group Conference"
    # Written by child in need plans (R-CIN-1, R-CIN-2), issue 17
    CIN_PLAN_STARTED = "cin_plan_started", "Child in need plan started"
    CIN_MEETING = "cin_meeting", "CIN meeting"
    CIN_PLAN_ENDED = "cin_plan_ended", "Child in need plan ended"
    # Written by children looked after: reviews held by the IRO (R-CLA-3), issue 17
    CLA_REVIEW = "cla_review", "Looked-after review"
    # Written by children looked after (R-CLA-1, R-CLA-7), issue 17
    ENTERED_CARE = "entered_care", "Became looked after"
    PLACEMENT_MOVE = "placement_move", "Placement move"
    LEGAL_STATUS_CHANGED = "legal_status_changed", "Legal status changed (looked after)"
    CEASED_CARE = "ceased_care", "Ceased to be looked after"
    # Written by missing children (R-CLA-6) and care leavers (R-CL-1..3), issue 17
    WENT_MISSING = "went_missing", "Went missing"
    MISSING_RETURNED = "missing_returned", "Returned after going missing"
    RETURN_INTERVIEW = "return_interview", "Return interview"
    CARE_LEAVER = "care_leaver", "Became a care leaver"
    PATHWAY_PLAN = "pathway_plan", "Pathway plan"
    KEEPING_IN_TOUCH = "keeping_in_touch", "Keeping in touch with a care leaver"
    # Written by people
    ADDRESS_MOVE = "address_move", "Moved address"
    JOINED_HOUSEHOLD = "joined_household", "Joined the household"
    LEFT_HOUSEHOLD = "left_household", "Left the household"
    # Written by records
    CASE_NOTE = "case_note", "Significant case record"
    # Added by hand (R-CHR-2)
    SCHOOL_CHANGE = "school_change", "School move or change"
    LEGAL_STATUS = "legal_status", "Legal status change"
    INJURY = "injury", "Injury"
    HOSPITAL = "hospital", "Hospital or medical treatment"
    DISCLOSURE = "disclosure", "Disclosure of abuse"
    NON_COOPERATION = "non_cooperation", "Non-cooperation"
    FAMILY_CHANGE = "family_change", "Change in family composition"
    OTHER = "other", "Other significant event"


LANE_OF: dict[str, str] = {
    Kind.CONTACT_RECEIVED: Lane.CONTACTS,
    Kind.CONTACT_DECISION: Lane.CONTACTS,
    Kind.ALLOCATED: Lane.CASEWORK,
    Kind.REALLOCATED: Lane.CASEWORK,
    Kind.SECONDARY_WORKER: Lane.CASEWORK,
    Kind.CASE_CLOSED: Lane.CASEWORK,
    Kind.ASSESSMENT_STARTED: Lane.CASEWORK,
    Kind.ASSESSMENT_COMPLETED: Lane.CASEWORK,
    Kind.VISIT: Lane.VISITS,
    Kind.VISIT_CUT_SHORT: Lane.NON_COOPERATION,
    Kind.NO_ACCESS: Lane.NON_COOPERATION,
    Kind.VISIT_CANCELLED: Lane.NON_COOPERATION,
    Kind.UNKNOWN_ADULT: Lane.HOUSEHOLD,
    Kind.MISSED_APPOINTMENT: Lane.NON_COOPERATION,
    Kind.NO_ANSWER: Lane.NON_COOPERATION,
    Kind.COMMUNICATION_BLOCKED: Lane.NON_COOPERATION,
    Kind.HOSTILITY: Lane.NON_COOPERATION,
    Kind.INCIDENT: Lane.NON_COOPERATION,
    Kind.STRATEGY_DISCUSSION: Lane.PROTECTION,
    Kind.S47_VISIT: Lane.PROTECTION,
    Kind.S47_OUTCOME: Lane.PROTECTION,
    Kind.CONFERENCE: Lane.PROTECTION,
    Kind.CP_PLAN_STARTED: Lane.PROTECTION,
    Kind.CP_PLAN_ENDED: Lane.PROTECTION,
    Kind.CORE_GROUP: Lane.PROTECTION,
    Kind.LADO_MATTER: Lane.OTHER,
    Kind.PROFESSIONAL_DIFFERENCE: Lane.CASEWORK,
    Kind.FGC: Lane.CASEWORK,
    Kind.CIN_PLAN_STARTED: Lane.CASEWORK,
    Kind.CIN_MEETING: Lane.CASEWORK,
    Kind.CIN_PLAN_ENDED: Lane.CASEWORK,
    Kind.CLA_REVIEW: Lane.CASEWORK,
    Kind.ENTERED_CARE: Lane.LEGAL,
    Kind.PLACEMENT_MOVE: Lane.HOUSEHOLD,
    Kind.LEGAL_STATUS_CHANGED: Lane.LEGAL,
    Kind.CEASED_CARE: Lane.LEGAL,
    Kind.WENT_MISSING: Lane.PROTECTION,
    Kind.MISSING_RETURNED: Lane.PROTECTION,
    Kind.RETURN_INTERVIEW: Lane.PROTECTION,
    Kind.CARE_LEAVER: Lane.CASEWORK,
    Kind.PATHWAY_PLAN: Lane.CASEWORK,
    Kind.KEEPING_IN_TOUCH: Lane.CASEWORK,
    Kind.ADDRESS_MOVE: Lane.HOUSEHOLD,
    Kind.JOINED_HOUSEHOLD: Lane.HOUSEHOLD,
    Kind.LEFT_HOUSEHOLD: Lane.HOUSEHOLD,
    Kind.CASE_NOTE: Lane.RECORDS,
    Kind.SCHOOL_CHANGE: Lane.SCHOOL,
    Kind.LEGAL_STATUS: Lane.LEGAL,
    Kind.INJURY: Lane.HEALTH,
    Kind.HOSPITAL: Lane.HEALTH,
    Kind.DISCLOSURE: Lane.DISCLOSURES,
    Kind.NON_COOPERATION: Lane.NON_COOPERATION,
    Kind.FAMILY_CHANGE: Lane.HOUSEHOLD,
    Kind.OTHER: Lane.OTHER,
}

MANUAL_KINDS = (Kind.SCHOOL_CHANGE, Kind.LEGAL_STATUS, Kind.INJURY, Kind.HOSPITAL,
                Kind.DISCLOSURE, Kind.NON_COOPERATION, Kind.FAMILY_CHANGE, Kind.OTHER)

#: Where an event came from: a module's record, or a worker's hand entry.
MANUAL = "manual"

#: The agency named as the source when children's services recorded it themselves.
OWN_SERVICE = "Children's services"

"""SSDA903 codes of a period of care, its episodes and placements (RETURNS.md §2.4)."""

from __future__ import annotations

from django.db import models


class ReasonNewEpisode(models.TextChoices):
    """RNE: why a new episode started (R-CLA-1)."""

    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer(s) only"
    T = "T", "Change of placement but same carer(s) only"
    B = "B", "Change of legal status and of placement and carer(s) at the same time"
    U = "U", "Change of legal status and of placement but same carer(s)"


class LegalStatus(models.TextChoices):
    """LS: the legal status during an episode."""

    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    V2 = "V2", "Single period of accommodation under section 20"
    V3 = "V3", "Agreed series of short-term breaks, individual episodes recorded"
    V4 = "V4", "Agreed series of short-term breaks, agreements recorded"
    L1 = "L1", "Under police protection and in local authority accommodation"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Under a child assessment order and in local authority accommodation"
    J1 = "J1", "Remanded to local authority or youth detention accommodation"
    J2 = "J2", "In local authority accommodation under PACE 1984"
    J3 = "J3", "Youth rehabilitation order with a residence or intensive fostering requirement"


class CategoryOfNeed(models.TextChoices):
    """CIN on an episode: the main reason for being looked after (N1-N8 only; constant within a
    period of care, SSDA903 rule 504)."""

    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"


class PlacementType(models.TextChoices):
    """PLACE: the placement type (the list valid for 2025-26)."""

    A3 = "A3", "Placed for adoption with consent, with current foster carers"
    A4 = "A4", "Placed for adoption with consent, not with current foster carers"
    A5 = "A5", "Placed for adoption with a placement order, with current foster carers"
    A6 = "A6", "Placed for adoption with a placement order, not with current foster carers"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home subject to Children's Homes Regulations"
    K3 = "K3", "Registered supported accommodation"
    P1 = "P1", "Placed with own parents or other person with parental responsibility"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS or health trust establishment providing medical or nursing care"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution or prison"
    S1 = "S1", "Residential school"
    T0 = "T0", "Temporary move of any kind"
    T1 = "T1", "Temporary period in hospital"
    T2 = "T2", "Temporary absence on holiday"
    T3 = "T3", "Temporary accommodation while the foster carers are on holiday"
    T4 = "T4", "Temporary accommodation of 7 days or less for any other reason"
    U1 = "U1", "Foster placement with relatives or friends, long-term fostering"
    U2 = "U2", "Foster placement with relatives or friends who are approved adopters (FFA)"
    U3 = "U3", "Foster placement with relatives or friends, not long-term or FFA"
    U4 = "U4", "Foster placement with other foster carers, long-term fostering"
    U5 = "U5", "Foster placement with other foster carers who are approved adopters (FFA)"
    U6 = "U6", "Foster placement with other foster carers, not long-term or FFA"
    Z11 = "Z11", "Other placement (Z11)"
    Z12 = "Z12", "Other placement (Z12)"
    Z13 = "Z13", "Other placement (Z13)"
    Z14 = "Z14", "Other placement (Z14)"


#: Agreed series of short breaks: the child stays a child in need between them (R-CIN-2).
SHORT_BREAKS = frozenset({"V3", "V4"})
#: Placements with no provider code and no URN (RETURNS.md §2.3).
TEMPORARY_OR_OTHER = frozenset({"T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"})
#: Placement types that need no URN (SSDA903 rules 218, 222).
NO_URN = TEMPORARY_OR_OTHER | {"P1", "P3", "R1", "R2", "R5"}
#: Foster placements (a fostering household is the carer, issue 18).
FOSTER = frozenset({"U1", "U2", "U3", "U4", "U5", "U6", "A3", "A5"})


class PlacementProvider(models.TextChoices):
    """PLACE_PROVIDER: who provides the placement (blank for temporary and Z11-Z14)."""

    PR0 = "PR0", "Parents or other person with parental responsibility"
    PR1 = "PR1", "Own local authority provision"
    PR2 = "PR2", "Another local authority's provision"
    PR3 = "PR3", "Other public provision"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary or third sector provision"


class ReasonEpisodeCeased(models.TextChoices):
    """REC: why an episode ended; every code but X1 ends the period of care (R-CLA-7)."""

    X1 = "X1", "Episode ends and a new one begins the same day"
    E11 = "E11", "Adopted, application unopposed"
    E12 = "E12", "Adopted, consent dispensed with by the court"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another local authority"
    E4A = "E4A", "Returned home as part of the care plan"
    E4B = "E4B", "Returned home not as part of the care plan"
    E13 = "E13", "Left care to live with people without parental responsibility"
    E41 = "E41", "Child arrangements order granted"
    E45 = "E45", "Special guardianship order to former foster carers who are relatives or friends"
    E46 = "E46", "Special guardianship order to former foster carers, not relatives or friends"
    E47 = "E47", "Special guardianship order to other carers who are relatives or friends"
    E48 = "E48", "Special guardianship order to other carers, not relatives or friends"
    E5 = "E5", "Moved to independent living with formal advice and support"
    E6 = "E6", "Moved to independent living without formal support"
    E7 = "E7", "Transferred to residential care funded by adult social care"
    E8 = "E8", "Care ceased for any other reason"
    E9 = "E9", "Sentenced to custody"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment found the young person to be 18 or over"
    E16 = "E16", "Child moved abroad"
    E17 = "E17", "Aged 18 or over and stayed with current carers"


class ReasonPlaceChange(models.TextChoices):
    """REASON_PLACE_CHANGE: why a placement changed (R-CLA-7)."""

    CARPL = "CARPL", "Change to or implementing the care plan"
    CLOSE = "CLOSE", "Resignation of carer or closure of provision"
    ALLEG = "ALLEG", "Allegation (section 47)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Approval removed"
    CREQB = "CREQB", "Carer asked for the placement to end because of the child's behaviour"
    CREQO = "CREQO", "Carer asked for the placement to end for other reasons"
    CHILD = "CHILD", "Child asked for the placement to end"
    LAREQ = "LAREQ", "Responsible or area authority asked for the placement to end"
    PLACE = "PLACE", "Change of status of the placement only"
    CUSTOD = "CUSTOD", "Custody arrangement"
    OTHER = "OTHER", "Other"


class EntryRoute(models.TextChoices):
    """Where becoming looked after was decided (issue 17): the record it started from."""

    STRATEGY = "strategy", "Strategy discussion"
    CONFERENCE = "conference", "Child protection conference"
    FRONT_DOOR = "front_door", "Front-door decision (immediate protection)"
    COURT_ORDER = "court_order", "Court order"
    OTHER = "other", "Other (for example a section 20 request)"

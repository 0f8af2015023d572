"""The queues: the daytime (CRS) queue with immediate and then overdue contacts first (R-FD-4)
and EDT handovers (R-EDT-3), the EDT queue out of hours, and the manager's timeliness view."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.frontdoor import actions, mash, rules
from hearth.frontdoor.codes import ContactStatus, DecisionStatus, MashStatus, PersonRole
from hearth.frontdoor.forms import TimelinessForm
from hearth.frontdoor.models import Contact, ContactPerson, Decision, MashEnquiry
from hearth.frontdoor.views.common import children, links_prefetch, visible_person_ids

UNDECIDED = [ContactStatus.OPEN, ContactStatus.AWAITING_AUTHORISATION, ContactStatus.IN_MASH]
AWAITING_DECISION = [ContactStatus.OPEN, ContactStatus.AWAITING_AUTHORISATION]


def _contacts(user):
    return Contact.objects.visible_to(user).select_related("mash").prefetch_related(
        links_prefetch(),
        Prefetch("decisions", to_attr="proposals", queryset=Decision.objects.filter(
            status=DecisionStatus.PROPOSED).select_related("proposed_by")))


def _links(user) -> dict:
    return {"perms_record": user.has_hearth_permission("contacts.record"),
            "perms_reports": user.has_hearth_permission("reports.frontdoor")}


def _children_rows(user, contacts) -> list[tuple]:
    """Each contact with the children the user may see, and how many they may not."""
    contacts = list(contacts)
    found = [(c, children(c)) for c in contacts]
    visible = visible_person_ids(user, (p for _, kids in found for p in kids))
    return [(c, [p for p in kids if p.pk in visible], sum(p.pk not in visible for p in kids))
            for c, kids in found]


def _mash_status(contact) -> str:
    """R-MASH-5: where the MASH analysis stands, for a contact in the MASH."""
    if contact.status != ContactStatus.IN_MASH:
        return ""
    try:
        enquiry = contact.mash
    except MashEnquiry.DoesNotExist:
        return ""
    if enquiry.status == MashStatus.AWAITING_SIGN_OFF:
        return "Analysis to sign off"
    if enquiry.status == MashStatus.GATHERING and enquiry.returned_at:
        return "Analysis returned"
    return ""


def _rows(user, contacts, now: datetime, *, handover: bool = False) -> list[dict]:
    """Immediate contacts first, then overdue, then by time left (R-FD-4)."""
    rows = []
    for contact, kids, hidden in _children_rows(user, contacts):
        waiting = contact.status in AWAITING_DECISION
        overdue = waiting and contact.decision_due < now
        rows.append({
            "contact": contact, "children": kids, "hidden_children": hidden,
            "overdue": overdue, "waiting": waiting,
            "immediate": rules.is_immediate_waiting(contact.urgency, waiting),
            "time_left": rules.describe_time_left(contact.decision_due, now) if waiting else "",
            "handover": handover and contact.is_edt,
            "mash_status": _mash_status(contact),
            "key": rules.queue_key(urgency=contact.urgency, waiting=waiting, overdue=overdue,
                                   due=contact.decision_due, pk=contact.pk),
        })
    rows.sort(key=lambda r: r["key"])
    return rows


def _deadline() -> dict:
    """What the queue says about the deadlines (R-FD-4)."""
    return {"immediate_hours": actions.immediate_hours()}


def crs_queue(contacts, now: datetime):
    """Daytime contacts; EDT contacts only from their handover, and then those still undecided
    (CRS decides them), and those EDT decided about a child not known (none identified yet, or
    a record first made while taking the contact) until CRS has checked them (R-EDT-3,
    ``rules.goes_to_crs``)."""
    children = ContactPerson.objects.filter(contact=OuterRef("pk"), role=PersonRole.CHILD)
    child_unknown = ~Exists(children) | Exists(children.filter(new_record=True))
    edt_decided_unknown = child_unknown & Q(decided_at__lt=F("handover_at"),
                                            handover_checked_at__isnull=True)
    return contacts.filter(
        Q(is_edt=False, status__in=UNDECIDED)
        | (Q(is_edt=True, handover_at__lte=now)
           & (Q(status__in=UNDECIDED) | edt_decided_unknown)))


@requires("contacts.queue")
@require_http_methods(["GET"])
def queue(request):
    now = timezone.now()
    contacts = _contacts(request.user)
    to_authorise = to_sign_off = None
    if request.user.has_hearth_permission("contacts.authorise"):
        # R-FD-5: only what this manager may authorise (never their own proposals).
        to_authorise = [c for c in contacts.filter(status=ContactStatus.AWAITING_AUTHORISATION)
                        .in_queue_order()
                        if c.proposals and actions.may_review(c.proposals[0], request.user)]
    if request.user.has_hearth_permission("mash.sign_off") and mash.may_sign_off(
            None, request.user):
        # R-MASH-5: analyses waiting for a CRS manager's sign-off.
        to_sign_off = [c for c in contacts.filter(mash__status=MashStatus.AWAITING_SIGN_OFF)
                       .select_related("mash__analysed_by").in_queue_order()
                       if mash.may_sign_off(c.mash, request.user)]
    return render(request, "frontdoor/queue.html", {
        "rows": _rows(request.user, crs_queue(contacts, now), now, handover=True), "now": now,
        "to_authorise": to_authorise, "to_sign_off": to_sign_off, "edt_queue": False,
        **_links(request.user), **_deadline(),
    })


@requires("contacts.queue")
@require_http_methods(["GET"])
def edt_queue(request):
    """Out of hours: the EDT contacts not yet decided (R-EDT-1, R-EDT-2)."""
    now = timezone.now()
    contacts = _contacts(request.user).filter(is_edt=True, status__in=UNDECIDED)
    return render(request, "frontdoor/queue.html", {
        "rows": _rows(request.user, contacts, now), "now": now, "edt_queue": True,
        "in_edt_hours": calendar.is_edt(now), **_links(request.user), **_deadline(),
    })


def _day_start(day) -> datetime:
    return datetime.combine(day, time(0, 0), calendar.LONDON)


@requires("reports.frontdoor")
@require_http_methods(["GET"])
def timeliness(request):
    """R-FD-4: the share of contacts decided within a working day, and what is overdue now."""
    now = timezone.now()
    form = TimelinessForm(request.GET if request.GET else None,
                          initial=TimelinessForm.default_range())
    span = form.cleaned_data if form.is_bound and form.is_valid() else (
        None if form.is_bound else TimelinessForm.default_range())
    contacts = Contact.objects.visible_to(request.user)
    figures = None
    if span:
        decided = contacts.filter(decided_at__gte=_day_start(span["start"]),
                                  decided_at__lt=_day_start(span["end"] + timedelta(days=1)))
        pairs = decided.values_list("pk", "decided_at", "decision_due")  # pk: keep every row
        in_time, total, share = rules.timeliness((at, due) for _, at, due in pairs)
        figures = {"decided": total, "in_time": in_time, "late": total - in_time,
                   "share": None if share is None else round(share * 100),
                   "start": span["start"], "end": span["end"]}
    overdue = contacts.filter(status__in=AWAITING_DECISION, decision_due__lt=now).prefetch_related(
        links_prefetch()).in_queue_order()  # immediate first (R-FD-4)
    return render(request, "frontdoor/timeliness.html", {
        "form": form, "figures": figures, "now": now,
        "overdue": [{"contact": c, "children": kids, "hidden_children": hidden,
                     "time_left": rules.describe_time_left(c.decision_due, now),
                     "immediate": rules.is_immediate_waiting(c.urgency, True)}
                    for c, kids, hidden in _children_rows(request.user, overdue)],
    }, status=400 if form.errors else 200)

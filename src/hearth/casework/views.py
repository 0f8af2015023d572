"""Allocation, caseloads, workload and the family view (pages stay thin: parse, act, render)."""

from __future__ import annotations

from collections import defaultdict

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_http_methods

from hearth.access.actions import audit
from hearth.access.permissions import requires
from hearth.casework import actions, queries, rules
from hearth.casework.forms import (
    AllocateForm,
    CloseForm,
    EndSecondaryWorkerForm,
    ReallocateForm,
    SecondaryWorkerForm,
    secondary_candidates,
)
from hearth.casework.models import InvolvementWorker
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.refusals import Refused
from hearth.people.queries.visibility import get_visible_person

# Until the lead adds "casework.allocate" and "casework.caseload" to hearth.access.rules,
# these stand-ins grant the same roles (managers; everyone doing casework).
ALLOCATE = "casework.allocate"
CASELOAD = "casework.caseload"
STALE_MESSAGE = ("Someone else changed this involvement while you were working on it. Nothing "
                 "was saved: check the involvement as it is now, then submit again.")
ALLOCATION_STALE = ("Someone else changed this child's allocation while you were choosing. "
                    "Nothing was saved: check the allocation below.")
CLOSE_STALE = "Someone else changed this involvement. Nothing was saved: check it and try again."


_ID = "00000000-0000-0000-0000-000000000000"


def _queue_rows(involvements, today):
    """Each waiting child with the allocation form's choice of their team's workers: one
    query for the workers of every team on the page, and each team's options rendered once
    (a Django form and its select per row took two thirds of the page's time, issue 14). The
    form's fields are named as ``AllocateForm`` with the involvement's prefix names them, so
    ``allocate`` reads what is posted."""
    workers = defaultdict(list)
    for worker in queries.team_workers({inv.team_id for inv in involvements}):
        workers[worker.team_id].append(worker)
    options = {team_id: format_html_join("", '<option value="{}">{}</option>', (
        (value, label) for value, label in AllocateForm.choices_of(team)))
        for team_id, team in workers.items()}
    # Each row's two links from one reverse each (``{% url %}`` twice a row was a tenth of
    # the page): ids are all they carry.
    person_url = reverse("web:person", args=[_ID]).replace(_ID, "{}")
    allocate_url = reverse("casework:allocate", args=[0]).replace("/0/", "/{}/")
    rows = []
    for inv in involvements:
        age = rules.age_on(inv.person.date_of_birth, today)
        days = rules.days_between(inv.waiting_since, today)
        rows.append({"involvement": inv, "age": age, "days_waiting": days,
                     "flags": rules.allocation_flags(inv.urgency, age, days),
                     "prefix": f"inv{inv.pk}", "options": options.get(inv.team_id, ""),
                     "person_url": person_url.format(inv.person_id),
                     "allocate_url": allocate_url.format(inv.pk)})
    return rows


@requires(ALLOCATE)
@require_http_methods(["GET"])
def allocation_queue(request):
    """The waiting children, 25 a page (issue 14): the caption counts them all."""
    page = queries.allocation_page(request.user, request)
    return render(request, "casework/allocation_queue.html",
                  {"rows": _queue_rows(page.items, timezone.localdate()), "page": page})


def _posted(request):
    return request.POST if request.method == "POST" else None


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def allocate(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    workers = queries.team_workers([involvement.team_id])
    form = AllocateForm(_posted(request), workers=workers, prefix=f"inv{involvement.pk}",
                        initial={"version": involvement.version})

    def act(data):
        worker = form.workers.get(data["worker"])
        if worker is None:
            raise Refused("Choose a worker from the team", "worker")
        actions.do_allocate(involvement, worker, acting_user=request.user,
                            expected_version=data["version"])
        return worker

    def done(worker):
        return done_with(request, f"{involvement.person.display_name} was allocated to "
                         f"{worker.display_name}.", "casework:allocation_queue")

    def again():
        involvement.refresh_from_db()
        return {"involvement": involvement}

    return _form_page(request, "casework/allocate.html", form, act, done,
                      {"involvement": involvement}, again, stale_message=ALLOCATION_STALE)


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def close(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    form = CloseForm(_posted(request), initial={"version": involvement.version})
    return form_page(
        request, "casework/close.html", {"involvement": involvement}, form,
        lambda data: actions.do_close(involvement, data["reason"], acting_user=request.user,
                                      expected_version=data["version"]),
        lambda _closed: done_with(request, f"{involvement.person.display_name}'s involvement "
                                  "was closed.", "web:person", person_id=involvement.person_id),
        stale_message=CLOSE_STALE)


def _form_page(request, template: str, form, act, done, context: dict, again, *,
               stale_message: str = STALE_MESSAGE):
    """``core.pages.form_page`` for a page that shows the record as it is now after a refusal
    (``again()`` reads it again)."""
    if request.method == "POST":
        outcome = attempt(form, act, stale_message=stale_message)
        if outcome:
            return done(outcome.result)
        return render(request, template, {**again(), "form": form}, status=outcome.status)
    return render(request, template, {**context, "form": form})


def _live_secondary(involvement) -> list[InvolvementWorker]:
    return list(involvement.secondary_workers.filter(end_date__isnull=True)
                .select_related("worker"))


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def reallocate(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    workers = [w for w in queries.team_workers([involvement.team_id])
               if w.pk != involvement.worker_id]
    form = ReallocateForm(_posted(request), workers=workers,
                          initial={"version": involvement.version})

    def act(data):
        worker = form.workers[data["worker"]]
        actions.do_reallocate(involvement, worker, acting_user=request.user,
                              expected_version=data["version"], reason=data["reason"])
        return worker

    def done(worker):
        return done_with(request, f"{involvement.person.display_name} was reallocated to "
                         f"{worker.display_name}.", "casework:family",
                         person_id=involvement.person_id)

    return _form_page(request, "casework/reallocate.html", form, act, done,
                      {"involvement": involvement}, lambda: {
                          "involvement": queries.get_managed_involvement(request.user,
                                                                         involvement_id)})


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def add_secondary_worker(request, involvement_id):
    involvement = queries.get_managed_involvement(request.user, involvement_id)
    form = SecondaryWorkerForm(_posted(request), involvement=involvement,
                               today=timezone.localdate(),
                               workers=secondary_candidates(involvement),
                               initial={"version": involvement.version})

    def act(data):
        worker = form.workers[data["worker"]]
        actions.do_add_secondary_worker(involvement, worker, acting_user=request.user,
                                        expected_version=data["version"], role=data["role"],
                                        start_date=data["start_date"])
        return worker

    def done(worker):
        return done_with(request, f"{worker.display_name} was co-allocated to "
                         f"{involvement.person.display_name}.", "casework:family",
                         person_id=involvement.person_id)

    def context(current):
        return {"involvement": current, "current": _live_secondary(current)}

    return _form_page(request, "casework/secondary_worker_new.html", form, act, done,
                      context(involvement), lambda: context(
                          queries.get_managed_involvement(request.user, involvement_id)))


@requires(ALLOCATE)
@require_http_methods(["GET", "POST"])
def end_secondary_worker(request, link_id):
    link = queries.get_managed_link(request.user, link_id)
    form = EndSecondaryWorkerForm(_posted(request), link=link, today=timezone.localdate(),
                                  initial={"version": link.involvement.version})

    def done(_row):
        return done_with(request, f"{link.worker.display_name} no longer works on "
                         f"{link.involvement.person.display_name}'s case.", "casework:family",
                         person_id=link.involvement.person_id)

    def context(current):
        return {"link": current, "involvement": current.involvement}

    return _form_page(
        request, "casework/secondary_worker_end.html", form,
        lambda data: actions.do_end_secondary_worker(
            link, acting_user=request.user, expected_version=data["version"],
            end_date=data["end_date"]), done, context(link),
        lambda: context(queries.get_managed_link(request.user, link_id)))


@requires(CASELOAD)
@require_http_methods(["GET"])
def caseload(request):
    today = timezone.localdate()
    page, _ = queries.open_cases_page(request.user, request, queries.WORKER)
    rows = [{"involvement": inv, "age": rules.age_on(inv.person.date_of_birth, today)}
            for inv in page.items]
    return render(request, "casework/caseload.html",
                  {"rows": rows, "page": page,
                   "secondary": queries.co_allocated_page(request.user, request, "co_page")})


@requires(ALLOCATE)
@require_http_methods(["GET"])
def workload(request):
    return render(request, "casework/workload.html",
                  {"teams": queries.workload(request.user)})


@requires(CASELOAD)
@require_http_methods(["GET"])
def family(request, person_id):
    user = request.user
    person = get_visible_person(user, person_id)
    today = timezone.localdate()
    allocator = user.has_hearth_permission(ALLOCATE)

    def row(inv):
        return {"inv": inv,
                "secondary": [link for link in inv.secondary_workers.all() if not link.end_date],
                "manage": allocator and rules.may_allocate(user.role, user.team_id, inv.team_id)}

    children = [{"person": child, "age": rules.age_on(child.date_of_birth, today),
                 "involvements": [row(inv) for inv in sorted(
                     child.involvements.all(), key=lambda i: (i.status == "closed", -i.pk))]}
                for child in queries.family_children(user, person)]
    # Reading the family's involvements is reading the person's record (issue 13 item 3).
    audit.record_read("view_family", user=user, obj=person)
    return render(request, "casework/family.html",
                  {"person": person, "children": children, "allocator": allocator})

"""A child's looked-after pages: their periods of care with the episodes in SSDA903 terms and
the placements (addresses as the user may see them), and the forms that become looked after,
change legal status or placement, cease, correct, and mark a UASC (R-CLA-1, R-CLA-7, R-CLA-8).
Every form posts back the period's version (409 when stale, nothing written)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core import visibility
from hearth.core.due import due_for
from hearth.core.pages import done_with, form_page
from hearth.looked_after.actions import periods as actions
from hearth.looked_after.forms.periods import (
    STALE,
    AmendEpisodeForm,
    AmendPlacementForm,
    CeaseForm,
    ChangeForm,
    StartForm,
    UascForm,
)
from hearth.looked_after.models import CarePeriod, Episode, Placement, UascStatus
from hearth.looked_after.queries import periods as queries
from hearth.looked_after.queries.stability import child_stability
from hearth.people.queries.visibility import get_visible_person

T = "looked_after/"
#: The start page's ?from=<kind>:<id>, as the route it names.
FROM_ROUTE = {"strategy": "strategy", "conference": "conference", "front_door": "front_door",
              "court_order": "court_order", "other": "other"}


def _open_period(child) -> CarePeriod | None:
    return queries.current_period(child.pk)


def _to_child(request, message: str, child):
    return done_with(request, message, "looked_after:child", person_id=child.pk)


@requires("looked_after.view")
def child(request, person_id):
    user = request.user
    person = get_visible_person(user, person_id)
    periods = list(queries.periods_of(person.pk).select_related("iro", "recorded_by")
                   .prefetch_related("episodes__placement", "placements",
                                     "amendments__amended_by"))
    for period in periods:
        for placement in period.placements.all():
            placement.shown_address, placement.shown_postcode = queries.shown_address(
                user, placement, period)
    current = next((p for p in periods if p.ended_on is None), None)
    actions.record_view(person.pk, user=user)
    today = timezone.localdate()
    return render(request, T + "child.html", {
        "person": person, "periods": periods[::-1], "current": current, "today": today,
        "episode": list(current.episodes.all())[-1] if current else None,
        "stability": child_stability(person.pk, today) if current else None,
        "due": due_for(user, person_id=str(person.pk)) if current else [],
        "uasc": UascStatus.objects.filter(child_id=person.pk).first(),
        "may_manage": user.has_hearth_permission("looked_after.manage")})


def _entry(request) -> tuple[str, str]:
    """``?from=strategy:12`` → (route, reference)."""
    given = request.GET.get("from", "")
    kind = given.partition(":")[0]
    if kind not in FROM_ROUTE:
        return "", ""
    return FROM_ROUTE[kind], given if kind != "other" else ""


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def start(request, person_id):
    person = get_visible_person(request.user, person_id)
    if _open_period(person) is not None:
        messages.info(request, "The child is already looked after: record a change instead.")
        return redirect("looked_after:child", person_id=person.pk)
    route, ref = _entry(request)
    form = StartForm(request.POST or None,
                     initial={"entered_from": route, "entered_from_ref": ref,
                              "started_on": timezone.localdate()})
    return form_page(
        request, T + "start.html", {"person": person}, form,
        lambda data: actions.do_start_period(
            person, acting_user=request.user, started_on=data["started_on"],
            legal_status=data["legal_status"], category_of_need=data["category_of_need"],
            home_postcode=data["home_postcode"], entered_from=data["entered_from"],
            entered_from_ref=data["entered_from_ref"], placement=form.placement()),
        lambda done: _to_child(request, "Recorded that the child became looked after.",
                               person),
        field_for={"placement_started_on": "started_on"})


def _period_or_back(request, person):
    period = _open_period(person)
    if period is None:
        messages.info(request, "The child is not looked after now.")
    return period


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def change(request, person_id):
    person = get_visible_person(request.user, person_id)
    period = _period_or_back(request, person)
    if period is None:
        return redirect("looked_after:child", person_id=person.pk)
    episode = period.episodes.filter(ended_on__isnull=True).first()
    form = ChangeForm(request.POST or None, initial={
        "version": period.version, "legal_status": episode.legal_status if episode else ""})

    def act(data):
        moved = data["moved"]
        return actions.do_record_change(
            period, acting_user=request.user, expected_version=data["version"],
            changed_on=data["changed_on"], legal_status=data["legal_status"],
            placement=form.placement() if moved else None, same_carer=data["same_carer"],
            reason_changed=data["reason_changed"] if moved else "")

    return form_page(request, T + "change.html", {"person": person, "episode": episode}, form,
                     act, lambda done: _to_child(request, "Change recorded.", person),
                     stale_message=STALE)


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def cease(request, person_id):
    person = get_visible_person(request.user, person_id)
    period = _period_or_back(request, person)
    if period is None:
        return redirect("looked_after:child", person_id=person.pk)
    form = CeaseForm(request.POST or None, initial={"version": period.version})
    return form_page(
        request, T + "cease.html", {"person": person}, form,
        lambda data: actions.do_cease(period, acting_user=request.user,
                                      expected_version=data["version"],
                                      ceased_on=data["ceased_on"],
                                      reason_ceased=data["reason_ceased"]),
        lambda done: _to_child(request, "Recorded that the child ceased to be looked after.",
                               person),
        stale_message=STALE)


def _visible(model, user, pk):
    qs = model.objects.select_related("period", "child")
    return visibility.get_visible_or_404(qs, user, pk)


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def amend_episode(request, episode_id):
    episode = _visible(Episode, request.user, episode_id)
    period = episode.period
    form = AmendEpisodeForm(request.POST or None, initial={
        "version": period.version, "started_on": episode.started_on,
        "ended_on": episode.ended_on, "legal_status": episode.legal_status})

    def act(data):
        changes = {k: data[k] for k in ("started_on", "ended_on", "legal_status")
                   if k in form.changed_data}
        return actions.do_amend(period, acting_user=request.user,
                                expected_version=data["version"], changes=changes,
                                reason=data["reason"], episode=episode)

    return form_page(request, T + "amend.html",
                     {"person": episode.child, "what": "episode", "record": episode}, form,
                     act, lambda done: _to_child(request, "Correction recorded.",
                                                 episode.child), stale_message=STALE)


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def amend_placement(request, placement_id):
    placement = _visible(Placement, request.user, placement_id)
    period = placement.period
    address, postcode = queries.shown_address(request.user, placement, period)
    if placement.address_hidden and not address and placement.address:
        messages.info(request, "Only the child's own workers, their managers and the IRO may "
                               "correct a hidden placement address.")
        return redirect("looked_after:child", person_id=placement.child_id)
    names = [*AmendPlacementForm.PLACEMENT, "reason_changed"]
    form = AmendPlacementForm(request.POST or None, initial={
        "version": period.version, **{n: getattr(placement, n) for n in names}})

    def act(data):
        changes = {k: data[k] for k in names if k in form.changed_data}
        return actions.do_amend(period, acting_user=request.user,
                                expected_version=data["version"], changes=changes,
                                reason=data["reason"], placement=placement)

    return form_page(request, T + "amend.html",
                     {"person": placement.child, "what": "placement", "record": placement},
                     form, act, lambda done: _to_child(request, "Correction recorded.",
                                                       placement.child),
                     stale_message=STALE)


@requires("looked_after.manage")
@require_http_methods(["GET", "POST"])
def uasc(request, person_id):
    person = get_visible_person(request.user, person_id)
    found = UascStatus.objects.filter(child=person).first()
    form = UascForm(request.POST or None, initial={"uasc": found is not None,
                                                   "ceased_on": getattr(found, "ceased_on",
                                                                        None)})
    return form_page(
        request, T + "uasc.html", {"person": person}, form,
        lambda data: actions.do_mark_uasc(person, acting_user=request.user,
                                          ceased_on=data["ceased_on"],
                                          unmark=not data["uasc"]),
        lambda done: _to_child(request, "Saved.", person),
        field_for={"uasc_ceased_on": "ceased_on"})


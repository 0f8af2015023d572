"""A partner's queue: the MASH requests addressed to their own agency, and nothing else
(R-MASH-4). A request for another agency answers 404; partners never see the contact or the
child's record, only the minimum identifying details in ``request.subjects``."""

from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.middleware import note_people_shown
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.frontdoor.actions.mash import do_answer_request
from hearth.frontdoor.forms.partner import AnswerForm
from hearth.frontdoor.models import MashAgencyRequest
from hearth.frontdoor.queries.mash import get_own_request, own_requests, subject_people
from hearth.frontdoor.views.mash import error_links


def reference(request: MashAgencyRequest) -> str:
    return f"R{request.pk:06d}"


def subjects(request: MashAgencyRequest) -> list[dict]:
    """The subjects with their dates of birth written out for people (14 September 2016)."""
    result = []
    for subject in request.subjects:
        try:
            day = date.fromisoformat(subject.get("date_of_birth") or "")
        except ValueError:
            born = ""
        else:
            born = f"{day.day} {day:%B %Y}"
        result.append({**subject, "born": born})
    return result


@requires("mash.answer")
@require_http_methods(["GET"])
def queue(request):
    """Open requests, oldest due first (late ones flagged); then the answered ones."""
    requests = own_requests(request.user)
    now = timezone.now()
    waiting = [{"r": r, "ref": reference(r), "late": r.due_at < now}
               for r in requests.filter(answered_at__isnull=True).order_by("due_at", "pk")]
    answered = [{"r": r, "ref": reference(r), "late": r.is_late}
                for r in requests.filter(answered_at__isnull=False).order_by("-answered_at")[:100]]
    note_people_shown(subject_people(row["r"] for row in waiting + answered))
    return render(request, "frontdoor/partner_queue.html", {
        "waiting": waiting, "answered": answered, "agency": request.user.agency})


@requires("mash.answer")
@require_http_methods(["GET", "POST"])
def answer(request, request_id):
    mash_request = get_own_request(request.user, request_id)
    note_people_shown(subject_people([mash_request]))
    form = AnswerForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        outcome = attempt(form, lambda data: do_answer_request(
            mash_request, acting_user=request.user, **data))
        if outcome:
            return done_with(request, f"Your answer to {reference(mash_request)} was sent.",
                             "mash:requests")
        status = outcome.status
    return render(request, "frontdoor/partner_request.html", {
        "r": mash_request, "ref": reference(mash_request), "form": form,
        "subjects": subjects(mash_request),
        "errors": error_links(form, "answer") if form.errors else [],
        "late": mash_request.is_late}, status=status)

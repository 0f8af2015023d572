"""Missing pages (R-CLA-6): record that a child went missing, one episode in full, the
child's return and the return interview. Views parse, call one action and render; a child or
episode the user may not see is 404; a stale save is 409 with the user's input kept."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.missing import actions, queries, rules
from hearth.missing.forms import EpisodeForm, InterviewForm, ReturnForm

STALE = "Someone else changed this missing episode while you were working on it: nothing was saved"


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    child = queries.get_visible_child(request.user, person_id)
    form = EpisodeForm(request.POST if request.method == "POST" else None)
    return form_page(
        request, "missing/new.html", {"child": child}, form,
        lambda data: actions.do_record_episode(child, acting_user=request.user, **data),
        lambda episode: done_with(request, "Missing episode recorded.", "missing:episode",
                                  episode_id=episode.pk))


@requires("missing.view")
@require_http_methods(["GET"])
def episode(request, episode_id):
    found = queries.get_visible_episode(request.user, episode_id)
    actions.record_view(found.child, user=request.user, what="view_missing_episode")
    outstanding = rules.interview_outstanding(
        ended_at=found.ended_at, offered_at=found.interview_offered_at,
        accepted=found.interview_accepted, held_at=found.interview_held_at)
    due = rules.interview_due(found.ended_at) if outstanding and found.ended_at else None
    return render(request, "missing/episode.html", {
        "episode": found, "child": found.child, "interview_due": due,
        "may_record": request.user.has_hearth_permission("missing.record")})


def _change(request, episode_id, form_class, template, act, message):
    found = queries.get_visible_episode(request.user, episode_id)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, initial={"version": found.version})
    return form_page(
        request, template, {"episode": found, "child": found.child}, form,
        lambda cleaned: act(found, cleaned),
        lambda saved: done_with(request, message, "missing:episode", episode_id=saved.pk),
        stale_message=STALE)


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def returned(request, episode_id):
    def act(found, data):
        return actions.do_record_return(found, acting_user=request.user,
                                        expected_version=data["version"],
                                        ended_at=data["ended_at"],
                                        where_found=data["where_found"])
    return _change(request, episode_id, ReturnForm, "missing/return.html", act,
                   "Return recorded.")


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def interview(request, episode_id):
    def act(found, data):
        return actions.do_record_interview(
            found, acting_user=request.user, expected_version=data["version"],
            offered_at=data["offered_at"], accepted=data["accepted"], held_at=data["held_at"],
            held_by=data["held_by"], learned=data["learned"])
    return _change(request, episode_id, InterviewForm, "missing/interview.html", act,
                   "Return interview recorded.")

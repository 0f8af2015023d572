"""``/api/v1/missing-episodes`` (R-CLA-6): a child's missing episodes, recording one, and
recording the child's return and the return interview, with the same rules as the pages.

A child or episode the caller may not see is 404. Date-times carry their offset. An episode
the rules refuse (an unknown MISSING code, an end before the start, an interview before the
return) is 422 naming the field, and nothing is written; a new episode while one is open, or a
return recorded twice, is 409. Changes need ``If-Match`` with the ETag of your last read (428
without, 412 when stale). (No ``from __future__ import annotations``: django-ninja reads the
annotations.)"""

from uuid import UUID

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, WRITE_ERRORS
from hearth.core.versions import etag, require_if_match
from hearth.missing import actions, queries, rules
from hearth.missing.models import MissingEpisode
from hearth.missing.schemas import (
    MissingEpisodeIn,
    MissingEpisodeList,
    MissingEpisodeOut,
    MissingReturnIn,
    ReturnInterviewIn,
)

router = Router(tags=["missing"])

FIELDS = ("id", "kind", "started_at", "reported_by", "ended_at", "where_found",
          "interview_offered_at", "interview_accepted", "interview_held_at", "interview_by",
          "interview_learned", "recorded_at", "version")


def _out(episode: MissingEpisode) -> dict:
    data = {f: getattr(episode, f) for f in FIELDS}
    data["person_id"] = episode.child_id
    data["recorded_by"] = episode.recorded_by.display_name
    data["interview_due"] = rules.interview_due(episode.ended_at) if episode.ended_at else None
    return data


def _answer(response: HttpResponse, user, episode_id: int) -> dict:
    episode = queries.get_visible_episode(user, episode_id)
    response["ETag"] = etag(episode)
    return _out(episode)


@router.get("", response={200: MissingEpisodeList, **WRITE_ERRORS}, auth=permission("missing.view"))
def person_episodes(request: AuthedRequest, person: UUID):
    """The child's missing episodes, newest first."""
    child = queries.get_visible_child(request.auth, person)
    actions.record_view(child, user=request.auth)
    return {"person_id": child.pk,
            "episodes": [_out(e) for e in queries.episodes_of(request.auth, child)]}


@router.post("", response={201: MissingEpisodeOut, **WRITE_ERRORS},
             auth=permission("missing.record"))
def record(request: AuthedRequest, response: HttpResponse, payload: MissingEpisodeIn):
    """Record that a child went missing (M) or away without authorisation (A); send
    ``ended_at`` too when the child is already back."""
    data = payload.dict()
    child = queries.get_visible_child(request.auth, data.pop("person_id"))
    episode = actions.do_record_episode(child, acting_user=request.auth, **data)
    return Status(201, _answer(response, request.auth, episode.pk))


@router.get("/{int:episode_id}", response={200: MissingEpisodeOut, **WRITE_ERRORS},
            auth=permission("missing.view"))
def detail(request: AuthedRequest, response: HttpResponse, episode_id: int):
    episode = queries.get_visible_episode(request.auth, episode_id)
    actions.record_view(episode.child, user=request.auth, what="view_missing_episode")
    response["ETag"] = etag(episode)
    return _out(episode)


@router.post("/{int:episode_id}/return", response={200: MissingEpisodeOut, **CHANGE_ERRORS},
             auth=permission("missing.record"))
def record_return(request: AuthedRequest, response: HttpResponse, episode_id: int,
                  payload: MissingReturnIn):
    """The child is back: when and where found. Send ``If-Match``."""
    episode = queries.get_visible_episode(request.auth, episode_id)
    expected = require_if_match(request, episode)
    actions.do_record_return(episode, acting_user=request.auth, expected_version=expected,
                             **payload.dict())
    return _answer(response, request.auth, episode_id)


@router.post("/{int:episode_id}/interview", response={200: MissingEpisodeOut, **CHANGE_ERRORS},
             auth=permission("missing.record"))
def record_interview(request: AuthedRequest, response: HttpResponse, episode_id: int,
                     payload: ReturnInterviewIn):
    """The return interview: offered when, accepted or not, held when, by whom, what was
    learned. Send ``If-Match``."""
    episode = queries.get_visible_episode(request.auth, episode_id)
    expected = require_if_match(request, episode)
    actions.do_record_interview(episode, acting_user=request.auth, expected_version=expected,
                                **payload.dict())
    return _answer(response, request.auth, episode_id)

"""Every write to a missing episode (R-CLA-6): one transaction, the audit row on the child's
record, the chronology kept in step; three or more episodes in 90 days tell the allocated
worker and their manager (practice 1)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.codes import Role
from hearth.access.models import User
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why
from hearth.core.versions import check_version
from hearth.missing import queries, rules
from hearth.missing.models import MissingEpisode

PERSON = "people.person"
WHAT = "missing episode"


def _text(value: Any) -> str:
    return str(value or "").strip()


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise Refused(problems)


def _audit(action: str, episode: MissingEpisode, user, **fields: Any) -> None:
    audit.record(action, user=user, object_type=PERSON, object_id=str(episode.child_id),
                 fields={"missing_episode": episode.pk,
                         **{k: _iso(v) for k, v in fields.items()}})


def record_view(child, *, user, what: str = "view_missing_episodes") -> None:
    """Reading a child's missing episodes is reading their record: audited."""
    audit.record_read(what, user=user, object_type=PERSON, object_id=str(child.pk))


def _locked(episode: MissingEpisode, expected_version: int | None) -> MissingEpisode:
    current = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    check_version(current, expected_version, WHAT)
    return current


def _saved(episode: MissingEpisode, fields: list[str]) -> MissingEpisode:
    episode.version += 1
    episode.save(update_fields=[*fields, "version"])
    chronology.sync(episode)
    return episode


def _alert_repeated(episode: MissingEpisode, now: datetime) -> None:
    """R-CLA-6: the third (or later) episode in 90 days tells the child's allocated worker and
    their manager (the team's managers while no worker is allocated)."""
    starts = queries.starts_since(episode.child_id, now - timedelta(days=rules.REPEAT_DAYS))
    if not rules.repeated(starts, now):
        return
    involvement = queries.allocated(episode.child_id)
    if involvement is None:
        return
    users: list[User] = []
    if involvement.worker is not None:
        users = [involvement.worker, *involvement.worker.managers()]
    else:
        users = list(User.objects.filter(team=involvement.team, role=Role.TEAM_MANAGER,
                                         is_active=True))
    count = sum(1 for s in starts if s <= now)
    notify(users, subject=f"Missing {count} times in {rules.REPEAT_DAYS} days on "
                          f"{episode.child.display_name}",
           body=f"{episode.child.display_name} has gone missing or been away without "
                f"authorisation {count} times in the last {rules.REPEAT_DAYS} days.",
           link=reverse("missing:episode", args=[episode.pk]), people=[episode.child_id])


@transaction.atomic
def do_record_episode(child, *, acting_user, kind: str, started_at: datetime,
                      reported_by: str, ended_at: datetime | None = None,
                      where_found: str = "") -> MissingEpisode:
    """Record that ``child`` went missing (M) or is away without authorisation (A); with
    ``ended_at`` the return is recorded at once. Refused (nothing written) for an unknown
    code, a start in the future, an end before the start, or while an episode of the child's
    is still open (SSDA903 rule 574)."""
    now = timezone.now()
    reported_by = _text(reported_by)
    _refuse(rules.episode_problems(kind=kind, started_at=started_at, reported_by=reported_by,
                                   now=now, born=child.date_of_birth))
    if ended_at is not None:
        _refuse(rules.return_problems(started_at=started_at, ended_at=ended_at, now=now))
    if queries.open_episode(child.pk) is not None:
        raise Refused(f"{child.display_name} is already recorded as missing: record their "
                      "return before a new episode.", why=Why.STATE)
    episode = MissingEpisode.objects.create(
        child=child, kind=kind, started_at=started_at, reported_by=reported_by,
        ended_at=ended_at, where_found=_text(where_found) if ended_at else "",
        recorded_by=acting_user, recorded_at=now)
    _audit("record_missing_episode", episode, acting_user, kind=kind, started_at=started_at,
           ended_at=ended_at)
    chronology.sync(episode)
    _alert_repeated(episode, now)
    return episode


@transaction.atomic
def do_record_return(episode: MissingEpisode, *, acting_user, expected_version: int | None,
                     ended_at: datetime, where_found: str = "") -> MissingEpisode:
    """The child is back: when, and where they were found. The return interview falls due
    72 hours later (R-CLA-6)."""
    episode = _locked(episode, expected_version)
    if episode.ended_at is not None:
        raise Refused("The child's return is already recorded.", why=Why.STATE)
    _refuse(rules.return_problems(started_at=episode.started_at, ended_at=ended_at,
                                  now=timezone.now()))
    episode.ended_at = ended_at
    episode.where_found = _text(where_found)
    _audit("record_missing_return", episode, acting_user, ended_at=ended_at)
    return _saved(episode, ["ended_at", "where_found"])


@transaction.atomic
def do_record_interview(episode: MissingEpisode, *, acting_user, expected_version: int | None,
                        offered_at: datetime, accepted: bool | None,
                        held_at: datetime | None = None, held_by: str = "",
                        learned: str = "") -> MissingEpisode:
    """The return interview: when it was offered, whether the child accepted it, and when it
    was held, by whom and what was learned."""
    episode = _locked(episode, expected_version)
    if episode.ended_at is None:
        raise Refused("Record the child's return before the return interview.", why=Why.STATE)
    held_by = _text(held_by)
    _refuse(rules.interview_problems(ended_at=episode.ended_at, offered_at=offered_at,
                                     accepted=accepted, held_at=held_at, held_by=held_by,
                                     now=timezone.now()))
    episode.interview_offered_at = offered_at
    episode.interview_accepted = accepted
    episode.interview_held_at = held_at
    episode.interview_by = held_by if held_at else ""
    episode.interview_learned = _text(learned) if held_at else ""
    _audit("record_return_interview", episode, acting_user, offered_at=offered_at,
           accepted=accepted, held_at=held_at)
    return _saved(episode, ["interview_offered_at", "interview_accepted", "interview_held_at",
                            "interview_by", "interview_learned"])

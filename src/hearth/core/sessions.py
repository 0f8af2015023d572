"""The session store: Django's database sessions, written only when they change or when the
idle timeout needs moving on (issue 14).

``SESSION_SAVE_EVERY_REQUEST`` keeps the idle timeout (``SESSION_COOKIE_AGE``) running from
the last request, but Django then writes the session row on every request: a committed write,
a disk flush, on every page view. Here a request that changed nothing in the session writes it
only when its stored expiry is more than ``REFRESH_SECONDS`` behind where this request would
move it, so the idle timeout is the setting's, give or take a minute, for one write a minute.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from hearth.core.compiled import compiled

REFRESH_SECONDS = 60


@compiled
def _live_session(p):
    return Session.objects.filter(session_key=p.text("key"), expire_date__gt=p.datetime("now"))


class SessionStore(db.SessionStore):
    _stored_expiry = None
    #: Set for a request that is no sign of the user's activity (a page's own autosave of a
    #: draft, issue 15): it does not move the idle timeout on.
    not_activity = False

    def _get_session_from_db(self):
        # Django's own read (a live session with this key, or None and the key forgotten),
        # compiled once a process: every signed-in request makes it (issue 14).
        found = _live_session.first(key=self.session_key, now=timezone.now())
        if found is None:
            self._session_key = None
        self._stored_expiry = found.expire_date if found is not None else None
        return found

    def save(self, must_create: bool = False) -> None:
        stored = self._stored_expiry
        if self.not_activity and not must_create and not self.modified:
            return
        if (not must_create and not self.modified and stored is not None
                and self.session_key is not None
                and self.get_expiry_date() - stored < timedelta(seconds=REFRESH_SECONDS)):
            return  # moved on less than a minute ago
        super().save(must_create=must_create)
        self._stored_expiry = self.get_expiry_date()


def owner_of_ended(session_key: str | None, *, within_seconds: int) -> str | None:
    """The user id of the session ``session_key`` when it ended (idle timeout) no longer than
    ``within_seconds`` ago and its row is still kept (``clearsessions`` removes it within the
    hour); None otherwise, and for a session that is still live or was signed out."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    if not session_key or len(session_key) > 64:
        return None
    row = Session.objects.filter(session_key=session_key).first()
    now = timezone.now()
    if row is None or row.expire_date > now or now - row.expire_date > timedelta(
            seconds=within_seconds):
        return None
    owner = SessionStore().decode(row.session_data).get("_auth_user_id")
    return str(owner) if owner else None

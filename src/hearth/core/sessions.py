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

REFRESH_SECONDS = 60


class SessionStore(db.SessionStore):
    _stored_expiry = None

    def _get_session_from_db(self):
        found = super()._get_session_from_db()
        self._stored_expiry = found.expire_date if found is not None else None
        return found

    def save(self, must_create: bool = False) -> None:
        stored = self._stored_expiry
        if (not must_create and not self.modified and stored is not None
                and self.session_key is not None
                and self.get_expiry_date() - stored < timedelta(seconds=REFRESH_SECONDS)):
            return  # moved on less than a minute ago
        super().save(must_create=must_create)
        self._stored_expiry = self.get_expiry_date()

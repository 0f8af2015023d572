"""One way to refuse (ENGINEERING.md): an action that will not write raises ``Refused``.

``problems`` maps each input at fault to a message naming the problem and what to do (``""``
for the record as a whole). ``kind`` says why, and the one status table below says what a page
and the API answer for it; nothing else in Hearth chooses a refusal's status.

Nothing was written when a ``Refused`` escapes an action: actions run in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Why(StrEnum):
    INPUT = "input"            # what was sent is wrong: a field's value, a missing answer
    STATE = "state"            # the record's state forbids it: already decided, already closed
    FORBIDDEN = "forbidden"    # this user may not do it to this record (not theirs to sign)
    STALE = "stale"            # someone else saved a newer version first
    NO_VERSION = "no_version"  # a change that did not say which version it was made from


#: The status table: the API's answer (RFC 9110) and a page's, for each kind of refusal.
API_STATUS: dict[Why, int] = {Why.INPUT: 422, Why.STATE: 409, Why.FORBIDDEN: 403,
                              Why.STALE: 412, Why.NO_VERSION: 428}
PAGE_STATUS: dict[Why, int] = {Why.INPUT: 400, Why.STATE: 400, Why.FORBIDDEN: 403,
                               Why.STALE: 409, Why.NO_VERSION: 409}


class Refused(Exception):
    """The action would not write; nothing was written.

    ``Refused("Enter a reason", "reason")`` names one field; ``Refused({"a": "…", "b": "…"})``
    several; ``Refused("Already decided", why=Why.STATE)`` the record as a whole.
    """

    why: Why = Why.INPUT

    def __init__(self, problems: Mapping[str, str] | str, field: str = "", *,
                 why: Why | None = None):
        if isinstance(problems, str):
            problems = {field or "": problems}
        if not problems:
            raise ValueError("A refusal names at least one problem.")
        self.problems: dict[str, str] = {str(k or ""): str(v) for k, v in problems.items()}
        if why is not None:
            self.why = why
        super().__init__(self.message)

    @property
    def field(self) -> str:
        """The first input at fault (``""``: the record as a whole)."""
        return next(iter(self.problems))

    @property
    def message(self) -> str:
        return next(iter(self.problems.values()))

    @property
    def detail(self) -> str:
        """Every problem in one sentence, field first: the API's ``detail``."""
        return "; ".join(f"{field}: {message}" if field else message
                         for field, message in self.problems.items())

    @property
    def api_status(self) -> int:
        return API_STATUS[self.why]

    @property
    def page_status(self) -> int:
        return PAGE_STATUS[self.why]

    def renamed(self, names: Mapping[str, str]) -> Refused:
        """The same refusal with the fields given their names in another surface (an action's
        ``contact`` is the API's ``contact_id``)."""
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.problems = {names.get(f, f): m for f, m in self.problems.items()}
        Exception.__init__(copy, copy.message)
        return copy


def refuse_if(problems: Mapping[str, str], *, why: Why | None = None) -> None:
    """Raise ``Refused`` for the rules' problems, if there are any."""
    if problems:
        raise Refused(problems, why=why)


class StaleEdit(Refused):
    """Someone else saved the record first (now ``current_version``); nothing was written."""

    why = Why.STALE

    def __init__(self, current_version: int, what: str = "record"):
        self.current_version = current_version
        super().__init__(f"This {what} was changed by someone else (now version "
                         f"{current_version}). Your changes were not saved.")

"""The one refusal every child protection action raises: nothing was written."""

from __future__ import annotations


class ProtectionRefused(Exception):
    """Nothing was written; ``problems`` maps each input at fault (a form field's name, or
    ``""`` for the record as a whole) to a message naming the problem and what to do."""

    def __init__(self, problems: dict[str, str] | str, field: str | None = None):
        if isinstance(problems, str):
            problems = {field or "": problems}
        super().__init__(next(iter(problems.values())))
        self.problems = problems
        self.field = next(iter(problems))

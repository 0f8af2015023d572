"""The shape of a refused API request, shared by the modules that answer with it: a ``detail``
sentence and the ``errors`` naming each field at fault.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from ninja import Schema, Status


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    detail: str
    errors: list[FieldError] = []


def unprocessable(problems: dict[str, str], rename: dict[str, str] | None = None) -> Status:
    """422 for input an action refused: ``problems`` maps each field at fault (``""`` for the
    request as a whole) to its message; ``rename`` gives the API's name for an action's field
    (``contact`` → ``contact_id``). The detail names every problem, field first."""
    named = [((rename or {}).get(field, field), message) for field, message in problems.items()]
    return Status(422, {
        "detail": "; ".join(f"{field}: {message}" if field else message
                            for field, message in named),
        "errors": [{"field": field, "message": message} for field, message in named if field]})

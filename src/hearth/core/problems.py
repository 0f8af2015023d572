"""The API's answer when it will not do what was asked: a ``detail`` sentence and the
``errors`` naming each field at fault, with the status from the one table in ``refusals``.

``hearth.api`` registers ``refused_response`` as the exception handler for ``Refused``, so an
API handler lets an action's refusal propagate instead of catching it.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from ninja import Schema

from hearth.core.refusals import Refused


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    detail: str
    errors: list[FieldError] = []


#: The error answers an operation declares (for the OpenAPI document): reads, and changes.
READ_ERRORS = {404: Problem, 422: Problem}
WRITE_ERRORS = {404: Problem, 409: Problem, 422: Problem}
CHANGE_ERRORS = {404: Problem, 409: Problem, 412: Problem, 422: Problem, 428: Problem}


def problem_body(refusal: Refused) -> dict:
    """The answer's body; a refusal may add members of its own (``extensions``, as RFC 9457
    allows: the likely duplicates of a person refused as one)."""
    return {"detail": refusal.detail,
            "errors": [{"field": field, "message": message}
                       for field, message in refusal.problems.items() if field],
            **getattr(refusal, "extensions", {})}


def refused_response(api, request, refusal: Refused):
    """The exception handler: the refusal's status from the table, its problems as the body."""
    return api.create_response(request, problem_body(refusal), status=refusal.api_status)


@contextmanager
def api_names(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, a refusal names fields as the API does (``contact`` → ``contact_id``)."""
    try:
        yield
    except Refused as refusal:
        raise refusal.renamed(names) from refusal

"""The shape of a refused API request, shared by the modules that answer with it: a ``detail``
sentence and the ``errors`` naming each field at fault.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from ninja import Schema


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    detail: str
    errors: list[FieldError] = []

"""The base of every API input schema: what no input may be, whatever it means (issue 13 item 2).

A text with a NUL character, a date or time before 1900 or after 2199, an offset beyond ±14:00
is 422 naming the field, before any action or the database sees it. Answers (validated with
``response_status`` in their context) are not checked: what is stored is shown as it is.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from typing import Any

from ninja import Schema as NinjaSchema
from pydantic import ValidationInfo, field_validator

from hearth.core.sensible import sensible_value


class Schema(NinjaSchema):
    @field_validator("*", mode="after")
    @classmethod
    def _sensible(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(info.context, dict) and "response_status" in info.context:
            return value
        problem = sensible_value(value)
        if problem:
            raise ValueError(problem)
        return value

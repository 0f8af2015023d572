"""The base of every API input schema: what no input may be, whatever it means (issue 13 item 2),
and the coded answers it names (issue 13 item 10).

A text with a NUL character, a date or time before 1900 or after 2199, an offset beyond ±14:00
is 422 naming the field, before any action or the database sees it. A coded answer (``code``,
``codes``) lists its codes in the OpenAPI document (``enum``) and anything else is 422 naming
the field, so that the document and the server cannot disagree. Answers (validated with
``response_status`` in their context) are not checked: what is stored is shown as it is.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from collections.abc import Iterable
from typing import Any

from ninja import Schema as NinjaSchema
from pydantic import Field, ValidationInfo, field_validator

from hearth.core.paging import API_MAX_PAGE, API_MAX_PAGE_SIZE, API_PAGE_SIZE
from hearth.core.sensible import EARLIEST, LATEST, sensible_value

#: A coded answer refused names its codes when there are no more than these.
MAX_LISTED = 12
#: The dates and times the document allows (JSON Schema has no minimum for a date: these are
#: the ``formatMinimum`` and ``formatMaximum`` keywords of the format vocabulary).
DATE_RANGE = {"formatMinimum": EARLIEST.isoformat(), "formatMaximum": LATEST.isoformat()}


def may_omit(**kwargs: Any) -> Any:
    """A part of a change that is left out to keep it as it is: never ``null`` (the document
    says its type without ``null``, and a null is 422 naming it)."""
    return Field(None, **kwargs)


def code(choices: Iterable[str], default: Any = ..., *, blank: bool = False,
         **kwargs: Any) -> Any:
    """A field holding one of ``choices`` (``blank``: or ``""``, for none)."""
    extra: dict[str, Any] = {"enum": [str(c) for c in choices] + ([""] if blank else [])}
    return Field(default, json_schema_extra=extra, **kwargs)


def codes(choices: Iterable[str], default: Any = ..., *, unique: bool = False,
          **kwargs: Any) -> Any:
    """A field holding a list of ``choices`` (``unique``: each at most once)."""
    extra: dict[str, Any] = {"items": {"type": "string", "enum": [str(c) for c in choices]}}
    if unique:
        extra["uniqueItems"] = True
    return Field(default, json_schema_extra=extra, **kwargs)


def _allowed(extra: Any) -> list[str] | None:
    if not isinstance(extra, dict):
        return None
    return extra.get("enum") or (extra.get("items") or {}).get("enum")


def _document(schema: dict[str, Any]) -> None:
    """Every date and date-time property (also inside ``anyOf``) with its range; no default of
    null on a property that may not be null (one that is only left out)."""
    for prop in schema.get("properties", {}).values():
        for part in [prop, *prop.get("anyOf", []), prop.get("items", {})]:
            if part.get("format") in ("date", "date-time"):
                part.update(DATE_RANGE)
        if "default" in prop and prop["default"] is None and "anyOf" not in prop:
            del prop["default"]


class Schema(NinjaSchema):
    model_config = {"json_schema_extra": _document}

    @field_validator("*", mode="after")
    @classmethod
    def _sensible(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(info.context, dict) and "response_status" in info.context:
            return value
        problem = sensible_value(value)
        if problem:
            raise ValueError(problem)
        allowed = _allowed(cls.model_fields[info.field_name or ""].json_schema_extra)
        if allowed is not None and value is not None:
            wrong = [v for v in (value if isinstance(value, list) else [value])
                     if v not in allowed]
            if wrong and len(allowed) <= MAX_LISTED:
                raise ValueError(f"must be one of {', '.join(repr(a) for a in allowed)}")
            if wrong:
                raise ValueError(f"{wrong[0]!r} is not one of the {len(allowed)} codes the "
                                 "OpenAPI document lists")
        return value


class ApiPageParams(Schema):
    """A page of a list the API answers (``core.paging.api_page``)."""

    page: int = Field(1, ge=1, le=API_MAX_PAGE,
                      description="From 1; past the last: an empty list")
    page_size: int = Field(API_PAGE_SIZE, ge=1, le=API_MAX_PAGE_SIZE,
                           description=f"At most {API_MAX_PAGE_SIZE} rows a page")

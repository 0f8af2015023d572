"""API shapes for people; validation messages name the field and the problem."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from uuid import UUID

from django.apps import apps
from pydantic import Field, create_model, field_validator, model_validator

from hearth.core.problems import Problem
from hearth.core.registry import Registry
from hearth.core.schemas import Schema, code, codes
from hearth.people.codes import Disability, Ethnicity, Sex
from hearth.people.rules.persons import nhs_number_is_valid, normalise_nhs_number, upn_is_valid


class PersonFields(Schema):
    middle_names: str = Field("", max_length=150)
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    sex: str = code(Sex.values, "U")
    ethnicity: str = code(Ethnicity.values, "NOBT", description="The DfE ethnicity code")
    disabilities: list[str] = codes(Disability.values, [], description="DfE disability codes")
    first_language: str = Field("", max_length=60)
    interpreter_needed: bool = False
    literacy_needs: str = Field("", max_length=200)
    nhs_number: str = ""
    upn: str = ""
    date_of_death: date | None = None

    @field_validator("sex")
    @classmethod
    def _sex(cls, v: str) -> str:
        if v not in Sex.values:
            raise ValueError(f"must be one of {', '.join(Sex.values)}")
        return v

    @field_validator("ethnicity")
    @classmethod
    def _ethnicity(cls, v: str) -> str:
        if v not in Ethnicity.values:
            raise ValueError(f"{v!r} is not a DfE ethnicity code")
        return v

    @field_validator("disabilities")
    @classmethod
    def _disabilities(cls, v: list[str]) -> list[str]:
        unknown = [c for c in v if c not in Disability.values]
        if unknown:
            raise ValueError(f"not DfE disability codes: {', '.join(unknown)}")
        if "NONE" in v and len(v) > 1:
            raise ValueError("NONE cannot be combined with other disability codes")
        return sorted(set(v))

    @field_validator("nhs_number")
    @classmethod
    def _nhs(cls, v: str) -> str:
        if v and not nhs_number_is_valid(v):
            raise ValueError("is not a valid NHS number (10 digits with a correct check digit)")
        return normalise_nhs_number(v)

    @field_validator("upn")
    @classmethod
    def _upn(cls, v: str) -> str:
        v = (v or "").strip().upper()
        if v and not upn_is_valid(v):
            raise ValueError("is not a valid UPN (13 characters with a correct check letter)")
        return v

    @model_validator(mode="after")
    def _dates(self):
        today = date.today()  # noqa: DTZ011  (a calendar date in the service's own zone)
        if self.date_of_birth and self.date_of_birth > today:
            raise ValueError("date_of_birth: cannot be in the future; use expected_date_of_birth")
        if self.date_of_death and self.date_of_birth and self.date_of_death < self.date_of_birth:
            raise ValueError("date_of_death: cannot be before the date of birth")
        return self


class PersonIn(PersonFields):
    given_name: str = Field(..., min_length=1, max_length=100)
    family_name: str = Field(..., min_length=1, max_length=100)
    restricted: bool = False
    checked_duplicates: bool = Field(
        False, description="Say that you checked this person against the likely duplicates "
        "(R-PPL-2): without it, a person who probably has a record already is refused with "
        "409 naming the likely duplicates you may see; with it, the person is created and the "
        "audit trail records that you confirmed they are none of them.")


class PersonPatch(Schema):
    """Only the fields sent are changed."""

    given_name: str | None = Field(None, min_length=1, max_length=100)
    family_name: str | None = Field(None, min_length=1, max_length=100)
    middle_names: str | None = Field(None, max_length=150)
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    sex: str | None = code(Sex.values, None)
    ethnicity: str | None = code(Ethnicity.values, None, description="The DfE ethnicity code")
    disabilities: list[str] | None = codes(Disability.values, None,
                                           description="DfE disability codes")
    first_language: str | None = Field(None, max_length=60)
    interpreter_needed: bool | None = None
    literacy_needs: str | None = Field(None, max_length=200)
    nhs_number: str | None = None
    upn: str | None = None
    date_of_death: date | None = None

    @field_validator("given_name", "family_name", "middle_names", "sex", "ethnicity",
                     "disabilities", "first_language", "interpreter_needed", "literacy_needs",
                     "nhs_number", "upn", mode="before")
    @classmethod
    def _not_null(cls, v: Any) -> Any:
        """Null is not a value for these (issue 13 item 2): leave a field out to keep it."""
        if v is None:
            raise ValueError("cannot be null: leave the field out to keep what is recorded")
        return v

    _sex = field_validator("sex")(PersonFields._sex.__func__)  # type: ignore[attr-defined]
    _eth = field_validator("ethnicity")(PersonFields._ethnicity.__func__)  # type: ignore[attr-defined]
    _dis = field_validator("disabilities")(PersonFields._disabilities.__func__)  # type: ignore[attr-defined]
    _nhs = field_validator("nhs_number")(PersonFields._nhs.__func__)  # type: ignore[attr-defined]
    _upn = field_validator("upn")(PersonFields._upn.__func__)  # type: ignore[attr-defined]


class NameOut(Schema):
    kind: str
    given_name: str
    family_name: str


class PersonRecordOut(Schema):
    """The person's own fields; ``PersonOut`` adds what higher apps register."""

    id: UUID
    display_name: str
    given_name: str
    middle_names: str
    family_name: str
    other_names: list[NameOut]
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: str
    ethnicity: str
    disabilities: list[str]
    first_language: str
    interpreter_needed: bool
    literacy_needs: str
    nhs_number: str
    upn: str
    date_of_death: date | None
    restricted: bool
    version: int


@dataclass(frozen=True)
class ExtraField:
    """A field a higher app adds to the person API (e.g. safety's ``worker_safety_warnings``,
    R-SAFE-1): its name, its type in the OpenAPI document, its value for a reader
    (``value(user, person)``, on GET) and the value other answers carry."""

    name: str
    schema: Any
    value: Callable[[Any, Any], Any]
    default: Any = None

    def __call__(self, user, person) -> Any:
        return self.value(user, person)


#: The person API's extra fields, registered from higher apps' AppConfig.ready().
PERSON_API_FIELDS = Registry("person API extra fields")


@cache
def person_out() -> type[Schema]:
    """``PersonOut``: the person's own fields, then every registered extra field (with its
    default, so that it is never required). Built once the apps are ready, so that every
    app has registered its fields before the API declares its answers."""
    if not apps.ready:
        raise RuntimeError("PersonOut is built after every AppConfig.ready() has run.")
    extra: dict[str, Any] = {f.name: (f.schema, Field(default=f.default))
                             for f in _extra()}
    return create_model("PersonOut", __base__=PersonRecordOut, **extra)  # type: ignore[call-overload]


def extra_fields(user, person) -> dict[str, Any]:
    """Every registered extra field's value for ``user`` reading ``person``."""
    return {f.name: f(user, person) for f in _extra()}


def _extra() -> list[ExtraField]:
    return [f for f in PERSON_API_FIELDS if isinstance(f, ExtraField)]


class LikelyDuplicate(Schema):
    id: UUID
    display_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    score: float
    reasons: list[str]


class DuplicatesProblem(Problem):
    """409 on ``POST /people``: the person probably has a record already (R-PPL-2). Only the
    likely duplicates the caller may see are named; ``outside_your_access`` says that one
    exists that they may not see (ask the front door or the records team)."""

    likely_duplicates: list[LikelyDuplicate] = []
    outside_your_access: bool = False


class SearchResult(Schema):
    id: UUID
    display_name: str
    date_of_birth: date | None
    score: float
    reasons: list[str]


class SearchResults(Schema):
    results: list[SearchResult]


class SearchIn(Schema):
    name: str = Field("", max_length=200)
    dob: str = Field("", max_length=20)
    postcode: str = Field("", max_length=10)


class AccessLogEntry(Schema):
    at: str
    user: str
    action: str
    fields: list[str]
    reason: str


class AccessLog(Schema):
    total: int
    page: int
    entries: list[AccessLogEntry]

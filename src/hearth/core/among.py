"""A set of records a compiled query reads among (``core.compiled``): a list of ids or a
compiled subquery; ``Among.q`` embeds it in a plain queryset."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from hearth.core.compiled import Params


class Among:
    """A set of records for a compiled query to read among: a list of ids (bound as one
    array: a worker's caseload) or a subquery compiled once (its SQL a shape, its parameters
    values: a team's children). ``among.where(p, "person_id")`` in the builder,
    ``among.shape`` among the shape arguments and ``**among.values`` among the values."""

    __slots__ = ("ids", "params", "sql")

    def __init__(self, *, ids: Any = None, sql: str | None = None,
                 params: tuple = ()) -> None:
        self.ids = list(ids) if ids is not None else None
        self.sql, self.params = sql, tuple(params)

    @classmethod
    def of(cls, source: models.QuerySet | Any) -> Among:
        """The ids of a queryset (compiled now, once) or of a list; an ``Among`` as it is."""
        if isinstance(source, Among):
            return source
        if isinstance(source, models.QuerySet):
            sql, params = source.order_by().values("pk").query.sql_with_params()
            return cls(sql=sql, params=params)
        return cls(ids=source)

    @property
    def shape(self) -> str | None:
        return self.sql

    @property
    def values(self) -> dict[str, Any]:
        return {"among": self.ids if self.sql is None else self.params}

    def q(self, field: str, output_field: models.Field | None = None) -> models.Q:
        """The condition "``field`` is among them" for a queryset: the compiled SQL embedded
        as it is (nothing built again)."""
        if self.sql is None:
            return models.Q(**{f"{field}__in": self.ids})
        return models.Q(**{f"{field}__in": RawSQL(  # noqa: S611  (compiled by the ORM)
            self.sql, self.params, output_field=output_field or models.UUIDField())})

    @staticmethod
    def where(p: Params, field: str, shape: str | None, kind: str = "uuid") -> models.Q:
        """The condition "``field`` is among them" for a builder given ``shape``."""
        if shape is None:
            return models.Q(**{f"{field}__any": p.uuids("among") if kind == "uuid"
                               else p.integers("among")})
        return models.Q(**{f"{field}__in": p.sql("among", shape)})

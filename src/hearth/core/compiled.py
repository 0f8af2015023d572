"""Queries built and compiled once a process, their values bound on each run (issue 14).

Django builds a queryset (resolving every lookup, join and subquery) and compiles it to SQL
afresh on every request, and for Hearth's pages that is most of a request's time: a query
with a visibility filter or ten ``select_related`` parts costs milliseconds to build and
compile and a fraction of one to run. A hot query whose *shape* is the same on every request
— only the values differ: whose record, which user, what time — is declared once::

    @compiled
    def _devices(p):
        return TOTPDevice.objects.filter(user_id=p.integer("user"), confirmed=True).order_by("pk")

    _devices.all(user=request.user.pk)     # a list of TOTPDevice
    _devices.first(user=request.user.pk)   # the first, or None

The builder receives ``p``, whose methods stand for the values given later by name
(``p.integer``, ``p.uuid``, ``p.text``, ``p.date``, ``p.datetime``, ``p.flag``; ``p.integers``
/ ``p.uuids`` / ``p.texts`` for a list); it runs once per database connection, its SQL kept
with the compiler's knowledge of how to build rows (models with ``select_related``, ``values``,
``values_list``). Each call binds the values through the fields' own database preparation,
runs the SQL and builds the rows: no building, no compiling. ``window`` reads one page
(``core.paging.paginate_compiled``); ``among`` embeds the query in another (``Among``).

A builder may take *shape* arguments (``@compiled def b(p, kind)``; ``b.all("x", …)``): each
distinct, hashable shape is built and compiled once. A user's visibility filter is embedded
with ``p.sql(name, sql, field)``: the SQL a shape, its parameters a value
(``core.visibility.visible_sql``). A compiled query must not ``prefetch_related``, nor read a
value that changes between runs other than through ``p`` (``timezone.now()`` in a builder is
frozen at the first run: ``p.datetime("now")``). ``tests/core/test_compiled.py`` holds the
rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Lookup
from django.db.models.expressions import Expression, Func
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

from hearth.core.among import Among

__all__ = ["Among", "Params", "compiled", "forget"]


class Slot:
    """Where a named value goes among a compiled query's parameters."""

    __slots__ = ("field", "many", "name")

    def __init__(self, name: str, field: models.Field, many: bool) -> None:
        self.name, self.field, self.many = name, field, many


class Spread:
    """Where a named tuple of values goes (the parameters of an embedded SQL fragment)."""

    __slots__ = ("count", "name")

    def __init__(self, name: str, count: int) -> None:
        self.name, self.count = name, count


class Param(Expression):
    """A value given on each run: ``filter(person_id=p.uuid("person"))``."""

    def __init__(self, name: str, field: models.Field, many: bool = False) -> None:
        super().__init__(output_field=field)
        self.name, self.target, self.many = name, field, many

    def as_sql(self, compiler, connection):
        slot = Slot(self.name, self.target, self.many)
        if not self.many:
            return "%s", [slot]
        return list_sql(self.target, connection), [slot]


def list_sql(field: models.Field, connection) -> str:
    """The rows of a list given as one parameter (``list_value``): on PostgreSQL an array
    parameter, one statement whatever the list's length; on SQLite a JSON list."""
    if connection.vendor == "postgresql":
        return f"SELECT UNNEST(%s::{field.cast_db_type(connection)}[])"
    return "SELECT value FROM json_each(%s)"


def _any_sql(lhs: str, field: models.Field, connection) -> str:
    # ``lhs`` is Django's quoted column, the type its own: no value is ever in the text.
    if connection.vendor == "postgresql":
        return f"{lhs} = ANY(%s::{field.cast_db_type(connection)}[])"  # noqa: S608
    return f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608


@models.Field.register_lookup
class AnyOf(Lookup):
    """``field__any=p.uuids("ids")``: the field is one of a list given on each run. On
    PostgreSQL ``= ANY(array)``, which the planner reads through the field's index even
    inside an OR (``IN (SELECT UNNEST(…))`` there makes it read the whole table); on SQLite
    ``IN (SELECT value FROM json_each(…))``."""

    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        if not (isinstance(self.rhs, Param) and self.rhs.many):
            raise TypeError("__any takes a list stand-in of a compiled query (p.uuids(...))")
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        slot = Slot(self.rhs.name, self.rhs.target, True)
        return _any_sql(lhs, self.rhs.target, connection), [*params, slot]


# A foreign key's lookups are its own (``ForeignObject``'s), not every field's.
models.ForeignObject.register_lookup(AnyOf)


class Fragment(Expression):
    """Compiled SQL embedded as a subquery, its parameters given on each run."""

    def __init__(self, name: str, sql: str, count: int, field: models.Field) -> None:
        super().__init__(output_field=field)
        self.name, self.sql, self.count = name, sql, count

    def as_sql(self, compiler, connection):
        return f"({self.sql})", [Spread(self.name, self.count)]


class Params:
    """What a builder receives: a stand-in for each value named."""

    def integer(self, name: str) -> Param:
        return Param(name, models.BigIntegerField())

    def text(self, name: str) -> Param:
        return Param(name, models.TextField())

    def flag(self, name: str) -> Param:
        return Param(name, models.BooleanField())

    def uuid(self, name: str) -> Param:
        return Param(name, models.UUIDField())

    def date(self, name: str) -> Param:
        return Param(name, models.DateField())

    def datetime(self, name: str) -> Param:
        return Param(name, models.DateTimeField())

    def of(self, name: str, field: models.Field) -> Param:
        """A value prepared as ``field`` prepares it (a model's own id field, say)."""
        return Param(name, field)

    def integers(self, name: str) -> Param:
        return Param(name, models.BigIntegerField(), many=True)

    def uuids(self, name: str) -> Param:
        return Param(name, models.UUIDField(), many=True)

    def texts(self, name: str) -> Param:
        return Param(name, models.TextField(), many=True)

    def sql(self, name: str, sql: str, field: models.Field | None = None) -> Fragment:
        """Compiled SQL (a shape argument) whose parameters are given as ``name=(…)``."""
        return Fragment(name, sql, sql.count("%s"), field or models.UUIDField())


class _CountAll(Func):
    """``COUNT(*)`` selected as a plain column (Django would otherwise group by the row)."""

    template = "COUNT(*)"
    contains_aggregate = False

    def __init__(self) -> None:
        super().__init__(output_field=models.BigIntegerField())


PARAMS = Params()
_EMPTY = object()  # a builder whose filter no row can meet


class Frozen:
    """One shape's SQL and how to read its rows, made once per connection."""

    def __init__(self, qs: models.QuerySet, connection) -> None:
        if getattr(qs, "_prefetch_related_lookups", ()):
            raise ValueError("a compiled query reads rows only: no prefetch_related")
        kind = qs._iterable_class
        if kind not in (ModelIterable, ValuesIterable, ValuesListIterable,
                        FlatValuesListIterable):
            raise ValueError(f"a compiled query cannot read {kind.__name__} rows")
        self.kind = kind
        self.db = connection.alias
        query = qs.query
        self.limited = query.is_sliced
        compiler = query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        fields = [s[0] for s in compiler.select[0:compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        self.apply_converters = compiler.apply_converters
        if kind is ModelIterable:
            klass_info = compiler.klass_info
            select = compiler.select
            self.model = klass_info["model"]
            select_fields = klass_info["select_fields"]
            self.start, self.end = select_fields[0], select_fields[-1] + 1
            self.init_list = [f[0].target.attname for f in select[self.start:self.end]]
            self.populators = get_related_populators(  # type: ignore[call-arg]
                klass_info, select, self.db)
            self.annotations = list((compiler.annotation_col_map or {}).items())
        elif kind is ValuesIterable:
            self.names = (list(query.selected) if query.selected else
                          [*query.extra_select, *query.values_select,
                           *query.annotation_select])

    def bind(self, connection, values: dict[str, Any]) -> list:
        out: list = []
        for param in self.params:
            if isinstance(param, Slot):
                out.append(_prepare(param, values, connection))
            elif isinstance(param, Spread):
                given = tuple(_value(param.name, values))
                if len(given) != param.count:
                    raise ValueError(f"{param.name}: {param.count} values expected, "
                                     f"{len(given)} given")
                out.extend(given)
            else:
                out.append(param)
        return out

    def run(self, values: dict[str, Any], window: tuple[int, int] | None = None) -> list:
        """The rows, all of them or ``window`` (``(start, size)``: one page, the limit and
        offset bound as values, so every page is the same statement)."""
        connection = connections[self.db]
        sql, params = self.sql, self.bind(connection, values)
        if window is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            params = [*params, window[1], window[0]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows: Any = cursor.fetchall()
        if self.converters:
            rows = list(self.apply_converters(rows, self.converters))
        if self.kind is ModelIterable:
            return [self._instance(row) for row in rows]
        if self.kind is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.kind is ValuesListIterable:
            return [tuple(row) for row in rows]
        names = self.names
        return [dict(zip(names, row, strict=False)) for row in rows]

    def _instance(self, row):
        obj = self.model.from_db(self.db, self.init_list, row[self.start:self.end])
        for populator in self.populators:
            populator.populate(row, obj)
        for name, position in self.annotations:
            setattr(obj, name, row[position])
        return obj


def _value(name: str, values: dict[str, Any]) -> Any:
    try:
        return values[name]
    except KeyError:
        raise TypeError(f"a compiled query needs a value for {name!r}") from None


def _prepare(slot: Slot, values: dict[str, Any], connection) -> Any:
    value = _value(slot.name, values)
    field = slot.field
    if not slot.many:
        return None if value is None else field.get_db_prep_value(value, connection)
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise TypeError(f"{slot.name!r} takes a list of values")
    return list_value(value, field, connection)


def list_value(values: Iterable, field: models.Field, connection) -> Any:
    """A list of values as the one parameter ``list_sql`` reads, each prepared as ``field``
    prepares it."""
    prepared = [field.get_db_prep_value(v, connection) for v in values]
    if connection.vendor == "postgresql":
        return _array_literal(prepared)
    return json.dumps([str(v) if not isinstance(v, int | float) else v for v in prepared])


def _array_literal(values: list) -> Any:
    """A list of ids as PostgreSQL's text of an array (``{1,2,3}``, cast by the statement to
    ``uuid[]`` or ``bigint[]``): one string, where psycopg would quote-check and dump each
    element in Python (a family's few hundred people on every page, issue 14). Anything but
    ids (ints, UUIDs) goes as the list itself."""
    if all(type(v) is int or isinstance(v, UUID) for v in values):
        return "{" + ",".join(map(str, values)) + "}"
    return values


class Compiled:
    """A query built and compiled once per connection and shape (see the module's doc)."""

    def __init__(self, build: Callable[..., models.QuerySet]) -> None:
        self.build = build
        self.__name__ = getattr(build, "__name__", "compiled")
        self.__doc__ = build.__doc__

    def frozen(self, shape: tuple[Hashable, ...] = (), using: str = "default",
               counted: bool = False) -> Any:
        connection = connections[using]
        cache: dict = connection.__dict__.setdefault("_hearth_compiled", {})
        key = (self, shape, counted)
        found = cache.get(key)
        if found is None:
            qs = self.build(PARAMS, *shape)
            if counted:
                qs = qs.order_by().values_list(_CountAll(), flat=True)
            try:
                found = Frozen(qs, connection)
            except EmptyResultSet:
                found = _EMPTY
            cache[key] = found
        return found

    def all(self, *shape: Hashable, using: str = "default", **values: Any) -> list:
        frozen = self.frozen(shape, using)
        return [] if frozen is _EMPTY else frozen.run(values)

    def window(self, *shape: Hashable, start: int, size: int, using: str = "default",
               **values: Any) -> list:
        """``size`` rows from ``start`` in the query's order (a page of a list). The builder
        must not slice its query."""
        if start < 0 or size < 0:
            raise ValueError("a window starts at 0 or later and holds 0 rows or more")
        frozen = self.frozen(shape, using)
        if frozen is _EMPTY:
            return []
        if frozen.limited:
            raise ValueError(f"{self.__name__} slices its query: it has no window")
        return frozen.run(values, (start, size))

    def first(self, *shape: Hashable, using: str = "default", **values: Any) -> Any:
        rows = self.all(*shape, using=using, **values)
        return rows[0] if rows else None

    def count(self, *shape: Hashable, using: str = "default", **values: Any) -> int:
        """How many rows the query would read (one ``COUNT(*)``)."""
        frozen = self.frozen(shape, using, counted=True)
        return 0 if frozen is _EMPTY else int(frozen.run(values)[0])

    def among(self, *shape: Hashable, using: str = "default", **values: Any) -> Among:
        """The query as an ``Among`` for another compiled query to read among: its compiled
        SQL (a shape) with these values bound (no query now). The builder must select one
        column, unordered (``.order_by().values_list("pk", flat=True)``)."""
        frozen = self.frozen(shape, using)
        if frozen is _EMPTY:
            return Among(ids=[])
        return Among(sql=frozen.sql, params=tuple(frozen.bind(connections[using], values)))

    def sql(self, *shape: Hashable, using: str = "default") -> str:
        """The compiled SQL (for tests and EXPLAIN)."""
        frozen = self.frozen(shape, using)
        return "" if frozen is _EMPTY else frozen.sql


def compiled(build: Callable[..., models.QuerySet]) -> Compiled:
    """Declare a query built and compiled once (see the module's doc)."""
    return Compiled(build)


def forget(using: str = "default") -> None:
    """Drop a connection's compiled queries (after a schema change: tests of migrations)."""
    connections[using].__dict__.pop("_hearth_compiled", None)

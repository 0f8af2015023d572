"""How ``visible_to(user)`` is applied: the mechanism, not the policy.

Each app registers who may see its records (``register(Model, scope)``, from its AppConfig),
as chronology sources are registered; a scope is ``scope(user) -> Q | None`` (None: nothing).
Where a lower app's records are reached through a higher app's (a person is seen because of
an involvement, a conference, a core group), the higher app adds a *reach*
(``add_reach(Person, reach)``) and the lower app's scope ORs them in with ``reaches(...)``.

Everything a user may not see answers 404 (``get_visible_or_404``), so its existence does not
leak. Nothing here imports an app.

Within one request (``scopes_remembered()``, entered by the access app's request middleware) a
user's scope of a model is built once and reused: a page asks for people's visibility several
times (the record, its panels, the worker-safety banner), and building the filter — its
subqueries for every way a worker reaches a person — costs more than running it. Outside a
request (actions, commands, tests) every call builds it afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

Scope = Callable[[Any], "Q | None"]

_scopes: dict[str, Scope] = {}
_reaches: dict[str, list[Scope]] = {}
_remembered: ContextVar[dict | None] = ContextVar("hearth_visibility_scopes", default=None)


@contextmanager
def scopes_remembered() -> Iterator[None]:
    """Build each user's scope of each model at most once inside this block (one request)."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def remembered(key: tuple, build: Callable[[], Any]) -> Any:
    """``build()``, once per request for ``key`` inside ``scopes_remembered()`` (every call
    outside a request). The key must name everything the answer depends on."""
    memo = _remembered.get()
    if memo is None:
        return build()
    if key not in memo:
        memo[key] = build()
    return memo[key]


def request_memo() -> dict | None:
    """The request's memo of ``remembered`` answers (None outside a request), for a reader
    that can answer from an earlier, wider answer (``safety.queries.warnings``)."""
    return _remembered.get()


def _label(model: type[models.Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.label_lower


def register(model: type[models.Model] | str, scope: Scope) -> None:
    """``model``'s records are visible to ``user`` where ``scope(user)`` holds."""
    _scopes[_label(model)] = scope


def add_reach(model: type[models.Model] | str, reach: Scope) -> None:
    """A higher app adds a way of reaching ``model``'s records (idempotent)."""
    found = _reaches.setdefault(_label(model), [])
    if reach not in found:
        found.append(reach)


def reaches(model: type[models.Model] | str, user) -> Q | None:
    """Every registered reach of ``model`` for ``user``, ORed (None: none reaches anything)."""
    combined: Q | None = None
    for reach in _reaches.get(_label(model), []):
        q = reach(user)
        if q is not None:
            combined = q if combined is None else combined | q
    return combined


def scope(model: type[models.Model] | str, user) -> Q | None:
    """What ``user`` may see of ``model`` (None: nothing). A model nobody registered is seen by
    nobody: forgetting to register hides records, it never shows them."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    label = _label(model)
    remembered = _remembered.get()
    if remembered is None:
        return _build_scope(label, user)
    key = (label, *_user_key(user))
    if key not in remembered:
        remembered[key] = _build_scope(label, user)
    return remembered[key]


def _build_scope(label: str, user) -> Q | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    found = _scopes.get(label)
    return None if found is None else found(user)


def _user_key(user) -> tuple:
    # Everything a scope reads from the user: a request that changes the user's role, team or
    # agency gets the scope of what they are now.
    return (user.pk, user.role, getattr(user, "team_id", None), getattr(user, "agency_id", None))


def visible_pks(model: type[models.Model], user) -> RawSQL:
    """The ids of ``model``'s records ``user`` may see, as a subquery for another scope or
    query (``Q(person__in=visible_pks(Person, user))``).

    The same SQL as ``model.objects.visible_to(user).values("pk")``, but built and compiled
    once a request: a person page asks who the user may see inside a dozen other filters (the
    FGCs, the differences, the notes, the tasks…), and building and compiling that filter —
    its subqueries for every way a worker reaches a person — costs Django more than the
    database takes to answer it (issue 14)."""
    sql, params = visible_sql(model, user)
    # The SQL is the ORM's own compilation of the scope, its values bound as parameters.
    return RawSQL(sql, params, output_field=model._meta.pk)  # noqa: S611


def visible_through(field: str, model: type[models.Model], user=None, *,
                    visible: Any = None) -> Q:
    """``field`` (a foreign key to ``model``) points at a record ``user`` may see, as a
    correlated ``EXISTS`` on that one record: for a filter that ORs it with other conditions.
    ``Q(person__in=visible_pks(...))`` inside an OR cannot become a semi-join, so PostgreSQL
    computes every record the user may see (15,000 people for a worker in a big team: 60 ms)
    to test a handful; this tests each row's own record through its primary key. A compiled
    builder gives its stand-in for the user's filter instead of the user
    (``visible=p.sql("visible", visible_sql)``)."""
    seen = visible_pks(model, user) if visible is None else visible
    return Q(Exists(model._default_manager.filter(pk=OuterRef(field)).filter(pk__in=seen)))


def visible_sql(model: type[models.Model], user) -> tuple[str, tuple]:
    """``visible_pks``'s SQL and parameters: compiled once a process for each user (``kept``),
    its time bound afresh on each use; for a query compiled once a process (``core.compiled``:
    the SQL a shape, the parameters its values)."""
    if user is None or not getattr(user, "pk", None):
        return _nothing_sql(model)
    key = ("visible_pks", _label(model), *_user_key(user))
    if _label(model) in _keepable:
        if _compiling.get():
            # Embedded in another model's scope being compiled to be kept: the time's marks
            # stay in, for that scope to bind on each use (``keep(model, embeds=...)``).
            found = kept(model, user)
            _embedded.get().add(_label(model))
            return found.sql, found.params
        return remembered(key, lambda: kept(model, user).bound())
    return remembered(key, lambda: _compile_scope(model, user)[:2])


def sees_nothing(model: type[models.Model], user) -> bool:
    """Whether ``user`` may see none of ``model``'s records, without building their scope
    (``kept``)."""
    if user is None or not getattr(user, "pk", None):
        return True
    if _label(model) in _keepable:
        return kept(model, user).nothing
    return scope(model, user) is None


def _nothing_sql(model: type[models.Model]) -> tuple[str, tuple]:
    # A filter no row meets (ids are never null).
    sql, params = model._default_manager.filter(pk__isnull=True).order_by().values(
        "pk").query.sql_with_params()
    return sql, tuple(params)


# --- A user's scope compiled once a process ---------------------------------------------------
#
# Building a user's visibility filter of people (its subqueries for every way a worker reaches
# a person) and compiling it took 3 ms of every signed-in request that reads a person, more
# than half of the API record's time (issue 14). The SQL depends only on what ``_user_key``
# names, on what the scopes and reaches declare with ``depends_on`` (a team's service, whether
# a service manager's team has a LADO officer) and on the time, which a scope reads through
# ``now()``: while a scope is compiled to be kept, ``now()`` is a mark, and each use binds the
# time of that request where the mark was. So the compiled filter is kept for the process, one
# per user, and no request builds it again until the user's role, team or what they depend on
# changes (the key changes with them).

#: The mark ``now()`` gives while a scope is compiled to be kept: no real expiry is this late.
_NOW_MARK = datetime(2999, 12, 31, 23, 59, 58, 987654, tzinfo=UTC)
_compiling: ContextVar[bool] = ContextVar("hearth_visibility_compiling", default=False)
_embedded: ContextVar[set[str]] = ContextVar("hearth_visibility_embedded")
_depends: dict[str, list[Callable[[Any], Hashable]]] = {}
_keepable: set[str] = set()
_embeds: dict[str, tuple[str, ...]] = {}
_KEPT: OrderedDict[tuple, Kept] = OrderedDict()
_KEPT_LOCK = threading.Lock()  # a live server's threads share the process's kept scopes
#: How many users' compiled filters a process keeps (the least recently used go first).
KEPT_MAX = 4096


def keep(model: type[models.Model] | str, *,
         embeds: tuple[type[models.Model] | str, ...] = ()) -> None:
    """``model``'s scope may be compiled once a process for each user (``kept``): it and
    every reach of it read the time only through ``now()`` and declare with ``depends_on``
    whatever else they read beyond the user's id, role, team and agency. A scope not declared
    so is compiled afresh each request (a check-in's reads the time itself).

    ``embeds`` names the kept scopes this one embeds (a difference's scope tests its child
    through ``visible_through(…, Person, user)``): a kept scope is compiled again when what
    they depend on changes too, and embedding one not named is refused."""
    _keepable.add(_label(model))
    _embeds[_label(model)] = tuple(_label(m) for m in embeds)


def now() -> datetime:
    """The time a scope compares expiries with (a break-glass, an agency's share): use this,
    never ``timezone.now()``, inside a scope, so that a kept scope binds each request's
    time."""
    return _NOW_MARK if _compiling.get() else timezone.now()


def depends_on(model: type[models.Model] | str, key: Callable[[Any], Hashable]) -> None:
    """``model``'s scope (or a reach of it) depends on ``key(user)`` beyond the user's id,
    role, team and agency: a kept scope is compiled again when it changes. ``key`` is asked
    once a request and must be cheap."""
    found = _depends.setdefault(_label(model), [])
    if key not in found:
        found.append(key)


class Kept:
    """A user's compiled scope of a model: its SQL, its parameters with the time's places."""

    __slots__ = ("marks", "nothing", "params", "sql")

    def __init__(self, sql: str, params: tuple, marks: tuple[int, ...], nothing: bool) -> None:
        self.sql, self.params, self.marks, self.nothing = sql, params, marks, nothing

    def bound(self) -> tuple[str, tuple]:
        if not self.marks:
            return self.sql, self.params
        params = list(self.params)
        at = _prepared_time(timezone.now())
        for i in self.marks:
            params[i] = at
        return self.sql, tuple(params)


def _prepared_time(value: datetime) -> Any:
    return models.DateTimeField().get_db_prep_value(value, connection)


def kept(model: type[models.Model], user) -> Kept:
    """``user``'s scope of ``model`` compiled once a process (see above), looked up once a
    request (its key asks what the scope depends on)."""
    return remembered(("visibility.kept", _label(model), *_user_key(user),
                       bool(user.is_active)), lambda: _kept(model, user))


def _kept(model: type[models.Model], user) -> Kept:
    label = _label(model)
    key = (connection.alias, connection.vendor, label, *_user_key(user), bool(user.is_active),
           *(depend(user) for each in (label, *_embeds.get(label, ()))
             for depend in _depends.get(each, ())))
    with _KEPT_LOCK:
        found = _KEPT.get(key)
        if found is not None:
            _KEPT.move_to_end(key)
            return found
    if label not in _keepable:
        raise ValueError(f"{label}'s scope is not declared to be kept (visibility.keep)")
    token, embedded = _compiling.set(True), _embedded.set(set())
    try:
        sql, params, q = _compile_scope(model, user, fresh=True)
        undeclared = _embedded.get() - set(_embeds.get(label, ()))
    finally:
        _compiling.reset(token)
        _embedded.reset(embedded)
    if undeclared:
        raise ValueError(f"{label}'s scope embeds {', '.join(sorted(undeclared))}, not "
                         "declared (visibility.keep(..., embeds=...))")
    mark = _prepared_time(_NOW_MARK)
    if any(isinstance(v, datetime) and v != mark for v in params):
        # A scope (or a reach) that read the time itself would be frozen at this moment.
        raise ValueError(f"{label}'s scope read the time other than through visibility.now()")
    found = Kept(sql, tuple(params), tuple(i for i, v in enumerate(params) if v == mark),
                 q is None)
    with _KEPT_LOCK:
        _KEPT[key] = found
        while len(_KEPT) > KEPT_MAX:
            _KEPT.popitem(last=False)
    return found


def _compile_scope(model: type[models.Model], user,
                   fresh: bool = False) -> tuple[str, tuple, Q | None]:
    """The SQL of ``user``'s visible ids of ``model`` and the scope it came from (``fresh``:
    built now, not the request's)."""
    q = _build_scope(_label(model), user) if fresh else scope(model, user)
    qs = (model._default_manager.filter(pk__isnull=True) if q is None
          else model._default_manager.filter(q))
    # No ORDER BY: a sorted subquery makes PostgreSQL read and sort every visible person
    # before it can look one up (Django drops the ordering of a queryset used in a filter;
    # compiled SQL must drop it itself).
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params), q


def forget_kept() -> None:
    """Drop every kept scope (tests that change the rules)."""
    with _KEPT_LOCK:
        _KEPT.clear()


def apply(qs: models.QuerySet, user) -> models.QuerySet:
    q = scope(qs.model, user)
    return qs.none() if q is None else qs.filter(q)


class VisibleQuerySet(models.QuerySet):
    """A queryset with ``visible_to(user)``: the one filter every page, API answer, search,
    count and export goes through."""

    def visible_to(self, user):
        return apply(self, user)


def get_visible_or_404(source: type[models.Model] | models.QuerySet, user, pk: Any,
                       what: str | None = None, **lookups: Any) -> Any:
    """The record with ``pk`` that ``user`` may see, or 404 when it does not exist, is not
    visible, or ``pk`` is not an id at all (``?person=abc``)."""
    qs = source if isinstance(source, models.QuerySet) else source._default_manager.all()
    name = what or str(qs.model._meta.verbose_name)
    model: Any = qs.model
    try:
        if connection.vendor == "postgresql":
            # The request's one compiled filter (``visible_pks``): PostgreSQL turns the
            # subquery into a semi-join on this one id, and the panels around the record
            # reuse the filter instead of building and compiling it again (issue 14).
            # SQLite would read the whole subquery first, so it keeps the plain filter.
            visible = qs.none() if scope(model, user) is None else qs.filter(
                pk__in=visible_pks(model, user))
            return visible.get(pk=pk, **lookups)
        return apply(qs, user).get(pk=pk, **lookups)
    except (model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404(f"No such {name}.") from exc

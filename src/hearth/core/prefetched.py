"""Related rows read by a compiled query (``core.compiled``), handed to the objects they
belong to as Django's ``prefetch_related`` would hand them (issue 14).

A compiled query reads rows only (it may not ``prefetch_related``), so a page that shows a plan
with its actions reads the actions with a compiled query of their own and attaches them::

    plans = _plans.all(person=pk)
    attach(plans, "actions", _actions.all(plans=[p.pk for p in plans]), key="plan_id")

after which ``plan.actions.all()`` (in Python or a template) answers from the rows read,
without a query, in the order they were read — what ``prefetch_related("actions")`` does,
without building and compiling its queryset on every request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any


def attach(objects: Iterable[Any], related_name: str, rows: Iterable[Any], *, key: str) -> None:
    """Give each object its related rows (``row.<key>`` is the object's pk): its manager
    ``related_name`` then answers ``.all()`` from them, as after ``prefetch_related``."""
    found: dict = defaultdict(list)
    for row in rows:
        found[getattr(row, key)].append(row)
    for obj in objects:
        manager = getattr(obj, related_name)
        qs = manager.get_queryset()  # what prefetch_related itself keeps (prefetch_one_level)
        qs._result_cache = found.get(obj.pk, [])
        qs._prefetch_done = True
        name = (manager.prefetch_cache_name if hasattr(manager, "prefetch_cache_name")
                else manager.field.remote_field.cache_name)  # many-to-many, or a reverse key
        obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = qs

"""Registration points: where a higher app adds to what a lower app shows or does, as Django's
admin and signals work, so that a lower app never imports a higher one.

A lower app declares its point (``PERSON_PANELS = Registry("person page panels")``) and
calls it; a higher app adds to it from its AppConfig.ready(). Registering twice is harmless.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


class Registry:
    """An ordered, duplicate-free list of callables a lower app calls and higher apps fill."""

    def __init__(self, name: str):
        self.name = name
        self._items: list[Callable[..., Any]] = []

    def register(self, item: Callable[..., Any]) -> Callable[..., Any]:
        """Add ``item`` (usable as a decorator); a second registration is ignored."""
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self) -> Iterator[Callable[..., Any]]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._items)}>"

    def call_all(self, *args: Any, **kwargs: Any) -> list[Any]:
        """Each registered callable's answer, in registration order."""
        return [item(*args, **kwargs) for item in self._items]

    def first_refusal(self, *args: Any, **kwargs: Any) -> Any:
        """The first non-empty answer (e.g. the first check that refuses), else None."""
        for item in self._items:
            answer = item(*args, **kwargs)
            if answer:
                return answer
        return None

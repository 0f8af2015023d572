"""One page of a list that grows with the council (issue 14): counted and sliced in the
database, and the GOV.UK pagination component's links (``web/pagination.html``).

``paginate(qs, request)`` takes two queries however long the list: the total and the page.
The page number comes from ``?page=``; anything that is not a page of the list (a word, zero,
a negative number, a huge one) answers the nearest page that is — the first, or the last —
never an error. The other query parameters (the filters) are kept in every link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

PAGE_SIZE = 25
PARAM = "page"
MAX_DIGITS = 6


def page_number(value: str | None) -> int:
    """The page asked for, or 1 when the value is not a whole number of at most six
    digits from 1."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_DIGITS:
        return 1
    return max(1, int(value))


@dataclass
class Page:
    """One page of ``total`` items (``number`` counts from 1)."""

    items: list[Any]
    total: int
    number: int
    size: int
    query: dict[str, list[str]] = field(default_factory=dict)
    param: str = PARAM

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first_index(self) -> int:
        """The position of the page's first item in the whole list (1-based; 0 when empty)."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * self.size + len(self.items)

    def href(self, number: int) -> str:
        return "?" + urlencode({**self.query, self.param: number}, doseq=True)

    @property
    def previous(self) -> str | None:
        return self.href(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.href(self.number + 1) if self.number < self.page_count else None

    @property
    def links(self) -> list[dict[str, Any]]:
        """The numbered links of the GOV.UK component: the first, the last, and those next to
        the current one, with an ellipsis (``{"ellipsis": True}``) for each gap."""
        wanted = sorted({1, self.page_count, *range(self.number - 1, self.number + 2)})
        out: list[dict[str, Any]] = []
        last = 0
        for n in (n for n in wanted if 1 <= n <= self.page_count):
            if n - last > 1:
                out.append({"ellipsis": True})
            out.append({"ellipsis": False, "number": n, "current": n == self.number,
                        "href": self.href(n)})
            last = n
        return out


def _page(total: int, request, size: int, param: str, read) -> Page:
    """The page ``request`` asks for among ``total`` rows, its items ``read(start, size)``
    (not asked when there are none), the other parameters kept for its links."""
    pages = max(1, -(-total // size))
    number = min(page_number(request.GET.get(param)), pages)
    start = (number - 1) * size
    items = list(read(start, size)) if total else []
    query = {k: request.GET.getlist(k) for k in request.GET if k != param}
    return Page(items=items, total=total, number=number, size=size, query=query, param=param)


def paginate(qs, request, *, size: int = PAGE_SIZE, param: str = PARAM,
             total: int | None = None) -> Page:
    """The page of ``qs`` (already filtered and ordered in the database) that ``request``
    asks for: ``COUNT(*)`` and one ``LIMIT/OFFSET`` query (``total``: the count, when the
    caller has counted already, in a query it needed anyway)."""
    return _page(qs.count() if total is None else total, request, size, param,
                 lambda start, n: qs[start:start + n])


def paginate_compiled(query, request, *shape, size: int = PAGE_SIZE, param: str = PARAM,
                      total: int | None = None, **values) -> Page:
    """``paginate`` for a query compiled once a process (``core.compiled``): its ``COUNT(*)``
    (unless the caller counted: ``total``) and its page, each one statement whatever the
    page (the limit and offset are values)."""
    return _page(query.count(*shape, **values) if total is None else total, request, size,
                 param, lambda start, n: query.window(*shape, start=start, size=n, **values))


def paginate_list(items: list, request, *, size: int = PAGE_SIZE, param: str = PARAM) -> Page:
    """``paginate`` for a list already worked out (a report whose rows are decided by rules,
    not by a query), with the same links and bounds."""
    return _page(len(items), request, size, param, lambda start, n: items[start:start + n])


#: The API's lists (``api_page``): rows a page unless ``page_size`` says, and at most.
API_PAGE_SIZE = 100
API_MAX_PAGE_SIZE = 500
API_MAX_PAGE = 10 ** MAX_DIGITS - 1


def api_page(qs, request, response, *, page: int, size: int) -> tuple[list, int]:
    """One page of a list the API answers (issue 14: no list read whole): the rows of page
    ``page`` of ``size`` and how many there are in all, counted and sliced in the database
    (two queries). The answer's ``X-Total-Count`` says how many, and ``Link`` (RFC 8288) where
    the first, previous, next and last pages are, their other query parameters kept. A page
    past the last has no rows and the same headers; ``page`` and ``size`` are checked by the
    schema (``core.schemas.ApiPageParams``)."""
    total = qs.count()
    start = (page - 1) * size
    found = Page(items=list(qs[start:start + size]) if start < total else [], total=total,
                 number=page, size=size,
                 query={k: request.GET.getlist(k) for k in request.GET if k != PARAM})
    last = found.page_count
    links = [(1, "first")]
    if 1 < page <= last + 1:
        links.append((min(page - 1, last), "prev"))
    if page < last:
        links.append((page + 1, "next"))
    links.append((last, "last"))
    response["X-Total-Count"] = str(total)
    response["Link"] = ", ".join(f'<{request.path}{found.href(n)}>; rel="{rel}"'
                                 for n, rel in links)
    return found.items, total

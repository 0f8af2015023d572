"""The ids the care leavers' pages name, for the route matrix (tests/access/test_routes.py):
the matrix's person (Jack) is no care leaver; the pages answer 404 for his record, as they do
for anyone without one. Nothing to add."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    return {}

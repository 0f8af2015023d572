"""The ids the child protection pages name, for the route matrix in tests/access/test_routes.py.
Each area of the app adds its own in ``route_args_<area>.py``."""

from __future__ import annotations

import importlib


def route_args(*, fletchers, social_worker, police, args) -> dict:
    out: dict = {}
    for area in ("strategy", "conferences", "twoworkers"):
        module = importlib.import_module(f"tests.protection.route_args_{area}")
        out.update(module.route_args(fletchers=fletchers, social_worker=social_worker,
                                     police=police, args={**args, **out}))
    return out

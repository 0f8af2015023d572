"""Fixtures of the looked_after tests. Reviews, plans, visits and health (R-CLA-2..5): see
``care.py``."""

from tests.looked_after.care import iro, jack_in_care  # noqa: F401

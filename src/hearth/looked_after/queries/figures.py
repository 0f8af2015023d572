"""The children-in-care dashboard's figures for reviews, statutory visits and health
assessments (registered with ``queries.dashboard.FIGURES``): each counts the children passed
in whose next one is due within ``SOON_DAYS`` or overdue, and how many are overdue — in the
constant number of queries of ``care_states``."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from hearth.looked_after.queries.dashboard import Figure
from hearth.looked_after.queries.reviews import care_states

#: "Due" on the dashboard: within four weeks.
SOON_DAYS = 28


def review_figures(user, children) -> list[Figure]:
    today = timezone.localdate()
    soon = today + timedelta(days=SOON_DAYS)
    states = care_states(children, today=today)
    reviews = [s.next_review.due_on for s in states]
    visits = [s.visit_due for s in states if s.visit_due is not None]
    health = [s.health_due for s in states if s.health_due is not None]
    return [
        Figure("Reviews due in the next 4 weeks or overdue", sum(d <= soon for d in reviews),
               sum(d < today for d in reviews)),
        Figure("Statutory visits due in the next 4 weeks or overdue",
               sum(d <= soon for d in visits), sum(d < today for d in visits),
               href=reverse("looked_after:visits")),
        Figure("Health assessments overdue", sum(d < today for d in health)),
    ]

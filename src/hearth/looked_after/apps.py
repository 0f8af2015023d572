from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "hearth.looked_after"
    label = "looked_after"
    verbose_name = "Children looked after"

    def ready(self) -> None:
        self._ready_reviews()

    def _ready_reviews(self) -> None:
        """Reviews, plans, statutory visits, health and education (R-CLA-2..5)."""
        from hearth.chronology.actions import register
        from hearth.chronology.rules import Link
        from hearth.core import visibility
        from hearth.core.due import SOURCES
        from hearth.looked_after import chronology
        from hearth.looked_after.due import health, plans, reviews, visits
        from hearth.looked_after.models import Review
        from hearth.looked_after.queries.dashboard import FIGURES
        from hearth.looked_after.queries.figures import review_figures
        from hearth.looked_after.queries.reviews import iro_reach
        from hearth.people.models import Person

        # The IRO sees the children they are IRO for.
        visibility.add_reach(Person, iro_reach)
        register(Review, "cla_review", chronology.review_events, chronology.all_reviews,
                 link=Link("looked_after:review", "review_id"))
        for source in (reviews.reviews_due, plans.plans_due, visits.visits_due,
                       health.health_due):
            SOURCES.register(source)
        FIGURES.register(review_figures)

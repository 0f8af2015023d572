from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "hearth.looked_after"
    label = "looked_after"
    verbose_name = "Children looked after"

    def ready(self) -> None:
        self.ready_periods()
        self.ready_reviews()

    def ready_periods(self) -> None:
        """Periods of care, episodes and placements (issue 17): who sees them, the
        chronology, the child at a glance and the person page's panel."""
        from django.db.models import OuterRef

        from hearth.chronology.actions import register
        from hearth.chronology.rules import Link
        from hearth.core import presence, visibility
        from hearth.core.status import PROVIDERS
        from hearth.frontdoor.views.contacts import NEXT_STEPS as AFTER_CONTACT
        from hearth.looked_after import chronology
        from hearth.looked_after.models import (
            CareAmendment,
            CarePeriod,
            Episode,
            Placement,
            UascStatus,
        )
        from hearth.looked_after.queries.periods import amendment_scope, child_scope, iro_reach
        from hearth.looked_after.status import (
            contact_entry_links,
            entry_link,
            looked_after_panel,
            looked_after_statuses,
        )
        from hearth.people.models import Person
        from hearth.people.queries.persons import PERSON_PANELS
        from hearth.protection.views.strategy import NEXT_STEPS

        for model in (CarePeriod, Episode, Placement, UascStatus):
            visibility.register(model, child_scope)
        visibility.register(CareAmendment, amendment_scope)
        visibility.add_reach(Person, iro_reach)  # the IRO sees the children they review
        register(CarePeriod, "looked_after", chronology.period_events, chronology.all_periods,
                 link=Link("looked_after:child", "person_id", by_person=True))
        PROVIDERS.register(looked_after_statuses)  # the child at a glance
        PERSON_PANELS.register(looked_after_panel)  # "Looked after", first on the page
        presence.register("care_episodes", lambda: Episode.objects.filter(child=OuterRef("pk")))
        presence.register("care_periods",
                          lambda: CarePeriod.objects.filter(child=OuterRef("pk")))
        NEXT_STEPS.register(entry_link)  # from a strategy discussion or a conference
        AFTER_CONTACT.register(contact_entry_links)  # from the front door (immediate)

    def ready_reviews(self) -> None:
        """Reviews, plans, statutory visits, health and education (R-CLA-2..5)."""
        from hearth.chronology.actions import register
        from hearth.chronology.rules import Link
        from hearth.core.due import SOURCES
        from hearth.looked_after import chronology
        from hearth.looked_after.due import health, plans, reviews, visits
        from hearth.looked_after.models import Review
        from hearth.looked_after.queries.dashboard import FIGURES
        from hearth.looked_after.queries.figures import review_figures

        register(Review, "cla_review", chronology.review_events, chronology.all_reviews,
                 link=Link("looked_after:review", "review_id"))
        for source in (reviews.reviews_due, plans.plans_due, visits.visits_due,
                       health.health_due):
            SOURCES.register(source)
        FIGURES.register(review_figures)

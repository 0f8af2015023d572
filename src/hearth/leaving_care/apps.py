from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "hearth.leaving_care"
    label = "leaving_care"
    verbose_name = "Care leavers"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.chronology.actions import register
        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.core.status import PROVIDERS
        from hearth.leaving_care import chronology, due
        from hearth.leaving_care.models import CareLeaver
        from hearth.leaving_care.queries import (
            adviser_reach,
            care_leaver_scope,
            missing_this_month_figure,
            not_in_touch_figure,
        )
        from hearth.leaving_care.status import care_leaver_panel, care_leaver_statuses
        from hearth.looked_after.queries.dashboard import FIGURES
        from hearth.people.models import Person
        from hearth.people.queries.persons import PERSON_PANELS

        visibility.register(CareLeaver, care_leaver_scope)  # seen with the young person
        # The personal adviser opens the records of the young people allocated to them.
        visibility.add_reach(Person, adviser_reach)
        register(CareLeaver, chronology.ORIGIN, chronology.record_events,
                 chronology.all_records, link=chronology.LINK)
        SOURCES.register(due.care_leaver_work)  # plans, contact, keeping in touch
        PROVIDERS.register(care_leaver_statuses)  # the child at a glance
        PERSON_PANELS.register(care_leaver_panel)
        presence.register("care_leaver", lambda: CareLeaver.objects.filter(person=OuterRef("pk")))
        # The dashboard's figures: this app's, and the missing app's (it sits below
        # looked_after and cannot register there itself).
        FIGURES.register(not_in_touch_figure)
        FIGURES.register(missing_this_month_figure)

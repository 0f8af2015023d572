from django.apps import AppConfig


def _note_loaded(sender, instance, **kwargs) -> None:
    """Every person read from the database in a request is noted, so that an answer that
    shows people is audited (``access.middleware``, issue 13 item 3). Only the fields already
    loaded are used: noting never costs a query."""
    from hearth.access.middleware import note_person_loaded

    loaded = instance.__dict__
    note_person_loaded(loaded.get("id"), f"{loaded.get('given_name') or ''} "
                                         f"{loaded.get('family_name') or ''}".strip())


class PeopleConfig(AppConfig):
    name = "hearth.people"
    label = "people"
    verbose_name = "People and families"

    def ready(self) -> None:
        from django.db.models.signals import post_init

        from hearth.core import visibility
        from hearth.people.models import Person
        from hearth.people.queries.visibility import manages_front_door, person_scope

        visibility.register(Person, person_scope)
        # Compiled once a process for each user (issue 14): the scope reads the time through
        # visibility.now() and declares what else it depends on.
        visibility.keep(Person)
        # A front-door team's manager sees every unrestricted person: the team's service.
        visibility.depends_on(Person, manages_front_door)
        post_init.connect(_note_loaded, sender=Person, dispatch_uid="hearth.people.loaded")
        from hearth.core.status import PROVIDERS
        from hearth.people.status import record_statuses

        PROVIDERS.register(record_statuses)  # the child at a glance (issue 15)

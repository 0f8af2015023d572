from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "hearth.people"
    label = "people"
    verbose_name = "People and families"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.people.models import Person
        from hearth.people.queries.visibility import person_scope

        visibility.register(Person, person_scope)

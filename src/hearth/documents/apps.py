from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "hearth.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.documents.models import Document
        from hearth.documents.queries import PERSON, Target, document_scope, register_target
        from hearth.people.models import Person

        visibility.register(Document, document_scope)
        # A document attached to a person is seen with the person (other apps register
        # their records from their own AppConfig: contacts, assessments, conferences, visits).
        register_target(Target(PERSON, "person", Person, lambda person: person, "web:person"))

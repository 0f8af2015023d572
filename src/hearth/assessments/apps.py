from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "hearth.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from hearth.assessments.models import Assessment
        from hearth.assessments.queries import assessment_scope
        from hearth.core import visibility

        visibility.register(Assessment, assessment_scope)  # seen with its child
        from hearth.documents.queries import Target, register_target

        register_target(Target("assessment", "assessment", Assessment,
                               lambda assessment: assessment.child, "assessments:detail"))
        from hearth.assessments import chronology
        from hearth.chronology.actions import register

        register(Assessment, chronology.ORIGIN, chronology.assessment_events,
                 chronology.all_assessments, link=chronology.LINK)
        from hearth.assessments import due
        from hearth.core.due import SOURCES

        SOURCES.register(due.assessments)  # what is due (issue 15)
        from django.db.models import OuterRef

        from hearth.core import presence

        presence.register("assessments", lambda: Assessment.objects.filter(child=OuterRef("pk")))

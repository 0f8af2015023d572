from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "hearth.tasks"
    label = "tasks"
    verbose_name = "Tasks"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models import OuterRef

        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.people.queries.persons import PERSON_PANELS
        from hearth.tasks import due, jobs
        from hearth.tasks.actions import after_visit
        from hearth.tasks.codes import TaskStatus
        from hearth.tasks.models import Task
        from hearth.tasks.queries import task_scope, tasks_panel
        from hearth.visits.actions import AFTER_VISIT

        visibility.register(Task, task_scope)
        SOURCES.register(due.open_tasks)  # what is due (issue 15)
        PERSON_PANELS.register(tasks_panel)  # the person page's open tasks, "Set a task"
        presence.register("open_tasks", lambda: Task.objects.filter(
            person=OuterRef("pk"), status=TaskStatus.OPEN))
        AFTER_VISIT.register(after_visit)  # a child not seen on a visit: see them
        if settings.HEARTH_TASK_DIGEST:
            jobs.recurring(jobs.DIGEST)  # the daily e-mail, only when it is turned on

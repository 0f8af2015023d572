"""Pages of the tasks app (included at the site root under the namespace ``tasks``)."""

from django.urls import path

from hearth.tasks import views

app_name = "tasks"
urlpatterns = [
    path("tasks", views.tasks, name="tasks"),
    path("tasks/new", views.new, name="new_mine"),
    path("people/<uuid:person_id>/tasks/new", views.new, name="new"),
    path("tasks/<int:task_id>", views.task, name="task"),
    path("tasks/<int:task_id>/done", views.done, name="done"),
    path("tasks/<int:task_id>/cancel", views.cancel, name="cancel"),
]

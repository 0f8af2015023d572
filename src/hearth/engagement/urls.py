"""Pages of the engagement app (included at the site root under the namespace ``engagement``)."""

from django.urls import path

import hearth.engagement.views as views
import hearth.engagement.views_alert as views_alert
import hearth.engagement.views_tasks as views_tasks

app_name = "engagement"
urlpatterns = [
    path("people/<uuid:person_id>/engagement", views.family, name="family"),
    path("people/<uuid:person_id>/engagement/new", views.new, name="new"),
    path("engagement/events/<int:engagement_event_id>", views.event, name="event"),
    path("engagement/events/<int:engagement_event_id>/alert", views_alert.alert, name="alert"),
    path("engagement/tasks", views_tasks.tasks, name="tasks"),
    path("engagement/tasks/<int:follow_up_task_id>", views_tasks.task, name="task"),
    path("engagement/tasks/<int:follow_up_task_id>/complete", views_tasks.complete,
         name="complete"),
]

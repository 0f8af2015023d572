"""Pages of the engagement app (included at the site root under the namespace ``engagement``)."""

from django.urls import path

from hearth.engagement.views import alerts, events, family, tasks

app_name = "engagement"
urlpatterns = [
    path("people/<uuid:person_id>/engagement", family.family, name="family"),
    path("people/<uuid:person_id>/engagement/new", events.new, name="new"),
    path("engagement/events/<int:engagement_event_id>", events.event, name="event"),
    path("engagement/events/<int:engagement_event_id>/alert", alerts.alert, name="alert"),
    path("engagement/tasks", tasks.tasks, name="tasks"),
    path("engagement/tasks/<int:follow_up_task_id>", tasks.task, name="task"),
    path("engagement/tasks/<int:follow_up_task_id>/complete", tasks.complete,
         name="complete"),
]

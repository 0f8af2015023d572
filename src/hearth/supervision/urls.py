"""Pages of the supervision app (included at the site root under the namespace ``supervision``)."""

from django.urls import path

import hearth.supervision.views as views
import hearth.supervision.views_overview as overview

app_name = "supervision"
urlpatterns = [
    path("supervision/new", views.new, name="new"),
    path("supervision/<int:session_id>", views.session_page, name="session"),
    path("supervision/<int:session_id>/edit", views.edit, name="edit"),
    path("supervision/<int:session_id>/cancel", views.cancel, name="cancel"),
    path("supervision/<int:session_id>/actions", views.add_action, name="add_action"),
    path("supervision/actions/<int:supervision_action_id>/done", views.complete_action,
         name="complete_action"),
    path("supervision/team", overview.team, name="team"),
    path("supervision/mine", overview.mine, name="mine"),
    path("supervision/workers/<int:user_id>", overview.worker_history, name="worker"),
    path("supervision/frequency", overview.frequency, name="frequency"),
    path("supervision/frequency/remove", overview.frequency_clear, name="frequency_clear"),
    path("people/<uuid:person_id>/supervision", overview.person_history, name="person"),
]

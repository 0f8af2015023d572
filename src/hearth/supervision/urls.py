"""Pages of the supervision app (included at the site root under the namespace ``supervision``)."""

from django.urls import path

from hearth.supervision.views import overview, sessions

app_name = "supervision"
urlpatterns = [
    path("supervision/new", sessions.new, name="new"),
    path("supervision/<int:session_id>", sessions.session_page, name="session"),
    path("supervision/<int:session_id>/edit", sessions.edit, name="edit"),
    path("supervision/<int:session_id>/cancel", sessions.cancel, name="cancel"),
    path("supervision/<int:session_id>/actions", sessions.add_action, name="add_action"),
    path("supervision/actions/<int:supervision_action_id>/done", sessions.complete_action,
         name="complete_action"),
    path("supervision/team", overview.team, name="team"),
    path("supervision/mine", overview.mine, name="mine"),
    path("supervision/workers/<int:user_id>", overview.worker_history, name="worker"),
    path("supervision/frequency", overview.frequency, name="frequency"),
    path("supervision/frequency/remove", overview.frequency_clear, name="frequency_clear"),
    path("people/<uuid:person_id>/supervision", overview.person_history, name="person"),
]

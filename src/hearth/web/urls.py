"""The shell's pages (home, sign-in, notifications), with people's and the administrators'
pages included in the same ``web`` namespace so that every URL name stays as it was."""

from django.urls import path

from hearth.access.urls import urlpatterns as access_pages
from hearth.people.urls import urlpatterns as people_pages
from hearth.web.views import auth, home, notifications, tokens

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("work/team", home.team_work, name="team_work"),
    path("sign-in", auth.sign_in, name="login"),
    path("sign-out", auth.sign_out, name="logout"),
    path("notifications", notifications.notifications, name="notifications"),
    path("notifications/read", notifications.mark_read, name="notifications_read"),
    path("account/tokens", tokens.tokens, name="tokens"),
    path("account/tokens/<int:token_id>/revoke", tokens.revoke, name="token_revoke"),
    *people_pages,
    *access_pages,
]

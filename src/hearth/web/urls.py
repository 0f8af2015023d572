from django.urls import path

from hearth.web.views import (
    access,
    admin,
    auth,
    home,
    households,
    merge,
    notifications,
    people,
    relationships,
    restriction,
)

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in", auth.sign_in, name="login"),
    path("sign-out", auth.sign_out, name="logout"),
    path("notifications", notifications.notifications, name="notifications"),
    path("notifications/read", notifications.mark_read, name="notifications_read"),
    path("people/search", people.search, name="search"),
    path("people/new", people.create, name="person_create"),
    path("people/<uuid:person_id>", people.detail, name="person"),
    path("people/<uuid:person_id>/edit", people.edit, name="person_edit"),
    path("people/<uuid:person_id>/addresses/new", people.add_address, name="person_address"),
    path("people/<uuid:person_id>/names/new", people.add_name, name="person_name"),
    path("people/<uuid:person_id>/relationships/new", relationships.add_relationship,
         name="person_relationship"),
    path("people/<uuid:person_id>/break-glass", access.break_glass, name="break_glass"),
    path("people/<uuid:person_id>/household", households.household, name="person_household"),
    path("people/<uuid:person_id>/restriction", restriction.restriction, name="restriction"),
    path("people/<uuid:person_id>/access-log", access.access_log, name="access_log"),
    path("people/<uuid:person_id>/merge", merge.merge, name="person_merge"),
    path("admin/merges", merge.merges, name="merges"),
    path("admin/merges/<int:merge_id>/reverse", merge.reverse_merge, name="merge_reverse"),
    path("admin/users", admin.users, name="users"),
    path("admin/users/new", admin.add_user, name="user_add"),
    path("admin/users/<int:user_id>", admin.edit_user, name="user_edit"),
    path("admin/teams", admin.teams, name="teams"),
]

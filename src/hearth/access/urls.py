"""The administrators' pages. Included in the shell's namespace by ``hearth.web.urls``, so
their names stay ``web:users``, ``web:user_add`` …"""

from django.urls import path

from hearth.access import views

urlpatterns = [
    path("admin/users", views.users, name="users"),
    path("admin/users/new", views.add_user, name="user_add"),
    path("admin/users/<int:user_id>", views.edit_user, name="user_edit"),
    path("admin/teams", views.teams, name="teams"),
    path("admin/role-changes/<int:role_change_id>", views.role_change, name="role_change"),
]

"""People's pages. Included in the shell's namespace by ``hearth.web.urls``, so their names
stay ``web:person``, ``web:search`` … (templates and tests reverse them so)."""

from django.urls import path

from hearth.people.views import access, households, merge, persons, relationships, restriction
from hearth.people.views import search as search_views

urlpatterns = [
    path("people/search", search_views.search, name="search"),
    path("people/new", persons.create, name="person_create"),
    path("people/<uuid:person_id>", persons.detail, name="person"),
    path("people/<uuid:person_id>/next-due", persons.next_due, name="person_next_due"),
    path("people/<uuid:person_id>/edit", persons.edit, name="person_edit"),
    path("people/<uuid:person_id>/addresses/new", persons.add_address, name="person_address"),
    path("people/<uuid:person_id>/names/new", persons.add_name, name="person_name"),
    path("people/<uuid:person_id>/relationships/new", relationships.add_relationship,
         name="person_relationship"),
    path("people/<uuid:person_id>/break-glass", access.break_glass, name="break_glass"),
    path("people/<uuid:person_id>/household", households.household, name="person_household"),
    path("people/<uuid:person_id>/restriction", restriction.restriction, name="restriction"),
    path("people/<uuid:person_id>/access-log", access.access_log, name="access_log"),
    path("people/<uuid:person_id>/merge", merge.merge, name="person_merge"),
    path("admin/merges", merge.merges, name="merges"),
    path("admin/merges/<int:merge_id>/reverse", merge.reverse_merge, name="merge_reverse"),
]

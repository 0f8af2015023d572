"""Pages of the looked_after app (at the site root, namespace ``looked_after``)."""

from django.urls import path  # noqa: F401

app_name = "looked_after"
urlpatterns: list = []

"""Pages of the leaving_care app (at the site root, namespace ``leaving_care``)."""

from django.urls import path  # noqa: F401

app_name = "leaving_care"
urlpatterns: list = []

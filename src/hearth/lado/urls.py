"""Pages of the lado app (included at the site root under the namespace ``lado``)."""

from django.urls import path  # noqa: F401

app_name = "lado"
urlpatterns: list = []

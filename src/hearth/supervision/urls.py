"""Pages of the supervision app (included at the site root under the namespace ``supervision``)."""

from django.urls import path  # noqa: F401

app_name = "supervision"
urlpatterns: list = []

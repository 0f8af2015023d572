"""Pages of the safety app (included at the site root under the namespace ``safety``)."""

from django.urls import path  # noqa: F401

app_name = "safety"
urlpatterns: list = []

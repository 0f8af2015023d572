"""Pages of the fgc app (included at the site root under the namespace ``fgc``)."""

from django.urls import path  # noqa: F401

app_name = "fgc"
urlpatterns: list = []

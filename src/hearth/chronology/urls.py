"""Pages of the chronology app (included at the site root under the namespace ``chronology``)."""

from django.urls import path  # noqa: F401

app_name = "chronology"
urlpatterns: list = []

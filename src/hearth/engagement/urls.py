"""Pages of the engagement app (included at the site root under the namespace ``engagement``)."""

from django.urls import path  # noqa: F401

app_name = "engagement"
urlpatterns: list = []

"""Pages of the releases app (included at the site root under the namespace ``releases``)."""

from django.urls import path  # noqa: F401

app_name = "releases"
urlpatterns: list = []

"""Pages of the incidents app (included at the site root under the namespace ``incidents``)."""

from django.urls import path  # noqa: F401

app_name = "incidents"
urlpatterns: list = []

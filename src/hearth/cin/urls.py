"""Pages of the cin app (included at the site root under the namespace ``cin``)."""

from django.urls import path  # noqa: F401

app_name = "cin"
urlpatterns: list = []

"""Pages of the missing app (included at the site root under the namespace ``missing``)."""

from django.urls import path  # noqa: F401

app_name = "missing"
urlpatterns: list = []

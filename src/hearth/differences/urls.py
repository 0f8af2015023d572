"""Pages of the differences app (included at the site root under the namespace ``differences``)."""

from django.urls import path  # noqa: F401

app_name = "differences"
urlpatterns: list = []

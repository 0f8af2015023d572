"""Pages of child protection: twoworkers (included by protection/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

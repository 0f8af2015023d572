"""Pages of child protection: conferences (included by protection/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

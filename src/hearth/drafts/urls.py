"""Drafts and the session's keep-alive (included at the site root under ``drafts``)."""

from django.urls import path

from hearth.drafts import views

app_name = "drafts"
urlpatterns = [
    path("drafts/save", views.save, name="save"),
    path("drafts/discard", views.discard, name="discard"),
    path("session/keep-alive", views.keep_alive, name="keep_alive"),
]

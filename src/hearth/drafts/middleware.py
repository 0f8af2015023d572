"""A long form posted after its session ended (issue 15, "Nothing lost").

The idle timeout ended the session while the worker typed; their POST arrives signed out.
Instead of losing it: when the route is a draftable form (``drafts.views.keeps_draft``), the
CSRF check has passed (this runs after Django's), and the ended session's row still names
its user, the posted fields are kept for an hour under the digest of a random token; the
token goes to the browser in a short-lived signed cookie (never in the URL), and the browser
to sign-in (then the second factor) with the form as where to go next. Opened after signing
in as the same user, the form shows what was typed (``keeps_draft``); signed in as anyone
else, the kept form is discarded. Nothing is submitted for the user.

A draft saved (``drafts:save``) after the session ended is kept the same way: the page's
next save of its draft may well come before the form is submitted, and its answer ends the
session's cookie."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse

from hearth.core.sessions import owner_of_ended
from hearth.drafts import actions, rules
from hearth.drafts.views import FOR_FIELD, KEPT_COOKIE, KEPT_SALT, draftable, page_path


class KeepFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        saving = getattr(view_func, "hearth_saves_drafts", False)
        if saving:  # a draft saved as the session ended: the form it is of
            try:
                match = draftable(request.POST.get(FOR_FIELD, ""))
            except Http404:
                return None
            path = page_path(match.func, match.kwargs, request.POST[FOR_FIELD])
        elif getattr(view_func, "hearth_draftable", False):
            path = page_path(view_func, view_kwargs, request.path)
        else:
            return None
        owner = owner_of_ended(request.COOKIES.get(settings.SESSION_COOKIE_NAME),
                               within_seconds=rules.KEPT_FORM_SECONDS)
        fields = rules.kept_fields(request.POST.lists())
        if owner is None or not rules.has_typing(fields):
            if not saving and request.COOKIES.get(KEPT_COOKIE):
                # Already kept (a draft saved as the session ended, whose answer ended the
                # session's cookie): to sign-in, told why.
                return _to_sign_in(path)
            return None
        token = secrets.token_urlsafe(32)
        actions.do_keep_form(owner_id=owner, path=path, fields=fields, token=token)
        response = HttpResponse(status=204) if saving else _to_sign_in(path)
        response.set_signed_cookie(KEPT_COOKIE, token, salt=KEPT_SALT,
                                   max_age=rules.KEPT_FORM_SECONDS, httponly=True,
                                   samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response


def _to_sign_in(path: str) -> HttpResponse:
    response = redirect_to_login(path, settings.LOGIN_URL)
    response["Location"] += "&expired=1"
    return response

"""Drafts of long forms, kept as the worker types (issue 15, "Nothing lost").

A long form's view is marked ``@keeps_draft`` (under its ``@requires``) and builds its form
through ``restored(request, form)``; its template uses the ``drafts`` tags. Then:

- the form posts its fields to ``drafts:save`` (htmx, every 30 seconds and on leaving a
  field), which keeps them for the user, the form (the page's route) and what it is about
  (the route's arguments);
- opening the form again offers the draft ("Restore" or "Discard"); restoring puts the
  fields back into the form (audited once), not submitted;
- saving the record (a POST answered with a redirect) removes the draft;
- a form posted after its session ended is kept for an hour (``drafts.middleware``), and
  after signing in again as the same user the form opens with what was typed.
"""

from __future__ import annotations

import time
from functools import wraps

from django import forms
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hearth.access.permissions import SIGNED_IN, requires
from hearth.drafts import actions, queries, rules

#: The signed cookie that carries the token of a form kept over a timeout.
KEPT_COOKIE = "hearth_kept_form"
KEPT_SALT = "hearth.drafts.kept"
FOR_FIELD = rules.FOR_FIELD


def key_of(match) -> tuple[str, str]:
    """(kind, about) of a form page: its route's name (or that of the page the form is on,
    when it posts elsewhere) and arguments."""
    about = ",".join(f"{name}={value}" for name, value in sorted(match.kwargs.items()))
    return getattr(match.func, "hearth_draft_page", None) or match.view_name, about


def page_path(view_func, kwargs: dict, path: str) -> str:
    """Where the form posted to ``path`` is shown (``keeps_draft(page=...)``)."""
    page = getattr(view_func, "hearth_draft_page", None)
    return reverse(page, kwargs=kwargs) if page else path


def _query(fields: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, list(values))
    return data


def keeps_draft(view=None, *, page: str | None = None):
    """Mark a long form's view: see the module's docstring. A form shown on one page and
    posted to another route names the page's route: ``@keeps_draft(page="...")`` on the
    route it posts to, ``@keeps_draft`` on the page."""
    if view is None:
        return lambda actual: _keeps_draft(actual, page)
    return _keeps_draft(view, page)


def _keeps_draft(view, page: str | None):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        kind, about = key_of(request.resolver_match)
        user = request.user
        if request.method != "GET":
            response = view(request, *args, **kwargs)
            if request.method == "POST" and response.status_code in (301, 302, 303):
                actions.forget_draft(user=user, kind=kind, about=about)
            return response
        kept = draft = None
        token = request.get_signed_cookie(KEPT_COOKIE, default=None, salt=KEPT_SALT,
                                          max_age=rules.KEPT_FORM_SECONDS)
        if token:
            kept = actions.do_take_kept_form(acting_user=user, token=token, path=request.path)
        if kept is not None:
            request.hearth_restore = _query(kept.fields)
        else:
            draft = queries.draft_for(user, kind, about)
            if draft is not None and request.GET.get("draft") == "restore":
                request.hearth_restore = _query(draft.fields)
            else:
                request.hearth_draft_offer = draft
        response = view(request, *args, **kwargs)
        if draft is not None and getattr(request, "hearth_restore", None) is not None \
                and response.status_code == 200:
            actions.do_open_draft(draft, acting_user=user)
        if token and (kept is not None or not queries.is_kept(token)):
            response.delete_cookie(KEPT_COOKIE)  # used, discarded or gone
        return response

    wrapped.hearth_draftable = True  # type: ignore[attr-defined]
    wrapped.hearth_draft_page = page  # type: ignore[attr-defined]
    return wrapped


def restored(request, form: forms.Form) -> forms.Form:
    """``form`` with what the user typed put back as its initial values, when this request
    restores a draft or a kept form (the form stays unbound: nothing is checked or saved
    until the user submits it)."""
    data = getattr(request, "hearth_restore", None)
    if data is None or form.is_bound:
        return form
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = field.widget.value_from_datadict(data, {}, key)
        if not field.widget.value_omitted_from_data(data, {}, key):
            form.initial[name] = value
    return form


def draftable(path: str):
    """The route of a draftable form page at ``path`` (404 for anything else)."""
    if not path.startswith("/") or path.startswith("//"):
        raise Http404
    try:
        match = resolve(path)
    except Resolver404 as exc:
        raise Http404 from exc
    if not getattr(match.func, "hearth_draftable", False):
        raise Http404
    return match


@requires(SIGNED_IN)
@require_POST
def save(request):
    """Keep the posted fields as the user's draft of the form named by ``hearth_draft_for``
    (204: nothing on the page changes)."""
    match = draftable(request.POST.get(FOR_FIELD, ""))
    permission = getattr(match.func, "hearth_permission", SIGNED_IN)
    if permission != SIGNED_IN and not request.user.has_hearth_permission(permission):
        raise Http404  # a form this user may not fill in keeps no draft for them
    kind, about = key_of(match)
    if request.headers.get("Hearth-Idle"):
        # The page's own save every 30 seconds is no sign that anyone is there: it does not
        # hold the idle timeout off (saving on leaving a field does).
        request.session.not_activity = True
    fields = rules.kept_fields(request.POST.lists())
    if fields:
        actions.do_save_draft(acting_user=request.user, kind=kind, about=about, fields=fields)
    return HttpResponse(status=204)


#: A draft posted after the session ended is a form to keep (``drafts.middleware``).
save.hearth_saves_drafts = True  # type: ignore[attr-defined]


@requires(SIGNED_IN)
@require_POST
def discard(request):
    path = request.POST.get(FOR_FIELD, "")
    match = draftable(path)
    kind, about = key_of(match)
    actions.do_discard_draft(acting_user=request.user, kind=kind, about=about)
    return redirect(page_path(match.func, match.kwargs, path))


@requires(SIGNED_IN)
@require_POST
def keep_alive(request):
    """"Stay signed in": the session's idle timeout starts again from now (the session is
    changed, so it is written with its new expiry whatever ``core.sessions`` would skip)."""
    request.session["kept_alive_at"] = time.time()
    back = request.POST.get("next", "")
    if request.headers.get("HX-Request") or request.headers.get("Hearth-Keep-Alive"):
        return HttpResponse(status=204)
    if not url_has_allowed_host_and_scheme(back, {request.get_host()},
                                           require_https=request.is_secure()):
        back = "/"
    return redirect(back)

"""Your API tokens: issue one (shown once), see what each may do and when it expires, revoke
it (issue 13: API tokens are issued by a signed-in user, scoped, expiring, revocable)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.access.actions.users import do_create_token, do_revoke_token
from hearth.access.models import ApiToken
from hearth.access.permissions import SIGNED_IN, requires
from hearth.core.pages import attempt
from hearth.web.forms import TokenForm


def _page(request, form, *, new_token: str = "", status: int = 200):
    now = timezone.now()
    rows = [(row, row.status(now)) for row in ApiToken.objects.filter(user=request.user)[:200]]
    response = render(request, "web/tokens.html",
                      {"form": form, "rows": rows, "new_token": new_token}, status=status)
    response["Cache-Control"] = "no-store"  # the new token is on this page, once
    return response


@requires(SIGNED_IN)
def tokens(request):
    form = TokenForm(request.POST or None, longest=settings.API_TOKEN_MAX_DAYS)
    if request.method != "POST":
        return _page(request, form)
    done = attempt(form, lambda data: do_create_token(
        request.user, acting_user=request.user, name=data["name"], scope=data["scope"],
        days=data["days"]))
    if not done:
        return _page(request, form, status=done.status)
    messages.success(request, "Token issued. Copy it now: Hearth will not show it again.")
    return _page(request, TokenForm(longest=settings.API_TOKEN_MAX_DAYS), new_token=done.result)


@requires(SIGNED_IN)
@require_POST
def revoke(request, token_id: int):
    row = ApiToken.objects.filter(pk=token_id, user=request.user).first()
    if row is None:
        raise Http404
    if row.revoked_at is None:
        do_revoke_token(row, acting_user=request.user)
        messages.success(request, f"Token {row.prefix}… revoked: it no longer works.")
    return redirect("web:tokens")

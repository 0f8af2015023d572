import time

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from hearth.access.actions import users as actions
from hearth.access.middleware import client_ip, second_factor_passed
from hearth.access.permissions import SIGNED_IN, before_second_factor, public, requires
from hearth.web.forms import SignInForm
from hearth.web.queries import demo_sign_ins


@public
def sign_in(request):
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignInForm(request.POST or None)
    error = ""
    if request.GET.get("expired"):
        error = "You were signed out because your session ended. Sign in again."
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        if not actions.begin_sign_in(username, ip):
            error = ("Too many failed attempts. Wait 15 minutes, or ask an administrator to "
                     "reset your password.")
        else:
            user = authenticate(request, username=username,
                                password=form.cleaned_data["password"])
            if user is None:
                actions.record_login_failure(username, ip)
                error = "Enter a correct username and password"
            else:
                login(request, user)
                request.session["signed_in_at"] = time.time()  # for the absolute timeout
                actions.record_login(user, ip)
                target = request.POST.get("next") or request.GET.get("next") or ""
                if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                       require_https=request.is_secure()):
                    target = reverse("web:home")
                if second_factor_passed(user):  # an exempt role (never in production)
                    return redirect(target)
                # Issue 13: the second factor next (or setting one up, the first time).
                asked = "" if target == reverse("web:home") else "?" + urlencode(
                    {"next": target})
                return redirect(reverse("web:second_factor") + asked)
    status = 200 if not error and not form.errors else 400 if request.method == "POST" else 200
    return render(request, "web/sign_in.html",
                  {"form": form, "error": error, "next": request.GET.get("next", ""),
                   "demo_sign_ins": demo_sign_ins()},
                  status=status)


@before_second_factor
@requires(SIGNED_IN)
@require_POST
def sign_out(request):
    actions.record_logout(request.user)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("web:login")

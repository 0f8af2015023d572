"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn (issue 13).

Its views answer the JSON that its script (served from static, no inline script: the CSP
holds) asks for. Hearth routes them itself (``access.urls.passkey_urlpatterns``, in the
library's ``otp_webauthn`` namespace so that its template tags find them), each declaring its
permission, and completes the two ceremonies its own way: the credential and its audit row in
one transaction, the user's first device giving them their recovery codes, a failure audited,
and a new session key once the second factor is passed. A passkey never signs anyone in
without their password (``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False``)."""

from __future__ import annotations

from django.db import transaction
from django.http import JsonResponse
from django.views.i18n import JavaScriptCatalog
from django_otp import login as otp_login
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.utils import rewrite_exceptions

from hearth.access.actions import passkeys as actions
from hearth.access.permissions import SIGNED_IN, before_second_factor, requires
from hearth.access.views.second_factor import NEW_CODES, PASSKEY_ADDED


def _logger():
    return webauthn._get_pywebauthn_logger()


class CompleteRegistration(webauthn.CompleteCredentialRegistrationView):
    """Store the new passkey and its audit row together; with the user's first, make their
    recovery codes (shown next) and count this session as having passed its second factor.
    The library has already refused a user who has a device but has not passed it."""

    def post(self, *args, **kwargs):
        request, user = self.request, self.get_user()
        try:
            state = self.get_state()  # taken out of the session for good, even on failure
            first = actions.first_device(user)
            with transaction.atomic(), rewrite_exceptions(logger=_logger()):
                device = self.get_helper().register_complete(user=user, state=state,
                                                             data=request.data)
                codes = actions.record_enrolled(user, device, first=first)
        except OTPWebAuthnApiError as exc:
            actions.record_failed(user, why=exc.code, registering=True)
            raise
        if not request.user.is_verified():
            otp_login(request, device)
            request.session.cycle_key()
        if codes:
            request.session[NEW_CODES] = codes
        request.session[PASSKEY_ADDED] = True
        return JsonResponse({"id": device.pk})


class CompleteAuthentication(webauthn.CompleteCredentialAuthenticationView):
    """The signed-in user's own passkey proves it is them: audited either way."""

    def post(self, *args, **kwargs):
        request, user = self.request, self.get_user()
        try:
            state = self.get_state()
            with transaction.atomic():
                with rewrite_exceptions(logger=_logger()):
                    device = self.get_helper().authenticate_complete(user=user, state=state,
                                                                     data=request.data)
                self.check_device_usable(device)
                actions.record_verified(user, device)
        except OTPWebAuthnApiError as exc:
            actions.record_failed(user, why=exc.code)
            raise
        otp_login(request, device)
        request.session.cycle_key()
        return JsonResponse(self.get_success_data(device))


def _route(view):
    return before_second_factor(requires(SIGNED_IN)(view))


begin_registration = _route(webauthn.BeginCredentialRegistrationView.as_view())
complete_registration = _route(CompleteRegistration.as_view())
begin_authentication = _route(webauthn.BeginCredentialAuthenticationView.as_view())
complete_authentication = _route(CompleteAuthentication.as_view())
#: The library script's words (Django's JavaScript catalogue: a script file, not inline).
script_words = _route(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]))

"""The administrators' pages and each user's second factor. Included in the shell's namespace
by ``hearth.web.urls``, so their names stay ``web:users``, ``web:user_add`` …; the passkey
ceremonies (``passkey_urlpatterns``) are in django-otp-webauthn's own namespace,
``otp_webauthn``, where its template tags look for them (``hearth.urls``)."""

from django.urls import path

from hearth.access.views import passkeys, second_factor, second_factor_resets, users

urlpatterns = [
    path("admin/users", users.users, name="users"),
    path("admin/users/new", users.add_user, name="user_add"),
    path("admin/users/<int:user_id>", users.edit_user, name="user_edit"),
    path("admin/users/<int:user_id>/second-factor-reset", second_factor_resets.ask_reset,
         name="second_factor_reset_ask"),
    path("admin/teams", users.teams, name="teams"),
    path("admin/role-changes/<int:role_change_id>", users.role_change, name="role_change"),
    path("admin/second-factor-resets/<int:second_factor_reset_id>", second_factor_resets.reset,
         name="second_factor_reset"),
    # The second factor at sign-in (issue 13).
    path("sign-in/second-factor", second_factor.second_factor, name="second_factor"),
    path("sign-in/recovery-code", second_factor.recovery_code, name="recovery_code"),
    path("sign-in/set-up", second_factor.set_up, name="second_factor_set_up"),
    path("sign-in/set-up/authenticator-app", second_factor.set_up_app,
         name="second_factor_app"),
    path("sign-in/set-up/passkey", second_factor.set_up_passkey, name="second_factor_passkey"),
    path("account/passkey-added", second_factor.passkey_added, name="passkey_added"),
    path("account/recovery-codes", second_factor.recovery_codes, name="recovery_codes"),
    path("account/recovery-codes/new", second_factor.new_recovery_codes,
         name="recovery_codes_new"),
    path("account/sign-in-security", second_factor.sign_in_security, name="sign_in_security"),
    path("account/sign-in-security/remove", second_factor.remove_device, name="device_remove"),
]

passkey_urlpatterns = [
    path("registration/begin", passkeys.begin_registration,
         name="credential-registration-begin"),
    path("registration/complete", passkeys.complete_registration,
         name="credential-registration-complete"),
    path("authentication/begin", passkeys.begin_authentication,
         name="credential-authentication-begin"),
    path("authentication/complete", passkeys.complete_authentication,
         name="credential-authentication-complete"),
    path("words.js", passkeys.script_words, name="js-i18n-catalog"),
]

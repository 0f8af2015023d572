"""The administrators' forms: users and teams."""

from __future__ import annotations

from django import forms

from hearth.access.codes import Role
from hearth.access.models import Agency, Team
from hearth.access.models.users import Service


class UserForm(forms.Form):
    username = forms.RegexField(label="Username", regex=r"^[a-zA-Z0-9._-]{2,150}$",
                                error_messages={"invalid": "Username can contain letters, "
                                                "numbers, dots, dashes and underscores only",
                                                "required": "Enter a username"})
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(label="Email address", required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False)
    agency = forms.ModelChoiceField(label="Partner agency", queryset=Agency.objects.all(),
                                    required=False)
    password = forms.CharField(label="Initial password", widget=forms.PasswordInput,
                               help_text="At least 10 characters",
                               error_messages={"required": "Enter an initial password"})


class EditUserForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False)
    agency = forms.ModelChoiceField(label="Partner agency", queryset=Agency.objects.all(),
                                    required=False)
    is_active = forms.BooleanField(label="Can sign in", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TeamForm(forms.Form):
    name = forms.CharField(label="Team name", max_length=120)
    service = forms.ChoiceField(label="Service", choices=Service.choices)


class RoleChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect,
                                 choices=[("approve", "Approve the change"),
                                          ("refuse", "Refuse the change")],
                                 error_messages={"required": "Choose whether to approve or "
                                                             "refuse the change"})


# --- the second factor at sign-in (issue 13) ------------------------------------------------

class CodeForm(forms.Form):
    """Six digits from an authenticator app (spaces allowed, as apps show ``123 456``)."""

    code = forms.CharField(label="Code from your authenticator app", max_length=20,
                           help_text="The 6-digit code your app shows now",
                           error_messages={"required": "Enter the code from your "
                                                       "authenticator app"})

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows")
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(label="Recovery code", max_length=40,
                           help_text="One of the codes you were given when you set up your "
                                     "second factor, like abcd-efgh",
                           error_messages={"required": "Enter a recovery code"})


class MethodForm(forms.Form):
    method = forms.ChoiceField(
        label="How do you want to prove it is you?", widget=forms.RadioSelect,
        choices=[("app", "An authenticator app on your phone (it shows a new code every "
                         "30 seconds)"),
                 ("passkey", "A passkey (your device's fingerprint, face or PIN, or a "
                             "security key)")],
        error_messages={"required": "Choose an authenticator app or a passkey"})


class RemoveDeviceForm(forms.Form):
    device = forms.ChoiceField(label="Device", widget=forms.HiddenInput,
                               error_messages={"invalid_choice": "Choose one of your own "
                                               "authenticator apps or passkeys"})

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["device"].choices = [(d.persistent_id, d.persistent_id) for d in devices]


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(label="Why must their second factor be reset?",
                             widget=forms.Textarea, max_length=2000,
                             help_text="For example, how you checked it is really them asking",
                             error_messages={"required": "Enter why the second factor must "
                                                         "be reset"})


class SecondFactorResetDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect,
                                 choices=[("approve", "Approve the reset"),
                                          ("refuse", "Refuse the reset")],
                                 error_messages={"required": "Choose whether to approve or "
                                                             "refuse the reset"})

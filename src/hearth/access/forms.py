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

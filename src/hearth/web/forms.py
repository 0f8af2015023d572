"""The shell's own form: signing in."""

from __future__ import annotations

from django import forms


class SignInForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter your username"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput,
                               error_messages={"required": "Enter your password"})


class TokenForm(forms.Form):
    """Issuing an API token for yourself (issue 13: scoped, expiring, revocable)."""

    name = forms.CharField(label="What is the token for?", max_length=80,
                           help_text="For example, the team's reporting spreadsheet",
                           error_messages={"required": "Say what the token is for",
                                           "max_length": "Use at most 80 characters"})
    scope = forms.ChoiceField(label="What may it do?", widget=forms.RadioSelect,
                              choices=[("read", "Read only"),
                                       ("write", "Read and change records you may change")],
                              error_messages={"required": "Choose what the token may do"})
    days = forms.TypedChoiceField(label="Expires after", coerce=int, initial=90,
                                  error_messages={"required": "Choose when the token expires",
                                                  "invalid_choice": "Choose one of the "
                                                  "lifetimes offered"})

    def __init__(self, *args, longest: int, **kwargs):
        super().__init__(*args, **kwargs)
        from hearth.access.rules import TOKEN_LIFETIMES_DAYS

        lifetimes = [d for d in TOKEN_LIFETIMES_DAYS if d <= longest] or [longest]
        days = self.fields["days"]
        assert isinstance(days, forms.TypedChoiceField)
        days.choices = [(d, f"{d} days") for d in lifetimes]

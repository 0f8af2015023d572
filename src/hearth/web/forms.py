"""The shell's own form: signing in."""

from __future__ import annotations

from django import forms


class SignInForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter your username"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput,
                               error_messages={"required": "Enter your password"})

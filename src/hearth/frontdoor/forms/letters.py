"""The written response to the referrer (R-FD-6): how and where it is sent."""

from __future__ import annotations

from django import forms

from hearth.frontdoor.codes import ResponseMethod
from hearth.frontdoor.forms.common import text_field


class ResponseForm(forms.Form):
    method = forms.ChoiceField(label="How will the response be sent?",
                               choices=ResponseMethod.choices, widget=forms.RadioSelect,
                               initial=ResponseMethod.EMAIL,
                               error_messages={"required": "Select how the response is sent"})
    sent_to = text_field("Send to", required=True, rows=False, max_length=200,
                         hint="An email address, or the postal address for a letter",
                         message="Enter where the response is sent")

"""``{{ field|input_value }}``: what a form's text input shows (``core.forms.input_text``)."""

from django import template

from hearth.core.forms import input_text

register = template.Library()


@register.filter
def input_value(field) -> str:
    return input_text(field)

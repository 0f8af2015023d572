"""``{% cp_plans_section person %}``: a child's conferences and plans, for the child's
child protection page. (Placeholder until the conferences area is built.)"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def cp_plans_section(context, person) -> str:
    return ""

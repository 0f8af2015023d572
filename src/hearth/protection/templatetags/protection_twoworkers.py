"""``{% two_worker_status person %}``: whether the child's family needs a two-worker decision
(R-TWO-2, R-TWO-3). (Placeholder until the two-workers area is built.)"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def two_worker_status(context, person) -> str:
    return ""

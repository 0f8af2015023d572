"""Merge two records of one person; an administrator may reverse a merge."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.people import actions
from hearth.people.forms.merge import MergeForm, ReasonForm
from hearth.people.models import Merge
from hearth.people.queries.search import likely_duplicates
from hearth.people.queries.visibility import get_visible_person


@requires("people.merge")
@require_http_methods(["GET", "POST"])
def merge(request, person_id):
    person = get_visible_person(request.user, person_id)
    candidates = [m for m in likely_duplicates(
        request.user, given_name=person.given_name, family_name=person.family_name,
        date_of_birth=person.date_of_birth, limit=10) if m.person.pk != person.pk]
    choices = [(str(m.person.pk), m.person) for m in candidates]

    def act(data):
        other = get_visible_person(request.user, data["other"])
        return actions.do_merge(person, other, acting_user=request.user, reason=data["reason"])

    return form_page(
        request, "people/merge.html", {"person": person, "candidates": candidates},
        MergeForm(request.POST or None, choices=choices), act,
        lambda done: done_with(request, f"The records were merged into {person.display_name}'s "
                               f"(merge {done.pk}: give this reference to reverse it). "
                               "Everything attached to the duplicate is now here.",
                               "web:person", person_id=person.pk),
        field_for={"other": ""})


@requires("people.unmerge")
def merges(request):
    rows = Merge.objects.select_related("merged_by", "reversed_by").order_by("-merged_at")[:200]
    return render(request, "people/merges.html", {"merges": rows})


@requires("people.unmerge")
@require_http_methods(["GET", "POST"])
def reverse_merge(request, merge_id):
    record = get_object_or_404(Merge, pk=merge_id)
    if record.reversed_at:
        raise Http404
    return form_page(
        request, "people/reverse_merge.html", {"merge": record}, ReasonForm(request.POST or None),
        lambda data: actions.do_reverse_merge(record, acting_user=request.user,
                                              reason=data["reason"]),
        lambda _: done_with(request, "The merge was reversed: both records exist again.",
                            "web:merges"))

"""Merge two records of one person; an administrator may reverse a merge."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people import actions
from hearth.people.models import Merge
from hearth.people.queries import get_visible_person
from hearth.people.search import likely_duplicates
from hearth.web.forms import MergeForm, ReasonForm


@requires("people.merge")
@require_http_methods(["GET", "POST"])
def merge(request, person_id):
    person = get_visible_person(request.user, person_id)
    candidates = [m for m in likely_duplicates(
        request.user, given_name=person.given_name, family_name=person.family_name,
        date_of_birth=person.date_of_birth, limit=10) if m.person.pk != person.pk]
    choices = [(str(m.person.pk), m.person) for m in candidates]
    form = MergeForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        other = get_visible_person(request.user, form.cleaned_data["other"])
        try:
            actions.do_merge(person, other, acting_user=request.user,
                             reason=form.cleaned_data["reason"])
        except actions.MergeNotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"The records were merged into {person.display_name}'s. "
                             "Everything attached to the duplicate is now here.")
            return redirect("web:person", person_id=person.pk)
    return render(request, "people/merge.html",
                  {"form": form, "person": person, "candidates": candidates},
                  status=400 if form.errors else 200)


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
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_reverse_merge(record, acting_user=request.user,
                                 reason=form.cleaned_data["reason"])
        messages.success(request, "The merge was reversed: both records exist again.")
        return redirect("web:merges")
    return render(request, "people/reverse_merge.html", {"form": form, "merge": record},
                  status=400 if form.errors else 200)

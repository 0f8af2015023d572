"""Break the glass on a restricted record; who has looked at a record."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.access.models import AuditEntry
from hearth.access.permissions import requires
from hearth.core.pages import attempt
from hearth.people import actions
from hearth.people.forms.access import BreakGlassForm
from hearth.people.models import Person
from hearth.people.queries.visibility import can_see, could_break_glass


@requires("people.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass(request, person_id):
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    if person is None:
        raise Http404
    if can_see(request.user, person):
        return redirect("web:person", person_id=person.pk)
    if not could_break_glass(request.user, person):
        raise Http404
    form = BreakGlassForm(request.POST or None)
    status = 403  # the record stays closed until the glass is broken
    if request.method == "POST":
        outcome = attempt(form, lambda data: actions.do_break_glass(
            person, acting_user=request.user, reason=data["reason"]))
        if outcome:
            messages.warning(request, "You have broken the glass. Your manager has been told "
                             "and your access will expire.")
            return redirect("web:person", person_id=person.pk)
        status = outcome.status
    return render(request, "people/break_glass.html", {"form": form, "person_id": person.pk},
                  status=status)


@requires("audit.access_log")
def access_log(request, person_id):
    """Who has looked at a record. A manager told of a break-glass on a restricted record in
    their reach may read its access log without seeing the record itself."""
    person = Person.objects.filter(pk=person_id, merged_into__isnull=True).first()
    if person is None:
        raise Http404
    visible = can_see(request.user, person)
    if not visible and not could_break_glass(request.user, person):
        raise Http404
    entries = AuditEntry.objects.filter(object_type="people.person",
                                        object_id=str(person.pk)).order_by("-at", "-id")[:500]
    actions.record_view(person, user=request.user, what="view_access_log")
    return render(request, "people/access_log.html",
                  {"person": person, "entries": entries, "visible": visible})

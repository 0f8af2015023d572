"""Hand entries in the chronology (R-CHR-2): a worker adds a significant event the modules do
not record themselves, reads an entry with its corrections, and corrects a hand entry
visibly. An entry of a person the user may not see is 404; every read is audited."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth import calendar
from hearth.access.permissions import requires
from hearth.chronology import actions, queries
from hearth.chronology.forms import CorrectForm, EntryForm
from hearth.chronology.models import Event
from hearth.chronology.views.chronology import when
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.visibility import get_visible_or_404
from hearth.people.queries.visibility import get_visible_person

STALE = ("Someone else corrected this entry while you were working on it. Check the entry as "
         "it is now, then make your change again: what you entered is kept in the form.")


@requires("chronology.write")
@require_http_methods(["GET", "POST"])
def new_entry(request, person_id):
    person = get_visible_person(request.user, person_id)
    form = EntryForm(request.POST if request.method == "POST" else None)
    return form_page(
        request, "chronology/new.html", {"person": person}, form,
        lambda data: actions.do_add_entry(person, acting_user=request.user, **data),
        lambda _: done_with(request, "Entry added to the chronology.", "chronology:person",
                            person_id=person.pk))


def _visible_entry(user, entry_id) -> Event:
    """The entry, if the user may see its person (else 404, as if it did not exist)."""
    return get_visible_or_404(Event.objects.select_related("person", "recorded_by")
                              .prefetch_related("corrections__corrected_by"),
                              user, entry_id, "entry")


def _entry_initial(event: Event) -> dict:
    return {"kind": event.kind, "summary": event.summary,
            "occurred_on": timezone.localtime(event.occurred_at, calendar.LONDON).date(),
            "source_agency": event.source_agency, "source_person": event.source_person,
            "impact": event.impact, "version": event.version}


def _render_entry(request, event: Event, *, form=None, status: int = 200):
    can_correct = event.is_manual and request.user.has_hearth_permission("chronology.write")
    if can_correct and form is None:
        form = CorrectForm(initial=_entry_initial(event))
    return render(request, "chronology/entry.html", {
        "event": event, "person": event.person, "when": when(event),
        "link": None if event.is_manual else queries.link_of(event),
        "form": form if can_correct else None}, status=status)


@requires("chronology.view")
@require_http_methods(["GET"])
def entry(request, entry_id):
    event = _visible_entry(request.user, entry_id)
    actions.record_view(event.person, user=request.user, what="view_chronology_entry",
                        event=event.pk)
    return _render_entry(request, event)


def _correct(request, event: Event, data: dict) -> Event:
    changes = dict(data)
    version, reason = changes.pop("version"), changes.pop("reason")
    return actions.do_correct_entry(event, acting_user=request.user, expected_version=version,
                                    reason=reason, **changes)


@requires("chronology.write")
@require_http_methods(["POST"])
def correct(request, entry_id):
    event = _visible_entry(request.user, entry_id)
    form = CorrectForm(request.POST)
    outcome = attempt(form, lambda data: _correct(request, event, data), stale_message=STALE)
    if outcome:
        return done_with(request, "Entry corrected. The correction is shown with it.",
                         "chronology:entry", entry_id=event.pk)
    if outcome.stale:
        event = _visible_entry(request.user, entry_id)
    return _render_entry(request, event, form=form, status=outcome.status)

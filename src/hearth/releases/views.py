"""Copy-of-records pages (R-REC-9): start, list, review (redact and withhold), release and
download (the released copy as a PDF, drawn from the frozen snapshot, never recompiled).
Views parse, call one action and render (``core.pages``); a copy whose person the user may
not see is 404; a stale save is 409 with the user's input kept; a released copy is never
changed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import Attempt, attempt, done_with, form_page
from hearth.core.refusals import Why
from hearth.people.queries.visibility import get_visible_person
from hearth.releases import actions, rules
from hearth.releases.forms import ReleaseForm, ReviewForm, StartForm
from hearth.releases.models import Release
from hearth.releases.queries.compile import Compiled, compile_records, copy_of
from hearth.releases.queries.releases import get_visible_release, releases_of

NOT_RELEASED = "This copy has not been released yet: there is nothing to download."


def render_html(release: Release) -> str:
    return render_to_string("releases/copy_pdf.html", {"release": release,
                                                       "copy": release.snapshot})


def render_pdf(release: Release) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(release)).write_pdf()


def _render(request, release: Release, *, status: int = 200, review_form=None,
            release_form=None, **extra):
    """The review page: the frozen copy once released, otherwise the copy as it would be
    released now, with the forms to change and release it."""
    context = {"release": release, "person": release.person, "today": timezone.localdate(),
               **extra}
    if release.is_released:
        context["copy"] = release.snapshot
        return render(request, "releases/review.html", context, status=status)
    compiled = compile_records(request.user, release.person)
    content, counts = copy_of(release, compiled)
    items = compiled.item_titles()
    if review_form is None:
        review_form = _review_form(release, compiled)
    if release_form is None:
        release_form = ReleaseForm(initial={"version": release.version,
                                            "sha256": rules.fingerprint(content)})
    context.update({
        "copy": content, "counts": counts, "review_form": review_form,
        "release_form": release_form,
        "withheld_items": [(items.get(k, "An item no longer in the records"), reason)
                           for k, reason in release.withheld.items()]})
    return render(request, "releases/review.html", context, status=status)


def _review_form(release: Release, compiled: Compiled, data=None) -> ReviewForm:
    suggestions = rules.suggest_terms(compiled.subject_names, compiled.other_names,
                                      compiled.texts())
    initial = {"terms": release.redaction_terms, "version": release.version}
    return ReviewForm(data, initial=initial, suggestions=suggestions,
                      saved_terms=release.redaction_terms, items=compiled.item_titles(),
                      withheld=release.withheld)


def _conflict(request, release: Release, message: str, *, keep_review_input: bool):
    """409: the page as it is now; the worker's review input is kept in the form (against the
    current version, so saving it again applies it); a release must be confirmed again."""
    current = get_visible_release(request.user, release.pk)
    conflict = {"title": "Someone else changed this copy, or the records, while you were "
                         "working on it",
                "message": f"{message} Check the copy below as it is now, then "
                           + ("make your change again: what you entered is kept in the form."
                              if keep_review_input else "confirm again to release it.")}
    forms = {}
    if keep_review_input and not current.is_released:
        data = request.POST.copy()
        data["version"] = str(current.version)
        forms["review_form"] = _review_form(current, compile_records(request.user,
                                                                     current.person), data)
    return _render(request, current, status=409, conflict=conflict, **forms)


def _not_done(request, release: Release, outcome: Attempt, form_name: str, form,
              *, keep_review_input: bool):
    """The page again after ``attempt`` did not write: the form's own errors, a conflict (a
    stale version, or records changed since the copy was checked), or a refusal."""
    refusal = outcome.refusal
    if refusal is not None and refusal.why == Why.STALE:
        return _conflict(request, release, refusal.message, keep_review_input=keep_review_input)
    current = get_visible_release(request.user, release.pk)
    if refusal is not None and current.is_released:
        return _render(request, current, status=outcome.status, refusal=refusal.message)
    return _render(request, current, status=outcome.status, **{form_name: form})


def _started(request, release: Release):
    return done_with(request, f"Copy started: it is due by "
                              f"{dateformat.format(release.due_on, 'j F Y')}.",
                     "releases:review", release_id=release.pk)


@requires("records.release")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    person = get_visible_person(request.user, person_id)
    return form_page(request, "releases/new.html", {"person": person},
                     StartForm(request.POST or None),
                     lambda data: actions.do_start_release(person, acting_user=request.user,
                                                           **data),
                     lambda release: _started(request, release))


@requires("records.release")
@require_http_methods(["GET"])
def person_releases(request, person_id):
    person = get_visible_person(request.user, person_id)
    releases = list(releases_of(request.user, person))
    actions.record_view(person, user=request.user, what="view_releases")
    return render(request, "releases/list.html", {"person": person, "releases": releases})


@requires("records.release")
@require_http_methods(["GET", "POST"])
def review(request, release_id):
    release = get_visible_release(request.user, release_id)
    if request.method == "GET":
        actions.record_view(release.person, user=request.user)
        return _render(request, release)
    if release.is_released:
        return _render(request, release, status=400, refusal=rules.RELEASED_REFUSAL)
    form = _review_form(release, compile_records(request.user, release.person), request.POST)

    def update(data: dict) -> Release:
        terms, withheld = form.result()
        return actions.do_update_release(release, acting_user=request.user,
                                         expected_version=data["version"], terms=terms,
                                         withheld=withheld)

    outcome = attempt(form, update)
    if outcome:
        return done_with(request, "Copy updated. Check it below before you release it.",
                         "releases:review", release_id=release.pk)
    return _not_done(request, release, outcome, "review_form", form, keep_review_input=True)


@requires("records.release")
@require_http_methods(["POST"])
def release(request, release_id):
    current = get_visible_release(request.user, release_id)
    if current.is_released:
        return _render(request, current, status=400, refusal=rules.RELEASED_REFUSAL)
    form = ReleaseForm(request.POST)
    outcome = attempt(form, lambda data: actions.do_release(
        current, acting_user=request.user, expected_version=data["version"],
        expected_sha256=data["sha256"]))
    if outcome:
        return done_with(request, "Copy released. It can now be downloaded and cannot be "
                                  "changed.", "releases:review", release_id=current.pk)
    return _not_done(request, current, outcome, "release_form", form, keep_review_input=False)


@requires("records.release")
@require_http_methods(["GET"])
def pdf(request, release_id):
    current = get_visible_release(request.user, release_id)
    if not current.is_released:
        messages.error(request, NOT_RELEASED)
        return redirect("releases:review", release_id=current.pk)
    document = render_pdf(current)
    actions.record_download(current, user=request.user)
    answer = HttpResponse(document, content_type="application/pdf")
    answer["Content-Disposition"] = (f'attachment; filename="copy-of-records-'
                                     f'{current.reference}.pdf"')
    return answer

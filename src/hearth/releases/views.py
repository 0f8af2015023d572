"""Copy-of-records pages (R-REC-9): start, list, review (redact and withhold), release and
download. Views parse, call one action and render; a copy whose person the user may not see
is 404; a stale save is 409 with the user's input kept; a released copy is never changed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.people.actions import StaleEdit
from hearth.people.queries import get_visible_person
from hearth.releases import actions, rules
from hearth.releases.compile import Compiled, compile_records, copy_of
from hearth.releases.forms import ReleaseForm, ReviewForm, StartForm, add_error
from hearth.releases.models import Release
from hearth.releases.pdf import render_pdf
from hearth.releases.queries import get_visible_release, releases_of

FORM_ERROR_STATUS = 400
CONFLICT = 409
NOT_RELEASED = "This copy has not been released yet: there is nothing to download."


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
    return _render(request, current, status=CONFLICT, conflict=conflict, **forms)


def _refused(request, release: Release, exc: actions.ReleaseRefused, form_name: str, form):
    current = get_visible_release(request.user, release.pk)
    if current.is_released:
        return _render(request, current, status=FORM_ERROR_STATUS, refusal=str(exc))
    add_error(form, exc.field, str(exc))
    return _render(request, current, status=FORM_ERROR_STATUS, **{form_name: form})


@requires("records.release")
@require_http_methods(["GET", "POST"])
def new(request, person_id):
    person = get_visible_person(request.user, person_id)
    if request.method == "GET":
        return render(request, "releases/new.html", {"person": person, "form": StartForm()})
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            release = actions.do_start_release(person, acting_user=request.user,
                                               **form.cleaned_data)
        except actions.ReleaseRefused as exc:
            add_error(form, exc.field, str(exc))
        else:
            messages.success(request, f"Copy started: it is due by "
                                      f"{dateformat.format(release.due_on, 'j F Y')}.")
            return redirect("releases:review", release_id=release.pk)
    return render(request, "releases/new.html", {"person": person, "form": form},
                  status=FORM_ERROR_STATUS)


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
        return _render(request, release, status=FORM_ERROR_STATUS,
                       refusal=rules.RELEASED_REFUSAL)
    form = _review_form(release, compile_records(request.user, release.person), request.POST)
    if not form.is_valid():
        return _render(request, release, status=FORM_ERROR_STATUS, review_form=form)
    terms, withheld = form.result()
    try:
        actions.do_update_release(release, acting_user=request.user,
                                  expected_version=form.cleaned_data["version"], terms=terms,
                                  withheld=withheld)
    except StaleEdit as exc:
        return _conflict(request, release, str(exc), keep_review_input=True)
    except actions.ReleaseRefused as exc:
        return _refused(request, release, exc, "review_form", form)
    messages.success(request, "Copy updated. Check it below before you release it.")
    return redirect("releases:review", release_id=release.pk)


@requires("records.release")
@require_http_methods(["POST"])
def release(request, release_id):
    current = get_visible_release(request.user, release_id)
    if current.is_released:
        return _render(request, current, status=FORM_ERROR_STATUS,
                       refusal=rules.RELEASED_REFUSAL)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        return _render(request, current, status=FORM_ERROR_STATUS, release_form=form)
    try:
        actions.do_release(current, acting_user=request.user,
                           expected_version=form.cleaned_data["version"],
                           expected_sha256=form.cleaned_data["sha256"])
    except (StaleEdit, actions.RecordsChanged) as exc:
        return _conflict(request, current, str(exc), keep_review_input=False)
    except actions.ReleaseRefused as exc:
        return _refused(request, current, exc, "release_form", form)
    messages.success(request, "Copy released. It can now be downloaded and cannot be changed.")
    return redirect("releases:review", release_id=current.pk)


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

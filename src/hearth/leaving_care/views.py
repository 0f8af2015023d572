"""Care leavers' pages (R-CL-1..3): the list for the personal adviser and managers, a young
person's care-leaver record with the category and why, allocating the personal adviser (a
manager), and recording contact, keeping in touch, the pathway plan and a request for support
up to 25. A person the user may not see is 404; a stale save is 409 with the input kept."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.core.paging import paginate
from hearth.leaving_care import actions, forms, queries, rules

STALE = "Someone else changed this care leaver's record while you were working on it: " \
        "nothing was saved"


@requires("leaving_care.view")
@require_http_methods(["GET"])
def care_leavers(request):
    page = paginate(queries.listing(request.user), request)
    spans = queries.spans_of_many(r.person_id for r in page.items)
    today = timezone.localdate()
    rows = [{"record": r, "found": rules.category(
        r.person.date_of_birth, spans.get(r.person_id, []), today,
        support_to_25=bool(r.support_to_25_requested_on))}
        for r in page.items if r.person.date_of_birth]
    return render(request, "leaving_care/list.html", {"page": page, "rows": rows})


@requires("leaving_care.view")
@require_http_methods(["GET"])
def record(request, person_id):
    person = queries.get_person(request.user, person_id)
    found_record = queries.record_of(request.user, person)
    found = queries.category_of(person, found_record)
    actions.record_view(person, user=request.user)
    plans = list(found_record.plans.all()) if found_record else []
    kit_due = []
    if found_record and person.date_of_birth:
        kit_due = rules.kit_due(person.date_of_birth, queries.spans(person.pk),
                                [k.age for k in found_record.keeping_in_touch.all()],
                                timezone.localdate())
    return render(request, "leaving_care/record.html", {
        "person": person, "care_record": found_record, "found": found, "kit_due": kit_due,
        "plan_due": rules.plan_due(person.date_of_birth, found.qualified_on,
                                   plans[0].planned_on if plans else None)
        if found.is_care_leaver else None,
        "may_allocate": request.user.has_hearth_permission("leaving_care.allocate"),
        "may_manage": request.user.has_hearth_permission("leaving_care.manage")})


@requires("leaving_care.allocate")
@require_http_methods(["GET", "POST"])
def adviser(request, person_id):
    person = queries.get_person(request.user, person_id)
    found_record = queries.record_of(request.user, person)
    form = forms.AdviserForm(request.POST if request.method == "POST" else None,
                             advisers=queries.advisers(),
                             initial={"version": found_record.version if found_record else None,
                                      "adviser": found_record.adviser_id if found_record
                                      else None})
    return form_page(
        request, "leaving_care/adviser.html", {"person": person,
                                               "found": queries.category_of(person)}, form,
        lambda data: actions.do_allocate_adviser(person, acting_user=request.user,
                                                 adviser=data["adviser"],
                                                 expected_version=data["version"]),
        lambda _r: done_with(request, "Personal adviser allocated.", "leaving_care:record",
                             person_id=person.pk), stale_message=STALE)


def _part(request, person_id, form_class, template, act, message):
    found_record = queries.get_record(request.user, person_id)
    form = form_class(request.POST if request.method == "POST" else None,
                      initial={"version": found_record.version})
    return form_page(
        request, template, {"person": found_record.person, "care_record": found_record}, form,
        lambda data: act(found_record, {k: v for k, v in data.items() if k != "version"},
                         data["version"]),
        lambda _r: done_with(request, message, "leaving_care:record",
                             person_id=found_record.person_id), stale_message=STALE)


@requires("leaving_care.manage")
@require_http_methods(["GET", "POST"])
def contact(request, person_id):
    return _part(request, person_id, forms.ContactForm, "leaving_care/contact.html",
                 lambda r, data, v: actions.do_record_contact(
                     r, acting_user=request.user, expected_version=v, **data),
                 "Contact recorded.")


@requires("leaving_care.manage")
@require_http_methods(["GET", "POST"])
def keeping_in_touch(request, person_id):
    return _part(request, person_id, forms.KeepingInTouchForm,
                 "leaving_care/keeping_in_touch.html",
                 lambda r, data, v: actions.do_record_keeping_in_touch(
                     r, acting_user=request.user, expected_version=v, **data),
                 "Keeping in touch recorded.")


@requires("leaving_care.manage")
@require_http_methods(["GET", "POST"])
def plan(request, person_id):
    return _part(request, person_id, forms.PlanForm, "leaving_care/plan.html",
                 lambda r, data, v: actions.do_record_plan(
                     r, acting_user=request.user, expected_version=v, **data),
                 "Pathway plan recorded.")


@requires("leaving_care.manage")
@require_http_methods(["GET", "POST"])
def support(request, person_id):
    return _part(request, person_id, forms.SupportForm, "leaving_care/support.html",
                 lambda r, data, v: actions.do_request_support_to_25(
                     r, acting_user=request.user, expected_version=v, **data),
                 "Request for support up to 25 recorded.")

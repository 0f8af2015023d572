"""Record one core group meeting for several children of a family (issue 15)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.protection.actions.family import do_record_family_core_group_meeting
from hearth.protection.forms.family import FamilyCoreGroupMeetingForm
from hearth.protection.queries import conferences as queries

T = "protection/conferences/"


@requires("protection.record")
@require_http_methods(["GET", "POST"])
def core_group_meeting_family(request, cp_plan_id):
    plan = queries.get_visible_plan(request.user, cp_plan_id)
    plans = queries.family_open_plans(request.user, plan)
    if len(plans) < 2:
        raise Http404("No other child of this family is on a plan you may see")
    form = FamilyCoreGroupMeetingForm(
        request.POST if request.method == "POST" else None, plans=plans,
        chosen=[p.pk for p in plans], initial={"held_on": timezone.localdate()})

    def act(data):
        return do_record_family_core_group_meeting(
            form.chosen_plans(), acting_user=request.user, held_on=data["held_on"],
            attendees=data["attendees"], actions=data["actions"],
            next_meeting_on=data["next_meeting_on"],
            progress={p.pk: data.get(f"progress_{p.pk}", "") for p in plans})

    def done(meetings):
        names = ", ".join(m.plan.person.display_name for m in meetings)
        return done_with(request, f"Core group meeting recorded for {names}.",
                         "protection:plan", cp_plan_id=plan.pk)

    return form_page(request, T + "meeting_family.html", {"plan": plan, "person": plan.person},
                     form, act, done)

"""Who lives with whom, and when (R-PPL-3: changing membership is itself a risk)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with
from hearth.people import actions
from hearth.people.forms.households import JoinHouseholdForm, LeaveHouseholdForm
from hearth.people.models import Household, HouseholdMembership, Person, Relationship
from hearth.people.queries.visibility import get_visible_person

DONE = "The household change was recorded."


def _relatives_households(user, person) -> list[tuple[str, str]]:
    """Households where the person's visible relatives live now: the likely ones to join."""
    relatives = Relationship.objects.filter(relative=person).values("person_id").union(
        Relationship.objects.filter(person=person).values("relative_id"))
    visible = Person.objects.visible_to(user).filter(pk__in=relatives)
    households = Household.objects.filter(
        memberships__person__in=visible, memberships__end_date__isnull=True
    ).exclude(memberships__person=person, memberships__end_date__isnull=True).distinct()
    return [(str(h.pk), str(h)) for h in households]


@requires("people.edit")
@require_http_methods(["GET", "POST"])
def household(request, person_id):
    person = get_visible_person(request.user, person_id)
    action = request.POST.get("action", "")
    join = JoinHouseholdForm(request.POST if action == "join" else None,
                             households=_relatives_households(request.user, person))
    leave = LeaveHouseholdForm(request.POST if action == "leave" else None)

    def join_household(data):
        target = None
        if data["household"] != "new":
            target = Household.objects.get(pk=int(data["household"]))
        return actions.do_join_household(person, target, acting_user=request.user,
                                         start_date=data["start_date"], name=data["name"])

    def leave_household(data):
        membership = HouseholdMembership.objects.filter(
            pk=data["membership"], person=person, end_date__isnull=True).first()
        if membership is None:
            raise Http404
        return actions.do_leave_household(membership, acting_user=request.user,
                                          end_date=data["end_date"])

    status = 200
    if action in ("join", "leave"):
        outcome = attempt(join, join_household) if action == "join" \
            else attempt(leave, leave_household)
        if outcome:
            return done_with(request, DONE, "web:person", person_id=person.pk)
        status = outcome.status
    current = HouseholdMembership.objects.filter(person=person, end_date__isnull=True
                                                 ).select_related("household")
    return render(request, "people/household.html", {
        "person": person, "join": join, "leave": leave, "current": current,
    }, status=status)

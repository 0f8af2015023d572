from django.shortcuts import render

from hearth.access.codes import Role
from hearth.access.middleware import note_people_shown
from hearth.access.permissions import SIGNED_IN, requires
from hearth.casework.queries import SERVICE_CASES, TEAM_CASES, WORKER, open_cases_page
from hearth.fgc.queries.referrals import home_context as fgc_home
from hearth.lado.queries.matters import contacts_waiting, home_queue
from hearth.people.models import Person
from hearth.web.views.work import team_work_context, work_context

#: The heading of a home page whose work is not a caseload (issue 15: the chair's home said
#: only "No children are allocated to you").
HOME_TITLES = {Role.CONFERENCE_CHAIR: "Your conferences and core groups",
               Role.LADO: "Allegations: your LADO work",
               Role.FGC_COORDINATOR: "Your Family Group Conferences",
               Role.BUSINESS_SUPPORT: "Your work"}
#: The roles with children allocated to them (a primary or a secondary worker).
CASE_HOLDERS = {Role.SOCIAL_WORKER, Role.ADVANCED_PRACTITIONER, Role.FAMILY_PRACTITIONER}


@requires(SIGNED_IN)
def home(request):
    """A home page per role: what this person needs first."""
    user = request.user
    notes = list(user.notifications.filter(read_at__isnull=True)[:10])
    note_people_shown(pk for note in notes for pk in note.people)  # audited (issue 13 item 3)
    context: dict = {"notifications": notes}
    if user.role != Role.ADMINISTRATOR:  # what is due first (issue 15)
        context.update(work_context(request, user))
    if user.role == Role.ADMINISTRATOR:
        template = "web/home_admin.html"
    elif user.role == Role.MASH_PARTNER:
        template = "web/home_partner.html"
        visible = Person.objects.visible_to(user)
        context["shared"] = visible.live().order_by("family_name", "given_name")[:50]
        from hearth.protection.models import CPPlan

        # The child protection plans whose core group the agency is in (R-CP-3).
        context["core_groups"] = list(
            CPPlan.objects.filter(end_on__isnull=True, person__in=visible,
                                  core_group__partner_agency_id=user.agency_id,
                                  core_group__left_on__isnull=True)
            .distinct().select_related("person").order_by("person__family_name"))
    elif user.role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER):
        template = "web/home_manager.html"
        context["page"], context["unallocated"] = open_cases_page(
            user, request, SERVICE_CASES if user.role == Role.SERVICE_MANAGER else TEAM_CASES)
    elif user.role in (Role.FRONT_DOOR, Role.ADVANCED_PRACTITIONER):
        template = "web/home_front_door.html"
    else:
        template = "web/home_worker.html"
        context["title"] = HOME_TITLES.get(user.role, "Your work")
        context["holds_cases"] = user.role in CASE_HOLDERS
        if user.role == Role.LADO:  # the LADO's queue (issue 16)
            context["lado_rows"], context["lado_open"] = home_queue(user)
            context["lado_contacts"] = contacts_waiting(user)
        if user.role == Role.FGC_COORDINATOR:  # the FGC queue and their FGCs (issue 16)
            context.update(fgc_home(user))
        context["page"], _ = open_cases_page(user, request, WORKER)
    if "page" in context:  # 25 a page, the caption counting them all (issue 14)
        context["involvements"] = context["page"].items
    return render(request, template, context)


@requires("work.team")
def team_work(request):
    """A manager's team's (a service manager: the service's) whole list of what is due, by
    worker on request, a page at a time: the home page shows each worker's first few."""
    return render(request, "web/team_work.html", team_work_context(request, request.user))

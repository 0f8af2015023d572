"""Naming another child on a matter, and linking a named child to the record Hearth holds for
them ("does Hearth know this child?": records whose name and date of birth match, and only
those, R-LADO-3)."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from hearth.access.permissions import requires
from hearth.core.pages import done_with, form_page
from hearth.lado.actions import children as actions
from hearth.lado.forms.children import ChildForm, LinkForm
from hearth.lado.queries import children as queries
from hearth.lado.queries.matters import get_visible_matter
from hearth.lado.views.matters import STALE


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def add(request, lado_matter_id):
    user = request.user
    matter = get_visible_matter(user, lado_matter_id)
    form = ChildForm(request.POST or None, initial={"version": matter.version})
    return form_page(request, "lado/child_new.html", {"matter": matter}, form,
                     lambda data: actions.do_add_child(
                         matter, acting_user=user, expected_version=data["version"],
                         child=form.child()),
                     lambda child: done_with(request, f"{child.name} added.", "lado:matter",
                                             lado_matter_id=matter.pk), stale_message=STALE)


@requires("lado.manage")
@require_http_methods(["GET", "POST"])
def link(request, lado_matter_id, lado_child_id):
    user = request.user
    matter = get_visible_matter(user, lado_matter_id)
    child = queries.get_child(matter, lado_child_id)
    known = ([] if child.person_id else
             queries.known_children(child.given_name, child.family_name, child.date_of_birth))
    form = LinkForm(request.POST or None, people=known, initial={"version": matter.version})
    chosen = {str(p.pk): p for p in known}
    return form_page(request, "lado/child_link.html",
                     {"matter": matter, "child": child, "known": known}, form,
                     lambda data: actions.do_link_child(
                         child, chosen[data["person"]], acting_user=user,
                         expected_version=data["version"]),
                     lambda row: done_with(request, f"{row.name} is linked to their record.",
                                           "lado:matter", lado_matter_id=matter.pk),
                     stale_message=STALE)

"""The children a LADO matter concerns, and whether Hearth knows them (R-LADO-3).

The LADO is not a caseholder: people's visibility gives a LADO officer no child's record of its
own. Two narrow ways in, both registered or used from here:

- ``linked_children_reach`` (``core.visibility.add_reach(Person, …)``): the LADO service sees
  the records of the children its matters are linked to, so that it can open them;
- ``known_children``: "does Hearth know this child?" — the records whose name and date of
  birth match a child the LADO has named (people's own search scoring, at the duplicate
  check's threshold, and the same date of birth), live and not restricted, so that the LADO
  can link the matter to the right record. It answers only exact identities the LADO typed
  (a date of birth is required), never a browse of records; linking one is checked against it
  again (``actions.children.do_link_child``).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from hearth.core.refusals import Refused
from hearth.lado.models import MatterChild
from hearth.lado.queries.matters import in_lado_service
from hearth.people.models import Person
from hearth.people.queries.search import DUPLICATE_THRESHOLD, build_query, rank
from hearth.people.rules.search import worth_showing

#: The most records "does Hearth know this child?" offers.
KNOWN_LIMIT = 5


def linked_children_reach(user) -> Q | None:
    """Registered as a reach of Person: the LADO service reaches the children its matters
    are linked to (restricted records stay restricted: people's scope adds that)."""
    if not in_lado_service(user):
        return None
    return Q(pk__in=MatterChild.objects.filter(person__isnull=False).values("person_id"))


def known_children(given_name: str, family_name: str, date_of_birth) -> list[Person]:
    """The records Hearth holds for a child of this name and date of birth (best first)."""
    if date_of_birth is None or not (given_name or "").strip() or not (family_name or "").strip():
        return []
    try:
        q = build_query(name=f"{given_name} {family_name}", dob=date_of_birth.isoformat())
    except Refused:
        return []
    ids = [pid for pid, score, _row, detail in rank(q, enough=KNOWN_LIMIT)
           if score >= DUPLICATE_THRESHOLD and worth_showing(q, detail)][:KNOWN_LIMIT * 4]
    found = {p.pk: p for p in Person.objects.live().filter(
        pk__in=ids, restricted=False, date_of_birth=date_of_birth)}
    return [found[pid] for pid in ids if pid in found][:KNOWN_LIMIT]


def children_of(matter) -> list[MatterChild]:
    return list(matter.children.select_related("person").order_by("pk"))


def linked_ids(matter) -> list[str]:
    """The ids of the children's records a matter is linked to (for the audit of a read)."""
    return [str(pk) for pk in matter.children.filter(person__isnull=False)
            .order_by("pk").values_list("person_id", flat=True)]


def visible_people(user, ids) -> dict:
    """The live records among ``ids`` that ``user`` may see (a notifier names a child by the
    id of a record they can see, or by name)."""
    return {p.pk: p for p in Person.objects.visible_to(user).live().filter(pk__in=list(ids))}


def get_child(matter, child_id) -> MatterChild:
    found = matter.children.select_related("person").filter(pk=child_id).first()
    if found is None:
        raise Http404("No such child on this matter.")
    return found

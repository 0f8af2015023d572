"""What the front door adds to the list of what is due (``hearth.core.due``, issue 15):
- for the front door's information officers, the contacts waiting for a decision, due by
  ``decision_due`` (R-FD-4: an immediate contact within its hours, any other by the end of the
  next working day), and after an EDT contact about a child not known, checking the child's
  record (R-EDT-3);
- for the Emergency Duty Team, the out-of-hours contacts still to decide (R-EDT-2);
- for a manager, the proposed decisions they may authorise (R-FD-5);
- for a MASH partner, their agency's requests still to answer, due by the RAG deadline (R-MASH).
Each item is about the contact's first child the reader may see, else the contact by its
reference. Registered from FrontdoorConfig.ready(); a constant number of queries
(``queries.queue``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from hearth.access.codes import Role
from hearth.core.compiled import compiled
from hearth.core.due import MINE, DueItem
from hearth.frontdoor.actions.contacts import may_review
from hearth.frontdoor.codes import ContactStatus
from hearth.frontdoor.models import Contact
from hearth.frontdoor.queries.mash import own_requests
from hearth.frontdoor.queries.queue import children_rows, crs_queue, queue_contacts

#: The roles whose own work is deciding the daytime queue's contacts.
DECIDERS = (Role.FRONT_DOOR,)
#: The Emergency Duty Team's: deciding the contacts taken out of hours (R-EDT-2).
EDT_DECIDERS = (Role.ADVANCED_PRACTITIONER,)
#: How many of the queue's contacts to decide a worker's own list names; one more item
#: counts the rest, which the queue lists a page at a time.
QUEUE_SHOWN = 25


def _item(contact, kids, **fields) -> DueItem:
    fields.setdefault("due", contact.decision_due)
    if kids:
        return DueItem(person_id=str(kids[0].pk), person_name=kids[0].display_name,
                       kind="contact_decision", **fields)
    return DueItem(person_id="", person_name=f"Contact {contact.reference}",
                   kind="contact_decision", **fields)


@compiled
def _awaiting_any(p):
    """Whether any contact's decision waits for authorisation, anyone's (compiled once a
    process; it shows nothing itself)."""
    return (Contact.objects.filter(status=ContactStatus.AWAITING_AUTHORISATION)
            .order_by().values_list("pk", flat=True)[:1])


def _first_to_decide(user, waiting, now, what: str, queue: str = "contacts:queue"
                     ) -> list[DueItem]:
    """The queue's first ``QUEUE_SHOWN`` contacts to decide, in its order (R-FD-4), and one
    item for the rest, which the queue lists (issue 14: a long queue was every row of a
    front-door worker's home); the rest counted in one more query."""
    first = list(waiting.in_queue_order(now)[:QUEUE_SHOWN + 1])
    items = [_item(c, kids, what=what, link=reverse("contacts:decide", args=[c.pk]))
             for c, kids, _ in children_rows(user, first[:QUEUE_SHOWN])]
    if len(first) > QUEUE_SHOWN:
        more = waiting.count() - QUEUE_SHOWN
        items.append(DueItem(person_id="", person_name="The queue",
                             what=f"{more} more contact{'s' if more != 1 else ''} waiting for "
                                  "a decision", due=first[QUEUE_SHOWN].decision_due,
                             kind="contact_decision", link=reverse(queue)))
    return items


def contact_decisions(user, *, scope: str) -> list[DueItem]:
    if scope != MINE or not user.has_hearth_permission("contacts.queue"):
        return []
    authorises = user.has_hearth_permission("contacts.authorise")
    if user.role not in DECIDERS and user.role not in EDT_DECIDERS and not authorises:
        return []  # a social worker: nothing of the queue's is theirs to do (not even built)
    if (user.role not in DECIDERS and user.role not in EDT_DECIDERS
            and _awaiting_any.first() is None):
        return []  # a manager, and no decision waits for anyone's authorisation (a plain look)
    contacts = queue_contacts(user)
    now = timezone.now()
    items = []
    if user.role in DECIDERS:
        in_queue = crs_queue(contacts, now)
        items += _first_to_decide(user, in_queue.filter(status=ContactStatus.OPEN), now,
                                  "Decide what happens next with the contact")
        # EDT decided about a child not known to us: CRS checks the child's record (R-EDT-3).
        handed_over = in_queue.filter(is_edt=True, status=ContactStatus.DECIDED)
        items += [_item(c, kids, what="Check the child's record after EDT's contact",
                        due=c.handover_at or c.decision_due,
                        link=reverse("contacts:contact", args=[c.pk]))
                  for c, kids, _ in children_rows(user, handed_over.in_queue_order())]
    if user.role in EDT_DECIDERS:
        out_of_hours = contacts.filter(is_edt=True, status=ContactStatus.OPEN)
        items += _first_to_decide(user, out_of_hours, now,
                                  "Decide what happens next with the EDT contact",
                                  queue="contacts:edt_queue")
    if authorises:
        proposed = contacts.filter(status=ContactStatus.AWAITING_AUTHORISATION)
        items += [_item(c, kids, what="Authorise the decision on the contact", authorise=True,
                        for_user_id=c.proposals[0].proposed_by_id,
                        link=reverse("contacts:authorise", args=[c.proposals[0].pk]))
                  for c, kids, _ in children_rows(user, proposed.in_queue_order())
                  if c.proposals and may_review(c.proposals[0], user)]
    return items


def mash_requests(user, *, scope: str) -> list[DueItem]:
    """A MASH partner's: their agency's requests not yet answered. A partner sees a copy of
    the family's details, not their records, so an item names the contact, not a child."""
    if scope != MINE or not user.has_hearth_permission("mash.answer"):
        return []
    return [DueItem(person_id="", person_name=f"MASH request, contact C{r.enquiry.contact_id:06d}",
                    what="Answer the MASH request", due=r.due_at, kind="mash_request",
                    link=reverse("mash:request", args=[r.pk]))
            for r in own_requests(user).filter(answered_at__isnull=True)
            .select_related("enquiry").order_by("due_at", "pk")]

"""``GET /api/v1/work``: what is due for the signed-in user (issue 15), the same items as their
home page, most overdue first. ``?scope=team`` gives a manager their team's (a service
manager: the service's); anyone else's team list is empty. Read through the registered
sources (``hearth.core.due``), each through ``visible_to``. (No ``from __future__ import
annotations``: django-ninja reads the annotations.)"""

from datetime import datetime
from typing import Literal

from django.utils import timezone
from ninja import Router

from hearth.access.middleware import note_people_shown
from hearth.access.permissions import AuthedRequest, permission
from hearth.core import due
from hearth.core.problems import READ_ERRORS
from hearth.web.schemas import WorkOut

router = Router(tags=["work"])


@router.get("/work", response={200: WorkOut, **READ_ERRORS}, auth=permission("work.view"),
            url_name="work")
def work(request: AuthedRequest, scope: Literal["mine", "team"] = "mine"):
    """The caller's due items: overdue first, then soonest due."""
    today = timezone.localdate()
    items = due.due_for(request.auth, scope=scope)
    note_people_shown(i.person_id for i in items if i.person_id)
    return {"today": today, "scope": scope, "items": [
        {"person_id": i.person_id or None, "person_name": i.person_name, "what": i.what,
         "kind": i.kind, "due_on": i.due_on,
         "due_at": i.due if isinstance(i.due, datetime) else None,
         "state": i.when(today), "overdue_by_days": i.days_overdue(today), "link": i.link,
         "for_user_id": i.for_user_id, "authorise": i.authorise} for i in items]}

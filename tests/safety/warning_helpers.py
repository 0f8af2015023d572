"""What the worker-safety warning and visit plan stories share."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

from hearth.safety.actions.warnings import do_add_warning
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.safety.models import WorkerWarning

LONDON = ZoneInfo("Europe/London")
#: Tuesday 17 November 2026, 10:00 in London.
NOW = datetime(2026, 11, 17, 10, 0, tzinfo=LONDON)


def warn(user, *, person=None, address=None, joint: bool = False, **extra) -> WorkerWarning:
    fields = {"kind": "violence", "what_happened": "Kerry's partner pushed the worker out of "
              "the door", "source": "Sam Worker, witnessed", "occurred_on": date(2026, 11, 10),
              "disclosed_to_person": True, "requires_joint_visit": joint, **extra}
    return do_add_warning(acting_user=user, person=person, address=address, **fields)


def form(**extra) -> dict:
    """The raise-a-warning page, filled in."""
    return {"kind": "threats", "profession": "", "what_happened": "Threatened to stab the next "
            "social worker who came to the door", "source": "Police PNC check, 12/11/2026",
            "occurred_on": "12/11/2026", "disclosed_to_person": "no",
            "not_disclosed_reason": "Telling him would put the children at risk",
            "requires_joint_visit": "on", "review_on": "", **extra}


def all_answered(answer: bool = True) -> dict:
    return {key: {"answer": answer, "note": ""} for key, _ in PLAN_QUESTIONS}


def plan_form(**extra) -> dict:
    data = {"visit_date": "24/11/2026", "visit_time": "10:30", "joint_worker": "",
            "notes": "Meet in the car park first"}
    for key, _ in PLAN_QUESTIONS:
        data[key] = "yes"
        data[f"{key}_note"] = ""
    data.update(extra)
    return data


def main_of(html: str) -> str:
    return html[html.index('id="main-content"'):]


def banner_first(html: str) -> bool:
    """The worker-safety banner is the first thing in the page's main content."""
    main = main_of(html)
    banner = main.find('id="worker-safety"')
    return banner != -1 and banner < min(i for i in (main.find("<h1"), main.find("<form"),
                                                      main.find("govuk-error-summary"),
                                                      len(main)) if i != -1)


def banner(html: str) -> str:
    """The text of the banner (empty when there is none)."""
    match = re.search(r'<section class="hearth-warnings hearth-no-print" id="worker-safety".*?'
                      r"</section>", html, re.S)
    if not match:
        return ""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))))

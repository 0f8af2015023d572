"""What the worker-safety forms share: yes/no answers, long text, the hidden version, times
of day, and the colleagues who may go on a visit."""

from __future__ import annotations

from django import forms

from hearth.access import queries as staff

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
STALE_PAGE = "This page was out of date: open the page again and try again"


def text_field(label: str, *, required: bool = False, message: str = "", hint: str = "",
               max_length: int = 10_000) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint,
                           max_length=max_length, widget=forms.Textarea,
                           error_messages={"required": message or f"Enter {label.lower()}",
                                           "max_length": f"{label} must be {max_length} "
                                                         "characters or fewer"})


def version_field(stale_page: str = STALE_PAGE) -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": stale_page, "invalid": stale_page})


def staff_choices(exclude_id: int | None) -> list[tuple[str, str]]:
    """Colleagues who go out on visits, for a second or joint worker."""
    return staff.colleague_choices("safety.checkin", exclude_id, nobody="Nobody: I will go alone")

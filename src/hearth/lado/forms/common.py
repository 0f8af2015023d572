"""Field helpers and numbered rows for the LADO forms. A row group (the children named in a
notification, a meeting's attendees and actions) is numbered fields; blank rows are left out,
and ``field_map`` puts an action's problem about row ``i`` (``children.0.given_name``) on the
row it came from."""

from __future__ import annotations

from django import forms

from hearth.lado.rules.matters import LINE_MAX, TEXT_MAX

STALE_PAGE = "This page was out of date: open the matter again and try again"
YES_NO = [("yes", "Yes"), ("no", "No")]


def text(label: str, *, required: bool = True, hint: str = "", message: str = "",
         max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=hint, max_length=max_length,
        widget=forms.Textarea,
        error_messages={"required": message or f"Enter {label[0].lower()}{label[1:]}",
                        "max_length": f"{label} must be {max_length} characters or fewer"})


def line(label: str, *, required: bool = True, hint: str = "", message: str = "",
         max_length: int = LINE_MAX) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=hint, max_length=max_length,
        error_messages={"required": message or f"Enter {label[0].lower()}{label[1:]}",
                        "max_length": f"{label} must be {max_length} characters or fewer"})


def choice(label: str, choices, *, message: str, required: bool = True, radio: bool = True,
           hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices if radio or required else [("", "Not known yet"),
                                                                 *choices],
        required=required, help_text=hint,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"required": message, "invalid_choice": message})


def yes_no(label: str, message: str, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, widget=forms.RadioSelect, required=required,
        coerce=lambda v: v == "yes", empty_value=None,
        error_messages={"required": message, "invalid_choice": message})


def version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class RowsForm(forms.Form):
    """A form with groups of numbered rows: ``GROUPS`` maps the action's name for a group
    (``children``) to its fields' prefix (``child``) and the names in a row."""

    GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: group -> the row numbers (from 1) of the rows given to the action, in order
        self.row_numbers: dict[str, list[int]] = {group: [] for group in self.GROUPS}

    def rows_of(self, group: str, count: int) -> list[tuple[int, list[forms.BoundField]]]:
        prefix, names = self.GROUPS[group]
        return [(n, [self[f"{prefix}_{n}_{name}"] for name in names])
                for n in range(1, count + 1)]

    def filled(self, group: str, count: int) -> list[dict]:
        """The rows with anything in them, each as {name: value}, remembering their numbers."""
        prefix, names = self.GROUPS[group]
        data, rows = self.cleaned_data, []
        self.row_numbers[group] = []
        for n in range(1, count + 1):
            row = {name: data.get(f"{prefix}_{n}_{name}") for name in names}
            if any(v not in (None, "") for v in row.values()):
                rows.append(row)
                self.row_numbers[group].append(n)
        return rows

    def field_map(self) -> dict[str, str]:
        """The action's names for the rows' fields -> the form's fields."""
        found = {}
        for group, (prefix, names) in self.GROUPS.items():
            for i, n in enumerate(self.row_numbers.get(group, [])):
                for name in names:
                    found[f"{group}.{i}.{name}"] = f"{prefix}_{n}_{name}"
        return found

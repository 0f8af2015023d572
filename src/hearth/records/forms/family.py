"""Page forms for a case note about several children of a family (issue 15): the shared part
once (``FamilyNoteForm``), each child's own part (``ChildNoteForm``), and the question on a
note written with others whether finalising or amending it applies to them too."""

from __future__ import annotations

from django import forms

from hearth.records.codes import CHILD_NOTE_FIELDS
from hearth.records.forms.notes import NoteForm, _text


def names(people) -> str:
    listed = [p.display_name for p in people]
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"


class FamilyNoteForm(NoteForm):
    """The part of the note written once for every child it is about."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in CHILD_NOTE_FIELDS:
            del self.fields[field]

    def shared(self) -> dict:
        return dict(self.cleaned_data)


class ChildNoteForm(forms.Form):
    """One child's own part: whether the note is about them, what they said and what was said
    about them (R-REC-1), and whether it was a significant event for them."""

    included = forms.BooleanField(required=False)
    who_said_what = _text("Who said what")
    significant_event = forms.BooleanField(required=False)

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, prefix=f"child-{child.pk}", **kwargs)
        self.child = child
        name = child.given_name or child.display_name
        self.name = name
        self.fields["included"].label = f"The note is about {name}"
        self.fields["who_said_what"].label = f"Who said what, about {name}"
        self.fields["who_said_what"].help_text = f"{name}'s own words where you can"
        self.fields["significant_event"].label = (
            f"A significant event for {name} (shown in their chronology)")

    def clean(self):
        data = super().clean()
        if data.get("included") and not (data.get("who_said_what") or "").strip():
            self.add_error("who_said_what", f"Enter who said what, about {self.name}")
        return data

    def part(self) -> dict:
        return {"child": self.child, **{k: self.cleaned_data[k] for k in CHILD_NOTE_FIELDS}}


def ask_to_all(form: forms.Form, label: str, hint: str = "") -> forms.Form:
    """Add the question whether the change applies to the notes written with this one."""
    form.fields["to_all"] = forms.BooleanField(label=label, required=False, help_text=hint)
    return form

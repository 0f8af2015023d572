"""The add-a-document form: clear messages that name the field (practice 8)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.documents import queries
from hearth.documents.codes import DocumentKind, SeenBy


class DocumentForm(forms.Form):
    file = forms.FileField(label="Upload a file",
                           error_messages={"required": "Choose a file to add",
                                           "empty": "The file is empty."},
                           help_text="A PDF, photo, Word, Excel or PowerPoint document, plain "
                                     "text or an e-mail")
    kind = forms.ChoiceField(label="Kind of document", choices=DocumentKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of document it is"})
    dated = date_field("Date of the document", required=True, hint="For example, 17/11/2026")
    source = forms.CharField(label="Author or source", max_length=200,
                             help_text="For example, Oakfield Primary School",
                             error_messages={"required": "Enter who wrote the document or "
                                                         "where it came from"})
    description = forms.CharField(label="Description", required=False, max_length=5000,
                                  widget=forms.Textarea)
    seen_by = forms.ChoiceField(label="Who may see it", choices=SeenBy.choices,
                                initial=SeenBy.RECORD, widget=forms.RadioSelect,
                                help_text="Never more than the people who may see the record",
                                error_messages={"required": "Select who may see the document"})
    named_users = forms.ModelMultipleChoiceField(
        label="People who may see it", required=False, queryset=queries.colleagues(None),
        widget=forms.CheckboxSelectMultiple,
        help_text="Only when you choose \u201cOnly the people I name\u201d")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["named_users"]
        field.queryset = queries.colleagues(None)  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.display_name}{f' ({u.team.name})' if u.team_id else ''}")
        field.queryset = field.queryset.select_related("team")  # type: ignore[attr-defined]

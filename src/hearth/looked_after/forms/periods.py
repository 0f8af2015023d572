"""Becoming looked after, a change of legal status or placement, ceasing, corrections and the
UASC mark (R-CLA-1, R-CLA-7, R-CLA-8). Codes are chosen from the SSDA903 lists; the action's
rules say what is missing or unknown, naming the field."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.core.forms import date_field
from hearth.looked_after.actions.periods import PlacementDetails
from hearth.looked_after.codes import (
    CategoryOfNeed,
    EntryRoute,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlaceChange,
)

STALE_PAGE = "This page was out of date: go back to the child's looked-after page and try again"
STALE = ("Someone else changed this child's period of care while you were working on it. "
         "Check it as it is now: what you entered is kept in the form.")


class CodeField(forms.ChoiceField):
    """A code from an SSDA903 list: any value reaches the action, whose rules name an unknown
    one (the same message on the page and in the API)."""

    def valid_value(self, value) -> bool:
        return True


def code_field(label: str, choices, *, hint: str = "", blank: str = "Select") -> CodeField:
    return CodeField(label=label, required=False, help_text=hint,
                     choices=[("", blank), *[(v, f"{v}: {t}") for v, t in choices]])


def text(label: str, *, hint: str = "", long: bool = False, max_length: int = 200):
    return forms.CharField(label=label, required=False, help_text=hint, max_length=max_length,
                           widget=forms.Textarea if long else None)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class PlacementFields(forms.Form):
    """The placement's own fields (its type, provider, URN, address, carer)."""

    placement_type = code_field("Placement type", PlacementType.choices)
    provider = code_field("Placement provider", PlacementProvider.choices,
                          hint="Leave blank for a temporary placement (T0 to T4) or Z11 to Z14",
                          blank="None")
    provider_name = text("Provider's name", hint="The foster carers' agency, the home's name")
    urn = text("Ofsted URN of the setting", max_length=8,
               hint="Not needed for P1, P3, R1, R2, R5, temporary or Z placements; XXXXXXX "
                    "when the setting has none that can be given")
    carer_name = text("Carer's name")
    address = text("Placement address", long=True, max_length=500)
    postcode = text("Placement postcode", max_length=10)
    address_hidden = forms.BooleanField(
        label="Hide the placement address from everyone but the child's own workers, their "
              "managers and the IRO", required=False)
    long_term = forms.BooleanField(label="Intended to last until the child is 18",
                                   required=False)
    PLACEMENT = ("placement_type", "provider", "provider_name", "urn", "carer_name",
                 "address", "postcode", "address_hidden", "long_term")

    def placement_fields(self):
        return [self[name] for name in self.PLACEMENT]

    def placement(self) -> PlacementDetails:
        data: dict[str, Any] = self.cleaned_data
        flags = ("address_hidden", "long_term")
        values: dict[str, Any] = {name: data.get(name) or (False if name in flags else "")
                                  for name in self.PLACEMENT}
        return PlacementDetails(**values)


class StartForm(PlacementFields):
    started_on = date_field("Date the child became looked after")
    legal_status = code_field("Legal status", LegalStatus.choices)
    category_of_need = code_field("Category of need", CategoryOfNeed.choices,
                                  hint="The main reason the child is looked after")
    home_postcode = text("Postcode of the home the child was looked after from", max_length=10)
    entered_from = code_field("Where the decision was made", EntryRoute.choices)
    entered_from_ref = forms.CharField(required=False, widget=forms.HiddenInput)


class ChangeForm(VersionForm, PlacementFields):
    changed_on = date_field("Date of the change")
    legal_status = code_field("Legal status from that date", LegalStatus.choices)
    moved = forms.BooleanField(label="The child moved to another placement", required=False)
    same_carer = forms.BooleanField(label="With the same carers", required=False)
    reason_changed = code_field("Reason the placement changed", ReasonPlaceChange.choices,
                                hint="Not for a temporary placement (T0 to T4)")


class CeaseForm(VersionForm):
    ceased_on = date_field("Date the child ceased to be looked after")
    reason_ceased = code_field("Reason", [(v, t) for v, t in ReasonEpisodeCeased.choices
                                          if v != "X1"])


class AmendEpisodeForm(VersionForm):
    started_on = date_field("Date the episode began")
    ended_on = date_field("Date the episode ended")
    legal_status = code_field("Legal status", LegalStatus.choices)
    reason = text("Why is it corrected?", long=True, max_length=2000)


class AmendPlacementForm(VersionForm, PlacementFields):
    reason_changed = code_field("Reason the placement changed", ReasonPlaceChange.choices,
                                blank="None")
    reason = text("Why is it corrected?", long=True, max_length=2000)


class UascForm(forms.Form):
    uasc = forms.BooleanField(label="An unaccompanied asylum-seeking child", required=False)
    ceased_on = date_field("Date UASC status ceased",
                           hint="On or before the 18th birthday; leave blank while it lasts")

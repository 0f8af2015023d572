"""What an FGC says in each of its children's chronologies (R-CHR-2, R-FGC-1..4): the
referral, the conference held, the plan agreed (or not), each review, and an FGC declined,
withdrawn or not held, of kind "Family Group Conference" in the casework lane. Registered from
FgcConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day, shorten
from hearth.fgc.codes import Progress

FGC = "Family Group Conference"


def _events_for_one(fgc, person_id) -> list[Spec]:
    referral = (f"Referred for a {FGC} by {fgc.referred_by.display_name}: "
                f"{fgc.get_reason_display().lower()}.")
    if fgc.split_conference:
        referral += " A split conference."
    if fgc.pre_proceedings:
        referral += " In pre-proceedings."
    specs = [Spec(person_id, Kind.FGC, fgc.referred_at, referral,
                  recorded_by_id=fgc.referred_by_id)]
    if fgc.held_on is not None:
        network = len(fgc.network.all())
        specs.append(Spec(person_id, Kind.FGC, on_day(fgc.held_on),
                          f"{FGC} held, coordinated by "
                          f"{fgc.coordinator.display_name if fgc.coordinator else 'a coordinator'}"
                          f"; {network} from the family network invited.", time_known=False))
    if fgc.plan_agreed is not None and fgc.plan_decided_at is not None:
        items = len(fgc.items.all())
        summary = (f"Family plan from the {FGC} agreed by {fgc.plan_decided_by.display_name}: "
                   f"{items} item{'s' if items != 1 else ''}." if fgc.plan_agreed else
                   f"Family plan from the {FGC} not agreed by "
                   f"{fgc.plan_decided_by.display_name}: "
                   f"{shorten(fgc.plan_not_agreed_reason, 250)}")
        specs.append(Spec(person_id, Kind.FGC, fgc.plan_decided_at, summary,
                          recorded_by_id=fgc.plan_decided_by_id))
    for review in fgc.reviews.all():
        progress = list(review.progress.all())
        done = sum(1 for p in progress if p.status == Progress.DONE)
        specs.append(Spec(person_id, Kind.FGC, on_day(review.held_on),
                          f"Family plan reviewed: {done} of {len(progress)} items done.",
                          time_known=False, recorded_by_id=review.recorded_by_id))
    if fgc.ended_at is not None:
        specs.append(Spec(person_id, Kind.FGC, fgc.ended_at,
                          f"{FGC} {fgc.get_status_display().lower()}: "
                          f"{shorten(fgc.ended_reason, 250)}", recorded_by_id=fgc.ended_by_id))
    return specs


def fgc_events(fgc) -> list[Spec]:
    return [spec for child in fgc.children.all() for spec in _events_for_one(fgc, child.person_id)]


def all_fgcs():
    from hearth.fgc.models import FGC as Model

    return Model.objects.select_related("referred_by", "coordinator", "plan_decided_by") \
        .prefetch_related("children", "network", "items", "reviews__progress")

"""What professional differences say in the child's chronology (R-CHR-1, R-PD-2): when one was
raised (by whom, from which agency, about whose decision), each escalation to a further stage,
and its resolution with what was agreed. Registered from DifferencesConfig.ready(); the
events are written in each action's transaction (``chronology.actions.sync``), of kind
"Professional difference" in the casework lane."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, shorten
from hearth.differences.codes import AgencyKind, StageNumber

PD = Kind.PROFESSIONAL_DIFFERENCE

SOURCE_MAX = 150


def difference_events(difference) -> list[Spec]:
    raiser = difference.raised_by.display_name
    about = AgencyKind(difference.decision_agency).label
    specs = [Spec(difference.person_id, PD, difference.raised_at,
                  f"Professional difference raised by {raiser} ({difference.raiser_agency_name})"
                  f" about a decision or practice of {about} ({difference.decision_by}): "
                  f"{shorten(difference.decision, 200)}",
                  source_agency=difference.raiser_agency_name[:SOURCE_MAX],
                  source_person=raiser, recorded_by_id=difference.raised_by_id)]
    for stage in difference.stages.all():
        if stage.number > 1:
            specs.append(Spec(difference.person_id, PD, stage.started_at,
                              f"Professional difference escalated to stage {stage.number}: "
                              f"{StageNumber(stage.number).label.lower()}.",
                              recorded_by_id=stage.started_by_id))
    if difference.resolved_at is not None:
        specs.append(Spec(difference.person_id, PD, difference.resolved_at,
                          f"Professional difference resolved at stage "
                          f"{difference.current_stage.number}. Agreed: "
                          f"{shorten(difference.agreed, 250)}",
                          recorded_by_id=difference.resolved_by_id))
    return specs


def all_differences():
    from hearth.differences.models import Difference

    return (Difference.objects.select_related("raised_by", "current_stage")
            .prefetch_related("stages"))

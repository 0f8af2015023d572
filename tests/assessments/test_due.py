"""What assessments add to the list of what is due (issue 15): Sam's assessment to finish,
due 45 working days after the referral; Tina's team's, and hers to authorise once Sam submits."""

from __future__ import annotations

import pytest

from hearth import calendar
from hearth.assessments import actions
from hearth.assessments.codes import AssessmentStatus
from hearth.assessments.due import assessments
from hearth.core.due import MINE, TEAM

pytestmark = pytest.mark.django_db


def test_sams_assessment_to_finish_and_tinas_to_authorise(fletchers, social_worker,
                                                          team_manager, outsider):
    involvement = fletchers["jack"].involvements.get()
    started = actions.do_start_assessment(involvement, acting_user=social_worker)
    [mine] = assessments(social_worker, scope=MINE)
    assert (mine.person_name, mine.kind, mine.what) == ("Jack Fletcher", "assessment",
                                                        "Finish the assessment")
    assert mine.due == started.due == calendar.assessment_due(started.referral_date)
    assert mine.link == f"/assessments/{started.pk}/edit"
    assert assessments(team_manager, scope=MINE) == []
    [team] = assessments(team_manager, scope=TEAM)
    assert team.for_user_id == social_worker.pk and not team.authorise
    assert assessments(outsider, scope=MINE) == []
    started.status = AssessmentStatus.SUBMITTED
    started.submitted_by = social_worker
    started.save()
    assert assessments(social_worker, scope=MINE) == []  # it waits for Tina now
    [waiting] = assessments(team_manager, scope=MINE)
    assert waiting.authorise and waiting.what == "Authorise the assessment"
    assert waiting.link == f"/assessments/{started.pk}"

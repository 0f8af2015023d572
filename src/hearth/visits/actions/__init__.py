"""Every write to a visit, one module per feature: a visit to a child and its corrections
(``visits``), a visit to several children of a family recorded once (``family``)."""

from hearth.visits.actions.family import do_amend_family_visit, do_record_family_visit
from hearth.visits.actions.visits import (
    AFTER_VISIT,
    NEW_VISIT_CHECKS,
    TEXT_FIELDS,
    VISIT_CHECKS,
    VISIT_FIELDS,
    do_amend_visit,
    do_record_visit,
    record_view,
)

__all__ = ["AFTER_VISIT", "NEW_VISIT_CHECKS", "TEXT_FIELDS", "VISIT_CHECKS", "VISIT_FIELDS",
           "do_amend_family_visit", "do_amend_visit", "do_record_family_visit",
           "do_record_visit", "record_view"]

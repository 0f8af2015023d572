"""Reads that casework pages, the API and other apps share, one module per feature: ``reach``
(who a practitioner reaches through involvements; the visibility of involvements),
``allocation`` (the queue, the teams' workers, the workload), ``caseloads`` (a worker's and a
team's cases and children) and ``families`` (whose family is whose; a person's
involvements). Each name is also importable from here, as it was before the split."""

from hearth.casework.queries.allocation import (
    allocation_page,
    get_managed_involvement,
    get_managed_link,
    managed_involvements,
    managed_teams,
    team_workers,
    workload,
)
from hearth.casework.queries.caseloads import (
    SERVICE_CASES,
    TEAM_CASES,
    WORKER,
    allocated_children,
    allocated_children_ids,
    allocated_workers,
    children_among,
    co_allocated_page,
    open_cases_page,
    team_among,
    team_children,
)
from hearth.casework.queries.families import (
    INVOLVEMENTS_ATTR,
    family_children,
    family_ids,
    family_size,
    involvements_panel,
    live_involvement,
    person_involvements,
)
from hearth.casework.queries.reach import (
    LIVE,
    NOT_REACHED_BY_INVOLVEMENTS,
    involvement_reach,
    involvement_scope,
    link_scope,
    reached,
    visible_involvements,
)

__all__ = [
    "INVOLVEMENTS_ATTR", "LIVE", "NOT_REACHED_BY_INVOLVEMENTS", "SERVICE_CASES", "TEAM_CASES",
    "WORKER", "allocated_children", "allocated_children_ids", "allocated_workers",
    "allocation_page", "children_among", "co_allocated_page", "family_children", "family_ids",
    "family_size",
    "get_managed_involvement", "get_managed_link", "involvement_reach", "involvement_scope",
    "involvements_panel", "link_scope", "live_involvement", "managed_involvements",
    "managed_teams", "open_cases_page", "person_involvements", "reached", "team_among",
    "team_children", "team_workers", "visible_involvements", "workload",
]

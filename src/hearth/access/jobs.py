"""What ``hearth worker`` does for the audit log: every second, the sequencer links the entries
written since into the log and publishes a signed head (issue 14). Every worker runs it; one
at a time holds the sequencer's lock, so several never sequence twice and, if one dies,
another carries on at its next tick."""

from __future__ import annotations

from hearth.access.actions.audit import sequence
from hearth.jobs.actions import every


@every("audit.sequence", seconds=1.0)
def sequence_audit_log() -> None:
    sequence()

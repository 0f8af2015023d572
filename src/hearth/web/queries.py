"""What the shell reads that belongs to no app: the demo sign-ins a demonstration site shows on
its sign-in page (issue 15). ``hearth demo-data`` writes them to the data folder."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from hearth.access.codes import ROLE_DUTIES, Role

#: The file in the data folder that keeps the demo sign-ins (owner-only).
SIGN_INS = "demo-sign-ins.txt"
SIGN_IN_HEADINGS = ("role", "username", "password", "what the role does")


def sign_ins_path() -> Path:
    return Path(settings.DATA_DIR) / SIGN_INS


def demo_sign_ins(path: Path | None = None) -> list[dict[str, str]]:
    """The kept demo sign-ins, a row per role (empty when there are none or this is not a
    demonstration site): role, label, what the role does, username and password."""
    if not settings.HEARTH_DEMO_SITE:
        return []
    try:
        lines = (path or sign_ins_path()).read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split(None, 3)
        if len(parts) < 3 or parts[0] not in Role.values:
            continue
        role = Role(parts[0])
        duties = parts[3] if len(parts) > 3 else ROLE_DUTIES[role]
        found.append({"role": role.value, "label": role.label, "duties": duties,
                      "username": parts[1], "password": parts[2]})
    return found

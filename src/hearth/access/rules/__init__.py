"""What each role of DOMAIN.md §1 may do, how users sign in, and how the audit log's MACs and
tree are computed: one module per feature (``roles``, ``second_factor``, ``users``,
``audit``), everything importable from ``hearth.access.rules`` as before."""

from hearth.access.rules.audit import *  # noqa: F403
from hearth.access.rules.audit import _BASE, _mac  # noqa: F401
from hearth.access.rules.roles import *  # noqa: F403
from hearth.access.rules.second_factor import *  # noqa: F403
from hearth.access.rules.users import *  # noqa: F403

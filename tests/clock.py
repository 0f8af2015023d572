"""Another process on the test's clock.

A test that starts `hearth` in a separate process (the worker, say) runs it through
``hearth_on_test_clock(...)``: the child starts at the moment the test sees as now, so that the
suite run with ``--clock-offset-days`` (or a test that travels) and the child agree on the time.
"""

from __future__ import annotations

import sys
from datetime import datetime

from django.utils import timezone


def hearth_on_test_clock(*args: str) -> list[str]:
    """The command line for ``hearth <args>`` in a child process on this process's clock."""
    return [sys.executable, "-m", "tests.clock", timezone.now().isoformat(), *args]


if __name__ == "__main__":
    import time_machine

    time_machine.travel(datetime.fromisoformat(sys.argv[1]), tick=True).start()
    sys.argv = ["hearth", *sys.argv[2:]]
    from hearth.cli import main

    main()

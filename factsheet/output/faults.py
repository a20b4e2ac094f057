"""A fault-injection hook for the crash tests: kill this process at the Nth point.

With FACTSHEET_KILL_AT=N in the environment, the Nth call of `point()` in a run sends the
process SIGKILL, as a power cut or `kill -9` would stop it there. Unset (always, outside
tests), `point()` does nothing. The points sit between the steps of writing files
(factsheet/write.py), so a test can stop a build at each of them in turn.
"""

from __future__ import annotations

import os
import signal

ENV = "FACTSHEET_KILL_AT"
_passed = 0


def point() -> None:
    """One step done: die here if this is the step the environment names."""
    target = os.environ.get(ENV)
    if not target:
        return
    global _passed
    _passed += 1
    if str(_passed) == target.strip():
        os.kill(os.getpid(), signal.SIGKILL)

"""Where a project's inputs are, and the day date checks compare with.

Kept apart from the modules that use them (schema, verify) and free of heavy imports, so
that a build with nothing to do can decide so without loading the validators.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# The JSON Schemas: copied into the package when it is built as a wheel (setup.py), read
# from schemas/ at the top of the repository (their one source) when run from a checkout.
SCHEMA_DIR = (
    _PACKAGE / "schemas" if (_PACKAGE / "schemas").is_dir() else _PACKAGE.parent / "schemas"
)
RECORD_KINDS = ("source", "actor", "incident")
LOCK_DIR = "verification"  # verify's lock files, one per source, under the project
# Ids a record may not have, as its file name or an old id in renamed_from: index would
# replace its folder's list page, and the device names break a checkout on Windows (with
# any extension). The later list pages (page_2...) hold an underscore, which no id can.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)


def today() -> str:
    """Today's date, or SOURCE_DATE_EPOCH's when set, so tests and rebuilds can pin it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch) if epoch else time.time(), tz=UTC)
    return moment.date().isoformat()

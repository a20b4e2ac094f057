"""Where a project's inputs and outputs are, the record kinds, and the day date checks use.

Every path of a project is named here and nowhere else. Kept free of heavy imports, so
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
# A project's folders and files, relative to its root.
FACTS_DIR = "facts"  # the records, one folder per kind
DOCS_DIR = "docs"  # MkDocs' input: hand-written pages and the generated ones
SITE_DIR = "site"  # the built site (build.py site)
LOCK_DIR = "verification"  # verify's lock files, one per source
CACHE_DIR = ".factsheet-cache"  # parse cache, build manifest and the build lock
PUBLISHED_FILE = "published-ids.txt"  # every record page address published (check/published)
# What a build generates under docs/ (and so may replace or remove); the rest is hand-written.
# timeline/ and differences/ hold the second and later pages of timeline.md and differences.md.
GENERATED_DIRS = ("incidents", "actors", "sources", "data", "timeline", "differences")
GENERATED_FILES = ("index.md", "timeline.md", "differences.md", "data.md", "feed.xml")
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

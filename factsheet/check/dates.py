"""Rules for a record's `updated` date and its list of dated changes.

A change or update dated in the future would show readers a correction that has not
happened; `updated` before the latest change would hide that change from the feed.
"Today" is SOURCE_DATE_EPOCH's day when set, so a rebuild of old records stays reproducible.
"""

from __future__ import annotations

from collections.abc import Callable

from ..config import today
from ..load.collect import Collection
from ..problems import FieldPath

Report = Callable[[str, FieldPath, str, str], None]


def check_change_dates(facts: Collection, report: Report) -> None:
    """No change or update in the future; `updated` not before the latest change."""
    now = today()
    for record in facts.records():
        for change in record.changes:
            if change.date > now:
                report(
                    record.id,
                    ("changes", change.index, "date"),
                    f"{change.date} is in the future",
                    "date a change on the day it was made",
                )
        if record.updated and record.updated > now:
            report(
                record.id,
                ("updated",),
                f"{record.updated} is in the future",
                "write the day the record was last changed",
            )
        latest = max((c.date for c in record.changes), default=None)
        if record.updated and latest and record.updated < latest:
            report(
                record.id,
                ("updated",),
                f"{record.updated} is before the latest change ({latest})",
                f'set updated: "{latest}" or later',
            )

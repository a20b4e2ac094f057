"""'Last updated' and the corrections box shown near the top of every record page."""

from __future__ import annotations

from ..domain.model import Record, last_updated
from ..domain.vocab import ChangeKind
from .notes import Footnotes
from .text import date_text, link, md

CHANGE_LABELS: dict[ChangeKind, str] = {
    ChangeKind.CORRECTION: "Correction",
    ChangeKind.UPDATE: "Update",
}


def last_updated_line(record: Record) -> str:
    day = last_updated(record)
    return f"*Last updated {date_text(day)}*" if day else ""


def changes_box(record: Record, notes: Footnotes, prefix: str) -> str:
    """An admonition listing the record's dated changes, newest first, or nothing."""
    if not record.changes:
        return ""
    changes = sorted(record.changes, key=lambda c: (c.date, c.index), reverse=True)
    items = [
        f"    - **{date_text(c.date)}, {CHANGE_LABELS[c.kind].lower()}:** "
        f"{md(c.text)}{notes.refs(c.citations)}"
        for c in changes
    ]
    kinds = {c.kind for c in record.changes}
    title = "Corrections and updates" if len(kinds) > 1 else f"{CHANGE_LABELS[min(kinds)]}s"
    # A warning box for corrections, so readers who saw the page before notice it.
    style = "warning" if ChangeKind.CORRECTION in kinds else "info"
    policy = link("corrections policy", f"{prefix}corrections.md")
    intro = f"    What changed on this page, and when (see our {policy}):"
    return f'!!! {style} "{title}"\n\n{intro}\n\n' + "\n".join(items)


def currency_blocks(record: Record, notes: Footnotes, prefix: str) -> list[str]:
    """The 'Last updated' line and the corrections box, in page order."""
    return [
        last_updated_line(record),
        changes_box(record, notes, prefix),
    ]

"""Problems found in records, and their text, JSON and GitHub-annotation forms.

Every stage (load, schema, cross-record checks) reports a `Problem` instead of
raising, so one run can show the editor every mistake at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass


def field_name(path: Sequence[str | int]) -> str:
    """("figures", 0, "qualifier") -> "figures[0].qualifier", the way messages name a field."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one record, located to the line and column (1-based)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        text = f"{where}:{field} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_github(self) -> str:
        # Annotation values must not contain raw newlines, commas in properties are escaped.
        def escape_data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def escape_property(value: str) -> str:
            return escape_data(value).replace(":", "%3A").replace(",", "%2C")

        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f" (hint: {self.hint})"
        return (
            f"::error file={escape_property(self.file)},line={self.line},"
            f"col={self.column}::{escape_data(body)}"
        )


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by file then position, dropping exact repeats, so output is stable."""
    return sorted(set(problems))


def format_problems(problems: list[Problem], style: str = "text") -> str:
    """Render problems for the terminal (`text`), GitHub Actions (`github`) or tools (`json`)."""
    ordered = sort_problems(problems)
    if style == "json":
        return json.dumps([asdict(p) for p in ordered], indent=2, ensure_ascii=False) + "\n"
    if style == "github":
        return "".join(p.as_github() + "\n" for p in ordered)
    lines = [p.as_text() for p in ordered]
    count = len(ordered)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
    return "\n".join(lines) + "\n"

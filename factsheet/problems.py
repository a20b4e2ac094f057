"""Problems found in records, their text, JSON and GitHub-annotation forms, and our errors.

Every stage (load, schema, cross-record checks) reports a `Problem` instead of
raising, so one run can show the editor every mistake at once. What is raised instead
derives from `FactsheetError` when we expect it and word it for people; anything else
that escapes a command is a bug of ours, reported as an internal error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import groupby
from typing import Protocol

# --------------------------------------------------------------------------- errors


class FactsheetError(Exception):
    """An error we raise on purpose, with a message for people: never an internal error."""


class EditorError(FactsheetError):
    """A mistake in what an editor wrote or asked for, which they can fix from the message."""


# ---------------------------------------------------------------------- field paths

FieldPath = tuple[str | int, ...]
"""Where a value sits in its record: ("figures", 0, "qualifier")."""


def field_name(path: Sequence[str | int]) -> str:
    """("figures", 0, "qualifier") -> "figures[0].qualifier", the way messages name a field."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


MAX_SHOWN = 300  # characters of one field, message or hint: a hostile value can be megabytes
# Problems listed per file: a hostile file can hold thousands, and the first ones are enough.
# The rest is summarised in one line (see `capped`). load/strict_yaml.py still has its own
# MAX_PROBLEMS and capped() with the same limit and words; it is to use these instead.
MAX_PER_FILE = 20
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    """A byte of a file name that is not UTF-8 (Python keeps it as U+DC80..U+DCFF) as \\xNN."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def escape_undecodable(text: str) -> str:
    """Text that is valid UTF-8 everywhere: a name's undecodable bytes shown as \\xNN."""
    return _SURROGATE.sub(_escape_surrogate, text)


def clean(text: str) -> str:
    """Text safe to print on one terminal or log line: controls made visible, length capped.

    Record values reach messages (`'REPLACE' is not an allowed value`); an escape
    sequence or a newline in them must not colour the terminal or forge a line.
    """
    shown = _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), escape_undecodable(text)
    )
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 3] + "..."


ERROR = "error"
# Reported but not failing: the build goes on (a quote a maintainer has yet to verify).
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one record, located to the line and column (1-based)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR  # ERROR stops the build; WARNING is only reported

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def as_text(self) -> str:
        where = f"{clean(self.file)}:{self.line}:{self.column}"
        where += ": warning" if self.is_warning else ""
        field = f" {clean(self.field)}:" if self.field else ""
        text = f"{where}:{field} {clean(self.message)}"
        if self.hint:
            text += f"\n    hint: {clean(self.hint)}"
        return text

    def as_github(self) -> str:
        # Annotation values must not contain raw newlines, commas in properties are escaped.
        def escape_data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def escape_property(value: str) -> str:
            return escape_data(value).replace(":", "%3A").replace(",", "%2C")

        message = clean(self.message)
        body = f"{clean(self.field)}: {message}" if self.field else message
        if self.hint:
            body += f" (hint: {clean(self.hint)})"
        return (
            f"::{self.severity} file={escape_property(clean(self.file))},line={self.line},"
            f"col={self.column}::{escape_data(body)}"
        )


class Position(Protocol):
    """A place in a file, 1-based, as the loader marks it."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


class RecordFile(Protocol):
    """A loaded record file, as far as problems need it: its name and where each field is."""

    @property
    def display(self) -> str: ...

    def mark_of(self, path: FieldPath, key: bool = False) -> Position: ...


def problem_at(
    file: RecordFile,
    path: FieldPath,
    message: str,
    hint: str = "",
    *,
    key: bool = False,
    severity: str = ERROR,
) -> Problem:
    """A problem with the field at `path` of a record file (at its key with key=True)."""
    mark = file.mark_of(path, key=key)
    return Problem(
        file.display, mark.line, mark.column, field_name(path), message, hint, severity
    )


def capped(problems: list[Problem]) -> list[Problem]:
    """One file's first MAX_PER_FILE problems, then one saying that more were left out.

    A stage that finds problems lazily can stop once it has more than MAX_PER_FILE.
    """
    if len(problems) <= MAX_PER_FILE:
        return problems
    after = problems[MAX_PER_FILE]
    more = Problem(
        after.file,
        after.line,
        after.column,
        "",
        "more problems from here on are not listed",
        "fix the problems above and check the file again",
    )
    return [*problems[:MAX_PER_FILE], more]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by file then position, dropping repeats and capping each file's count."""
    by_file = groupby(sorted(set(problems)), lambda problem: problem.file)
    return [problem for _, same_file in by_file for problem in capped(list(same_file))]


# ------------------------------------------------------------------------ reporters


class Reporter(Protocol):
    """One way to print problems (build.py's --format)."""

    def format(self, problems: list[Problem]) -> str:
        """All of the problems, sorted and capped, as one text ending in a newline."""
        ...


class TextReporter:
    """For people at a terminal: one problem a line, its hint below, and a count."""

    def format(self, problems: list[Problem]) -> str:
        ordered = sort_problems(problems)
        lines = [p.as_text() for p in ordered]
        lines.append(_summary(ordered))
        return "\n".join(lines) + "\n"


class GitHubReporter:
    """GitHub Actions annotations: each problem shows on its line of the pull request."""

    def format(self, problems: list[Problem]) -> str:
        return "".join(p.as_github() + "\n" for p in sort_problems(problems))


class JsonReporter:
    """A JSON list of problems for tools; json.dumps escapes controls, `clean` caps lengths."""

    def format(self, problems: list[Problem]) -> str:
        shown = [
            {k: clean(v) if isinstance(v, str) else v for k, v in asdict(p).items()}
            for p in sort_problems(problems)
        ]
        return json.dumps(shown, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Reporter] = {
    "text": TextReporter(),
    "github": GitHubReporter(),
    "json": JsonReporter(),
}


def reporter(name: str) -> Reporter:
    """The reporter of a --format name: text, github or json."""
    return REPORTERS[name]


def _summary(problems: list[Problem]) -> str:
    """'2 problems found; nothing was written.', with the warnings counted apart."""
    warnings = sum(p.is_warning for p in problems)
    errors = len(problems) - warnings
    noted = f"{warnings} warning{'s' if warnings != 1 else ''}"
    if not errors:
        return f"{noted}, which do{'es' if warnings == 1 else ''} not stop the build."
    text = f"{errors} problem{'s' if errors != 1 else ''} found; nothing was written."
    return text + (f" Also {noted}." if warnings else "")


def split_warnings(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings), each in the order given."""
    return [p for p in problems if not p.is_warning], [p for p in problems if p.is_warning]

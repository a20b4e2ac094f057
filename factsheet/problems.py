"""Problems found in records, and their text, JSON and GitHub-annotation forms.

Every stage (load, schema, cross-record checks) reports a `Problem` instead of
raising, so one run can show the editor every mistake at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass


def field_name(path: Sequence[str | int]) -> str:
    """("figures", 0, "qualifier") -> "figures[0].qualifier", the way messages name a field."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


MAX_SHOWN = 300  # characters of one field, message or hint: a hostile value can be megabytes
MAX_PER_FILE = 20  # problems shown per file; the rest is summarised in one line
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


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by file then position, dropping repeats and capping each file's count."""
    shown: list[Problem] = []
    per_file: dict[str, int] = {}
    for problem in sorted(set(problems)):
        count = per_file[problem.file] = per_file.get(problem.file, 0) + 1
        if count <= MAX_PER_FILE:
            shown.append(problem)
        elif count == MAX_PER_FILE + 1:
            shown.append(
                Problem(
                    problem.file,
                    problem.line,
                    problem.column,
                    "",
                    "more problems from here on are not listed",
                    "fix the problems above and check the file again",
                )
            )
    return shown


def format_problems(problems: list[Problem], style: str = "text") -> str:
    """Render problems for the terminal (`text`), GitHub Actions (`github`) or tools (`json`)."""
    ordered = sort_problems(problems)
    if style == "json":  # json.dumps escapes controls itself; lengths are capped
        capped = [
            {k: clean(v) if isinstance(v, str) else v for k, v in asdict(p).items()}
            for p in ordered
        ]
        return json.dumps(capped, indent=2, ensure_ascii=False) + "\n"
    if style == "github":
        return "".join(p.as_github() + "\n" for p in ordered)
    lines = [p.as_text() for p in ordered]
    lines.append(_summary(ordered))
    return "\n".join(lines) + "\n"


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

"""Naming the indentation mistake behind a YAML syntax error, in words an editor can act on.

libyaml says where it gave up ("did not find expected key"), not which line is out of
place. Most such errors in records are one line indented a few spaces too far or not far
enough: a `quote:` under `- source:` one space off, a `- ` item dedented out of its list.
This module reads the lines above the failing one and names the line it should line up
with, e.g. "this line is indented more than `place:` on line 19".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A line's structure: indentation, then any `- ` list markers, then perhaps `name:`.
_STRUCTURE = re.compile(r"(?P<indent> *)(?P<dashes>(?:-(?: +|$))*)(?P<rest>.*)")
# A field name as records spell them, followed by `:` and a space or the line's end.
_FIELD = re.compile(r"(?P<name>[A-Za-z0-9_][A-Za-z0-9_-]*):(?: +(?P<value>.*))?$")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass(frozen=True)
class _Level:
    """A column a following line may line up with: a `- ` or a field name."""

    column: int  # 0-based
    line: int  # 1-based
    field: str  # "" for a `- `
    opens_group: bool  # a field with no value on its line: lines below may be deeper

    def named(self) -> str:
        return f"`{self.field}:`" if self.field else "the `- `"


@dataclass(frozen=True)
class _Line:
    levels: list[_Level]  # left to right
    block_scalar: bool  # ends with `|` or `>`: the more indented lines below are its text


def _parse(text: str, number: int) -> _Line | None:
    """The levels a line opens, or None for a blank, comment or continued-text line."""
    match = _STRUCTURE.match(text)
    if match is None or not text.strip() or text.lstrip().startswith("#"):
        return None
    column = len(match["indent"])
    levels: list[_Level] = []
    dashes = match["dashes"]
    for dash in re.finditer(r"-", dashes):
        levels.append(_Level(column + dash.start(), number, "", False))
    field = _FIELD.match(match["rest"])
    value = ""
    if field is not None:
        value = (field["value"] or "").strip()
        opens = not value or value.startswith("#") or bool(_BLOCK_SCALAR.match(value))
        levels.append(_Level(column + len(dashes), number, field["name"], opens))
    if not levels:
        return None
    return _Line(levels, bool(_BLOCK_SCALAR.match(value or match["rest"])))


def _levels_above(lines: Sequence[str], index: int) -> list[_Level]:
    """The levels open just before line `index` (0-based), innermost last."""
    stack: list[_Level] = []
    text_below: int | None = None  # inside a `|` or `>` block: lines deeper than this are text
    for number, text in enumerate(lines[:index], start=1):
        indent = len(text) - len(text.lstrip(" "))
        if text_below is not None:
            if not text.strip() or indent > text_below:
                continue
            text_below = None
        line = _parse(text, number)
        if line is None:
            continue
        first = line.levels[0].column
        while stack and stack[-1].column >= first:
            stack.pop()
        stack.extend(line.levels)
        if line.block_scalar:
            text_below = first
    return stack


def indentation_mistake(lines: Sequence[str], index: int) -> tuple[int, str, str] | None:
    """(column, message, hint) for line `index` (0-based) when it is out of line, else None.

    The column is 1-based, at the line's first character.
    """
    if index >= len(lines):
        return None
    line = _parse(lines[index], index + 1)
    if line is None:
        return None
    first = line.levels[0]
    column = first.column
    stack = _levels_above(lines, index)
    if any(level.column == column for level in stack):
        return None  # lined up with a level above: the mistake is something else
    if not first.field:
        return _list_item(stack, column)
    deeper = [level for level in stack if level.column > column]
    if deeper:
        inner = deeper[0]  # the outermost level it falls short of
        return (
            column + 1,
            f"this line is indented less than {inner.named()} on line {inner.line}",
            f"line them up: start `{first.field}:` in the same column as {inner.named()} "
            "if it belongs to the same group, using spaces",
        )
    if stack and not stack[-1].opens_group:
        outer = stack[-1]
        return (
            column + 1,
            f"this line is indented more than {outer.named()} on line {outer.line}",
            f"line them up: start `{first.field}:` in the same column as {outer.named()}, "
            "using spaces",
        )
    return None


def _list_item(stack: list[_Level], column: int) -> tuple[int, str, str] | None:
    items = [level for level in stack if not level.field]
    if not items:
        return None
    nearest = items[-1]
    direction = "less" if column < nearest.column else "more"
    return (
        column + 1,
        f"this list item is indented {direction} than the list it belongs to "
        f"(the `- ` on line {nearest.line})",
        "line them up: start every `- ` of one list in the same column, using spaces",
    )

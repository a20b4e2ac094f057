"""Invisible characters in record values, however they got there.

The loader refuses raw control characters in the file; a YAML escape such as
"\\x03" or "\\u202e" can still put one into a value. Controls could confuse
Markdown (it uses \\x02 and \\x03 internally) and bidirectional overrides can
make text read differently from what it says, so both are refused here. Joiners
and left-to-right/right-to-left marks stay allowed: some scripts need them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .loader import LoadedFile
from .problems import Problem, field_name

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls but tab and line breaks
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\u200b\u2060\ufeff\ufff9-\ufffb"  # zero-width space, word joiner, BOM, annotations
    "\u2028\u2029]"
)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} ({name.lower()})"


def _walk(value: Any, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """(field path, text) of every value and every field name below `value`."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [pair for i, item in enumerate(value) for pair in _walk(item, (*path, i))]
    found: list[tuple[tuple[str | int, ...], str]] = []
    for key, item in value.items():
        found.append(((*path, key), key))
        found.extend(_walk(item, (*path, key)))
    return found


def invisible_character_problems(loaded: LoadedFile) -> list[Problem]:
    """One problem per value that holds a forbidden invisible character."""
    problems: list[Problem] = []
    if "\\" not in loaded.text and not _FORBIDDEN.search(loaded.text):
        # Values hold only what the file holds, but for `\` escapes in double quotes:
        # without any, one pass over the text answers for every value.
        return problems
    for path, text in _walk(loaded.data(), ()):
        match = _FORBIDDEN.search(text)
        if match is None:
            continue
        mark = loaded.mark_of(path)
        problems.append(
            Problem(
                loaded.display,
                mark.line,
                mark.column,
                field_name(path),
                f"holds an invisible character {_describe(match.group())} "
                "that can hide or reorder text",
                "delete it; if it came from a \\ escape in quotes, remove the escape",
            )
        )
    return problems

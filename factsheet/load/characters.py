"""Characters in record values that hide, reorder or break text, however they got there.

The loader refuses raw control characters in the file; a YAML escape such as
"\\x03", "\\u202e" or "\\uFFFE" can still put one into a value. Refused here:

- controls, which could confuse Markdown (it uses \\x02 and \\x03 internally), and
  bidirectional overrides, which make text read differently from what it says;
- noncharacters (U+FDD0..U+FDEF and the last two code points of every plane), which
  Unicode keeps for programs' own use: XML may not hold U+FFFE or U+FFFF, so one
  would break the Atom feed, and YAML neither, so it would break a page's front matter;
- text that is blank once invisible and format characters are taken out (a name made of
  Hangul fillers or joiners shows as an empty link);
- more than MAX_MARKS combining marks on one character, which overprint the lines around.

Joiners and left-to-right/right-to-left marks inside visible text stay allowed: some
scripts need them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..problems import MAX_PER_FILE, FieldPath, Problem, capped, problem_at
from .strict_yaml import LoadedFile

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls but tab and line breaks
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\u200b\u2060\ufeff\ufff9-\ufffb"  # zero-width space, word joiner, BOM, annotations
    "\u2028\u2029]"
)
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
# Characters that show nothing where they stand, beyond the format (Cf), separator (Z) and
# control (Cc) categories: Hangul fillers, the braille blank, the combining grapheme
# joiner, variation selectors and Khmer's invisible vowels.
_BLANK_EXTRA = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
_BLANK_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
# At most this many combining marks in a row on one base character. Real text needs few:
# Vietnamese puts two on a vowel, fully pointed Hebrew and Arabic three or four, Tibetan
# stacks about as many; Unicode's stream-safe format (UAX #15) allows 30. Eight leaves
# room for any language while a letter with dozens of marks ("zalgo" text), which draws
# over the lines above and below it, is refused.
MAX_MARKS = 8

_DELETE_ESCAPE = "delete it; if it came from a \\ escape in quotes, remove the escape"


def _describe(char: str) -> str:
    if _NONCHARACTER.fullmatch(char):
        name = "noncharacter"
    elif unicodedata.category(char) == "Cc":
        name = "control character"
    else:
        name = unicodedata.name(char, "unnamed character").lower()
    return f"U+{ord(char):04X} ({name})"


def _walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """(field path, text) of every value and every field name below `value`."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    else:
        for key, item in value.items():
            yield (*path, key), key
            yield from _walk(item, (*path, key))


def _is_blank(char: str) -> bool:
    return char in _BLANK_EXTRA or unicodedata.category(char) in _BLANK_CATEGORIES


def _blank_problem(text: str) -> tuple[str, str] | None:
    """Why text with something in it shows nothing (empty text is the schema's to report)."""
    if text.isascii() or not text.strip() or not all(_is_blank(c) for c in text):
        return None
    hidden = sorted({c for c in text if not c.isspace()})
    names = ", ".join(_describe(c) for c in hidden[:3]) + (", ..." if len(hidden) > 3 else "")
    return (
        f"shows nothing: it holds only invisible characters ({names})",
        "write the text with visible letters, or delete the field if it has no value",
    )


def _longest_mark_run(text: str) -> tuple[int, int]:
    """(length, start) of the longest run of combining marks in text."""
    best, best_start, run, start = 0, 0, 0, 0
    for index, char in enumerate(text):
        if unicodedata.category(char)[0] == "M":
            if run == 0:
                start = index
            run += 1
            if run > best:
                best, best_start = run, start
        else:
            run = 0
    return best, best_start


def _marks_problem(text: str) -> tuple[str, str] | None:
    if text.isascii():
        return None
    run, start = _longest_mark_run(text)
    if run <= MAX_MARKS:
        return None
    after = f" after {text[start - 1]!r}" if start else ""
    return (
        f"stacks {run} combining marks in a row{after} (at most {MAX_MARKS} are allowed); "
        "they draw over the text around them",
        "remove the extra accents or marks: a letter needs only a few",
    )


def _value_problem(text: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for one value, or None if it is fine."""
    match = _FORBIDDEN.search(text)
    if match:
        return (
            f"holds an invisible character {_describe(match.group())} "
            "that can hide or reorder text",
            _DELETE_ESCAPE,
        )
    match = _NONCHARACTER.search(text)
    if match:
        return (
            f"holds {_describe(match.group())}, which Unicode reserves for programs' own use "
            "and which would break the site's feed and page headers",
            _DELETE_ESCAPE,
        )
    return _blank_problem(text) or _marks_problem(text)


def invisible_character_problems(loaded: LoadedFile) -> list[Problem]:
    """One problem per value that holds a forbidden, reserved or only invisible text."""
    problems: list[Problem] = []
    if "\\" not in loaded.text and loaded.text.isascii():
        # Values hold only what the file holds, but for `\` escapes in double quotes, and
        # the loader has refused raw controls: plain ASCII text has nothing to find here.
        return problems
    for path, text in _walk(loaded.data(), ()):
        found = _value_problem(text)
        if found is None:
            continue
        problems.append(problem_at(loaded, path, *found))
        if len(problems) > MAX_PER_FILE:
            break
    return capped(problems)


"""Finding a citation's quote in the archived text of its source.

Both sides are normalised the same way (Unicode NFKC, curly and straight
quotes, dashes, whitespace) so that typography never hides a real quote, and
`[...]` or `...` splits a quote into parts that must appear in order.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from pathlib import Path

_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|\u2026)\s*\]|\.\.\.|\u2026)\s*")


def normalise(text: str) -> str:
    """Fold typography that differs between copies of one text."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATION)
    return _SPACE.sub(" ", text).strip()


def quote_parts(quote: str) -> list[str]:
    """The normalised parts of a quote, split at [...] or ... ellipses."""
    return [part for part in (normalise(p) for p in _ELLIPSIS.split(quote)) if part]


def find_quote(quote: str, text: str) -> bool:
    """True when every part of the quote appears in the text, in order."""
    haystack = normalise(text)
    position = 0
    for part in quote_parts(quote):
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def closest_passage(quote: str, text: str, width: int = 120) -> str:
    """The passage of the text most like the quote's first missing part, for the message."""
    haystack = normalise(text)
    parts = quote_parts(quote) or [normalise(quote)]
    needle = parts[0]
    for part in parts:
        if part not in haystack:
            needle = part
            break
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    match = matcher.find_longest_match(0, len(haystack), 0, len(needle))
    # Align the best common run with its place in the quote, then widen to whole words.
    start = max(0, match.a - match.b)
    end = min(len(haystack), start + len(needle))
    while start > 0 and not haystack[start - 1].isspace():
        start -= 1
    while end < len(haystack) and not haystack[end].isspace():
        end += 1
    passage = haystack[start:end]
    return passage[:width] + ("..." if len(passage) > width else "")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

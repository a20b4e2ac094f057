"""Text-fragment links (`#:~:text=`) that make a browser scroll to and highlight a quote.

Follows the URL Fragment Text Directives spec (WICG): the directive is
`text=start[,end]`, and `-`, `,` and `&` inside a term must be percent-encoded
because they separate the parts of the directive. We encode everything that is
not an unreserved character, so record text can never add syntax to the link.
"""

from __future__ import annotations

import re
import string

# A quote longer than this many words is matched by its first and last few words
# (textStart,textEnd): short terms survive small differences in the page between
# them, and keep the link short.
_LONG = 8
_EDGE = 4
_GAP = re.compile(r"\s*\[(?:\.\.\.|…)\]\s*")


# Percent-encoding of each UTF-8 byte: what quote(text, safe="") gives, with `-` (which
# the directive needs encoded) and `~` encoded too, so only A-Z a-z 0-9 _ . stay as they are.
_UNENCODED = frozenset((string.ascii_letters + string.digits + "_.").encode())
_BYTE_TERM = [chr(b) if b in _UNENCODED else f"%{b:02X}" for b in range(256)]


def _term(text: str) -> str:
    # Decoding UTF-8 bytes as Latin-1 gives one character per byte for translate() to map.
    return text.encode("utf-8").decode("latin-1").translate(_BYTE_TERM)


def text_directive(quote_text: str) -> str | None:
    """`text=...` for a verbatim quote; a quote with [...] gaps uses its first part."""
    first = _GAP.split(quote_text, maxsplit=1)[0] if "[" in quote_text else quote_text
    words = first.split()
    if not words:
        return None
    if len(words) <= _LONG:
        return "text=" + _term(" ".join(words))
    return "text=" + _term(" ".join(words[:_EDGE])) + "," + _term(" ".join(words[-_EDGE:]))


def fragment_link(address: str, quote_text: str) -> str | None:
    """The address with a text directive appended, or None when the quote gives no words."""
    directive = text_directive(quote_text)
    if directive is None:
        return None
    # An address that already has a fragment keeps it: the directive follows `:~:`.
    separator = ":~:" if "#" in address else "#:~:"
    return address + separator + directive

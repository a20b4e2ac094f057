"""Escaping record text for Markdown pages, the one gate every record string passes.

Record text is untrusted. Every ASCII punctuation character that Markdown, HTML,
Jinja or a Markdown extension could read as syntax becomes a numeric character
reference, and line breaks fold to spaces, so a record can only ever produce
literal text: no tag, no link, no block, no attribute.
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Mapping
from urllib.parse import quote

from ..domain.dates import PartialDate, try_parse_date

# Punctuation that stays as it is: none of these start Markdown or HTML syntax.
_SAFE_PUNCTUATION = set(",;?%")
_ENTITY = {c: f"&#{ord(c)};" for c in string.punctuation if c not in _SAFE_PUNCTUATION}


def _ascii_table(replacements: Mapping[str, str]) -> list[str]:
    """A translate() table: a list indexed by code point is several times faster than a dict,
    and a character past its end (IndexError is a LookupError) stays as it is."""
    return [replacements.get(chr(point), chr(point)) for point in range(128)]


_ENTITY_TABLE = _ascii_table(_ENTITY)

# Validation refuses controls in records; replacing them here too keeps md() safe on its own
# (Python-Markdown uses \x02 and \x03 as internal placeholders).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _one_line(text: str) -> str:
    """`text` on one line, controls replaced."""
    if _CONTROL.search(text):  # rare: a search is cheaper than a substitution
        text = _CONTROL.sub("\ufffd", text)
    # split() breaks at exactly the characters regex \s matches (str.isspace), so this is
    # \s+ folded to one space and stripped, without a regex.
    return " ".join(text.split())


# JSON-LD names each cited source and actor again on every page that cites it, and a page
# folds its description twice (whole, then shortened). A pure function of its argument.
@functools.lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """Record text on one line, controls replaced: for data (JSON-LD), never for Markdown."""
    return _one_line(text)


# Names and titles recur on many pages (about one call in eight is new): remember the
# latest results. A pure function of its argument, so caching cannot change output.
@functools.lru_cache(maxsize=1 << 16)
def md(text: str) -> str:
    """Record text as inline Markdown that renders literally."""
    return _one_line(text).translate(_ENTITY_TABLE)


def first_upper(text: str) -> str:
    """The text with its first letter in capitals ('unknown publisher' starting a sentence)."""
    return text[:1].upper() + text[1:]


def shortened(text: str, limit: int = 200) -> str:
    """Plain record text cut at a word boundary to at most `limit` characters, with '…'."""
    folded = plain(text)
    if len(folded) <= limit:
        return folded
    head = folded[: limit - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + "…"


_SCRIPT_SAFE = _ascii_table({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data: object) -> str:
    """JSON for a <script type="application/ld+json"> block that no text can end early.

    ASCII only (every other character as a JSON escape), and <, > and & as JSON
    escapes too, so neither `</script>` nor `<!--` can appear in the output
    whatever the records hold. JSON parsers read the escapes back as the characters.
    """
    return json.dumps(data, ensure_ascii=True, sort_keys=True).translate(_SCRIPT_SAFE)


# What json.dumps(value, ensure_ascii=False) gives, without building an encoder per call
# (an encoder keeps no state between calls).
_JSON_VALUE = json.JSONEncoder(ensure_ascii=False)


def front_matter_title(text: str) -> str:
    """A YAML front-matter line for the page title.

    The title is escaped like body text (Material copies it into <title> and
    the header as it is) and then written as a JSON string, which YAML reads as
    a double-quoted scalar, so no newline or `---` can end the front matter.
    """
    return "title: " + _JSON_VALUE.encode(md(text))


# Each source's addresses recur in every footnote that cites it; quote() is a pure function
# of the string, so remembering recent results cannot change output.
@functools.lru_cache(maxsize=1 << 14)
def url(address: str) -> str:
    """An http(s) address (validated by the schema) made safe inside a Markdown link."""
    return quote(address, safe=":/?#[]@!$&'*+,;=%-._~")


def link(label: str, target: str) -> str:
    """A Markdown link whose label is already escaped and whose target is ours or url()."""
    return f"[{label}]({target})"


def external_link(label: str, address: str) -> str:
    return f"[{label}](<{url(address)}>)"


# Pages repeat a few hundred distinct dates tens of thousands of times; the phrase is a pure
# function of the string.
@functools.lru_cache(maxsize=1 << 12)
def date_text(text: str | None) -> str:
    """'29 November 2015', 'November 2015', '2015', or 'unknown'."""
    parsed: PartialDate | None = try_parse_date(text)
    return parsed.human() if parsed else "unknown"


@functools.lru_cache(maxsize=1 << 12)
def precision_text(text: str) -> str:
    parsed = try_parse_date(text)
    return f"known to the {parsed.precision}" if parsed else "unknown"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (a record's | is an entity)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# Front matter for pages that repeat what record pages hold (lists, timeline): left out
# of the search index, which then stays small as the data grows (see README).
NOT_IN_SEARCH: dict[str, object] = {"search": {"exclude": True}}


def _front_line(key: str, value: object) -> str:
    """`key: value` in front matter, a list or a mapping in block style (one item a line,
    which MkDocs and Zensical read alike), each scalar written as JSON."""
    if isinstance(value, list | tuple) and value:
        return f"{key}:" + "".join(f"\n  - {_JSON_VALUE.encode(item)}" for item in value)
    if isinstance(value, Mapping) and value:
        return f"{key}:" + "".join(
            f"\n  {name}: {_JSON_VALUE.encode(item)}" for name, item in value.items()
        )
    return f"{key}: {_JSON_VALUE.encode(value)}"


def page(title: str, body: list[str], meta: Mapping[str, object] | None = None) -> str:
    """A whole page: front matter with the escaped title, then the body blocks.

    `meta` adds front-matter keys; each value must already be safe where the theme
    puts it (md() text, script_json(), safe tags) and is written as JSON, like the title
    (YAML reads a JSON string as the same value); lists and mappings in block style.
    """
    blocks = [block.strip("\n") for block in body if block.strip()]
    lines = [front_matter_title(title)]
    for key, text in (meta or {}).items():
        lines.append(_front_line(key, text))
    return "---\n" + "\n".join(lines) + "\n---\n\n" + "\n\n".join(blocks) + "\n"

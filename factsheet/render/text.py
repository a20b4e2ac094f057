"""Escaping record text for Markdown pages, the one gate every record string passes.

Record text is untrusted. Every ASCII punctuation character that Markdown, HTML,
Jinja or a Markdown extension could read as syntax becomes a numeric character
reference, and line breaks fold to spaces, so a record can only ever produce
literal text: no tag, no link, no block, no attribute.
"""

from __future__ import annotations

import json
import re
import string
from urllib.parse import quote

from ..dates import PartialDate, try_parse_date

# Punctuation that stays as it is: none of these start Markdown or HTML syntax.
_SAFE_PUNCTUATION = set(",;?%")
_ENTITY = {c: f"&#{ord(c)};" for c in string.punctuation if c not in _SAFE_PUNCTUATION}
_WHITESPACE = re.compile(r"\s+")
# Validation refuses controls in records; replacing them here too keeps md() safe on its own
# (Python-Markdown uses \x02 and \x03 as internal placeholders).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def md(text: str) -> str:
    """Record text as inline Markdown that renders literally."""
    folded = _WHITESPACE.sub(" ", _CONTROL.sub("\ufffd", text)).strip()
    return "".join(_ENTITY.get(c, c) for c in folded)


def front_matter_title(text: str) -> str:
    """A YAML front-matter line for the page title.

    The title is escaped like body text (Material copies it into <title> and
    the header as it is) and then written as a JSON string, which YAML reads as
    a double-quoted scalar, so no newline or `---` can end the front matter.
    """
    return "title: " + json.dumps(md(text), ensure_ascii=False)


def url(address: str) -> str:
    """An http(s) address (validated by the schema) made safe inside a Markdown link."""
    return quote(address, safe=":/?#[]@!$&'*+,;=%-._~")


def link(label: str, target: str) -> str:
    """A Markdown link whose label is already escaped and whose target is ours or url()."""
    return f"[{label}]({target})"


def external_link(label: str, address: str) -> str:
    return f"[{label}](<{url(address)}>)"


def date_text(text: str | None) -> str:
    """'29 November 2015', 'November 2015', '2015', or 'unknown'."""
    parsed: PartialDate | None = try_parse_date(text)
    return parsed.human() if parsed else "unknown"


def precision_text(text: str) -> str:
    parsed = try_parse_date(text)
    return f"known to the {parsed.precision}" if parsed else "unknown"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (a record's | is an entity)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def page(title: str, body: list[str]) -> str:
    """A whole page: front matter with the escaped title, then the body blocks."""
    blocks = [block.strip("\n") for block in body if block.strip()]
    return "---\n" + front_matter_title(title) + "\n---\n\n" + "\n\n".join(blocks) + "\n"

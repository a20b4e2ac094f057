"""The page a withdrawn record keeps at its address: what it was, when and why it was withdrawn.

Nothing else of the record is shown (it holds nothing else: the schema allows only its title,
the date and reason, and its old ids), and the page is left out of the search index.
"""

from __future__ import annotations

from textwrap import indent

from ..domain.model import Withdrawn
from ..domain.vocab import RecordKind
from .text import NOT_IN_SEARCH, date_text, link, md, page, shortened

PREFIX = "../"
_NOUNS = {
    RecordKind.INCIDENT: "incident",
    RecordKind.ACTOR: "record of a person or organisation",
    RecordKind.SOURCE: "source",
}


def render_withdrawn(record: Withdrawn) -> str:
    when = date_text(record.date)
    notice = (
        f"We withdrew this {_NOUNS[record.kind]} from the site on {when}. "
        f"Why: {md(record.reason)}\n\n"
        "Nothing from it is shown on the site or in the data downloads any more. The page "
        "stays so that links to it keep working. See our "
        + link("corrections policy", f"{PREFIX}corrections.md")
        + "."
    )
    body = [
        f"# Withdrawn: {md(record.title)}",
        '!!! warning "Withdrawn"\n\n' + indent(notice, "    "),
    ]
    meta: dict[str, object] = {
        "description": md(shortened(f"Withdrawn on {when}. {record.reason}")),
        # The YAML file behind the page, as on every record page (see jsonld.py).
        "record_file": f"facts/{record.folder}/{record.id}.yaml",
        **NOT_IN_SEARCH,
    }
    return page(f"Withdrawn: {record.title}", body, meta)

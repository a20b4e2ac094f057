"""Citations as numbered footnotes, one collector per page.

A footnote names the source page, its outlet and date, links to the original
address and the archived copy, and gives the quote with a text-fragment link that
opens the original at the quoted passage. The same source and quote cited twice on
one page share one footnote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..link import FactBase
from ..model import UNKNOWN, Citation, Source
from .fragment import fragment_link
from .text import date_text, external_link, link, md, url


def publisher_name(base: FactBase, publisher: str) -> str:
    if publisher == UNKNOWN or publisher not in base.actors:
        return "unknown publisher"
    return md(base.actors[publisher].name)


@dataclass
class Footnotes:
    base: FactBase
    prefix: str  # relative path from this page to the site root ("../" or "")
    numbers: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def ref(self, citation: Citation) -> str:
        key = (citation.source, citation.quote or "", citation.locator or "")
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        return f"[^{number}]"

    def refs(self, citations: Iterable[Citation]) -> str:
        seen: list[str] = []
        for citation in citations:
            marker = self.ref(citation)
            if marker not in seen:
                seen.append(marker)
        # Adjacent markers would read as one number (1 and 2 as "12"): separate them.
        return "<sup>,</sup>".join(seen)

    def _verification(self, source_id: str, quote: str) -> str:
        status = self.base.quote_status.get((source_id, quote))
        if status is not None and status.verified_on:
            return f"quote verified against the archived copy on {date_text(status.verified_on)}"
        return "quote not verified"

    def definitions(self) -> str:
        # Numbers are handed out in the order keys are added, so the dict is in number order.
        return "\n".join(
            f"[^{number}]: {self._definition(*key)}." for key, number in self.numbers.items()
        )

    def _definition(self, source_id: str, quote: str, locator: str) -> str:
        """One footnote's text; the same passage cited on many pages is written once."""
        return remembered(
            self.base,
            ("footnote", self.prefix, source_id, quote, locator),
            lambda: self._write_definition(source_id, quote, locator),
        )

    def _write_definition(self, source_id: str, quote: str, locator: str) -> str:
        source = self.base.sources[source_id]
        text = remembered(
            self.base,
            ("footnote-source", self.prefix, source_id),
            lambda: self._source_part(source),
        )
        if locator:
            text += f", {md(locator)}"
        if quote:
            text += f": “{md(quote)}” ({self._verification(source_id, quote)})"
            # The same as url() of the whole passage address, with url() run once per source:
            # url() keeps `#`, and the directive holds only characters that url() keeps.
            passage = fragment_link(url(source.url), quote) if source.url else None
            if passage:
                text += ", " + link("find the passage in the original", f"<{passage}>")
        return text

    def _source_part(self, source: Source) -> str:
        """What every footnote citing `source` starts with: title, publisher, date, links."""
        return (
            link(md(source.title), f"{self.prefix}sources/{source.id}.md")
            + f", {publisher_name(self.base, source.publisher)}"
            + f", published {date_text(source.published)}"
            + _addresses(source)
        )


def remembered(base: FactBase, key: tuple[str, ...], make: Callable[[], str]) -> str:
    """make(), computed once per fact base for `key` (see FactBase.render_memo)."""
    text = base.render_memo.get(key)
    if text is None:
        text = base.render_memo[key] = make()
    return text


def _addresses(source: Source) -> str:
    """Links to the original and the archived copy, when the source record has them."""
    parts = []
    if source.url:
        parts.append(external_link("original", source.url))
    if source.archive_url:
        parts.append(external_link("archived copy", source.archive_url))
    return "".join(f", {part}" for part in parts)

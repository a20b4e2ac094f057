"""Citations as numbered footnotes, one collector per page.

A footnote names the source page, its outlet and date, links to the original
address and the archived copy, and gives the quote with a text-fragment link that
opens the original at the quoted passage. The same source and quote cited twice on
one page share one footnote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from ..domain.model import UNKNOWN, Citation, Source
from ..factbase import FactBase
from .fragment import fragment_link
from .text import date_text, external_link, first_upper, link, md, url


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
        """A quiet mark: a tick whose tooltip says when, or a short 'not (yet) checked'."""
        status = self.base.quote_status.get((source_id, quote))
        if status is not None and status.verified_on:
            when = date_text(status.verified_on)
            return f'[✓]({self.prefix}methodology.md#quotes-and-summaries "{_CHECKED} {when}")'
        if status is not None and status.archived:  # added or changed, awaiting verify
            return "(not yet checked against our archived copy of the article)"
        return "(not checked against an archived copy)"

    def definitions(self, sources_section: bool = True) -> str:
        """The footnotes, after one list of the sources they cite (left out on a source page)."""
        # Numbers are handed out in the order keys are added, so the dict is in number order.
        notes = "\n".join(
            f"[^{number}]: {self._definition(*key)}" for key, number in self.numbers.items()
        )
        if not sources_section or not self.numbers:
            return notes
        return self._sources_cited() + "\n\n" + notes

    def _sources_cited(self) -> str:
        """Each cited source once, in full: outlet, title, date, addresses, passages cited."""
        passages: dict[str, int] = {}
        for source_id, _, _ in self.numbers:
            passages[source_id] = passages.get(source_id, 0) + 1
        items = []
        for source_id in sorted(passages, key=lambda s: self.base.sources[s].title.casefold()):
            count = passages[source_id]
            items.append(
                f"- {self._source_entry(self.base.sources[source_id])} "
                f"Cited for {count} passage{'s' if count != 1 else ''} on this page."
            )
        return "## Sources cited on this page\n\n" + "\n".join(items)

    def _source_entry(self, source: Source) -> str:
        return remembered(
            self.base,
            ("source-entry", self.prefix, source.id),
            lambda: (
                first_upper(publisher_name(self.base, source.publisher))
                + ", "
                + link(md(source.title), f"{self.prefix}sources/{source.id}.md")
                + f", {published_text(source)}"
                + (_addresses(source) or f". {_no_address(source)}")
                + "."
            ),
        )

    def _definition(self, source_id: str, quote: str, locator: str) -> str:
        """One footnote's text; the same passage cited on many pages is written once."""
        return remembered(
            self.base,
            ("footnote", self.prefix, source_id, quote, locator),
            lambda: self._write_definition(source_id, quote, locator),
        )

    def _write_definition(self, source_id: str, quote: str, locator: str) -> str:
        """'RFI, [title](...), paragraph 4: “quote” ✓, find the passage in the original'."""
        source = self.base.sources[source_id]
        text = first_upper(publisher_name(self.base, source.publisher)) + ", " + link(
            md(source.title), f"{self.prefix}sources/{source.id}.md"
        )
        if locator:
            text += f", {md(locator)}"
        if quote:
            text += f": “{md(quote)}” {self._verification(source_id, quote)}"
            # The same as url() of the whole passage address, with url() run once per source:
            # url() keeps `#`, and the directive holds only characters that url() keeps.
            passage = fragment_link(url(source.url), quote) if source.url else None
            if passage:
                text += ", " + link("find the passage in the original", f"<{passage}>")
        return text + "."


# Text derived from one fact base alone that recurs on many pages (a footnote is repeated
# on every page citing the same passage). A base is not changed after link(), so an entry
# never goes stale, and it goes away with its base: nothing carries over to other records.
_MEMO: WeakKeyDictionary[FactBase, dict[tuple[str, ...], str]] = WeakKeyDictionary()


def remembered(base: FactBase, key: tuple[str, ...], make: Callable[[], str]) -> str:
    """make(), computed once per fact base for `key`."""
    memo = _MEMO.setdefault(base, {})
    text = memo.get(key)
    if text is None:
        text = memo[key] = make()
    return text


_CHECKED = "Quote checked against our archived copy of the article on"
NO_ADDRESS = "We hold the text of this article but not its web address"


def _no_address(source: Source) -> str:
    return NO_ADDRESS if source.archive_file else "No web address recorded"


def published_text(source: Source) -> str:
    """'published 23 December 2015', or 'undated' when the source gives no date."""
    if source.published == UNKNOWN:
        return "undated"
    return f"published {date_text(source.published)}"


def _addresses(source: Source) -> str:
    """Links to the original and the archived copy, when the source record has them."""
    parts = []
    if source.url:
        parts.append(external_link("original", source.url))
    if source.archive_url:
        parts.append(external_link("archived copy", source.archive_url))
    return "".join(f", {part}" for part in parts)

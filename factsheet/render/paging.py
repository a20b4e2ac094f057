"""Long lists split into pages of a fixed number of entries, each page linking to the others.

At 10,000 incidents the timeline was 9.5 MB of HTML and "where sources differ" 33 MB:
too heavy for the readers on slow links this site is for. The first page keeps the list's
address; the others are `page_<n>.md` in the list's folder (an underscore, which no record
id can hold, so they never meet a record page). Every entry is on exactly one page, in the
list's order.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .text import NOT_IN_SEARCH, link, page

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a list: its entries, where it is written, and its place among the pages."""

    number: int  # from 1
    count: int
    first_path: str  # the list's own address, page 1
    entries: Sequence[T]
    start: int  # the number of its first entry in the whole list, from 1
    total: int

    @property
    def path(self) -> str:
        """Where this page is written, under docs/."""
        return _path_of(self.first_path, self.number)

    @property
    def prefix(self) -> str:
        """From this page to docs/: what links to record pages start with."""
        return "../" * self.path.count("/")

    def title(self, name: str) -> str:
        return name if self.count == 1 else f"{name}, page {self.number} of {self.count}"


def _path_of(first: str, number: int) -> str:
    if number == 1:
        return first
    folder = posixpath.dirname(first) or posixpath.splitext(first)[0]
    return f"{folder}/page_{number}.md"


def _split(first: str, entries: Sequence[T], per_page: int) -> list[Part[T]]:
    """The pages of a list whose first page is at `first` (e.g. "timeline.md")."""
    count = max(1, -(-len(entries) // per_page))
    return [
        Part(
            number,
            count,
            first,
            entries[(number - 1) * per_page : number * per_page],
            (number - 1) * per_page + 1,
            len(entries),
        )
        for number in range(1, count + 1)
    ]


def _href(part: Part[T], number: int) -> str:
    here = posixpath.dirname(part.path)
    return posixpath.relpath(_path_of(part.first_path, number), here or ".")


def _pager(part: Part[T], noun: str) -> str:
    """Which entries this page holds, with links to the first, previous, next and last
    pages; "" when the list fits on one page."""
    if part.count == 1:
        return ""
    end = part.start + len(part.entries) - 1
    steps = [
        ("first page", 1),
        ("previous page", part.number - 1),
        ("next page", part.number + 1),
        ("last page", part.count),
    ]
    links = [
        link(text, _href(part, number))
        for text, number in steps
        if 1 <= number <= part.count and number != part.number
    ]
    return (
        f"Page {part.number} of {part.count}: {noun} {part.start:,} to {end:,} "
        f"of {part.total:,}. " + " · ".join(links)
    )


def _contents(parts: Sequence[Part[T]], label: Callable[[T], str]) -> str:
    """On the first page, every page with its first and last entry ("" for one page)."""
    if len(parts) == 1:
        return ""
    first = parts[0]
    lines = []
    for part in parts:
        start, end = label(part.entries[0]), label(part.entries[-1])
        span = start if start == end else f"{start} to {end}"
        lines.append(f"- {link(f'Page {part.number}', _href(first, part.number))}: {span}")
    return "Pages:\n\n" + "\n".join(lines)


def paged(
    first: str,
    name: str,
    intro: Callable[[Part[T]], str],
    entries: Sequence[T],
    per_page: int,
    noun: str,
    label: Callable[[T], str],
    body: Callable[[Part[T]], list[str]],
) -> Iterator[tuple[str, str]]:
    """A list as (path under docs/, page text), `per_page` entries a page.

    Each page: the title ("..., page 2 of 9" when there are several), `intro(part)`, which
    entries it holds with links to its neighbours, on the first page the list of pages
    (each named by `label` of its first and last entry), then `body(part)`.
    """
    parts = _split(first, entries, per_page)
    for part in parts:
        blocks = [
            f"# {part.title(name)}",
            intro(part),
            _pager(part, noun),
            _contents(parts, label) if part.number == 1 else "",
            *body(part),
            _pager(part, noun),
        ]
        yield part.path, page(part.title(name), blocks, NOT_IN_SEARCH)

"""Finding quotes in archived texts (the CLI side is in test_verify.py)."""

from __future__ import annotations

import pytest

from factsheet.domain.quotes import closest_passage, find_quote, normalise


def test_normalisation_folds_typography() -> None:
    curly = "\u201cIt\u2019s  here\u201d \u2014 now"
    assert normalise(curly) == "\"It's here\" - now"


@pytest.mark.parametrize(
    ("quote", "found"),
    [("quick brown", True), ("quick [...] lazy dog", True), ("quick ... dog", True),
     ("lazy [...] quick", False), ("quick  brown\nfox", True), ("slow fox", False)],
)
def test_find_quote_parts_in_order(quote: str, found: bool) -> None:
    assert find_quote(quote, "The quick brown fox jumps over the lazy dog.") is found


def test_closest_passage_shows_whole_words_around_the_miss() -> None:
    text = "Officials said 49 civilians were killed in the market."
    assert closest_passage("49 civilians were kiled", text) == "49 civilians were killed"

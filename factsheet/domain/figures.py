"""Figures as ranges of values, and the comparison of several reports of one measure.

Each report ("at least 200", "more than 40", "about 300,000", "49") becomes the
closed range of whole numbers it allows. Reports of one measure are compatible
when all their ranges overlap; the overlap is then the range the reports allow.
The rules are written out for readers on the methodology page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MEASURE_LABELS: dict[str, str] = {
    "civilians-killed": "civilians killed",
    "civilians-injured": "civilians injured",
    "people-killed": "people killed",
    "fighters-killed": "fighters killed",
    "victims": "victims",
    "people-displaced": "people displaced",
    "attacks": "attacks",
    "attacks-documented": "attacks documented",
    "strikes-analysed": "strikes analysed",
    "missiles-fired": "missiles fired",
    "sorties": "sorties flown",
    "locations-attacked": "locations attacked",
    "children-killed": "children killed",
    "women-killed": "women killed",
}

# A breakdown counts part of a total: it can never exceed the total in the same report.
BREAKDOWN_OF: dict[str, tuple[str, ...]] = {
    "children-killed": ("civilians-killed", "people-killed"),
    "women-killed": ("civilians-killed", "people-killed"),
    "civilians-killed": ("people-killed",),
}

QUALIFIER_LABELS: dict[str, str] = {
    "exactly": "",
    "at-least": "at least",
    "more-than": "more than",
    "about": "about",
    "up-to": "up to",
    "fewer-than": "fewer than",
}

# "about N" is read as N plus or minus a tenth, rounded outward, at least 1 either side.
ABOUT_TENTHS_DIVISOR = 10


@dataclass(frozen=True, slots=True)
class Interval:
    """Whole numbers from low to high inclusive; high None means no upper bound."""

    low: int
    high: int | None

    def human(self) -> str:
        if self.high is None:
            return f"{self.low:,} or more"
        if self.low == self.high:
            return f"{self.low:,}"
        return f"{self.low:,} to {self.high:,}"


def _widen(low: int, high: int) -> tuple[int, int]:
    """Widen a value or range by the 'about' tolerance, rounding outward."""

    def margin(n: int) -> int:
        return max(1, -(-n // ABOUT_TENTHS_DIVISOR))  # ceiling division, integers only

    return max(0, low - margin(low)), high + margin(high)


def figure_interval(
    qualifier: str, value: int | None, low: int | None, high: int | None
) -> Interval:
    """The range of whole numbers a reported figure allows."""
    if value is None:
        # A stated range: min and max are both present (the schema guarantees it).
        assert low is not None and high is not None
        if qualifier == "about":
            return Interval(*_widen(low, high))
        return Interval(low, high)
    if qualifier == "exactly":
        return Interval(value, value)
    if qualifier == "at-least":
        return Interval(value, None)
    if qualifier == "more-than":
        return Interval(value + 1, None)
    if qualifier == "about":
        return Interval(*_widen(value, value))
    if qualifier == "up-to":
        return Interval(0, value)
    if qualifier == "fewer-than":
        return Interval(0, max(0, value - 1))
    raise ValueError(f"unknown qualifier {qualifier!r}")


def format_reported(qualifier: str, value: int | None, low: int | None, high: int | None) -> str:
    """'at least 200', '49', 'about 300,000', '10 to 20'."""
    number = f"{value:,}" if value is not None else f"{low:,} to {high:,}"
    prefix = QUALIFIER_LABELS[qualifier]
    return f"{prefix} {number}" if prefix else number


@dataclass(frozen=True, slots=True)
class Comparison:
    """How the reports of one measure relate to each other."""

    compatible: bool
    allowed: Interval | None  # the overlap, when compatible
    span: Interval  # from the lowest low to the highest high
    identical: bool  # all reports allow exactly the same range

    @property
    def verdict(self) -> str:
        if not self.compatible:
            return "conflict"
        return "agree" if self.identical else "differ"


def compare(intervals: Sequence[Interval]) -> Comparison:
    """Compare the ranges of several reports of one measure."""
    if not intervals:
        raise ValueError("nothing to compare")
    low = max(i.low for i in intervals)
    highs = [i.high for i in intervals if i.high is not None]
    high = min(highs) if highs else None
    compatible = high is None or low <= high
    span_high = None if len(highs) < len(intervals) else max(highs)
    span = Interval(min(i.low for i in intervals), span_high)
    identical = len(set(intervals)) == 1
    return Comparison(compatible, Interval(low, high) if compatible else None, span, identical)

"""Figures as ranges of values, and the comparison of several reports of one measure.

Each report ("at least 200", "more than 40", "about 300,000", "49") becomes the
closed range of whole numbers it allows. Reports of one measure are compatible
when all their ranges overlap; the overlap is then the range the reports allow.
The rules are written out for readers on the methodology page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .vocab import Measure, Qualifier, Verdict

MEASURE_LABELS: dict[Measure, str] = {
    Measure.CIVILIANS_KILLED: "civilians killed",
    Measure.CIVILIANS_INJURED: "civilians injured",
    Measure.PEOPLE_KILLED: "people killed",
    Measure.FIGHTERS_KILLED: "fighters killed",
    Measure.VICTIMS: "victims",
    Measure.PEOPLE_DISPLACED: "people displaced",
    Measure.ATTACKS: "attacks",
    Measure.ATTACKS_DOCUMENTED: "attacks documented",
    Measure.STRIKES_ANALYSED: "strikes analysed",
    Measure.MISSILES_FIRED: "missiles fired",
    Measure.SORTIES: "sorties flown",
    Measure.LOCATIONS_ATTACKED: "locations attacked",
    Measure.CHILDREN_KILLED: "children killed",
    Measure.WOMEN_KILLED: "women killed",
}

# A breakdown counts part of a total: it can never exceed the total in the same report.
BREAKDOWN_OF: dict[Measure, tuple[Measure, ...]] = {
    Measure.CHILDREN_KILLED: (Measure.CIVILIANS_KILLED, Measure.PEOPLE_KILLED),
    Measure.WOMEN_KILLED: (Measure.CIVILIANS_KILLED, Measure.PEOPLE_KILLED),
    Measure.CIVILIANS_KILLED: (Measure.PEOPLE_KILLED,),
}

QUALIFIER_LABELS: dict[Qualifier, str] = {
    Qualifier.EXACTLY: "",
    Qualifier.AT_LEAST: "at least",
    Qualifier.MORE_THAN: "more than",
    Qualifier.ABOUT: "about",
    Qualifier.UP_TO: "up to",
    Qualifier.FEWER_THAN: "fewer than",
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
    qualifier: Qualifier, value: int | None, low: int | None, high: int | None
) -> Interval:
    """The range of whole numbers a reported figure allows."""
    if value is None:
        # A stated range: min and max are both present (the schema guarantees it).
        assert low is not None and high is not None
        if qualifier == Qualifier.ABOUT:
            return Interval(*_widen(low, high))
        return Interval(low, high)
    if qualifier == Qualifier.EXACTLY:
        return Interval(value, value)
    if qualifier == Qualifier.AT_LEAST:
        return Interval(value, None)
    if qualifier == Qualifier.MORE_THAN:
        return Interval(value + 1, None)
    if qualifier == Qualifier.ABOUT:
        return Interval(*_widen(value, value))
    if qualifier == Qualifier.UP_TO:
        return Interval(0, value)
    if qualifier == Qualifier.FEWER_THAN:
        return Interval(0, max(0, value - 1))
    raise ValueError(f"unknown qualifier {qualifier!r}")


def format_reported(
    qualifier: Qualifier, value: int | None, low: int | None, high: int | None
) -> str:
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
    def verdict(self) -> Verdict:
        if not self.compatible:
            return Verdict.CONFLICT
        return Verdict.AGREE if self.identical else Verdict.DIFFER


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

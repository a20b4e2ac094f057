"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the records write them.

Dates stay strings in YAML; this module is the one place that parses them, so
that `2015-02-30` is an error with a message instead of a crash, and so that a
month-precise date can be compared with a day-precise one.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

from ..problems import EditorError

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class DateError(EditorError, ValueError):
    """A date string that is well-formed in shape but not a real date.

    A ValueError too: jsonschema's format check and the date parsers catch it as one.
    """


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, month or day. Orders by its earliest possible day."""

    earliest: date
    latest: date
    text: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]

    def human(self) -> str:
        """`29 November 2015`, `November 2015` or `2015`."""
        if self.precision == "year":
            return self.text
        month = _MONTHS[self.earliest.month - 1]
        if self.precision == "month":
            return f"{month} {self.earliest.year}"
        return f"{self.earliest.day} {month} {self.earliest.year}"


# A page shows the same few hundred dates tens of thousands of times. Parsing is a pure
# function of the string and PartialDate is frozen, so a shared result cannot change output
# (errors are raised again each time: lru_cache does not keep exceptions).
@functools.lru_cache(maxsize=1 << 14)
def parse_date(text: str) -> PartialDate:
    """Parse a partial ISO date; raise DateError with an editor-readable reason."""
    match = _PATTERN.match(text)
    if not match:
        raise DateError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(match.group(1))
    if year < 1000:
        raise DateError(f"year {year} is out of range")
    if match.group(2) is None:
        return PartialDate(date(year, 1, 1), date(year, 12, 31), text)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise DateError(f"month {match.group(2)} does not exist; months run from 01 to 12")
    last_day = calendar.monthrange(year, month)[1]
    if match.group(3) is None:
        return PartialDate(date(year, month, 1), date(year, month, last_day), text)
    day = int(match.group(3))
    if not 1 <= day <= last_day:
        raise DateError(
            f"{_MONTHS[month - 1]} {year} has no day {match.group(3)}; "
            f"it has days 01 to {last_day:02d}"
        )
    return PartialDate(date(year, month, day), date(year, month, day), text)


def try_parse_date(text: str | None) -> PartialDate | None:
    """Parse, or None when absent, 'unknown' or invalid (validation reports the invalid)."""
    if not text or text == "unknown":
        return None
    try:
        return parse_date(text)
    except DateError:
        return None


def certainly_before(a: PartialDate, b: PartialDate) -> bool:
    """True only when every day `a` may stand for lies before every day `b` may stand for."""
    return a.latest < b.earliest

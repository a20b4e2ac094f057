import pytest

from factsheet.domain.dates import DateError, certainly_before, parse_date


@pytest.mark.parametrize(
    ("text", "precision", "human"),
    [
        ("2015", "year", "2015"),
        ("2015-11", "month", "November 2015"),
        ("2015-11-29", "day", "29 November 2015"),
        ("2016-02-29", "day", "29 February 2016"),
    ],
)
def test_partial_dates_keep_their_precision(text: str, precision: str, human: str) -> None:
    parsed = parse_date(text)
    assert parsed.precision == precision
    assert parsed.human() == human


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2015-02-30", "February 2015 has no day 30"),
        ("2015-13", "month 13 does not exist"),
        ("2015-02-29", "February 2015 has no day 29"),
        ("15-11-29", "is not a date"),
        ("29/11/2015", "is not a date"),
        ("0999", "out of range"),
    ],
)
def test_impossible_dates_are_explained(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_month_is_not_certainly_before_a_day_inside_it() -> None:
    assert not certainly_before(parse_date("2015-11"), parse_date("2015-11-02"))
    assert certainly_before(parse_date("2015-10"), parse_date("2015-11-02"))
    assert not certainly_before(parse_date("2015-11-02"), parse_date("2015-11-02"))

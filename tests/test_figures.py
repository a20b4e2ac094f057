import pytest

from factsheet.domain.figures import Interval, compare, figure_interval, format_reported
from factsheet.domain.vocab import Qualifier


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exactly", 49, Interval(49, 49)),
        ("at-least", 200, Interval(200, None)),
        ("more-than", 40, Interval(41, None)),
        ("up-to", 10, Interval(0, 10)),
        ("fewer-than", 5, Interval(0, 4)),
        ("about", 300000, Interval(270000, 330000)),
        ("about", 12, Interval(10, 14)),
        ("about", 3, Interval(2, 4)),
    ],
)
def test_each_qualifier_maps_to_the_range_it_allows(
    qualifier: str, value: int, expected: Interval
) -> None:
    assert figure_interval(Qualifier(qualifier), value, None, None) == expected


def test_stated_range_and_about_range() -> None:
    assert figure_interval(Qualifier("exactly"), None, 10, 20) == Interval(10, 20)
    assert figure_interval(Qualifier("about"), None, 100, 200) == Interval(90, 220)


def test_49_and_more_than_40_differ_but_are_compatible() -> None:
    result = compare([Interval(49, 49), Interval(41, None)])
    assert result.compatible and result.verdict == "differ"
    assert result.allowed == Interval(49, 49)


def test_exactly_150_and_at_least_200_conflict() -> None:
    result = compare([Interval(150, 150), Interval(200, None)])
    assert not result.compatible and result.verdict == "conflict"
    assert result.allowed is None
    assert result.span == Interval(150, None)


def test_identical_reports_agree() -> None:
    result = compare([Interval(200, None), Interval(200, None)])
    assert result.verdict == "agree"


def test_reported_wording() -> None:
    assert format_reported(Qualifier("at-least"), 200, None, None) == "at least 200"
    assert format_reported(Qualifier("exactly"), 300000, None, None) == "300,000"
    assert format_reported(Qualifier("about"), None, 10, 20) == "about 10 to 20"

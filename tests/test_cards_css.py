"""The phone cards of the who-said-what table label each value with its column's name."""

from __future__ import annotations

import re

from conftest import REPO

from factsheet.render.whosaid import REPORT_COLUMNS


def test_the_card_labels_are_the_tables_column_names() -> None:
    css = (REPO / "docs" / "assets" / "factsheet.css").read_text(encoding="utf-8")
    rule = r"th:nth-child\(6\)\) td:nth-child\((\d)\)::before \{ content: \"([^\"]+)\""
    labels = dict(re.findall(rule, css))
    assert [labels.get(str(n)) for n in range(1, 7)] == REPORT_COLUMNS
    # six columns is how the CSS finds this table: no other generated table may have six
    assert len(REPORT_COLUMNS) == 6

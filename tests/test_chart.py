"""Range charts: a bar per report on a shared axis, drawn at build time, said again in words."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli


def _chart(page: str) -> str:
    found = [m.group(0) for m in re.finditer(r'<figure class="range-figure">.*?</figure>', page)]
    assert len(found) == 1, found
    return found[0]


def test_a_measure_with_two_reports_gets_a_chart_that_says_it_in_words(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    chart = _chart(page)  # civilians killed has two reports; missiles fired has one
    assert chart.count('class="bar') == 2
    desc = re.search(r"<desc [^>]*>(.*?)</desc>", chart)
    assert desc is not None
    assert "49, according to Rights Watchers, reported by Daily Courier" in desc.group(1)
    unnamed = "more than 40, source not named, reported by one article of unknown publisher"
    assert unnamed in desc.group(1)
    assert "Consistent range (our reading of them together): 49" in desc.group(1)
    assert '<rect class="overlap"' in chart  # the range both allow is shaded
    # the chart sits in a raw HTML block: one line, nothing Markdown would touch
    assert "\n" not in chart


def test_record_text_in_a_chart_is_escaped(project: Path) -> None:
    actor = project / "facts" / "actors" / "rights-watchers.yaml"
    text = actor.read_text(encoding="utf-8")
    actor.write_text(
        re.sub(r"^name: .*$", 'name: "<script>alert(1)</script> Watchers"', text, flags=re.M),
        encoding="utf-8",
    )
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    chart = _chart(page)
    assert "<script>" not in chart and "&#60;script&#62;" in chart

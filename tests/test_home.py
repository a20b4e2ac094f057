"""The home page keeps the same weight as the records grow: its tables are cut, and say so."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import run_cli

from bench import synthetic
from factsheet.render.lists import HOME_ROWS

INCIDENT_LINK = re.compile(r"^\| \[[^]]*\]\(incidents/([a-z0-9-]+)\.md\)", re.MULTILINE)


def _section(page: str, heading: str) -> str:
    return page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _built(root: Path, incidents: int) -> tuple[str, dict[str, Any]]:
    """The home page and the JSON export (parsed JSON: Any) of a synthetic corpus."""
    synthetic.generate(root, incidents)
    result = run_cli(root)
    assert result.code == 0, result.err
    data = json.loads((root / "docs" / "data" / "factsheet.json").read_text("utf-8"))
    return (root / "docs" / "index.md").read_text("utf-8"), data


def test_key_figures_show_the_most_reported_incidents_and_say_where_the_rest_are(
    tmp_path: Path,
) -> None:
    page, data = _built(tmp_path / "corpus", 3 * HOME_ROWS)
    incidents: list[dict[str, Any]] = data["incidents"]
    reports = {i["id"]: len(i["figures"]) for i in incidents if i["measures"]}
    section = _section(page, "Key figures")
    shown = INCIDENT_LINK.findall(section)
    assert len(shown) == HOME_ROWS
    assert (
        f"Shown here: the {HOME_ROWS} incidents with the most reported figures, "
        f"of {len(reports):,} with figures. All of them are in the "
        "[incident list](incidents/index.md)." in section
    )
    left_out = set(reports) - set(shown)
    assert min(reports[i] for i in shown) >= max(reports[i] for i in left_out)
    listed = (tmp_path / "corpus" / "docs" / "incidents" / "index.md").read_text("utf-8")
    assert all(f"(../incidents/{i}.md)" in listed for i in reports)  # all are where we say


def test_disagreements_are_cut_with_their_count(tmp_path: Path) -> None:
    page, data = _built(tmp_path / "corpus", 3 * HOME_ROWS)
    incidents: list[dict[str, Any]] = data["incidents"]
    differing = [
        m for i in incidents for m in i["measures"]
        if m["verdict"] != "agree" and len(m["figures"]) > 1
    ]
    assert len(differing) > HOME_ROWS
    section = _section(page, "Where sources differ")
    assert len(INCIDENT_LINK.findall(section)) == HOME_ROWS
    assert (
        f"Shown here: the {HOME_ROWS} measures with the most reports, of {len(differing):,} "
        "whose reports differ. All of them are on the "
        "[where sources differ](differences.md) page." in section
    )


def test_a_home_page_weighs_the_same_at_ten_times_the_records(tmp_path: Path) -> None:
    small, _ = _built(tmp_path / "small", 2 * HOME_ROWS)
    large, _ = _built(tmp_path / "large", 20 * HOME_ROWS)
    assert len(large.encode()) <= 1.1 * len(small.encode())


def test_a_short_list_is_shown_whole_without_a_note(tmp_path: Path) -> None:
    page, data = _built(tmp_path / "corpus", HOME_ROWS // 2)
    assert "Shown here" not in page
    incidents: list[dict[str, Any]] = data["incidents"]
    with_figures = [i["id"] for i in incidents if i["measures"]]
    assert len(INCIDENT_LINK.findall(_section(page, "Key figures"))) == len(with_figures)

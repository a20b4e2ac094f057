"""Currency: `updated` and dated changes on records, the corrections box and the Atom feed."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, copy_project, run_build_py, run_cli

from factsheet.config import GENERATED_DIRS, GENERATED_FILES
from factsheet.render.feed import render_feed

ATOM = "{http://www.w3.org/2005/Atom}"
PINNED = {"SOURCE_DATE_EPOCH": "1700000000"}  # 14 November 2023


def _build(project: Path) -> Path:
    result = run_cli(project, "build", env=PINNED)
    assert result.code == 0, result.err
    return project / "docs"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# ------------------------------------------------------------------------------- pages


def test_record_page_shows_last_updated_and_changes_newest_first(project: Path) -> None:
    page = (_build(project) / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    assert "*Last updated 12 January 2016*" in page
    box = page.split('!!! warning "Corrections and updates"', 1)[1].split("\n## ", 1)[0]
    correction = box.index("- **12 January 2016, correction:** The death toll was given as 94")
    update = box.index("- **5 January 2016, update:** Added the ministry&#39;s denial&#46;")
    assert correction < update
    # Record text in a change is escaped like all record text.
    assert "&#60;i&#62;here&#60;&#47;i&#62;" in box and "<i>" not in page
    # The correction's citation is a footnote of the page.
    assert "the source says 49&#46;[^" in box


def test_last_updated_falls_back_to_the_latest_change(project: Path) -> None:
    _append(
        project / "facts" / "actors" / "rights-watchers.yaml",
        'changes:\n  - date: "2016-02-01"\n    kind: update\n    text: Added a role.\n',
    )
    page = (_build(project) / "actors" / "rights-watchers.md").read_text(encoding="utf-8")
    assert "*Last updated 1 February 2016*" in page
    assert '!!! info "Updates"' in page
    source = (project / "docs" / "sources" / "wire-story.md").read_text(encoding="utf-8")
    assert "Last updated" not in source
    assert '!!! info "Updates"' not in source and '!!! warning "Corrections"' not in source


# -------------------------------------------------------------------------------- feed


def _href(entry: ET.Element) -> str:
    link = entry.find(f"{ATOM}link")
    assert link is not None, "a feed entry without a link"
    return link.get("href", "")


def _entries(feed: Path) -> list[tuple[str, str, str, str]]:
    root = ET.fromstring(feed.read_bytes())
    return [
        (
            e.findtext(f"{ATOM}id", ""),
            e.findtext(f"{ATOM}updated", ""),
            _href(e),
            e.findtext(f"{ATOM}title", ""),
        )
        for e in root.iter(f"{ATOM}entry")
    ]


def test_feed_lists_dated_records_newest_first(project: Path) -> None:
    feed = _build(project) / "feed.xml"
    root = ET.fromstring(feed.read_bytes())
    assert root.findtext(f"{ATOM}updated") == "2016-01-12T00:00:00Z"
    assert _entries(feed) == [
        (
            "tag:factsheet.example.org,2026:incidents/market-strike",
            "2016-01-12T00:00:00Z",
            "incidents/market-strike/",
            "Strike on a market <b>in</b> Ariha",  # text, parsed back from its XML escape
        ),
        (
            "tag:factsheet.example.org,2026:actors/daily-courier",
            "2016-01-03T00:00:00Z",
            "actors/daily-courier/",
            "Daily Courier",
        ),
    ]
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and summary.text is not None
    assert summary.text.startswith("Correction: The death toll was given as 94 <i>here</i>")


@pytest.mark.process  # another hash seed and time zone: a process of its own
def test_feed_is_byte_identical_whatever_the_clock(tmp_path: Path) -> None:
    first = copy_project(FIXTURE, tmp_path / "one")
    second = copy_project(FIXTURE, tmp_path / "two")
    assert run_cli(first, "build").code == 0
    env = {"SOURCE_DATE_EPOCH": "1900000000", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "3"}
    assert run_build_py(second, "build", env=env).code == 0
    assert (first / "docs" / "feed.xml").read_bytes() == (second / "docs" / "feed.xml").read_bytes()


def _undate(project: Path) -> None:
    for path in (project / "facts").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "updated:" in text:
            path.write_text(text.split("updated:", 1)[0], encoding="utf-8")


def test_feed_without_dated_records_takes_the_newest_date_the_records_hold(
    project: Path,
) -> None:
    _undate(project)
    feed = _build(project) / "feed.xml"
    root = ET.fromstring(feed.read_bytes())
    # The fixture's only other date: the day its one source was read (accessed).
    assert root.findtext(f"{ATOM}updated") == "2015-12-24T00:00:00Z"
    assert "1970" not in feed.read_text(encoding="utf-8")
    assert _entries(feed) == []
    # Without an update, the home page has no "Latest updates" section to promise one.
    home = (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Latest updates" not in home and "No record carries" not in home
    assert "[Atom feed](feed.xml)" in home


def test_feed_falls_back_to_the_quotes_verification_date(project: Path) -> None:
    _undate(project)
    source = project / "facts" / "sources" / "wire-story.yaml"
    source.write_text(source.read_text().replace('accessed: "2015-12-24"\n', ""))
    feed = _build(project) / "feed.xml"
    updated = ET.fromstring(feed.read_bytes()).findtext(f"{ATOM}updated")
    locks = [json.loads(p.read_text()) for p in (project / "verification").glob("*.json")]
    verified = max(q["verified"] for lock in locks for q in lock["quotes"] if q.get("verified"))
    assert updated == f"{verified}T00:00:00Z"


def test_no_date_anywhere_means_no_feed_and_no_link_to_it(project: Path) -> None:
    from factsheet import pipeline
    from factsheet.render import iter_pages

    _undate(project)
    source = project / "facts" / "sources" / "wire-story.yaml"
    source.write_text(source.read_text().replace('accessed: "2015-12-24"\n', ""))
    base = pipeline.check(project).base
    assert base is not None
    assert render_feed(base) is not None  # the quotes' verification dates are left
    undated = dataclasses.replace(base, quote_status={})
    assert render_feed(undated) is None
    pages = dict(iter_pages(undated))
    assert "feed.xml" not in pages
    home = pages["index.md"]
    assert isinstance(home, str)
    assert "feed.xml" not in home and "Latest updates" not in home


def test_home_page_links_the_feed_and_the_policy(project: Path) -> None:
    home = (_build(project) / "index.md").read_text(encoding="utf-8")
    assert "[Atom feed](feed.xml)" in home and "[corrections policy](corrections.md)" in home
    latest = home.split("## Latest updates", 1)[1].split("\n## ", 1)[0]
    assert latest.index("- 12 January 2016: [Strike on a market") < latest.index(
        "- 3 January 2016: [Daily Courier](actors/daily-courier.md) (actor)"
    )
    assert "(incident) — Correction&#58; The death toll was given as 94" in latest


def test_feed_is_a_generated_file() -> None:
    assert "feed.xml" in GENERATED_FILES


# -------------------------------------------------------------------------- validation


def _check(project: Path) -> str:
    result = run_cli(project, "check", env=PINNED)
    assert result.code == 1, result.out
    return result.err


def test_change_in_the_future_is_refused(project: Path) -> None:
    _append(
        project / "facts" / "sources" / "wire-story.yaml",
        'updated: "2024-01-01"\nchanges:\n  - date: "2024-01-01"\n    kind: update\n'
        "    text: Added the archived copy.\n",
    )
    err = _check(project)
    assert (
        "facts/sources/wire-story.yaml:15:11: changes[0].date: 2024-01-01 is in the future"
        in err
    )
    assert "facts/sources/wire-story.yaml:13:10: updated: 2024-01-01 is in the future" in err
    # "Today" is SOURCE_DATE_EPOCH's day when set; a later day accepts the same dates.
    later = run_cli(project, "check", env={"SOURCE_DATE_EPOCH": "1800000000"})  # 2027
    assert later.code == 0, later.err


def test_updated_before_the_latest_change_is_refused(project: Path) -> None:
    incident = project / "facts" / "incidents" / "market-strike.yaml"
    incident.write_text(
        incident.read_text(encoding="utf-8").replace(
            'updated: "2016-01-12"', 'updated: "2016-01-10"'
        ),
        encoding="utf-8",
    )
    err = _check(project)
    assert "updated: 2016-01-10 is before the latest change (2016-01-12)" in err
    assert 'hint: set updated: "2016-01-12" or later' in err


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            '  - date: "2016-02-30"\n    kind: update\n    text: x\n',
            "changes[0].date: February 2016 has no day 30",
        ),
        ('  - date: "2016-02"\n    kind: update\n    text: x\n', "changes[0].date: '2016-02'"),
        ('  - date: "2016-02-01"\n    kind: fix\n    text: x\n', "changes[0].kind: "),
        ('  - date: "2016-02-01"\n    kind: update\n', "changes[0].text: this field is missing"),
        (
            '  - date: "2016-02-01"\n    kind: update\n    text: x\n    citations:\n'
            "      - source: wire-stori\n",
            "changes[0].citations[0].source: no source has the id 'wire-stori'",
        ),
    ],
)
def test_malformed_changes_are_explained(project: Path, entry: str, expected: str) -> None:
    _append(project / "facts" / "actors" / "rights-watchers.yaml", "changes:\n" + entry)
    assert expected in _check(project)


def test_kind_error_lists_the_allowed_values(project: Path) -> None:
    _append(
        project / "facts" / "actors" / "rights-watchers.yaml",
        'changes:\n  - date: "2016-02-01"\n    kind: fix\n    text: x\n',
    )
    err = _check(project)
    assert "correction" in err and "update" in err


# ------------------------------------------------------------------------------- site


def test_site_has_feed_link_policy_page_and_box(tmp_path: Path) -> None:
    root = copy_project(FIXTURE, tmp_path / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "hooks", root / "hooks")
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES))
    _build(root)
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert mkdocs.returncode == 0, mkdocs.stderr
    site = root / "site"
    page = (site / "incidents" / "market-strike" / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New and updated records"\n'
        '        href="../../feed.xml">'
    ) in page
    assert '<div class="admonition warning">' in page
    assert (site / "feed.xml").read_bytes() == (root / "docs" / "feed.xml").read_bytes()
    policy = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "Corrections policy" in policy
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="corrections/"' in home.split('class="md-nav md-nav--primary"', 1)[1]

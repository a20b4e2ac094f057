"""The reader-facing extras: timeline, "where sources differ", data downloads, linked data."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO, copy_project, run_build_py, run_cli

from factsheet.config import GENERATED_DIRS, GENERATED_FILES
from factsheet.render.text import script_json

HOSTILE = "</script><script>alert(1)</script><!-- & ]]>"

MONTH_INCIDENT = """\
title: A raid some time in November
kind: airstrike
date:
  start: "2015-11"
  approximate: "yes"
  citations:
    - source: wire-story
summary:
  text: A fictional raid whose day the sources do not give.
  citations:
    - source: wire-story
"""


def _built(project: Path) -> Path:
    result = run_cli(project, "build")
    assert result.code == 0, result.err
    return project / "docs"


# ---------------------------------------------------------------------------- timeline


def test_timeline_orders_by_date_and_shows_precision(project: Path) -> None:
    (project / "facts" / "incidents" / "november-raid.yaml").write_text(MONTH_INCIDENT)
    text = (_built(project) / "timeline.md").read_text(encoding="utf-8")
    dated, undated = text.split("## Undated", 1)
    order = [
        "- **30 September 2015 onwards (ongoing at the time of the sources)** "
        "*(known to the day)*: Incident: [Air campaign](incidents/air-campaign.md)",
        "- **about November 2015** *(known to the month, approximate)*: "
        "Incident: [A raid some time in November](incidents/november-raid.md)",
        "- **29 November 2015** *(known to the day)*: Incident: [Strike on a market",
        "- **23 December 2015** *(known to the day)*: Claim: "
        "[Rights Watchers](actors/rights-watchers.md) "
        "[alleges](incidents/market-strike.md#claim-rw-alleges-market-strike)",
    ]
    positions = [dated.index(line) for line in order]
    assert positions == sorted(positions)
    assert "## 2015" in dated
    # The denial has no date: it is listed at the end, folded under its incident, still
    # linked to its anchor.
    assert "ministry-denies-market-strike" not in dated
    assert "- Undated claims on [Strike on a market" in undated
    assert '??? note "1 undated claim"' in undated
    assert "        - Claim: [Ivan Spokesman](actors/ivan-spokesman.md) " in undated
    assert "(incidents/market-strike.md#claim-ministry-denies-market-strike)" in undated
    # The anchors the timeline links to exist on the incident page.
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    for claim_id in re.findall(r"market-strike\.md#claim-([a-z0-9-]+)", text):
        assert f'<a id="claim-{claim_id}"></a>' in page


# ------------------------------------------------------------------ where sources differ


def test_differences_page_lists_the_differing_measure(project: Path) -> None:
    text = (_built(project) / "differences.md").read_text(encoding="utf-8")
    section = text.split("## Strike on a market", 1)[1]
    assert "### Civilians killed" in section
    assert (
        "**The 2 reports are [consistent](methodology.md#words-we-use)**: worded differently, "
        "they can all be true. A number that fits all of them (our reading): 49."
    ) in section
    assert "| 49 | [Rights Watchers](actors/rights-watchers.md) | Daily Courier" in section
    assert "| more than 40 | unknown (The page uses the passive voice&#46;) |" in section
    # The missiles figure has one report only: nothing differs, so it is not listed.
    assert "Missiles fired" not in text
    # The recorded discrepancy, in our words, with its sources as footnotes.
    assert "- The sources place the market in different parts of the province&#46;[^" in text
    assert "Daily Courier, [Rights group says strikes hit a market](sources/wire-story.md)" in text
    assert "Air campaign" not in text  # nothing differs there


def test_home_links_to_the_new_pages(project: Path) -> None:
    text = (_built(project) / "index.md").read_text(encoding="utf-8")
    for target in ("(differences.md)", "(timeline.md)", "(data.md)"):
        assert target in text


# ------------------------------------------------------------------------- downloads


def _downloads(docs: Path) -> dict[str, bytes]:
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted((docs / "data").rglob("*"))
        if p.is_file()
    }


@pytest.mark.process  # another hash seed and time zone: a process of its own
def test_downloads_are_byte_identical_and_parse(tmp_path: Path) -> None:
    first = copy_project(FIXTURE, tmp_path / "one")
    second = copy_project(FIXTURE, tmp_path / "two")
    assert run_cli(first, "build").code == 0
    result = run_build_py(second, "build", env={"PYTHONHASHSEED": "77", "TZ": "Asia/Tokyo"})
    assert result.code == 0, result.err
    files = _downloads(first / "docs")
    assert files == _downloads(second / "docs")
    assert set(files) == {
        "data/factsheet.json",
        "data/incidents.csv",
        "data/figures.csv",
        "data/claims.csv",
        "data/actors.csv",
        "data/sources.csv",
        "data/datapackage.json",
        "data/SHA256SUMS",
        "data/factsheet.schema.json",
        "data/schemas/actor.schema.json",
        "data/schemas/common.schema.json",
        "data/schemas/incident.schema.json",
        "data/schemas/source.schema.json",
    }
    for name in ("actor", "common", "incident", "source"):
        assert files[f"data/schemas/{name}.schema.json"] == (
            (REPO / "schemas" / f"{name}.schema.json").read_bytes().replace(b"\r\n", b"\n")
        )

    data = json.loads(files["data/factsheet.json"])
    assert data["format_version"] == 1
    assert [i["id"] for i in data["incidents"]] == ["air-campaign", "market-strike"]
    strike = data["incidents"][1]
    killed = strike["measures"][0]
    assert killed["measure"] == "civilians-killed"
    assert killed["verdict"] == "differ"
    assert killed["allowed"] == {"low": 49, "high": 49}
    assert killed["span"] == {"low": 41, "high": None}
    # the unsigned page names no claimant, so it establishes no origin
    assert killed["origins"] == ["rights-watchers"]
    assert strike["figures"][1]["range"] == {"low": 41, "high": None}
    assert strike["status"]["status"] == "denied-by-accused"
    assert strike["claims"][0]["responses"] == ["ministry-denies-market-strike"]
    assert strike["title"] == "Strike on a market <b>in</b> Ariha"  # data, not escaped HTML
    wire = next(s for s in data["sources"] if s["id"] == "wire-story")
    assert wire["origins"] == ["rights-watchers"]
    assert files["data/factsheet.json"].count(b"\n") == 1, "the JSON download is one line"
    assert files["data/factsheet.json"].endswith(b"}\n") and b"\r" not in files[
        "data/factsheet.json"
    ]

    figures = list(csv.DictReader(io.StringIO(files["data/figures.csv"].decode("utf-8"))))
    assert [(f["incident"], f["measure"], f["qualifier"], f["value"]) for f in figures] == [
        ("market-strike", "civilians-killed", "exactly", "49"),
        ("market-strike", "civilians-killed", "more-than", "40"),
        ("market-strike", "missiles-fired", "exactly", "3"),
    ]
    assert figures[1]["claimant"] == "unknown"
    assert figures[1]["sources"] == "unsigned-page"
    assert (figures[1]["range_low"], figures[1]["range_high"]) == ("41", "")
    assert figures[0]["measure_verdict"] == "differ"
    for name in ("incidents", "actors", "sources", "claims"):
        rows = list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"))))
        assert rows and all(row["id"] for row in rows)
        assert files[f"data/{name}.csv"].endswith(b"\r\n")


def test_data_page_documents_every_download_and_column(project: Path) -> None:
    docs = _built(project)
    text = (docs / "data.md").read_text(encoding="utf-8")
    assert text.startswith(
        '---\ntitle: "Data downloads"\ntemplate: "data.html"\n---\n\n# Data downloads\n'
    )
    assert "<!--" not in text
    for path in sorted((docs / "data").rglob("*.*")):
        relative = path.relative_to(docs).as_posix()
        assert f"]({relative})" in text, relative  # linked, so MkDocs checks the link
        if path.suffix == ".csv":
            header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
            for column in header:
                assert f"`{column}`" in text, (relative, column)
    data = json.loads((docs / "data" / "factsheet.json").read_text(encoding="utf-8"))
    for kind in ("incidents", "actors", "sources"):
        for key in data[kind][0]:
            assert f"`{key}`" in text, (kind, key)


def test_csv_cells_cannot_become_spreadsheet_formulas(project: Path) -> None:
    path = project / "facts" / "incidents" / "air-campaign.yaml"
    path.write_text(path.read_text().replace("A fictional campaign", "=HYPERLINK(1) campaign"))
    text = (_built(project) / "data" / "incidents.csv").read_text(encoding="utf-8")
    assert ",'=HYPERLINK(1) campaign of air strikes.," in text
    data = json.loads((project / "docs" / "data" / "factsheet.json").read_text())
    assert data["incidents"][0]["summary"]["text"].startswith("=HYPERLINK(1)")


# ------------------------------------------------------------------------ linked data


def test_script_json_cannot_end_a_script_block() -> None:
    text = script_json({"name": HOSTILE, "more": "\u2028 é \U0001f600"})
    assert not set(text) & set("<>&") and text.isascii()
    assert json.loads(text) == {"name": HOSTILE, "more": "\u2028 é \U0001f600"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with hostile text in a title and summary, built by MkDocs."""
    root = copy_project(FIXTURE, tmp_path_factory.mktemp("hostile") / "project")
    for name in ("mkdocs.yml", "overrides", "hooks"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES))
    incident = root / "facts" / "incidents" / "market-strike.yaml"
    text = incident.read_text()
    title = "title: Strike on a market <b>in</b> Ariha"
    text = text.replace(title, f"title: {json.dumps(HOSTILE)}")
    summary = "text: Missiles struck a busy market; see *details*."
    text = text.replace(summary, f"text: {json.dumps(HOSTILE + ' Missiles struck')}")
    incident.write_text(text)
    assert run_cli(root, "build").code == 0
    # The address as the deploy workflow passes it (mkdocs.yml: site_url: !ENV ...).
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
             "FACTSHEET_SITE_URL": "https://factsheet.example.org/"},
    )
    assert mkdocs.returncode == 0, mkdocs.stderr
    return root / "site"


def _json_ld(html: str) -> list[object]:
    opener = '<script type="application/ld+json">'
    blocks = []
    for part in html.split(opener)[1:]:
        blocks.append(json.loads(part.split("</script>", 1)[0]))
    return blocks


def _head(html: str) -> str:
    return html.split("</head>", 1)[0]


def test_json_ld_has_the_right_type_on_each_record_page(hostile_site: Path) -> None:
    expected = {
        "incidents/air-campaign": "Event",
        "actors/ivan-spokesman": "Person",
        "actors/rights-watchers": "NGO",
        "actors/defence-ministry": "GovernmentOrganization",
        "actors/daily-courier": "NewsMediaOrganization",
        "sources/wire-story": "NewsArticle",
    }
    for page, kind in expected.items():
        blocks = _json_ld((hostile_site / page / "index.html").read_text(encoding="utf-8"))
        assert len(blocks) == 1, page
        block = blocks[0]
        assert isinstance(block, dict)
        assert block["@context"] == "https://schema.org"
        assert block["@type"] == kind, page
    wire = _json_ld((hostile_site / "sources/wire-story/index.html").read_text())[0]
    assert isinstance(wire, dict)
    assert wire["url"] == "https://news.example.org/2015/market-strike"
    assert wire["publisher"] == {"@type": "NewsMediaOrganization", "name": "Daily Courier"}
    person = _json_ld((hostile_site / "actors/ivan-spokesman/index.html").read_text())[0]
    assert isinstance(person, dict)
    assert person["affiliation"] == [{"@type": "GovernmentOrganization",
                                      "name": "Defence Ministry"}]
    # Hand-written and list pages carry no record, so no JSON-LD.
    assert _json_ld((hostile_site / "methodology" / "index.html").read_text()) == []


def test_hostile_title_cannot_end_the_script_block(hostile_site: Path) -> None:
    html = (hostile_site / "incidents" / "market-strike" / "index.html").read_text()
    assert "<script>alert(1)" not in html
    assert "<!-- &" not in html
    blocks = _json_ld(html)
    assert len(blocks) == 1
    event = blocks[0]
    assert isinstance(event, dict)
    assert event["@type"] == "Event"
    assert event["name"] == HOSTILE
    assert event["description"].startswith(HOSTILE)
    assert event["superEvent"] == {"@type": "Event", "name": "Air campaign"}
    # The head holds exactly the scripts the theme and we put there.
    head = _head(html)
    assert head.count("</script>") == head.count("<script")
    # On other pages that show the title (lists, timeline), it stays text too.
    for page in ("incidents", "timeline", "differences", ""):
        assert "<script>alert(1)" not in (hostile_site / page / "index.html").read_text()


def test_open_graph_and_twitter_tags(hostile_site: Path) -> None:
    head = _head((hostile_site / "incidents" / "market-strike" / "index.html").read_text())
    escaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; ]]&gt;"
    assert f'<meta property="og:title" content="{escaped}">' in head
    assert f'<meta name="twitter:title" content="{escaped}">' in head
    assert f'<meta property="og:description" content="{escaped} Missiles struck' in head
    assert '<meta property="og:type" content="article">' in head
    assert ('<meta property="og:url" '
            'content="https://factsheet.example.org/incidents/market-strike/">') in head
    assert '<meta name="twitter:card" content="summary">' in head
    home = _head((hostile_site / "index.html").read_text())
    assert '<meta property="og:type" content="website">' in home
    assert '<meta property="og:url" content="https://factsheet.example.org/">' in home
    assert "Who said what about civilian harm" in home.split('property="og:description"')[1]


def test_sitemap_and_downloads_are_in_the_site(hostile_site: Path) -> None:
    sitemap = (hostile_site / "sitemap.xml").read_text()
    assert "<loc>https://factsheet.example.org/incidents/market-strike/</loc>" in sitemap
    assert "<loc>https://factsheet.example.org/timeline/</loc>" in sitemap
    json.loads((hostile_site / "data" / "factsheet.json").read_text())
    assert (hostile_site / "data" / "schemas" / "incident.schema.json").is_file()
    home = (hostile_site / "index.html").read_text()
    for target in ("timeline/", "differences/", "data/"):
        assert f'<a href="{target}" class="md-nav__link">' in home  # in the nav


def test_a_denial_stands_beside_what_it_denies(project: Path) -> None:
    docs = _built(project)
    said = (
        "- **Said:** [Rights Watchers](actors/rights-watchers.md) "
        "[alleges](incidents/market-strike.md#claim-rw-alleges-market-strike): The group says "
        "the strike hit a market with no military target nearby&#46; *(reported by Daily Courier)*"
    )
    answer = (
        "    - **Answer:** [Ivan Spokesman](actors/ivan-spokesman.md) "
        "[denies](incidents/market-strike.md#claim-ministry-denies-market-strike): The spokesman "
        "calls the report fake&#46; *(reported by one article of unknown publisher)*"
    )
    for page in ("differences.md", "index.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert f"{said}\n{answer}" in text, page

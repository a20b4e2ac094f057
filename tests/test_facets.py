"""Tags as coarse facets, and a search index kept small: what build.py writes and MkDocs makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE, copy_project, copy_site_inputs, mkdocs_build, run_cli

HOSTILE_PROVINCE = 'Idlib <script>alert("x")</script> & {{ config }} [a](b)'
PROVINCE_YAML = json.dumps(HOSTILE_PROVINCE)  # a JSON string is a YAML double-quoted scalar


def _front(page: str) -> str:
    return page.split("\n---\n", 1)[0]


def test_record_pages_carry_safe_tags(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    docs = project / "docs"
    incident = _front((docs / "incidents" / "market-strike.md").read_text(encoding="utf-8"))
    # Block style, one tag a line: MkDocs and Zensical read it alike.
    assert '\ntags:\n  - "province: Idlib"\n  - "incident: airstrike"' in incident
    actor = _front((docs / "actors" / "daily-courier.md").read_text(encoding="utf-8"))
    assert '\ntags:\n  - "actor: media outlet"' in actor
    campaign = _front((docs / "incidents" / "air-campaign.md").read_text(encoding="utf-8"))
    assert "province" not in campaign.split("\ntags:", 1)[1]  # no province, no province tag


def test_hostile_province_becomes_plain_words(project: Path) -> None:
    incident = project / "facts" / "incidents" / "market-strike.yaml"
    text = incident.read_text(encoding="utf-8")
    incident.write_text(text.replace("province: Idlib", "province: " + PROVINCE_YAML))
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    assert '\ntags:\n  - "province: Idlib script alert x script config a b"\n' in _front(page)


def test_pages_that_repeat_records_stay_out_of_search(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    docs = project / "docs"
    for name in ("incidents/index.md", "actors/index.md", "sources/index.md", "timeline.md",
                 "differences.md"):
        assert "\nsearch:\n  exclude: true\n" in (docs / name).read_text(encoding="utf-8"), name
    for name in ("index.md", "incidents/market-strike.md", "data.md"):
        assert "search:" not in _front((docs / name).read_text(encoding="utf-8")), name


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(FIXTURE, tmp_path_factory.mktemp("facets") / "project")
    copy_site_inputs(root, ("mkdocs.yml", "overrides", "hooks", "docs"))
    incident = root / "facts" / "incidents" / "market-strike.yaml"
    text = incident.read_text(encoding="utf-8")
    incident.write_text(text.replace("province: Idlib", "province: " + PROVINCE_YAML))
    assert run_cli(root, "build").code == 0
    made = mkdocs_build(root)
    assert made.returncode == 0, made.stderr
    assert "WARNING" not in made.stderr
    return root / "site"


def test_tags_index_lists_record_pages(site: Path) -> None:
    html = (site / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'id="tag:incident-airstrike"' in html and 'id="tag:actor-media-outlet"' in html
    assert 'href="../incidents/market-strike/"' in html
    page = (site / "incidents" / "market-strike" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="../../tags/#tag:incident-airstrike" class="md-tag">incident: airstrike</a>'
    ) in page
    # The hostile province is plain words in the tag: no markup, no template syntax.
    tags = page.split('<nav class="md-tags"', 1)[1].split("</nav>", 1)[0]
    assert ">province: Idlib script alert x script config a b</a>" in tags
    assert "<script" not in tags and "{{" not in tags


def test_search_index_leaves_out_lists_and_footnotes(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "incidents/market-strike/" in pages and "actors/daily-courier/" in pages
    for excluded in ("incidents/", "actors/", "sources/", "timeline/", "differences/", "tags/"):
        assert excluded not in pages, excluded
    strike = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("incidents/market-strike/")
    )
    assert "The death toll was given as 94" in strike  # page text is searchable...
    assert "find the passage in the original" not in strike  # ...footnotes are not,
    assert "Does a member of the accused party" not in strike  # nor the folded rule traces
    assert "Permanent link" not in strike  # nor the citation lines to copy
    html = (site / "incidents" / "market-strike" / "index.html").read_text(encoding="utf-8")
    assert '<div class="footnote" data-search-exclude>' in html

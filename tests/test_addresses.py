"""Stable addresses: old ids of renamed records redirect; every record page links its YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    FIXTURE,
    IDENTITY,
    copy_project,
    copy_site_inputs,
    mkdocs_build,
    run_cli,
    set_identity,
)

from factsheet.site.sitecheck import scan_site

EDIT_BASE = IDENTITY["repository"] + "/edit/main/"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _rename(project: Path) -> None:
    _append(project / "facts" / "incidents" / "market-strike.yaml",
            "renamed_from: [ariha-strike, old-market]\n")
    _append(project / "facts" / "actors" / "daily-courier.yaml", "renamed_from: [courier]\n")


def test_old_ids_get_redirect_pages_and_lose_them_when_dropped(project: Path) -> None:
    _rename(project)
    assert run_cli(project, "build").code == 0
    docs = project / "docs"
    page = (docs / "incidents" / "ariha-strike.md").read_text(encoding="utf-8")
    assert page.startswith("---\n")
    assert "\ntemplate: redirect.html\n" in page and '\nredirect_id: "market-strike"\n' in page
    assert "search:\n  exclude: true\n" in page  # a moved page is not search content
    # Record text in the title is escaped; the plain link is a Markdown link MkDocs checks.
    assert "[Strike on a market &#60;b&#62;in&#60;&#47;b&#62; Ariha](market-strike.md)" in page
    assert (docs / "incidents" / "old-market.md").is_file()
    assert '\nredirect_id: "daily-courier"\n' in (docs / "actors" / "courier.md").read_text()
    # Dropping renamed_from would break a published address: refused, naming it.
    record = project / "facts" / "actors" / "daily-courier.yaml"
    record.write_text(record.read_text().replace("renamed_from: [courier]\n", ""))
    published = project / "published-ids.txt"
    lines = published.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("actors/courier\n")
    refused = run_cli(project, "build")
    assert refused.code == 1
    assert f"published-ids.txt:{at + 1}:1: the page actors/courier was published" in refused.err
    # Only a maintainer's deliberate removal of the address lets the redirect page go.
    published.write_text("".join(lines[:at] + lines[at + 1:]), encoding="utf-8")
    assert run_cli(project, "build").code == 0
    assert not (docs / "actors" / "courier.md").exists()


@pytest.mark.parametrize(
    ("file", "old", "expected"),
    [
        ("actors/daily-courier.yaml", "air-campaign",
         "renamed_from[0]: 'air-campaign' is the id of facts/incidents/air-campaign.yaml"),
        ("actors/daily-courier.yaml", "daily-courier",
         "renamed_from[0]: 'daily-courier' is the id of facts/actors/daily-courier.yaml"),
        ("incidents/air-campaign.yaml", "ariha-strike",
         "renamed_from[0]: 'ariha-strike' is also an old id of "
         "facts/incidents/market-strike.yaml"),
    ],
)
def test_old_id_collisions_are_refused(project: Path, file: str, old: str, expected: str) -> None:
    _append(project / "facts" / "incidents" / "market-strike.yaml",
            "renamed_from: [ariha-strike]\n")
    _append(project / "facts" / file, f"renamed_from: [{old}]\n")
    result = run_cli(project, "check")
    assert result.code == 1
    assert f"facts/{file}:" in result.err and expected in result.err


def test_old_id_must_look_like_an_id(project: Path) -> None:
    _append(project / "facts" / "incidents" / "market-strike.yaml",
            'renamed_from: ["../../index"]\n')
    result = run_cli(project, "check")
    assert result.code == 1 and "renamed_from[0]: " in result.err


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(FIXTURE, tmp_path_factory.mktemp("renamed") / "project")
    copy_site_inputs(root, ("mkdocs.yml", "overrides", "hooks", "docs"))
    set_identity(root, IDENTITY, "https://factsheet.example.org/")
    _rename(root)
    assert run_cli(root, "build").code == 0
    made = mkdocs_build(root)
    assert made.returncode == 0, made.stderr
    return root / "site"


def test_redirect_page_sends_readers_to_the_new_address(renamed_site: Path) -> None:
    html = (renamed_site / "incidents" / "ariha-strike" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../market-strike/">' in html
    assert (
        '<link rel="canonical" href="https://factsheet.example.org/incidents/market-strike/">'
        in html
    )
    assert '<a href="../market-strike/">Strike on a market &lt;b&gt;in&lt;/b&gt; Ariha</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<script" not in html
    assert (renamed_site / "incidents" / "market-strike" / "index.html").is_file()
    # The built-site scan allows exactly this refresh: same site, relative, to a real page.
    assert scan_site(renamed_site) == []


def test_record_pages_link_their_yaml_for_editing(renamed_site: Path) -> None:
    for folder, record_id in (("incidents", "market-strike"), ("actors", "daily-courier"),
                              ("sources", "wire-story")):
        html = (renamed_site / folder / record_id / "index.html").read_text()
        article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
        assert (
            f'<a href="{EDIT_BASE}facts/{folder}/{record_id}.yaml">edit this record</a>'
        ) in article.split("</article>", 1)[0]
    # List pages are not records: no edit link.
    assert "edit this record" not in (renamed_site / "incidents" / "index.html").read_text()


def test_shared_old_id_is_reported_on_both_records(project: Path) -> None:
    _append(project / "facts" / "incidents" / "market-strike.yaml",
            "renamed_from: [ariha-strike]\n")
    _append(project / "facts" / "actors" / "daily-courier.yaml", "renamed_from: [ariha-strike]\n")
    err = run_cli(project, "check").err
    assert "'ariha-strike' is also an old id of facts/actors/daily-courier.yaml" in err
    assert "'ariha-strike' is also an old id of facts/incidents/market-strike.yaml" in err

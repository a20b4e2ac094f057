"""The shipped dataset, built end to end: pages, MkDocs strict build, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, copy_site_inputs, mkdocs_build, run_build_py, run_cli

# The shipped records through build.py and MkDocs: too long for `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site_inputs(tmp_path_factory.mktemp("site") / "project")
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    mkdocs = mkdocs_build(root)
    assert mkdocs.returncode == 0, mkdocs.stderr
    assert "WARNING" not in mkdocs.stderr
    return root


def _ids(kind: str) -> list[str]:
    return sorted(p.stem for p in (REPO / "facts" / kind).glob("*.yaml"))


def test_every_record_has_a_built_page(built_site: Path) -> None:
    for kind in ("incidents", "actors", "sources"):
        ids = _ids(kind)
        assert ids, kind
        for record_id in ids:
            assert (built_site / "site" / kind / record_id / "index.html").is_file()


def test_ariha_page_shows_where_the_articles_differ(built_site: Path) -> None:
    html = (built_site / "site" / "incidents" / "ariha-market-strike" / "index.html").read_text()
    assert "reports are <a href=\"../../methodology/#words-we-use\">consistent</a>" in html
    assert "more than 40" in html and "49" in html
    assert "according to" in html.lower()


def test_unknown_publishers_are_shown_as_unknown(built_site: Path) -> None:
    unknown = [p.stem for p in (REPO / "facts" / "sources").glob("*.yaml")
               if "publisher: unknown" in p.read_text(encoding="utf-8")]
    assert len(unknown) == 2
    for source_id in unknown:
        html = (built_site / "site" / "sources" / source_id / "index.html").read_text()
        assert "<strong>Unknown publisher</strong>" in html
        assert "The text does not name its publisher" in html


def test_generated_pages_stay_out_of_the_nav(built_site: Path) -> None:
    html = (built_site / "site" / "index.html").read_text()
    nav = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "ariha-market-strike" not in nav


@pytest.mark.process  # another hash seed, time zone and locale: a process of its own
def test_rebuild_is_byte_identical_and_writes_nothing(built_site: Path) -> None:
    docs = built_site / "docs"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*.md")}
    result = run_build_py(built_site, "build", env={"PYTHONHASHSEED": "123",
                                                    "TZ": "Asia/Tokyo", "LC_ALL": "C"})
    assert result.code == 0, result.err
    assert "Wrote 0 pages, removed 0" in result.out
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*.md")}
    assert after == before

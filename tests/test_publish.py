"""`build.py site` (make site): MkDocs builds aside, and site/ is replaced only on success."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, copy_site_inputs, run_cli

from factsheet.site.publish import PREFIX

# Each test runs MkDocs over a whole site.
pytestmark = pytest.mark.slow


def _project(tmp_path: Path) -> Path:
    """The small fixture's records with the repository's pages, theme and configuration."""
    root = copy_site_inputs(tmp_path / "project", ("docs", "overrides", "hooks", "mkdocs.yml"))
    for name in ("facts", "verification"):
        shutil.copytree(FIXTURE / name, root / name)
    (root / "site").mkdir()
    (root / "site" / "previous.html").write_text("the last good site\n", encoding="utf-8")
    return root


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(PREFIX + "*"))


def test_a_failed_mkdocs_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "docs" / "methodology.md").unlink()  # pages link to it: strict mode fails
    run = run_cli(root, "site")
    assert run.code == 1
    assert "site/ was left as it was" in run.err
    assert sorted(p.name for p in (root / "site").iterdir()) == ["previous.html"]
    assert _leftovers(root) == []


def test_a_good_build_replaces_the_site_whole(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / f"{PREFIX}new-killed").mkdir()  # what a killed run leaves: removed
    run = run_cli(root, "site")
    assert run.code == 0, run.err
    site = root / "site"
    assert not (site / "previous.html").exists()
    assert (site / "incidents" / "market-strike" / "index.html").is_file()
    assert (site / "downloads" / "factsheet-offline.zip").is_file()
    assert _leftovers(root) == []

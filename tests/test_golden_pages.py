"""Rendered pages of the fixture project against reviewed golden copies.

Regenerate with FACTSHEET_REGEN=1 after an intended change, and review the diff.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, regenerate, run_cli

GOLDEN = REPO / "tests" / "golden" / "pages"


def _reviewable(path: Path) -> str:
    """The file's text; the JSON download (one compact line) indented, so that its golden
    copy can be reviewed in a diff. The golden JSON must still be exactly what the build
    writes once indented; byte-for-byte stability is tested in test_reproducible."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return text


def _tree(root: Path) -> dict[str, str]:
    """Pages, the feed and data downloads (not the schema copies), line ends as read."""
    found = sorted(root.rglob("*.md"))
    found += sorted(p for p in (root / "data").glob("*.*") if not p.name.endswith(".schema.json"))
    found += sorted(root.glob("*.xml"))
    return {p.relative_to(root).as_posix(): _reviewable(p) for p in found}


def test_fixture_pages_match_golden(project: Path) -> None:
    # The build day is written into data/datapackage.json: pinned, so the golden holds.
    result = run_cli(project, "build", env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert result.code == 0, result.err
    built = _tree(project / "docs")
    if regenerate():
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    assert built == _tree(GOLDEN)


def test_incident_page_shows_who_said_what(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    assert "The 2 reports are [consistent](../methodology.md#words-we-use)" in page
    assert "A number that fits all of them (our reading): 49" in page
    assert "unknown (The page uses the passive voice&#46;)" in page
    assert "[Rights Watchers](../actors/rights-watchers.md)" in page
    assert (
        "Daily Courier ([Rights group says strikes hit a market](../sources/wire-story.md))" in page
    )
    assert "In response to:" in page and "Response:" in page
    assert "&#60;b&#62;in&#60;&#47;b&#62;" in page and "<b>" not in page

"""The no-op rebuild cache never serves stale output: every edit leads to a real build.

Each test builds once (recording the manifest), changes something, builds again and
compares docs/ with a build of the same project that has no cache at all.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import docs_files as _docs
from conftest import run_cli

from factsheet import config
from factsheet.output import buildcache

RECORD = Path("facts/incidents/market-strike.yaml")
PAGE = Path("docs/incidents/market-strike.md")


def _cold_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same inputs built from scratch: no cache, no earlier output."""
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(project / "facts", cold / "facts", symlinks=True)
    if (project / "verification").exists():
        shutil.copytree(project / "verification", cold / "verification", symlinks=True)
    (cold / "docs").mkdir()
    result = run_cli(cold)
    assert result.code == 0, result.err
    return _docs(cold)


def _build(project: Path) -> str:
    result = run_cli(project)
    assert result.code == 0, result.err
    return result.out


def _edit_record(project: Path) -> None:
    path = project / RECORD
    path.write_text(
        path.read_text("utf-8").replace("a busy market", "a crowded market"), "utf-8"
    )


def _delete_record(project: Path) -> None:
    (project / RECORD).unlink()  # a leaf: no other record refers to it
    # Its address goes too, as a maintainer may do (else check keeps it: test_published).
    (project / "published-ids.txt").unlink()


def _same_size_page_edit(project: Path) -> None:
    # the same size and an old mtime: only the inode/ctime betray the hand edit
    page = project / PAGE
    info = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace(b"Ariha", b"Xriha", 1))
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))


def _delete_page(project: Path) -> None:
    (project / PAGE).unlink()


def _stray_page(project: Path) -> None:
    (project / "docs" / "incidents" / "stray.md").write_text("left behind\n", "utf-8")


def _corrupt_manifest(project: Path) -> None:
    (project / config.CACHE_DIR / buildcache.MANIFEST).write_bytes(b"\x00{not json")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edited record": _edit_record,
    "deleted record": _delete_record,
    "hand-edited page of the same size": _same_size_page_edit,
    "deleted page": _delete_page,
    "stray file among generated pages": _stray_page,
    "corrupt manifest": _corrupt_manifest,
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_change_is_never_missed(change: str, project: Path, tmp_path: Path) -> None:
    _build(project)
    assert (project / config.CACHE_DIR / buildcache.MANIFEST).is_file()
    CHANGES[change](project)
    _build(project)
    assert _docs(project) == _cold_build(project, tmp_path)


def test_an_edited_record_shows_on_its_page(project: Path) -> None:
    _build(project)
    _edit_record(project)
    out = _build(project)
    assert "a crowded market" in (project / PAGE).read_text("utf-8")
    assert not out.startswith("Wrote 0 pages")


def test_a_deleted_lock_file_rebuilds_instead_of_serving_the_old_pages(project: Path) -> None:
    _build(project)
    (project / "verification" / "wire-story.json").unlink()
    result = run_cli(project)
    assert result.code == 0, result.err  # quotes not yet verified: a warning
    assert "its quotes are not yet verified" in result.err
    assert not result.out.startswith("Wrote 0 pages")
    assert "(not yet checked against our archived copy" in (project / PAGE).read_text("utf-8")


def test_an_edited_lock_file_is_a_change(project: Path) -> None:
    _build(project)
    before = buildcache.input_digest(project)
    lock = project / "verification" / "wire-story.json"
    lock.write_text(lock.read_text("utf-8").replace("20", "19", 1), "utf-8")
    assert buildcache.input_digest(project) != before


def test_a_schema_or_code_change_is_a_change(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemas = tmp_path / "schemas"
    shutil.copytree(config.SCHEMA_DIR, schemas)
    monkeypatch.setattr(buildcache, "SCHEMA_DIR", schemas)
    before = buildcache.input_digest(project)
    schema = sorted(schemas.glob("*.json"))[0]
    schema.write_text(schema.read_text("utf-8") + " ", "utf-8")
    after_schema = buildcache.input_digest(project)
    assert after_schema != before

    package = tmp_path / "package"
    shutil.copytree(buildcache.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(buildcache, "PACKAGE_DIR", package)
    base = buildcache.input_digest(project)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert buildcache.input_digest(project) == base  # compiling is not a change
    (package / "render" / "text.py").write_text("# changed\n", "utf-8")
    assert buildcache.input_digest(project) != base


def test_an_unchanged_project_is_fresh_and_left_alone(project: Path) -> None:
    _build(project)
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*")}
    assert buildcache.is_fresh(project, buildcache.input_digest(project)) == len(
        [p for p in mtimes if p.is_file()]
    )
    out = _build(project)
    assert out.startswith("Wrote 0 pages, removed 0,")
    assert {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*")} == mtimes


def test_the_cache_never_changes_output(project: Path, tmp_path: Path) -> None:
    _build(project)
    _build(project)
    assert _docs(project) == _cold_build(project, tmp_path)


@pytest.mark.parametrize("anchor", ["copied", "absent"])
def test_a_manifest_from_elsewhere_never_skips_the_checks(
    anchor: str, project: Path, tmp_path: Path
) -> None:
    """A manifest committed or copied into a fresh checkout is a cache, never a verdict.

    It claims that exactly these (broken) inputs and these (empty) outputs were built
    cleanly; without this checkout's own anchor it must not be believed.
    """
    _build(project)
    manifest_path = project / config.CACHE_DIR / buildcache.MANIFEST
    original = json.loads(manifest_path.read_text("utf-8"))
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "facts", fresh / "facts")
    shutil.copytree(project / "verification", fresh / "verification")
    (fresh / "docs").mkdir()
    broken = fresh / RECORD
    broken.write_text(broken.read_text("utf-8").replace("kind: airstrike", "kind: 12"), "utf-8")
    forged = {
        "inputs": buildcache.input_digest(fresh),
        "pages": 26,
        "outputs": buildcache.output_state(fresh / "docs"),
    }
    if anchor == "copied":
        forged["anchor"] = original["anchor"]
        shutil.copytree(project / config.CACHE_DIR, fresh / config.CACHE_DIR)
    else:
        (fresh / config.CACHE_DIR).mkdir()
    (fresh / config.CACHE_DIR / buildcache.MANIFEST).write_text(json.dumps(forged), "utf-8")
    result = run_cli(fresh)
    assert result.code == 1
    assert "facts/incidents/market-strike.yaml:" in result.err and "kind" in result.err
    assert "Wrote 0 pages" not in result.out

"""The parse cache: unchanged record files are not parsed again, and no edit is ever missed.

Builds run through the CLI's entry point (in this process, so that many builds stay quick
and the loader can be watched); their outcome is compared with a cold build of the same
records: a fresh copy with no cache and no earlier output.
"""

from __future__ import annotations

import contextlib
import shutil
import string
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE, copy_project, run_cli
from conftest import docs_files as _docs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.config import CACHE_DIR
from factsheet.load import collect, strict_yaml
from factsheet.load.cache import ANCHOR, RECORDS
from factsheet.load.strict_yaml import LoadedFile
from factsheet.output import buildcache
from factsheet.problems import Problem

RECORD = "facts/incidents/market-strike.yaml"
PAGE = "docs/incidents/market-strike.md"
RECORD_FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.glob("facts/*/*.yaml"))


def _build(root: Path, command: str = "build") -> tuple[int, str, str]:
    run = run_cli(root, command)
    return run.code, run.out, run.err


def _cold(root: Path, where: Path) -> tuple[int, str, dict[str, bytes]]:
    """Exit code, messages and pages of the same records built from nothing."""
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(root / "facts", where / "facts")
    shutil.copytree(root / "verification", where / "verification")
    (where / "docs").mkdir()
    code, _, err = _build(where)
    return code, err, _docs(where)


def _assert_as_cold(outcome: tuple[int, str, str], root: Path, where: Path) -> None:
    """The same exit code and messages as a cold build, and on success the same pages.

    (The summary line differs: a cold build writes every page, a rebuild only the changed.)
    """
    code, err, docs = _cold(root, where)
    assert (outcome[0], outcome[2]) == (code, err)
    if code == 0:
        assert _docs(root) == docs


@contextlib.contextmanager
def _parsed_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The record files the loader really parses while the block runs."""
    seen: list[str] = []
    real = strict_yaml.load_yaml_bytes

    def watched(
        data: bytes, display: str, path: Path
    ) -> tuple[LoadedFile | None, list[Problem]]:
        seen.append(display)
        return real(data, display, path)

    with monkeypatch.context() as patch:
        patch.setattr(collect, "load_yaml_bytes", watched)
        yield seen


def _replace(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = copy_project(FIXTURE, tmp_path / "project")
    assert _build(root)[0] == 0
    assert (root / CACHE_DIR / RECORDS).is_file()
    return root


def test_after_one_edit_only_the_edited_file_is_parsed(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _replace(built, RECORD, "a busy market", "a crowded market")
    with _parsed_files(monkeypatch) as parsed:
        code, out, _ = _build(built)
    assert code == 0
    assert parsed == [RECORD]
    assert "a crowded market" in (built / PAGE).read_text("utf-8")
    assert out.startswith("Wrote ")


def test_check_reads_the_cache_and_writes_none(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (built / CACHE_DIR / RECORDS).read_bytes()
    _replace(built, RECORD, "a busy market", "a crowded market")
    with _parsed_files(monkeypatch) as parsed:
        assert _build(built, "check")[0] == 0
    assert parsed == [RECORD]
    assert (built / CACHE_DIR / RECORDS).read_bytes() == before


def test_other_code_or_schemas_parse_everything_again(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(buildcache, "code_digest", lambda: "another version of the code")
    (built / CACHE_DIR / "manifest.json").unlink()
    with _parsed_files(monkeypatch) as parsed:
        assert _build(built)[0] == 0
    assert sorted(parsed) == RECORD_FILES


def test_the_same_bytes_in_another_folder_are_checked_against_that_kind(
    built: Path, tmp_path: Path
) -> None:
    # An actor's file, byte for byte, among the incidents: known bytes, but another schema.
    shutil.copy(built / "facts/actors/daily-courier.yaml", built / "facts/incidents/courier.yaml")
    outcome = _build(built)
    assert outcome[0] == 1
    assert "facts/incidents/courier.yaml" in outcome[2]
    _assert_as_cold(outcome, built, tmp_path / "cold")


def _forge(root: Path, old: str, new: str) -> None:
    """Rewrite the cached data of one record, keeping the header (what a forger would do)."""
    cache = root / CACHE_DIR / RECORDS
    text = cache.read_text("ascii")
    assert old in text
    cache.write_text(text.replace(old, new), "ascii")
    (root / CACHE_DIR / "manifest.json").unlink()  # so that the next build parses


def test_a_cache_copied_from_elsewhere_is_not_trusted(built: Path, tmp_path: Path) -> None:
    _forge(built, "a busy market", "a forged market")
    # As a pull request that commits .factsheet-cache/ would bring it into a fresh clone.
    clone = tmp_path / "clone"
    shutil.copytree(built, clone)
    # The forgery does work where it was made, so the copy's result below means something.
    assert _build(built)[0] == 0
    assert "a forged market" in (built / PAGE).read_text("utf-8")

    assert _build(clone)[0] == 0
    assert "a busy market" in (clone / PAGE).read_text("utf-8")
    assert _docs(clone) == _cold(clone, tmp_path / "cold")[2]


def _garbage(cache: Path) -> None:
    cache.write_bytes(b"\x00\xff{not json at all")


def _no_header(cache: Path) -> None:
    cache.write_text(cache.read_text("ascii").split("\n", 1)[1], "ascii")


def _broken_entries(cache: Path) -> None:
    header, *lines = cache.read_text("ascii").split("\n")
    damaged = [line[: len(line) // 2] for line in lines]  # every entry cut in half
    cache.write_text("\n".join([header, *damaged]), "ascii")


def _entries_not_records(cache: Path) -> None:
    header, *lines = cache.read_text("ascii").split("\n")
    cache.write_text("\n".join([header, *(f"{line[:64]} [1, 2]" for line in lines)]), "ascii")


def _empty(cache: Path) -> None:
    cache.write_bytes(b"")


def _a_link(cache: Path) -> None:
    target = cache.with_name("elsewhere")
    cache.rename(target)
    cache.symlink_to(target)


def _anchor_replaced(cache: Path) -> None:
    anchor = cache.with_name(ANCHOR)
    anchor.unlink()
    anchor.write_bytes(b"")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "no header": _no_header,
    "entries cut short": _broken_entries,
    "entries that are not records": _entries_not_records,
    "empty": _empty,
    "a symbolic link": _a_link,
    "anchor replaced": _anchor_replaced,
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_cache_only_costs_a_parse(damage: str, built: Path, tmp_path: Path) -> None:
    _forge(built, "a busy market", "a forged market")  # trusted as it is: damage must undo it
    DAMAGE[damage](built / CACHE_DIR / RECORDS)
    _replace(built, "facts/sources/wire-story.yaml", "title: ", "title: Edited ")
    outcome = _build(built)
    assert outcome[0] == 0
    _assert_as_cold(outcome, built, tmp_path / "cold")
    assert "a busy market" in (built / PAGE).read_text("utf-8")


def test_a_refused_build_leaves_the_cache_as_it_was(built: Path) -> None:
    folder = built / CACHE_DIR
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    _replace(built, RECORD, "a busy market", "a crowded market")
    _replace(built, "facts/sources/wire-story.yaml", "title: ", "titel: ")
    assert _build(built)[0] == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_failed_write_leaves_the_cache_as_it_was(built: Path) -> None:
    folder = built / CACHE_DIR
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    _replace(built, RECORD, "a busy market", "a crowded market")
    shutil.rmtree(built / "docs" / "actors")
    (built / "docs" / "actors").symlink_to(built / "facts")  # the write refuses a link
    assert _build(built)[0] == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# ------------------------------------------------------------------ edits never missed

# Text that YAML reads in many ways: plain words, quotes, keys, list marks, comments, breaks.
_PIECES = st.text(alphabet=string.ascii_letters + " :-#'\"\n[]{}", max_size=12)
_EDIT = st.tuples(
    st.sampled_from(RECORD_FILES),
    st.floats(min_value=0, max_value=1),  # where in the file, as a fraction of its length
    st.integers(min_value=0, max_value=8),  # how many characters to replace
    _PIECES,
)


def _apply(root: Path, edit: tuple[str, float, int, str]) -> None:
    relative, where, length, text = edit
    path = root / relative
    old = path.read_text("utf-8")
    at = int(where * len(old))
    path.write_text(old[:at] + text + old[at + length :], "utf-8")


@pytest.mark.slow  # about 300 builds
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_every_edit_shows_as_a_cold_build_would_show_it(
    edits: list[tuple[str, float, int, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """After any sequence of edits, valid or not, each build with the cache matches the cold one."""
    tmp = tmp_path_factory.mktemp("edits")
    root = copy_project(FIXTURE, tmp / "project")
    assert _build(root)[0] == 0
    for edit in edits:
        _apply(root, edit)
        _assert_as_cold(_build(root), root, tmp / "cold")

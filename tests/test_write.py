"""Writing generated pages: only changes, stale pages removed, all or nothing."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from factsheet import config
from factsheet.output import write
from factsheet.output.write import Content, write_pages


def _snapshot(docs: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(docs).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(docs.rglob("*")) if p.is_file()
    }


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    pages = {"index.md": "home\n", "incidents/a.md": "A\n", "actors/b.md": "B\n"}
    first = write_pages(tmp_path, pages)
    assert sorted(first.written) == sorted(pages)
    os.utime(tmp_path / "actors" / "b.md", ns=(1, 1))
    second = write_pages(tmp_path, {**pages, "incidents/a.md": "A changed\n"})
    assert second.written == ["incidents/a.md"]
    assert second.unchanged == 2
    assert (tmp_path / "actors" / "b.md").stat().st_mtime_ns == 1


def test_stale_pages_disappear_and_hand_written_pages_stay(tmp_path: Path) -> None:
    (tmp_path / "methodology.md").write_text("ours\n")
    write_pages(tmp_path, {"index.md": "x\n", "incidents/old.md": "old\n"})
    report = write_pages(tmp_path, {"index.md": "x\n"})
    assert report.removed == ["incidents/old.md"]
    assert not (tmp_path / "incidents" / "old.md").exists()
    assert (tmp_path / "methodology.md").read_text() == "ours\n"


@pytest.mark.parametrize("bad", ["../x.md", "/abs.md", "incidents/../../x.md", "other/x.md",
                                 "methodology.md"])
def test_refuses_paths_outside_the_generated_folders(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="outside the generated folders"):
        write_pages(tmp_path / "docs", {bad: "x"})
    assert not any(tmp_path.rglob("x.md"))


def test_failure_while_writing_leaves_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {"index.md": "v1\n", "incidents/a.md": "a1\n", "incidents/b.md": "b1\n"}
    write_pages(tmp_path, before)
    snapshot = _snapshot(tmp_path)
    real_stage = write._stage
    calls = {"n": 0}

    def failing_stage(target: Path, data: Iterable[bytes]) -> Path:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full (injected)")
        return real_stage(target, data)

    monkeypatch.setattr(write, "_stage", failing_stage)
    with pytest.raises(OSError, match="injected"):
        write_pages(tmp_path, {k: v.replace("1", "2") for k, v in before.items()})
    assert _snapshot(tmp_path) == snapshot


def test_make_clean_removes_every_generated_path() -> None:
    """`make clean` must know every file and folder build.py writes into docs/."""
    makefile = (Path(__file__).parent.parent / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nclean:", 1)[1].split("\n\n", 1)[0]
    removed = set(recipe.split())
    for name in (*config.GENERATED_DIRS, *config.GENERATED_FILES):
        assert f"docs/{name}" in removed, f"make clean leaves docs/{name} behind"


def _stream(*chunks: str, fail_after: int | None = None) -> Iterator[bytes]:
    for number, chunk in enumerate(chunks):
        if fail_after is not None and number == fail_after:
            raise RuntimeError("the producer failed half-way (injected)")
        yield chunk.encode("utf-8")


def test_a_streamed_file_is_written_whole_and_left_alone_when_unchanged(tmp_path: Path) -> None:
    first = write_pages(tmp_path, [("data/big.json", _stream('{"a":', "[1,", "2]}\n"))])
    assert first.written == ["data/big.json"]
    assert (tmp_path / "data" / "big.json").read_text() == '{"a":[1,2]}\n'
    os.utime(tmp_path / "data" / "big.json", ns=(1, 1))
    again = write_pages(tmp_path, [("data/big.json", _stream('{"a":[1,2]}', "\n"))])
    assert again.written == [] and again.unchanged == 1
    assert (tmp_path / "data" / "big.json").stat().st_mtime_ns == 1
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["big.json"]  # no temp left


def test_a_stream_that_fails_half_way_leaves_previous_output(tmp_path: Path) -> None:
    before = {"index.md": "v1\n", "data/big.json": "old\n"}
    write_pages(tmp_path, before)
    snapshot = _snapshot(tmp_path)
    pages: list[tuple[str, Content]] = [
        ("index.md", "v2\n"), ("data/big.json", _stream("new", "er", fail_after=1))
    ]
    with pytest.raises(RuntimeError, match="injected"):
        write_pages(tmp_path, pages)
    assert _snapshot(tmp_path) == snapshot


def test_the_same_path_twice_is_refused_and_nothing_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="same path"):
        write_pages(tmp_path, [("index.md", "a\n"), ("index.md", "b\n")])
    assert not any(tmp_path.rglob("*.md"))

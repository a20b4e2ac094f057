"""The benchmark's synthetic corpus and report, on a tiny corpus (no timing is asserted)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from bench import run as bench
from bench import search as bench_search
from bench import synthetic

SMALL = 20


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_synthetic_corpus_passes_every_check(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, SMALL)
    result = run_cli(tmp_path, "check")
    assert result.code == 0, result.err
    sources, actors, incidents = synthetic.counts(SMALL)
    assert f"{sources} sources, {actors} actors, {incidents} incidents" in result.out


def test_synthetic_text_says_it_is_synthetic(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, SMALL)
    for path in (tmp_path / "facts").rglob("*.yaml"):
        assert "Synthetic" in path.read_text(encoding="utf-8"), path


def test_generation_is_deterministic_whatever_the_hash_seed(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "a", SMALL)
    code = (
        "import sys; from pathlib import Path; from bench import synthetic; "
        f"synthetic.generate(Path(sys.argv[1]), {SMALL})"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "b")],
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first.keys() == second.keys()
    assert first == second


def test_generate_refuses_a_folder_that_holds_records(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, 2)
    with pytest.raises(FileExistsError):
        synthetic.generate(tmp_path, 2)


@pytest.mark.bench
def test_bench_prints_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--sizes", str(SMALL), "--keep", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for label in (*bench.ROWS, *bench.CROSS_ROWS, *bench.TARGETS):
        assert label in out, label
    # With MkDocs run, every figure of a single size has a value.
    table = out.split("Across sizes", 1)[0]
    assert bench.SKIPPED not in table
    # The one-record edit rewrites the edited incident's page and only files that show it.
    edited = bench.edit_target(SMALL)
    assert f"incidents/{edited}.md" in out.split("Files the one-record edit rewrote", 1)[1]
    assert "not showing the edit" not in out
    assert "FAIL" not in out.split(bench.TARGETS[3], 1)[1].splitlines()[0]
    assert (tmp_path / f"n{SMALL}" / "site" / "incidents" / bench.PROBE / "index.html").is_file()
    # Search in Chromium: measured when the browser is here, otherwise said why not.
    missing = bench_search.unavailable()
    if missing is None:
        assert bench.NO_BROWSER not in out
        assert "matching document" in out.split("search: results shown", 1)[1].splitlines()[0]
        for target in bench.TARGETS[8:]:
            assert out.split(target, 1)[1].split()[0] in ("PASS", "FAIL"), target
    else:
        assert f"not measured: {missing}" in out


def test_search_server_sends_what_a_static_host_compresses(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    index = b'{"docs": []}' * 100
    (tmp_path / "search" / "search_index.json").write_bytes(index)
    (tmp_path / "index.html").write_bytes(b"<p>home</p>")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    gzipped = {"Accept-Encoding": "gzip, deflate"}
    with bench_search.serving(tmp_path) as url:
        for path, body in (("search/search_index.json", index), ("", b"<p>home</p>")):
            with urllib.request.urlopen(urllib.request.Request(url + path, headers=gzipped)) as r:
                assert r.headers["Content-Encoding"] == "gzip"
                assert gzip.decompress(r.read()) == body
        with urllib.request.urlopen(url + "search/search_index.json") as r:  # no gzip asked
            assert r.headers["Content-Encoding"] is None
            assert r.read() == index
        with urllib.request.urlopen(urllib.request.Request(url + "logo.png", headers=gzipped)) as r:
            assert r.headers["Content-Encoding"] is None
            assert r.read() == b"\x89PNG"


def test_search_without_a_browser_is_reported_not_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_search, "CHROMIUM", tmp_path / "no-chromium")
    reason = bench_search.unavailable()
    assert reason is not None
    assert bench_search.search_latency(tmp_path) is None
    size = bench.Size(SMALL, synthetic.counts(SMALL), search_missing=reason)
    out = bench.report([size])
    assert f"not measured: {reason}" in out
    for label in bench.SEARCH_ROWS:
        assert out.split(label, 1)[1].splitlines()[0].strip() == bench.NO_BROWSER, label
    for target in bench.TARGETS[8:]:
        assert f"n/a ({bench.NO_BROWSER})" in out.split(target, 1)[1].splitlines()[0]


def test_peak_memory_is_the_childs_own_not_the_benchmarks() -> None:
    """Linux carries a process's peak RSS across exec: a child started straight from a big
    benchmark process would report the benchmark's memory as its own."""
    ballast = bytearray(300 * 1024 * 1024)
    ballast[::4096] = b"\1" * len(ballast[::4096])  # touch every page: really resident
    small = bench.run_measured([sys.executable, "-c", "pass"], REPO)
    touch_150_mib = "b = bytearray(150 << 20); b[::4096] = b'1' * len(b[::4096])"
    grows = bench.run_measured([sys.executable, "-c", touch_150_mib], REPO)
    del ballast
    assert small.code == 0 and grows.code == 0
    assert 0 < small.rss_mib < 100
    assert grows.rss_mib >= 150
    assert small.wall > 0

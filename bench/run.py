"""Build benchmark: `python -m bench.run [--sizes 1000,10000] [--keep DIR] [--skip-mkdocs]`.

For each size N it generates a synthetic corpus (bench.synthetic), then measures:
the pipeline's stages in this process; the libyaml parse floor over the same files; whole
`python build.py` runs in a subprocess (full, no-op, after a one-record edit) with their
peak memory; `mkdocs build` and `mkdocs build --dirty`; and the sizes of what MkDocs
writes; then how fast Material's search answers in Chromium (bench.search). The
figures that matter are ratios (to the parse floor, to the full build, across sizes, to the
issue's targets): absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from factsheet import pipeline
from factsheet.config import CACHE_DIR, GENERATED_DIRS, GENERATED_FILES
from factsheet.load.strict_yaml import load_yaml_file
from factsheet.pipeline import Stage

from . import search as bench_search
from . import synthetic

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1000, 10000)
REPEAT_UP_TO = 2000  # small sizes are quick to repeat and the most disturbed by noise
PROBE = synthetic.incident_id(2)  # a leaf incident present at every size, same shape at each
MIB = 1024 * 1024
_FLOOR_LOADER: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

# The rows of pipeline.build's stages, in the order they run (see StageClock).
STAGE_ROWS = {
    Stage.LOAD: "load+schema: collect()",
    Stage.VALIDATE: "validate: cross-record checks",
    Stage.VERIFY: "verify: quotes against the lock files",
    Stage.LINK: "link",
    Stage.WRITE: "render + write: every page into an empty docs/",
}
BUILD = "pipeline.build"
# Downloads that hold the checksums of the others: they change with any download that shows
# an edit, so they count as showing it.
CHECKSUM_FILES = frozenset({"data/SHA256SUMS", "data/datapackage.json"})


# ------------------------------------------------------------------ measurements


@dataclass
class Run:
    """One finished subprocess."""

    wall: float  # seconds
    rss_mib: float  # peak resident memory of this child alone
    code: int
    out: str
    err: str


@dataclass
class Size:
    """Everything measured for one corpus size."""

    n: int
    records: tuple[int, int, int]
    yaml_bytes: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    floor: float = math.nan
    build: Run | None = None
    noop: Run | None = None
    edit: Run | None = None
    mkdocs: Run | None = None
    dirty: Run | None = None
    dirty_rewritten: int | None = None
    startup: Run | None = None  # python + importing the package, no work
    noop_written: int | None = None  # most pages any no-op run wrote
    edit_written: int | None = None  # most pages any edit run wrote
    edit_changed: list[str] = field(default_factory=list)  # docs/ files the edits touched
    edit_unrelated: list[str] = field(default_factory=list)  # ...that do not show the edit
    edit_expected: str = ""  # the edited incident's page, which must change
    page_html: int | None = None
    median_html: float | None = None
    search_index: int | None = None
    search: bench_search.SearchTiming | None = None
    search_missing: str | None = None  # why search was not measured in a browser


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("FACTSHEET_ARCHIVE", None)  # the synthetic corpus has no archive
    return env


# Runs the command as its own child and reports that child's time and peak memory. The
# detour matters: Linux carries a process's peak RSS across exec, and a child started by
# this process (vfork shares its memory until exec) starts with this process's peak, which
# holds whole corpora after the in-process stages. A grandchild forked from this small
# launcher starts from the launcher's few MiB.
_LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    report.write(f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_measured(command: Sequence[str], cwd: Path) -> Run:
    """Run a command; wall time and its own peak RSS (os.wait4 in a small launcher)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        figures = Path(scratch) / "figures"
        launcher = [sys.executable, "-c", _LAUNCHER, str(figures), *command]
        subprocess.run(launcher, cwd=cwd, env=_env(), stdout=out, stderr=err, check=False)
        wall, maxrss_kib, code = figures.read_text(encoding="utf-8").split()
        out.seek(0)
        err.seek(0)
        return Run(
            float(wall),
            int(maxrss_kib) / 1024,  # KiB on Linux
            int(code),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def _checked(run: Run, what: str) -> Run:
    if run.code != 0:
        raise RuntimeError(f"{what} failed ({run.code}):\n{run.err[-3000:]}")
    return run


def build_py(root: Path) -> Run:
    return _checked(
        run_measured([sys.executable, str(REPO / "build.py"), "--root", str(root)], root),
        "build.py",
    )


def mkdocs(root: Path, dirty: bool = False) -> Run:
    """`mkdocs build --strict` as `make site` runs it; --dirty instead of --strict, since
    MkDocs warns on every dirty build and --strict would turn that into a failure."""
    mode = "--dirty" if dirty else "--strict"
    command = [sys.executable, "-m", "mkdocs", "build", mode, "--site-dir", "site"]
    return _checked(run_measured(command, root), "mkdocs build")


def startup(root: Path) -> Run:
    """The fixed cost of every build.py run: the interpreter and the package's imports."""
    code = "import factsheet.cli"
    return _checked(run_measured([sys.executable, "-c", code], root), "python startup")


def pages_written(run: Run) -> int:
    """The count from the CLI's "Wrote N pages" line."""
    match = re.search(r"Wrote (\d+) pages", run.out)
    if not match:
        raise RuntimeError(f"build.py printed no 'Wrote N pages' line:\n{run.out}")
    return int(match.group(1))


def record_files(root: Path) -> list[Path]:
    return sorted((root / "facts").glob("*/*.yaml"))


def _timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def parse_floor(files: Sequence[Path]) -> float:
    """Read and parse every file with libyaml's C loader: what no YAML build can beat."""

    def parse_all() -> None:
        for path in files:
            yaml.load(path.read_bytes().decode("utf-8"), Loader=_FLOOR_LOADER)

    return _timed(parse_all)


def load_only(files: Sequence[Path], root: Path) -> float:
    """The strict loader alone over every file (collect does it together with the schema)."""

    def load_all() -> None:
        for path in files:
            loaded, problems = load_yaml_file(path, path.relative_to(root).as_posix())
            if loaded is None:
                raise RuntimeError(f"{path} did not load: {problems}")

    return _timed(load_all)


class StageClock:
    """pipeline.build's progress callback: each stage lasts until the next one starts."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._stage: Stage | None = None
        self._start = 0.0

    def __call__(self, stage: Stage) -> None:
        now = time.perf_counter()
        if self._stage is not None:
            self.times[self._stage] = self.times.get(self._stage, 0.0) + now - self._start
        self._stage, self._start = (None if stage is Stage.DONE else stage), now


def in_process(root: Path) -> dict[str, float]:
    """pipeline.build, the path build.py runs, from a cold start, each stage timed.

    No manifest or parse cache (caches=False) and the garbage collector off, as in a first
    `build.py build` (cli.run turns it off for the whole process).
    """
    _cold_start(root)
    clock = StageClock()
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        outcome = pipeline.build(root, progress=clock, caches=False)
        clock.times[BUILD] = time.perf_counter() - start
    finally:
        gc.enable()
    if outcome.problems:
        raise RuntimeError(f"the synthetic corpus has problems: {outcome.problems[:5]}")
    return clock.times


def _mtimes(folder: Path, pattern: str) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob(pattern) if p.is_file()}


def edit_target(n: int) -> str:
    """A leaf incident in the middle of the corpus (not a campaign: no children)."""
    number = max(2, n // 2)
    if synthetic.incident_id(number) == synthetic.incident_id(synthetic.campaign_of(number)):
        number += 1
    return synthetic.incident_id(min(number, n))


def _html_sizes(site: Path, result: Size) -> None:
    probe = site / "incidents" / PROBE / "index.html"
    result.page_html = probe.stat().st_size if probe.is_file() else None
    sizes = [p.stat().st_size for p in (site / "incidents").glob("*/index.html")]
    result.median_html = statistics.median(sizes) if sizes else None
    index = site / "search" / "search_index.json"
    result.search_index = index.stat().st_size if index.is_file() else None


def _search_run(result: Size, site: Path, repeat: int) -> None:
    """Material's search in Chromium, unless the browser or Playwright is missing here."""
    result.search_missing = bench_search.unavailable()
    if result.search_missing is None:
        result.search = bench_search.search_latency(site, repeat=repeat)


def _progress(n: int, message: str) -> None:
    print(f"[bench N={n:,}] {message}", file=sys.stderr, flush=True)


def best(runs: Sequence[Run]) -> Run:
    """The fastest of repeated runs (the least disturbed), with the highest peak memory."""
    fastest = min(runs, key=lambda r: r.wall)
    return replace(fastest, rss_mib=max(r.rss_mib for r in runs))


def _cold_start(root: Path) -> None:
    """As a fresh clone: no generated pages, no manifest, no parse cache."""
    docs = root / "docs"
    for name in GENERATED_DIRS:
        shutil.rmtree(docs / name, ignore_errors=True)
    for name in GENERATED_FILES:
        (docs / name).unlink(missing_ok=True)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)


def _in_process_runs(result: Size, root: Path, repeat: int) -> None:
    """Parse floor, loader and pipeline stages in this process; per figure the best of runs."""
    files = record_files(root)
    result.yaml_bytes = sum(p.stat().st_size for p in files)
    result.floor = min(parse_floor(files) for _ in range(repeat))
    result.stages["load"] = min(load_only(files, root) for _ in range(repeat))
    runs = [in_process(root) for _ in range(repeat)]
    for stage in runs[0]:
        result.stages[stage] = min(run[stage] for run in runs)


def _build_runs(result: Size, root: Path, repeat: int) -> None:
    """Full builds into an emptied docs/, then no-op rebuilds, as whole processes."""
    result.startup = best([startup(root) for _ in range(repeat)])
    full = []
    for _ in range(repeat):
        _cold_start(root)
        full.append(build_py(root))
    result.build = best(full)
    noop = [build_py(root) for _ in range(repeat)]
    result.noop = best(noop)
    result.noop_written = max(pages_written(run) for run in noop)


def _changed_files(docs: Path, before: dict[Path, int]) -> list[str]:
    after = _mtimes(docs, "*")
    return sorted(p.relative_to(docs).as_posix() for p, t in after.items() if before.get(p) != t)


def _edit_runs(result: Size, root: Path, repeat: int) -> None:
    """Edit one incident's summary and rebuild, noting which files in docs/ changed.

    The added sentence carries a marker word (letters and digits only, so no escaping
    changes it): a rewritten file that does not contain it did not depend on the edit.
    """
    target = edit_target(result.n)
    record = root / "facts" / "incidents" / f"{target}.yaml"
    docs = root / "docs"
    result.edit_expected = f"incidents/{target}.md"
    runs = []
    for attempt in range(1, repeat + 1):
        marker = f"benchedit{attempt}"
        synthetic.edit_summary(record, f"Synthetic edit {attempt}, marked {marker}.")
        before = _mtimes(docs, "*")
        runs.append(build_py(root))
        changed = _changed_files(docs, before)
        unrelated = [
            name
            for name in changed
            if name not in CHECKSUM_FILES
            and marker not in (docs / name).read_text("utf-8", "replace")
        ]
        result.edit_changed = sorted({*result.edit_changed, *changed})
        result.edit_unrelated = sorted({*result.edit_unrelated, *unrelated})
    result.edit = best(runs)
    result.edit_written = max(pages_written(run) for run in runs)


def _dirty_run(result: Size, root: Path) -> None:
    before = _mtimes(root / "site", "*.html")
    result.dirty = mkdocs(root, dirty=True)
    after = _mtimes(root / "site", "*.html")
    result.dirty_rewritten = sum(1 for p, t in after.items() if before.get(p) != t)


def measure(n: int, root: Path, skip_mkdocs: bool, repeat: int = 1) -> Size:
    """Generate a corpus of n incidents in root and take every measurement on it.

    Timings that are cheap to repeat are taken `repeat` times and the best kept, since
    other work on the machine only ever makes a run slower. MkDocs runs once.
    """
    result = Size(n, synthetic.counts(n))
    _progress(n, "generating the corpus")
    synthetic.generate(root, n)
    _progress(n, "in-process stages and the parse floor")
    _in_process_runs(result, root, repeat)
    _progress(n, "build.py: full builds, then no-op rebuilds")
    _build_runs(result, root, repeat)
    if not skip_mkdocs:
        _progress(n, "mkdocs build (at N=10,000 several minutes)")
        result.mkdocs = mkdocs(root)
        _html_sizes(root / "site", result)
        _progress(n, "search in Chromium (at N=10,000 minutes: the slow link)")
        _search_run(result, root / "site", repeat)
    _progress(n, "one-record edits, rebuilds")
    _edit_runs(result, root, repeat)
    if not skip_mkdocs:
        _progress(n, "mkdocs build --dirty after the edit")
        _dirty_run(result, root)
    return result


# ------------------------------------------------------------------------ report

# Search in Chromium (bench.search): the index as served, then each visit. The
# "index" rows come from the visit that waited for the index before typing.
SEARCH_HEADING = "-- search in Chromium: Material's built-in search (see below)"
SEARCH_ROWS = (
    "search index gzipped, as served (MB)",
    "search: index received after opening the page (s)",
    "search: index ready after opening the page (s)",
    "search: first result after typing, index ready (s)",
    "search: first result typed at load (s)",
    "search: the whole query alone, in the worker (s)",
    "search: results shown",
    "search, slow link: index received after opening the page (s)",
    "search, slow link: index ready after opening the page (s)",
    "search, slow link: first result after typing, index ready (s)",
    "search, slow link: first result typed at load (s)",
)
# Every row label the report prints, in order; section headings start with "--".
ROWS = (
    "-- corpus",
    "records (sources / actors / incidents)",
    "YAML size (MB)",
    "-- build.py stages in-process (s)",
    "load: loader over every file",
    *STAGE_ROWS.values(),
    BUILD,
    "libyaml parse floor: read + CSafeLoader",
    "load / floor",
    f"{BUILD} / floor",
    "-- build.py as a process",
    "python start + imports (s)",
    "full build (s)",
    "full build / floor",
    "peak RSS (MiB)",
    "no-op rebuild (s)",
    "no-op / full build",
    "no-op: pages written",
    "one-record edit rebuild (s)",
    "edit / full build",
    "edit: pages written",
    "-- mkdocs",
    "mkdocs build --strict (s)",
    "mkdocs peak RSS (MiB)",
    "mkdocs --dirty after the edit (s)",
    "--dirty / full mkdocs",
    "--dirty: HTML files rewritten",
    "edit visible: build.py edit + --dirty (s)",
    "build.py share of end-to-end",
    f"record page HTML, incidents/{PROBE} (KB)",
    "median incident page HTML (KB)",
    "search index, search/search_index.json (MB)",
    SEARCH_HEADING,
    *SEARCH_ROWS,
)
CROSS_ROWS = (
    "record page HTML, largest N / smallest N",
    "median incident page HTML, largest N / smallest N",
    "full build per record, largest N / smallest N",
    "mkdocs per page, largest N / smallest N",
)
TARGETS = (
    "full build <= 1.5x parse floor",
    "no-op rebuild <= 0.1x full build",
    "no-op rebuild writes no file",
    "one-record edit rewrites only files showing it",
    "one-record edit visible <= 2 s (build.py + --dirty)",
    "build.py <= 10% of end-to-end",
    "record page HTML at largest N <= 1.1x smallest",
    "build.py peak RSS <= 400 MiB",
    "search first result <= 0.5 s, index ready",
    "search first result <= 0.5 s, typed at load",
)
SKIPPED = "skipped"
NO_BROWSER = "no browser"
SEARCH_TARGET = 0.5  # seconds from typing to the first result (issue 7)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0 or math.isnan(a) or math.isnan(b):
        return None
    return a / b


def _fmt(value: float | int | str | None, spec: str = ".2f", suffix: str = "") -> str:
    if value is None:
        return SKIPPED
    if isinstance(value, str):
        return value
    return f"{value:{spec}}{suffix}"


def _wall(run: Run | None) -> float | None:
    return run.wall if run else None


def _stage(s: Size, name: str) -> float | None:
    return s.stages.get(name)


def _pipeline_total(s: Size) -> float | None:
    return s.stages.get(BUILD)


def _edit_visible(s: Size) -> float | None:
    """From saving the edit to its page in the site: build.py, then mkdocs --dirty."""
    edit, dirty = _wall(s.edit), _wall(s.dirty)
    return None if edit is None or dirty is None else edit + dirty


def _share(s: Size) -> float | None:
    if s.build is None or s.mkdocs is None:
        return None
    return s.build.wall / (s.build.wall + s.mkdocs.wall)


def _kb(value: float | None) -> float | None:
    return value / 1024 if value is not None else None


def _seconds(visit: bench_search.Visit | None, what: str) -> str:
    return _fmt(getattr(visit, what) if visit else None, ".3f")


def _search_cells(s: Size) -> dict[str, str]:
    """The search rows of one column: "no browser" when chromium or Playwright is missing."""
    if s.search is None:
        return dict.fromkeys(SEARCH_ROWS, NO_BROWSER if s.search_missing else SKIPPED)
    t = s.search
    shown = t.once_ready.get(bench_search.LOCAL.name)
    cells = {
        "search index gzipped, as served (MB)": _fmt(t.index_gzip_bytes / MIB, ".1f"),
        "search: the whole query alone, in the worker (s)": _seconds(shown, "query_alone"),
        "search: results shown": shown.results if shown else SKIPPED,
    }
    for prefix, network in (
        ("search", bench_search.LOCAL),
        ("search, slow link", bench_search.SLOW),
    ):
        ready, at_load = t.once_ready.get(network.name), t.at_load.get(network.name)
        cells |= {
            f"{prefix}: index received after opening the page (s)": _seconds(
                ready, "index_received"
            ),
            f"{prefix}: index ready after opening the page (s)": _seconds(ready, "index_ready"),
            f"{prefix}: first result after typing, index ready (s)": _seconds(
                ready, "first_result"
            ),
            f"{prefix}: first result typed at load (s)": _seconds(at_load, "first_result"),
        }
    return cells


def _column(s: Size) -> dict[str, str]:
    """One column of the table: every row's text for one size."""
    build, noop, edit = _wall(s.build), _wall(s.noop), _wall(s.edit)
    src, act, inc = s.records
    return {
        "records (sources / actors / incidents)": f"{src:,} / {act:,} / {inc:,}",
        "YAML size (MB)": _fmt(s.yaml_bytes / MIB, ".1f"),
        "load: loader over every file": _fmt(_stage(s, "load"), ".3f"),
        **{row: _fmt(_stage(s, stage), ".3f") for stage, row in STAGE_ROWS.items()},
        BUILD: _fmt(_pipeline_total(s), ".3f"),
        "libyaml parse floor: read + CSafeLoader": _fmt(s.floor, ".3f"),
        "load / floor": _fmt(_ratio(_stage(s, "load"), s.floor), ".1f", "x"),
        f"{BUILD} / floor": _fmt(_ratio(_pipeline_total(s), s.floor), ".1f", "x"),
        "python start + imports (s)": _fmt(_wall(s.startup)),
        "full build (s)": _fmt(build),
        "full build / floor": _fmt(_ratio(build, s.floor), ".1f", "x"),
        "peak RSS (MiB)": _fmt(s.build.rss_mib if s.build else None, ".0f"),
        "no-op rebuild (s)": _fmt(noop),
        "no-op / full build": _fmt(_ratio(noop, build), ".2f", "x"),
        "no-op: pages written": _fmt(s.noop_written, "d"),
        "one-record edit rebuild (s)": _fmt(edit),
        "edit / full build": _fmt(_ratio(edit, build), ".2f", "x"),
        "edit: pages written": _fmt(s.edit_written, "d"),
        "mkdocs build --strict (s)": _fmt(_wall(s.mkdocs), ".1f"),
        "mkdocs peak RSS (MiB)": _fmt(s.mkdocs.rss_mib if s.mkdocs else None, ".0f"),
        "mkdocs --dirty after the edit (s)": _fmt(_wall(s.dirty), ".1f"),
        "--dirty / full mkdocs": _fmt(_ratio(_wall(s.dirty), _wall(s.mkdocs)), ".2f", "x"),
        "--dirty: HTML files rewritten": _fmt(s.dirty_rewritten, "d"),
        "edit visible: build.py edit + --dirty (s)": _fmt(_edit_visible(s), ".1f"),
        "build.py share of end-to-end": _fmt(_share(s), ".1%"),
        f"record page HTML, incidents/{PROBE} (KB)": _fmt(_kb(s.page_html), ".1f"),
        "median incident page HTML (KB)": _fmt(_kb(s.median_html), ".1f"),
        "search index, search/search_index.json (MB)": _fmt(
            s.search_index / MIB if s.search_index is not None else None, ".1f"
        ),
        **_search_cells(s),
    }


def _cross(sizes: Sequence[Size]) -> dict[str, str]:
    """Ratios between the largest and the smallest size (per record, where time scales)."""
    na = "n/a (needs two sizes)"
    if len(sizes) < 2:
        return dict.fromkeys(CROSS_ROWS, na)
    small, large = min(sizes, key=lambda s: s.n), max(sizes, key=lambda s: s.n)

    def per_record(s: Size, run: Run | None) -> float | None:
        return run.wall / sum(s.records) if run else None

    figures = (
        _ratio(large.page_html, small.page_html),
        _ratio(large.median_html, small.median_html),
        _ratio(per_record(large, large.build), per_record(small, small.build)),
        _ratio(per_record(large, large.mkdocs), per_record(small, small.mkdocs)),
    )
    return {row: _fmt(value, ".2f", "x") for row, value in zip(CROSS_ROWS, figures, strict=True)}


def _verdict(ok: bool | None, shown: str) -> str:
    if ok is None:
        return f"n/a ({shown})" if shown != SKIPPED else SKIPPED
    return f"{'PASS' if ok else 'FAIL'} ({shown})"


def _search_target(s: Size, ready: bool) -> str:
    """First result within 0.5 s of typing (local network), with its ratio to 0.5 s."""
    if s.search is None:
        return _verdict(None, NO_BROWSER if s.search_missing else SKIPPED)
    visits = s.search.once_ready if ready else s.search.at_load
    v = visits.get(bench_search.LOCAL.name)
    if v is None:
        return _verdict(None, SKIPPED)
    shown = f"{v.first_result:.3f} s = {v.first_result / SEARCH_TARGET:.1f}x"
    return _verdict(v.first_result <= SEARCH_TARGET, shown)


def _targets(s: Size, sizes: Sequence[Size]) -> dict[str, str]:
    """Each target of the issue for one size, as PASS/FAIL with the figure it rests on."""
    build, noop = _wall(s.build), _wall(s.noop)
    floor_ratio = _ratio(build, s.floor)
    noop_ratio = _ratio(noop, build)
    noop_pages = s.noop_written
    # The edited incident's page must change, and every file rewritten must show the edit.
    edit_pages = s.edit_written
    edit_only = s.edit_expected in s.edit_changed and not s.edit_unrelated
    share = _share(s)
    small = min(sizes, key=lambda x: x.n)
    html_ratio = _ratio(s.page_html, small.page_html) if s is not small else None
    rss = s.build.rss_mib if s.build else None
    typed_ready, typed_at_load = _search_target(s, ready=True), _search_target(s, ready=False)

    def check(value: float | None, limit: float, spec: str, suffix: str = "") -> str:
        return _verdict(None if value is None else value <= limit, _fmt(value, spec, suffix))

    return {
        TARGETS[0]: check(floor_ratio, 1.5, ".1f", "x"),
        TARGETS[1]: check(noop_ratio, 0.1, ".2f", "x"),
        TARGETS[2]: check(noop_pages, 0, "d", " written"),
        TARGETS[3]: _verdict(
            None if s.edit is None else edit_only, _fmt(edit_pages, "d", " written")
        ),
        TARGETS[4]: check(_edit_visible(s), 2.0, ".1f", " s"),
        TARGETS[5]: check(share, 0.10, ".1%"),
        TARGETS[6]: check(html_ratio, 1.1, ".2f", "x") if s is not small else "baseline",
        TARGETS[7]: check(rss, 400, ".0f", " MiB"),
        TARGETS[8]: typed_ready,
        TARGETS[9]: typed_at_load,
    }


def _table(
    title: str, labels: Sequence[str], columns: Sequence[dict[str, str]], heads: Sequence[str]
) -> list[str]:
    width = max(len(label) for label in labels) + 2
    cells = [
        max(len(h), *(len(c.get(label, "")) for label in labels)) + 2
        for h, c in zip(heads, columns, strict=True)
    ]
    lines = [title, " " * width + "".join(h.rjust(w) for h, w in zip(heads, cells, strict=True))]
    for label in labels:
        if label.startswith("-- "):
            lines.append(label)
            continue
        values = "".join(c[label].rjust(w) for c, w in zip(columns, cells, strict=True))
        lines.append(label.ljust(width) + values)
    return lines


def _edit_files(s: Size, most: int = 6) -> str:
    if not s.edit_changed:
        return "none"
    shown = ", ".join(s.edit_changed[:most])
    more = f" and {len(s.edit_changed) - most} more" if len(s.edit_changed) > most else ""
    unrelated = f"; not showing the edit: {', '.join(s.edit_unrelated)}" if s.edit_unrelated else ""
    return shown + more + unrelated


def _search_notes(sizes: Sequence[Size]) -> list[str]:
    """How search was measured, and why it was not when the browser is missing."""
    lines = [
        "Search in Chromium",
        f"  {bench_search.QUERY!r} typed into the home page's search box, "
        f"{bench_search.KEY_DELAY_MS} ms a key, in a fresh context (empty cache);",
        "  first result: from the last key to the first result of the whole query shown;",
        "  the whole query alone: the worker's time for the complete word, without the",
        "  prefixes typed before it (a lower bound on first result once the index is ready);",
        "  index: from opening the page; the site is served gzipped from 127.0.0.1;",
        f"  slow link: {bench_search.SLOW.name} (Chromium's network emulation).",
    ]
    missing = {s.search_missing for s in sizes if s.search_missing}
    lines += [f"  not measured: {reason}" for reason in sorted(missing)]
    return lines


def report(sizes: Sequence[Size]) -> str:
    """The whole report: the figures per size, cross-size ratios, the issue's targets."""
    heads = [f"N={s.n:,}" for s in sizes]
    lines = _table(
        "Factsheet build benchmark (synthetic corpus; ratios are the figures to "
        "report, times depend on the machine)",
        ROWS,
        [_column(s) for s in sizes],
        heads,
    )
    cross = _cross(sizes)
    lines += ["", "Across sizes"] + [f"  {k}: {v}" for k, v in cross.items()]
    lines += ["", *_search_notes(sizes)]
    lines += ["", "Files the one-record edit rewrote in docs/"]
    lines += [f"  N={s.n:,}: {_edit_files(s)}" for s in sizes]
    lines += ["", *_table("Targets (issue 7)", TARGETS, [_targets(s, sizes) for s in sizes], heads)]
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------- main


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text}") from error
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError("sizes must be whole numbers of at least 2")
    return sizes


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="incident counts to measure, comma-separated (default: 1000,10000)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="generate into DIR/n<N> and keep the trees (default: a temp dir)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        metavar="K",
        help="take the best of K runs of every timing but mkdocs "
        f"(default: 3 up to N={REPEAT_UP_TO:,}, 1 above)",
    )
    parser.add_argument(
        "--skip-mkdocs", action="store_true", help="leave out the mkdocs builds and the HTML sizes"
    )
    return parser


def _root_for(n: int, keep: Path | None, scratch: Path) -> Path:
    root = (keep or scratch) / f"n{n}"
    if root.exists():
        raise FileExistsError(f"{root} exists: remove it or choose another --keep folder")
    root.mkdir(parents=True)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    results: list[Size] = []
    try:
        with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as scratch:
            for n in args.sizes:
                root = _root_for(n, args.keep, Path(scratch))
                repeat = args.repeat or (3 if n <= REPEAT_UP_TO else 1)
                results.append(measure(n, root, args.skip_mkdocs, max(1, repeat)))
                if args.keep is None:
                    shutil.rmtree(root)  # free the disk before the next, larger size
    finally:
        if results:  # a failure at a large size keeps what the smaller ones measured
            sys.stdout.write(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

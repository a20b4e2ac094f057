"""Loading and shape-checking take time linear in a record's size, whatever its shape.

Each shape here once made a record of 1 MB or less stall `check` for a minute or more:
a `#` after every list item (newlines counted from the start of the text per comment),
one long flow line (the rest of the line copied per value) and a list of 150,000 items
that jsonschema checks one by one (a `$ref` resolved per item). Each is run near the size
limit through the real CLI, which must refuse or accept it cleanly; then at two sizes in
one process, where doubling the input may at most about double the time. No test here
compares a time with a clock figure: only the ratio of two runs made side by side.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURE, Run, copy_project, run_cli
from helpers import TRACE_WORDS, located

from factsheet.files import MAX_FILE_BYTES
from factsheet.problems import MAX_PER_FILE

ACTOR = """name: A hostile actor
kind: ngo
description:
  text: An actor whose record is made to be slow to read.
  citations:
    - source: wire-story
"""


def _comments(size: int) -> str:
    return ACTOR + "aliases:\n" + "  - a #\n" * (size // 8)


def _flow_line(size: int) -> str:
    # A comment at the end of the line makes the loader look after every value in it.
    return ACTOR + "notes: [" + "a," * (size // 2) + "a] # the end\n"


def _flow_line_event_path(size: int) -> str:
    # The anchor sends the file down the slower path that gives the messages.
    return ACTOR + "notes: &n [" + "a," * (size // 2) + "a] # the end\n"


def _aliases(size: int) -> str:
    return ACTOR + "aliases:\n" + "  - a\n" * (size // 6)


@dataclass(frozen=True)
class Shape:
    make: Callable[[int], str]
    field: str  # the field the first problem names
    message: str  # words of that problem


SHAPES = {
    "comment-after-every-item": Shape(_comments, "aliases[0]", "read as a note"),
    "one-long-flow-line": Shape(_flow_line, "notes", "must be a piece of text"),
    "one-long-flow-line-event-path": Shape(_flow_line_event_path, "notes", "uses an anchor"),
    "150000-aliases": Shape(_aliases, "aliases", "lists the same item twice"),
}
FULL = MAX_FILE_BYTES - 2_000  # just under the limit, with room for the record around it


def _project(top: Path, texts: dict[str, str]) -> Path:
    root = copy_project(FIXTURE, top)
    for name, text in texts.items():
        (root / f"facts/actors/{name}.yaml").write_text(text, encoding="utf-8")
    return root


# ------------------------------------------------------------------ near the size limit


@pytest.fixture(scope="module")
def full_size(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every shape at just under MAX_FILE_BYTES, in one project, one real `check` run."""
    texts = {name: shape.make(FULL) for name, shape in SHAPES.items()}
    for name, text in texts.items():
        assert FULL - 100 < len(text.encode()) <= MAX_FILE_BYTES, name
    return run_cli(_project(tmp_path_factory.mktemp("full") / "project", texts), "check")


@pytest.mark.slow  # four files near the size limit, each a slow shape
@pytest.mark.parametrize("name", SHAPES)
def test_a_slow_shape_near_the_size_limit_is_refused_clearly(name: str, full_size: Run) -> None:
    assert full_size.code == 1, full_size.err[-2000:]
    for word in TRACE_WORDS:
        assert word not in full_size.err
    lines = located(full_size.err, f"facts/actors/{name}.yaml")
    assert lines, full_size.err[-2000:]
    shape = SHAPES[name]
    assert f": {shape.field}: " in lines[0] and shape.message in lines[0], lines[0]
    assert len(lines) <= MAX_PER_FILE + 1, f"{len(lines)} problems listed for one file"


# ------------------------------------------------------------------ scaling

SMALL = FULL // 2  # and twice that, near the limit: where a quadratic part would dominate
REPEATS = 3


def _seconds(root: Path) -> tuple[float, Run]:
    """How long `check` takes in this process, the garbage collector held off: its passes
    come at moments that depend on everything allocated before, which is noise here."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = run_cli(root, "check")
        return time.perf_counter() - start, result
    finally:
        gc.enable()


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Imports and compiled schemas ready before anything is timed."""
    top = tmp_path_factory.mktemp("scaling")
    result = run_cli(_project(top / "warm", {}), "check")
    assert result.code == 0, result.err
    return top


@pytest.mark.slow  # six timed checks of files near the size limit per shape
@pytest.mark.parametrize("name", SHAPES)
def test_doubling_a_slow_shape_at_most_about_doubles_the_time(name: str, warm: Path) -> None:
    make = SHAPES[name].make
    small = _project(warm / f"{name}-1", {name: make(SMALL)})
    double = _project(warm / f"{name}-2", {name: make(2 * SMALL)})
    # The fastest of three alternating runs of each: the minimum is what the code costs,
    # anything above it is the machine doing something else at that moment.
    runs = [(_seconds(small), _seconds(double)) for _ in range(REPEATS)]
    once, first = min((pair[0] for pair in runs), key=lambda timed: timed[0])
    twice, second = min((pair[1] for pair in runs), key=lambda timed: timed[0])
    assert first.code == second.code == 1, (first.err[-500:], second.err[-500:])
    ratio = twice / once
    print(f"{name}: {once:.2f}s at {SMALL:,} bytes, {twice:.2f}s at twice that: x{ratio:.2f}")
    assert ratio <= 3, f"{name}: doubling the record took x{ratio:.2f} the time"

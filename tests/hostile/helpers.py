"""Shared pieces of the hostile-input acceptance suite: plain functions, no fixtures.

A case starts from a copy of the fixture project that was built cleanly (docs/ and site/),
adds ONE hostile thing, runs the CLI and compares a snapshot of the whole temporary tree
taken just before the run with one taken after. The CLI runs in this process (its entry
point, factsheet.cli.main), except for the cases marked `process=True`: those where the
process itself is under test (it must exit, not die by a signal or a stack overflow, within
its time), which run `python build.py` and carry the `process` marker.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE, REPO, Run, copy_project, run_build_py, run_cli

from factsheet.config import CACHE_DIR, GENERATED_DIRS, GENERATED_FILES, PUBLISHED_FILE
from factsheet.load.cache import ANCHOR, RECORDS
from factsheet.output.buildcache import MANIFEST
from factsheet.problems import clean

__all__ = ["FIXTURE", "REPO", "Run", "run_build_py", "run_cli"]

# What `mkdocs build` needs beside facts/ and the generated pages.
SITE_INPUTS = ("mkdocs.yml", "overrides", "hooks", "docs/methodology.md", "docs/corrections.md",
               "docs/about.md", "docs/tags.md", "docs/assets")
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}
HOSTILE = "facts/incidents/hostile.yaml"  # where most cases put their one hostile record


# ------------------------------------------------------------------------ projects


def prepare_project(target: Path, *, site_inputs: bool = True) -> Path:
    """A copy of the fixture project, plus what MkDocs needs when site_inputs is set."""
    root = copy_project(FIXTURE, target)
    if site_inputs:
        for name in SITE_INPUTS:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            else:
                shutil.copy2(source, root / name)
    return root


def clone(built: Path, target: Path) -> Path:
    """A copy of a project; copy2 keeps every timestamp, links stay links."""
    shutil.copytree(built, target, symlinks=True)
    return target


def build_mkdocs(
    root: Path, site_dir: str = "site", *, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         "--site-dir", site_dir],
        cwd=root, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, **MKDOCS_ENV},
    )


def build_clean(root: Path, *, site: bool = False) -> None:
    """Build docs/ (and site/) of a project that must be valid."""
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    if site:
        made = build_mkdocs(root)
        assert made.returncode == 0, made.stderr


@functools.cache
def built_base() -> Path:
    """The fixture project with docs/ and site/ built, once per test process (read-only use:
    cases clone it)."""
    top = Path(tempfile.mkdtemp(prefix="factsheet-hostile-"))
    atexit.register(shutil.rmtree, top, True)
    root = prepare_project(top / "project")
    build_clean(root, site=True)
    return root


# ------------------------------------------------------------------------ snapshots

Entry = tuple[Any, ...]


def snapshot(top: Path, *, stat_only: Iterable[str] = ()) -> dict[str, Entry]:
    """Every entry under top, links not followed: kind, mode, size, mtime and a hash of the
    bytes (except for files under one of the relative prefixes in stat_only)."""
    skip_hash = tuple(stat_only)
    found: dict[str, Entry] = {}
    for folder, dirs, files in os.walk(top, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            rel = path.relative_to(top).as_posix()
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                found[rel] = ("dir", stat.S_IMODE(info.st_mode))
            elif not stat.S_ISREG(info.st_mode):  # a pipe or a device: never open it
                found[rel] = ("other", stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode))
            else:
                digest = ""
                if not (skip_hash and rel.startswith(skip_hash)):
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[rel] = ("file", stat.S_IMODE(info.st_mode), info.st_size,
                              info.st_mtime_ns, digest)
    return found


def diff(before: Mapping[str, Entry], after: Mapping[str, Entry]) -> list[str]:
    """What changed between two snapshots, one line per path."""
    lines = [f"new: {p}" for p in sorted(set(after) - set(before))]
    lines += [f"gone: {p}" for p in sorted(set(before) - set(after))]
    lines += [f"changed: {p}" for p in sorted(set(before) & set(after)) if before[p] != after[p]]
    return lines


def generated(rel_to_project: str) -> bool:
    """Whether a path relative to the project is one that build.py may write: the pages,
    and after a successful build the no-op manifest, the parse cache and the list of
    published addresses (never on a refused one)."""
    if rel_to_project in (CACHE_DIR, PUBLISHED_FILE) or rel_to_project in (
        f"{CACHE_DIR}/{name}" for name in (MANIFEST, RECORDS, ANCHOR)
    ):
        return True
    parts = rel_to_project.split("/")
    return parts[0] == "docs" and len(parts) > 1 and (
        parts[1] in GENERATED_DIRS or (len(parts) == 2 and parts[1] in GENERATED_FILES)
    )


@dataclass
class Case:
    """The outcome of one CLI run on a hostile project."""

    root: Path  # the project
    result: Run
    changes: list[str]  # paths under the tmp folder that changed, relative to it
    seconds: float = 0.0  # how long the CLI ran

    def outside_generated(self) -> list[str]:
        """Changes anywhere but in docs/'s generated pages of the project."""
        prefix = "project/"
        return [
            line for line in self.changes
            if not (line.split(": ", 1)[1].startswith(prefix)
                    and generated(line.split(": ", 1)[1][len(prefix):]))
        ]


def run_case(tmp: Path, add: Callable[[Path], object], command: str = "build",
             env: dict[str, str] | None = None, *, process: bool = False) -> Case:
    """Clone the built base into tmp/project, let `add` make it hostile, run the CLI (in a
    new process when `process`) and report everything that changed under tmp."""
    root = clone(built_base(), tmp / "project")
    add(root)
    before = snapshot(tmp, stat_only=("project/site/",))
    start = time.monotonic()
    result = (run_build_py if process else run_cli)(root, command, env=env)
    seconds = time.monotonic() - start
    after = snapshot(tmp, stat_only=("project/site/",))
    return Case(root, result, diff(before, after), seconds)


@dataclass(frozen=True)
class Spec:
    """One hostile case: how to make the project hostile, and what the refusal must name."""

    id: str
    add: Callable[[Path], object]
    field: str | None = None  # the field the problems must name, when there is one
    display: str = HOSTILE  # the file the problems must name
    command: str = "build"
    check: Callable[[Case], None] | None = None  # anything else to assert
    # True: refused, nothing changed. False: fine (or ignored), the build succeeds.
    # None: either, as long as nothing outside docs/'s generated pages changed.
    refused: bool | None = True
    # Run `python build.py` in its own process: for the cases that could crash or hang a
    # process (deep nesting, huge input), where its exit status and time are under test.
    process: bool = False


def params(specs: Iterable[Spec]) -> list[Any]:
    """pytest parameters of the specs, by id; `process` cases carry the `process` marker."""
    return [
        pytest.param(spec, id=spec.id, marks=[pytest.mark.process] if spec.process else [])
        for spec in specs
    ]


def run_all(specs: Iterable[Spec], top: Path) -> dict[str, Case]:
    """Every case in its own folder under top: in this process one after the other, the
    `process` ones a few at a time in their own processes."""
    outcomes = Outcomes(list(specs), top)
    return {spec.id: outcomes[spec.id] for spec in outcomes.specs}


class Outcomes:
    """The cases of a test module, each run when a test first asks for its outcome, so that
    a deselected case (`make test-fast` leaves out `process`) costs nothing. The first
    `process` case asked for runs all of them at once, in parallel processes."""

    def __init__(self, specs: Sequence[Spec], top: Path) -> None:
        ids = [spec.id for spec in specs]
        assert len(set(ids)) == len(ids), "case ids must be unique"
        self.specs = list(specs)
        self._top = top
        self._done: dict[str, Case] = {}

    def __getitem__(self, case_id: str) -> Case:
        if case_id not in self._done:
            index = next(i for i, spec in enumerate(self.specs) if spec.id == case_id)
            if self.specs[index].process:
                self._run_processes()
            else:
                self._done[case_id] = self._run(index)
        return self._done[case_id]

    def _run(self, index: int) -> Case:
        spec = self.specs[index]
        folder = self._top / f"case{index:03d}"
        folder.mkdir()
        return run_case(folder, spec.add, spec.command, process=spec.process)

    def _run_processes(self) -> None:
        todo = [i for i, spec in enumerate(self.specs) if spec.process]
        built_base()  # once, before the threads ask for it
        workers = min(8, (os.cpu_count() or 2) + 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for index, case in zip(todo, pool.map(self._run, todo), strict=True):
                self._done[self.specs[index].id] = case


def forget_published(root: Path) -> None:
    """After an example's build: a record written for one example only was never published,
    so its address must not be kept alive for the next example (see check/published.py)."""
    (root / PUBLISHED_FILE).unlink(missing_ok=True)


def write_record(root: Path, text: str | bytes, display: str = HOSTILE) -> Path:
    path = root / display
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# ------------------------------------------------------------------------ CLI output

TRACE_WORDS = ("Traceback", "internal error")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def located(err: str, display: str) -> list[str]:
    """The problem lines of stderr that name `display` with a line and a column.

    Messages show control characters escaped (a newline in a file name as \\n), so the
    display is looked for in that form.
    """
    pattern = re.compile("^" + re.escape(clean(display)) + r":\d+:\d+:.*$", re.MULTILINE)
    return [match.group(0) for match in pattern.finditer(err)]


def assert_refused(case: Case, display: str = HOSTILE, field: str | None = None) -> None:
    """Exit 1 (not a signal), the file named with line:column (when display is given), the
    field named, no trace, and nothing anywhere changed."""
    result = case.result
    assert result.code == 1, (result.code, result.out, result.err[-3000:])
    for word in TRACE_WORDS:
        assert word not in result.err, result.err[-3000:]
    lines = located(result.err, display) if display else []
    assert lines or not display, f"no {display}:LINE:COL in:\n{result.err[-3000:]}"
    if field is not None:
        pattern = re.compile(rf":\d+:\d+: {re.escape(field)}:")
        named = [line for line in lines if pattern.search(line)]
        assert named, f"field {field} is not named in:\n{result.err[-3000:]}"
    assert case.changes == [], case.changes


def assert_accepted(case: Case) -> None:
    """Exit 0, no trace, and nothing changed but docs/'s generated pages."""
    result = case.result
    assert result.code == 0, (result.code, result.out, result.err[-3000:])
    for word in TRACE_WORDS:
        assert word not in result.err
    assert case.outside_generated() == [], case.outside_generated()


def assert_outcome(spec: Spec, case: Case) -> None:
    """What every hostile case must meet, then its own check."""
    if spec.refused or (spec.refused is None and case.result.code != 0):
        if spec.refused is None:  # a refusal then only has to leave the outside alone
            case = dataclasses.replace(case, changes=case.outside_generated())
        assert_refused(case, spec.display, spec.field)
    else:
        assert_accepted(case)
    if spec.check is not None:
        spec.check(case)


def assert_no_raw_controls(text: str) -> None:
    """Terminal output must not carry escape sequences or other raw controls from records."""
    found = sorted({f"U+{ord(c):04X}" for c in _RAW_CONTROL.findall(text)})
    assert not found, f"raw control characters in the output: {found}"


# ------------------------------------------------------------------------ records


def yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`.

    JSON escapes are YAML escapes, except that YAML wants characters outside the BMP as one
    \\UXXXXXXXX escape, not a surrogate pair; everything YAML may not hold raw is escaped.
    """
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code > 0xFFFF:
            out.append(f"\\U{code:08x}")
        elif code < 0x20 or 0x7F <= code <= 0xA0 or 0xD800 <= code <= 0xDFFF or code in (
            0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF
        ):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def base_incident(title: str = "A hostile test incident", extra: str = "") -> str:
    """A valid incident using the fixture's records; `extra` is appended at top level."""
    return (
        f"title: {yaml_quote(title)}\n"
        "kind: airstrike\n"
        "date:\n"
        '  start: "2015-11-29"\n'
        "  citations:\n"
        "    - source: unsigned-page\n"
        "summary:\n"
        "  text: A plain summary.\n"
        "  citations:\n"
        "    - source: unsigned-page\n"
        + extra
    )


# ------------------------------------------------------------------------ hostile records

# Every text field that reaches a page: (record kind, field as messages name it, placeholder).
FIELDS = [
    ("incidents", "title", "title"),
    ("incidents", "date.note", "date_note"),
    ("incidents", "location.place", "place"),
    ("incidents", "location.province", "province"),
    ("incidents", "location.country", "country"),
    ("incidents", "location.note", "location_note"),
    ("incidents", "summary.text", "summary"),
    ("incidents", "summary.citations[0].quote", "quote"),
    ("incidents", "summary.citations[0].locator", "locator"),
    ("incidents", "actors[0].note", "role_note"),
    ("incidents", "figures[0].scope", "scope"),
    ("incidents", "figures[0].stated", "stated"),
    ("incidents", "figures[0].claimant_note", "figure_claimant_note"),
    ("incidents", "figures[0].note", "figure_note"),
    ("incidents", "claims[0].claimant_note", "claim_claimant_note"),
    ("incidents", "claims[0].text", "claim_text"),
    ("incidents", "discrepancies[0].text", "discrepancy"),
    ("incidents", "notes", "notes"),
    ("actors", "name", "name"),
    ("actors", "aliases[0]", "alias"),
    ("actors", "description.text", "description"),
    ("actors", "description.citations[0].quote", "quote"),
    ("actors", "description.citations[0].locator", "locator"),
    ("actors", "affiliations[0].role", "role"),
    ("actors", "notes", "notes"),
    ("sources", "title", "title"),
    ("sources", "publisher_note", "publisher_note"),
    ("sources", "published_note", "published_note"),
    ("sources", "notes", "notes"),
    ("sources", "authors[0]", "author"),
    ("sources", "derived_from_note", "derived_from_note"),
]

TEMPLATES = {
    "incidents": """title: {title}
kind: airstrike
date:
  start: "2015-11-29"
  note: {date_note}
  citations:
    - source: unsigned-page
location:
  place: {place}
  province: {province}
  country: {country}
  note: {location_note}
  citations:
    - source: unsigned-page
summary:
  text: {summary}
  citations:
    - source: unsigned-page
      quote: {quote}
      locator: {locator}
actors:
  - actor: defence-ministry
    role: alleged-perpetrator
    note: {role_note}
    citations:
      - source: unsigned-page
figures:
  - measure: civilians-killed
    scope: {scope}
    value: "3"
    qualifier: about
    stated: {stated}
    claimant: unknown
    claimant_note: {figure_claimant_note}
    note: {figure_note}
    citations:
      - source: unsigned-page
claims:
  - id: {claim_id}
    claimant: unknown
    claimant_note: {claim_claimant_note}
    stance: states
    text: {claim_text}
    citations:
      - source: unsigned-page
discrepancies:
  - text: {discrepancy}
    citations:
      - source: unsigned-page
notes: {notes}
""",
    "actors": """name: {name}
kind: person
aliases: [{alias}]
description:
  text: {description}
  citations:
    - source: unsigned-page
      quote: {quote}
      locator: {locator}
affiliations:
  - actor: defence-ministry
    role: {role}
    citations:
      - source: unsigned-page
notes: {notes}
""",
    "sources": """title: {title}
kind: news-article
publisher: unknown
publisher_note: {publisher_note}
url: {url}
archive_url: {archive_url}
published: "2015"
published_note: {published_note}
language: en
authors: [{author}]
derived_from: [wire-story]
derived_from_note: {derived_from_note}
notes: {notes}
""",
}
# Valid http(s) addresses that are hostile inside Markdown link syntax.
URL = "https://example.org/{n})[y](javascript:alert(1))*_{{onclick=alert(1)}}"
ARCHIVE_URL = "https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E/{n}"


def record_id(kind: str, n: int) -> str:
    return {"incidents": "hostile-text", "actors": "hostile-actor", "sources": "hostile-source"}[
        kind
    ] + f"-{n}"


def value(text: str, field_index: int) -> str:
    """The value of one field: the hostile text, then a marker naming the field."""
    return f"{text} zq{field_index:02d}"


def records(
    text: str, n: int, quote: Callable[[str], str] | None = None
) -> dict[str, str]:
    """{path under facts/: YAML} for the three records holding `text` in every field."""
    out = {}
    for kind, template in TEMPLATES.items():
        values = {
            placeholder: (quote or yaml_quote)(value(text, index))
            for index, (field_kind, _, placeholder) in enumerate(FIELDS)
            if field_kind == kind
        }
        values.update(claim_id=f"hostile-claim-{n}", url=yaml_quote(URL.format(n=n)),
                      archive_url=yaml_quote(ARCHIVE_URL.format(n=n)))
        out[f"{kind}/{record_id(kind, n)}.yaml"] = template.format(**values)
    return out


def record_with(kind: str, field: str, text: str, n: int = 0) -> tuple[str, str]:
    """(path under facts/, YAML) of one record of `kind` whose `field` holds exactly `text`,
    every other text field a plain phrase."""
    values = {
        placeholder: yaml_quote(text if name == field else value("plain words", index))
        for index, (field_kind, name, placeholder) in enumerate(FIELDS)
        if field_kind == kind
    }
    values.update(claim_id=f"hostile-claim-{n}", url=yaml_quote(URL.format(n=n)),
                  archive_url=yaml_quote(ARCHIVE_URL.format(n=n)))
    return f"{kind}/{record_id(kind, n)}.yaml", TEMPLATES[kind].format(**values)



# ------------------------------------------------------------------------ pages


def fold(text: str) -> str:
    """Whitespace folded the way HTML shows it."""
    return " ".join(text.split())


_BLOCKS = {"p", "li", "td", "th", "br", "h1", "h2", "h3", "h4", "div", "tr", "ol", "ul"}


class _TextOf(HTMLParser):
    """The text content of <article> and of <title>, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article: list[str] = []
        self.title: list[str] = []
        self._in_article = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article += 1
        elif tag == "title":
            self._in_title = True
        elif self._in_article and tag in _BLOCKS:
            self.article.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        elif tag == "title":
            self._in_title = False
        elif self._in_article and tag in _BLOCKS:
            self.article.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_article:
            self.article.append(data)
        if self._in_title:
            self.title.append(data)


def page_text(html: str) -> tuple[str, str]:
    """(article text, title text) of a built page, whitespace folded."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return fold("".join(parser.article)), fold("".join(parser.title))


class _Shape(HTMLParser):
    """The element and attribute names of a document, in order: its structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple(sorted(name for name, _ in attrs))))


def html_shape(html: str) -> list[tuple[str, tuple[str, ...]]]:
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser.shape

"""Hostile YAML in one record file: the real CLI refuses it clearly and writes nothing.

Every case clones a fixture project whose docs/ and site/ were built cleanly, adds one
hostile record as facts/incidents/hostile.yaml and runs `build.py build`. It must exit 1
(not die by a signal), name the file with a line and column (and the field, where there is
one), print no traceback and no "internal error", and change nothing anywhere in the
temporary tree: docs/ and site/ keep their bytes and timestamps.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import require_dir
from helpers import (
    HOSTILE,
    REPO,
    Case,
    Outcomes,
    Spec,
    assert_no_raw_controls,
    assert_outcome,
    assert_refused,
    base_incident,
    located,
    params,
    run_all,
    write_record,
)

Content = str | bytes | Callable[[Path], str | bytes]


def _spec(
    case_id: str, content: Content, field: str | None = None,
    check: Callable[[Case], None] | None = None, *, process: bool = False,
) -> Spec:
    def add(root: Path) -> None:
        text = content(root) if callable(content) else content
        write_record(root, text)

    return Spec(case_id, add, field=field, check=check, process=process)


# ------------------------------------------------------------- YAML 1.1 typing in fields

_FIGURE = """figures:
  - measure: civilians-killed
    value: {value}
    qualifier: exactly
    claimant: unknown
    claimant_note: The page does not say who counted.
    citations:
      - source: unsigned-page
"""


def _typed(field: str, value: str) -> str:
    """An incident whose enum, number or date field holds a bare YAML 1.1-typed value."""
    text = base_incident()
    if field == "kind":
        return text.replace("kind: airstrike", f"kind: {value}")
    if field == "date.start":
        return text.replace('  start: "2015-11-29"', f"  start: {value}")
    if field == "date.approximate":
        start = '  start: "2015-11-29"\n'
        return text.replace(start, f"{start}  approximate: {value}\n")
    assert field == "figures[0].value"
    return text + _FIGURE.format(value=value)


TYPED_VALUES = ("NO", "yes", "010", "1:20", "2015-02-30", "~", "0x1A", ".inf", "on")
TYPED_FIELDS = ("kind", "date.start", "date.approximate", "figures[0].value")

TYPING = [
    _spec(f"typed-{field}-{value}", _typed(field, value), field)
    for field in TYPED_FIELDS
    for value in TYPED_VALUES
    if not (field == "date.approximate" and value == "yes")  # the one valid combination
]
# A quoted value may end in a line break, which the JSON Schema pattern's $ lets through.
TYPING += [
    _spec("impossible-date-and-newline", _typed("date.start", r'"2015-02-30\n"'), "date.start"),
]

# ------------------------------------------------------------- duplicate keys, anchors

_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)

STRUCTURE = [
    _spec("duplicate-key-top", base_incident() + 'title: "A second title"\n', "title"),
    _spec(
        "duplicate-key-nested",
        base_incident().replace("  text: A plain summary.\n",
                                "  text: A plain summary.\n  text: Another summary.\n"),
        "summary.text",
    ),
    _spec(
        "duplicate-key-in-list",
        base_incident() + _FIGURE.format(value='"3"').replace(
            "    qualifier: exactly\n", "    qualifier: exactly\n    qualifier: about\n"
        ),
        "figures[0].qualifier",
    ),
    _spec("anchor", base_incident().replace("kind: airstrike", "kind: &k airstrike"), "kind"),
    _spec(
        "alias",
        base_incident().replace("kind: airstrike", "kind: &k airstrike") + "notes: *k\n",
        "notes",
    ),
    _spec(
        "merge-key",
        base_incident().replace("date:\n", "date: &d\n")
        + "location:\n  <<: *d\n  country: Syria\n",
    ),
    _spec("alias-bomb-9-levels", _BOMB + base_incident(), process=True),
    _spec("empty-file", b""),
    _spec("whitespace-only", "  \n\n   \n"),
    _spec("comment-only", "# nothing here\n# at all\n"),
    _spec("document-marker-only", "---\n"),
    _spec("document-end-only", "...\n"),
    _spec("null-document", "null\n"),
    _spec("multi-document", base_incident() + "---\n" + base_incident()),
    _spec("top-level-list", "- title: x\n- kind: airstrike\n"),
    _spec("top-level-scalar", "just some text\n"),
    _spec("yaml-directive", "%YAML 1.1\n---\n" + base_incident()),
    _spec("key-is-a-list", base_incident() + "[a, b]: c\n"),
    _spec("key-is-a-mapping", base_incident() + "{a: b}: c\n"),
    _spec("explicit-key", base_incident() + "? notes\n: some notes\n", "notes"),
    _spec("empty-key", base_incident() + '"": x\n'),
    _spec("tilde-key", base_incident() + "~: x\n", "~"),
]

# ------------------------------------------------------------- tags (code execution)


def _pwned(root: Path) -> Path:
    return root.parent / "pwned"


def _untitled() -> str:
    """A valid incident but for its title line, which the case writes itself."""
    text = base_incident()
    assert text.startswith("title: ")
    return text.split("\n", 1)[1]


def _tagged(template: str) -> Callable[[Path], str]:
    def content(root: Path) -> str:
        return template.format(touch=f"touch {_pwned(root)}", base=_untitled())

    return content


def _not_pwned(case: Case) -> None:
    assert not _pwned(case.root).exists()


_TITLE_TAGS = {
    "python-object-apply": 'title: !!python/object/apply:os.system ["{touch}"]\n',
    "python-object-new": 'title: !!python/object/new:os.system ["{touch}"]\n',
    "python-name": "title: !!python/name:os.system\n",
    "python-module": "title: !!python/module:os\n",
    "verbatim-tag": 'title: !<tag:yaml.org,2002:python/object/apply:os.system> ["{touch}"]\n',
    "binary": "title: !!binary aGVsbG8=\n",
    "local-tag": "title: !custom value\n",
    "str-tag": "title: !!str value\n",
    "non-specific-tag": "title: ! value\n",
}
TAGS = [
    _spec(f"tag-{name}", _tagged(line + "{base}"), "title", _not_pwned)
    for name, line in _TITLE_TAGS.items()
]
TAGS += [
    _spec("tag-touch-tmp-pwned",
          'title: !!python/object/apply:os.system ["touch /tmp/pwned"]\n' + _untitled(),
          "title"),
    _spec(
        "tag-directive",
        _tagged("%TAG !x! tag:yaml.org,2002:python/object/apply:\n---\n"
                'notes: !x!os.system ["{touch}"]\n' + base_incident()),
        "notes",
        _not_pwned,
    ),
    _spec(
        "tag-on-document",
        _tagged('--- !!python/object/apply:os.system\nargs: ["{touch}"]\n'),
        None,
        _not_pwned,
    ),
]

# ------------------------------------------------------------- nesting, size, bytes


def _block_mapping(levels: int) -> str:
    return "notes:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(levels)) + (
        " " * (levels + 1) + "x\n"
    )


def _fast(seconds: float) -> Callable[[Case], None]:
    def check(case: Case) -> None:
        assert case.seconds < seconds, f"took {case.seconds:.1f}s"

    return check


TEN_MB = 10 * 1024 * 1024

# Input that could overflow a stack, blow up memory or take long: a real process each, which
# must exit 1 within its time rather than die by a signal.
SIZE = [
    _spec("flow-nesting-100000", "title: " + "[" * 100_000 + "]" * 100_000 + "\n",
          process=True),
    _spec("flow-mapping-nesting-50000", "title: " + "{a: " * 50_000 + "x" + "}" * 50_000 + "\n",
          process=True),
    _spec("block-sequence-nesting-2000", base_incident() + "notes:\n" + "- " * 2000 + "x\n",
          process=True),
    _spec("block-mapping-nesting-1000", base_incident() + _block_mapping(1000), process=True),
    _spec("ten-megabytes", (base_incident() + "# " + "x" * TEN_MB + "\n"), None, _fast(20),
          process=True),
    _spec("tab-indentation", base_incident().replace("  text: A plain", "\ttext: A plain")),
    _spec("bom-in-the-middle", base_incident().replace("kind:", "\ufeffkind:")),
    _spec("latin-1", base_incident(title="Café in Idlib").encode("latin-1")),
    _spec("utf-16-with-bom", base_incident().encode("utf-16")),
    _spec("utf-16-le-without-bom", base_incident().encode("utf-16-le")),
    _spec("utf-32-with-bom", base_incident().encode("utf-32")),
    _spec("overlong-utf-8", base_incident().encode() + b"notes: \xc0\xaf\n"),
    _spec("encoded-surrogate", base_incident().encode() + b"notes: \xed\xa0\x80\n"),
]

_RAW_CONTROLS = {
    "nul": "\x00", "bell": "\x07", "escape": "\x1b[31m", "delete": "\x7f", "next-line": "\x85",
    "line-separator": "\u2028", "form-feed": "\x0c", "vertical-tab": "\x0b",
}
CONTROLS = [
    _spec(f"raw-control-{name}", base_incident().replace("A plain summary.", f"A {char} summary."),
          None, lambda case: assert_no_raw_controls(case.result.err + case.result.out))
    for name, char in _RAW_CONTROLS.items()
]

# ------------------------------------------------------------- what messages echo back


def _no_forged_line(case: Case) -> None:
    assert_no_raw_controls(case.result.err + case.result.out)
    forged = located(case.result.err, "facts/incidents/market-strike.yaml")
    assert not forged, f"a record's value forged a problem line: {forged}"


def _short_output(limit: int) -> Callable[[Case], None]:
    def check(case: Case) -> None:
        lines = located(case.result.err, HOSTILE)
        assert len(lines) <= 25, f"{len(lines)} problems listed for one file"
        assert len(case.result.err) < limit, f"{len(case.result.err):,} characters of stderr"

    return check


ECHOES = [
    _spec(
        "escape-sequence-in-enum-value",
        base_incident().replace("kind: airstrike", r'kind: "\e]0;owned\a\e[2J\e[31mred"'),
        "kind",
        _no_forged_line,
    ),
    _spec(
        "escape-sequence-in-free-text",
        base_incident().replace("  text: A plain summary.", r'  text: "\e[2J\e[31mred"'),
        "summary.text",
        _no_forged_line,
    ),
    _spec(
        "newline-forging-a-problem-line",
        base_incident().replace(
            "kind: airstrike",
            r'kind: "x\nfacts/incidents/market-strike.yaml:1:1: title: forged problem"',
        ),
        "kind",
        _no_forged_line,
    ),
    _spec(
        "huge-enum-value",
        base_incident().replace("kind: airstrike", "kind: " + "a" * 500_000),
        "kind",
        _short_output(20_000),
    ),
    _spec(
        "huge-free-text-value",
        base_incident().replace("A plain summary.", "b" * 900_000),
        "summary.text",
        _short_output(20_000),
    ),
    _spec(
        "fifty-thousand-unknown-fields",
        base_incident() + "".join(f"k{i}: v\n" for i in range(50_000)),
        None,
        _short_output(100_000),
    ),
]

CASES = TYPING + STRUCTURE + TAGS + SIZE + CONTROLS + ECHOES


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outcomes]:
    pwned = Path("/tmp/pwned")
    existed = pwned.exists()
    yield Outcomes(CASES, tmp_path_factory.mktemp("yaml"))
    if not existed:
        assert not pwned.exists(), "a tag ran a command"


@pytest.mark.parametrize("spec", params(CASES))
def test_hostile_yaml_is_refused(spec: Spec, outcomes: Outcomes) -> None:
    assert_outcome(spec, outcomes[spec.id])


# ------------------------------------------------------------- the YAML test suite

SUITE = REPO.parent / "shared" / "yaml-test-suite-errors"
# A mix of cases libyaml rejects and cases it wrongly accepts (schema validation must catch
# those), each also run alone.
SAMPLE = ("9C9N", "SU5Z", "QB6E", "236B", "ZXT5")


def _suite_files() -> list[Path]:
    files = sorted(require_dir(SUITE, "the YAML test suite corpus").glob("*.yaml"))
    assert len(files) >= 90, f"only {len(files)} files in {SUITE}"
    return files


def _safe_id(path: Path) -> str:
    safe = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return f"yts-{safe}"


def _corpus_spec(files: list[Path], case_id: str) -> Spec:
    def add(root: Path) -> None:
        for path in files:
            write_record(root, path.read_bytes(), f"facts/incidents/{_safe_id(path)}.yaml")

    return Spec(case_id, add, command="check")


def test_every_suite_error_case_is_refused_in_one_run(tmp_path: Path) -> None:
    files = _suite_files()
    start = time.monotonic()
    case = run_all([_corpus_spec(files, "all")], tmp_path)["all"]
    result = case.result
    assert result.code == 1, result.err[-2000:]
    assert "Traceback" not in result.err and "internal error" not in result.err
    missing = [
        p.name for p in files if not located(result.err, f"facts/incidents/{_safe_id(p)}.yaml")
    ]
    assert not missing, f"not reported with file:line:column: {missing}"
    assert case.changes == []
    assert time.monotonic() - start < 60


@pytest.mark.parametrize("name", SAMPLE)
def test_suite_error_case_alone_is_refused(name: str, tmp_path: Path) -> None:
    path = next((p for p in _suite_files() if p.stem == name), None)
    assert path is not None, name
    case = run_all([_corpus_spec([path], name)], tmp_path)[name]
    assert_refused(case, f"facts/incidents/{_safe_id(path)}.yaml")

"""The strict YAML loader on hostile input: it must report, never raise, never crash.

tests/loader_cases/invalid/<name>.yaml must give the exact problems in <name>.expected
(regenerate with FACTSHEET_REGEN=1 and review the diff); tests/loader_cases/valid/*.yaml
must load with no problem and read exactly as a YAML loader that keeps every scalar text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, regenerate, require_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet import files
from factsheet import problems as problem_list
from factsheet.load import strict_yaml as loader
from factsheet.load.strict_yaml import (
    LoadedFile,
    MappingNode,
    Mark,
    Reader,
    ScalarNode,
    SequenceNode,
    load_yaml_file,
    load_yaml_text,
)
from factsheet.problems import Problem

CASES = Path(__file__).resolve().parent / "loader_cases"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "yaml-test-suite-errors"
TOO_DEEP = "nested more than 64 levels deep"

# Malformed YAML that libyaml parses anyway (the YAML test suite's fail cases); the schema
# stage rejects them. Any file accepted beyond these is a regression of the loader.
KNOWN_ACCEPTED = {"9C9N", "DK95-01", "QB6E", "S98Z", "SU5Z", "X4QW"}
BASE_LOADER: Any = yaml.CBaseLoader if yaml.__with_libyaml__ else yaml.BaseLoader


def load(text: str | bytes) -> tuple[LoadedFile | None, list[Problem]]:
    """Load with the fast path on, checking that the event path alone gives the same."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    loaded, problems = load_yaml_text(data, "facts/incidents/x.yaml")
    assert_paths_agree(data, loaded, problems)
    return loaded, problems


def event_path_only(data: bytes) -> tuple[LoadedFile | None, list[Problem]]:
    return load_yaml_text(data, "facts/incidents/x.yaml", reader="events")


def assert_paths_agree(data: bytes, loaded: LoadedFile | None, problems: list[Problem]) -> None:
    """The fast path may only ever take a file the event path takes, reading it the same."""
    slow, slow_problems = event_path_only(data)
    assert problems == slow_problems
    assert (loaded is None) == (slow is None)
    if loaded is not None and slow is not None:
        assert loaded.data() == slow.data()
        assert loaded.root == slow.root  # the marks found on demand are the event path's


def loads(text: str | bytes) -> dict[str, Any]:
    loaded, problems = load(text)
    assert problems == []
    assert loaded is not None
    return loaded.data()


def only_problem(text: str | bytes) -> Problem:
    loaded, problems = load(text)
    assert loaded is None
    assert len(problems) == 1, problems
    return problems[0]


def as_text(problems: list[Problem]) -> str:
    return "".join(p.as_text() + "\n" for p in problems)


def assert_well_formed(loaded: LoadedFile | None, problems: list[Problem]) -> None:
    """The loader's contract: a file xor problems, each located at a real 1-based position."""
    assert (loaded is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and problem.hint
        assert "could not be read as a record" not in problem.message  # no internal error


# ------------------------------------------------------------------ case folders


def _cases(kind: str) -> list[Path]:
    return sorted((CASES / kind).glob("*.yaml"))


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case_gives_the_expected_problems(case: Path) -> None:
    loaded, problems = load_yaml_file(case, f"invalid/{case.name}")
    assert_well_formed(loaded, problems)
    assert_paths_agree(case.read_bytes(), *load(case.read_bytes()))
    assert problems, "an invalid case must give at least one problem"
    expected = case.with_suffix(".expected")
    if regenerate():
        expected.write_text(as_text(problems), encoding="utf-8")
        return
    assert expected.is_file(), f"{expected.name} is missing: run with FACTSHEET_REGEN=1"
    assert as_text(problems) == expected.read_text(encoding="utf-8")


def test_every_expected_file_has_its_case() -> None:
    orphans = [p.name for p in (CASES / "invalid").glob("*.expected")
               if not p.with_suffix(".yaml").is_file()]
    assert orphans == []


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.stem)
def test_valid_case_loads_as_text_only_yaml(case: Path) -> None:
    loaded, problems = load_yaml_file(case, f"valid/{case.name}")
    assert problems == []
    assert loaded is not None
    assert loaded.display == f"valid/{case.name}"
    # BaseLoader resolves no types: every scalar stays the string written.
    text = case.read_bytes().decode("utf-8-sig")
    assert loaded.data() == yaml.load(text, Loader=BASE_LOADER)


@pytest.mark.parametrize(
    "case", [p for p in _cases("valid") if p.stem != "tab-in-value"], ids=lambda p: p.stem
)
def test_the_pure_python_parser_reads_valid_cases_the_same(case: Path) -> None:
    # Without libyaml the loader falls back to PyYAML's own parser. (That parser refuses a
    # tab inside a plain value, which libyaml accepts, hence the one case left out.)
    expected = loads(case.read_bytes())
    loaded, problems = load_yaml_text(case.read_bytes(), case.name, reader="python-events")
    assert problems == [] and loaded is not None
    assert loaded.data() == expected


def test_there_are_enough_cases() -> None:
    assert len(_cases("invalid")) >= 25
    assert len(_cases("valid")) >= 5


# -------------------------------------------------------------- values stay text


@pytest.mark.parametrize("written", ["NO", "yes", "on", "1:20", "2015-10-15", "2015-02-30"])
def test_implicit_typing_never_applies(written: str) -> None:
    assert loads(f"value: {written}\n") == {"value": written}


@pytest.mark.parametrize(
    "written",
    ["010", "0x1F", "0o12", "1_000", "~", "null", "3.0", "3.", ".inf", "-.Inf", ".NaN", "1e3",
     "true", "False", "-0", "+12", "1200"],
)
def test_a_value_other_yaml_tools_read_as_no_text_must_be_quoted(written: str) -> None:
    # VS Code and check-jsonschema read these as numbers, true/false or null, which the
    # JSON Schemas refuse; the build says the same, with the fix.
    problem = only_problem(f"figures:\n  - value: {written}\n")
    assert (problem.line, problem.column, problem.field) == (2, 12, "figures[0].value")
    assert problem.message.startswith(f"`{written}` without quotes is read as ")
    assert problem.hint == f'put it in double quotes: value: "{written}"'
    assert loads(f'figures:\n  - value: "{written}"\n') == {"figures": [{"value": written}]}


def test_empty_value_is_empty_text() -> None:
    assert loads("a:\nb: ''\nc: \"\"\n") == {"a": "", "b": "", "c": ""}


def test_keys_stay_text() -> None:
    assert loads("2015: a\nNO: b\n~: c\n") == {"2015": "a", "NO": "b", "~": "c"}


def test_a_tab_inside_a_value_is_fine() -> None:
    assert loads("title: a\tb\n") == {"title": "a\tb"}


def test_data_is_plain_python() -> None:
    data = loads((CASES / "valid" / "incident.yaml").read_bytes())

    def check(value: Any) -> None:
        assert type(value) in (dict, list, str)
        if isinstance(value, dict):
            assert all(type(k) is str for k in value)
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)

    check(data)
    assert data["figures"][1]["citations"] == [{"source": "rfi-2015-10-20"}]


def test_data_round_trips_through_a_yaml_dump() -> None:
    data = loads((CASES / "valid" / "incident.yaml").read_bytes())
    assert loads(yaml.safe_dump(data, allow_unicode=True)) == data


def test_nodes_keep_their_kind_and_position() -> None:
    loaded, _ = load("a: x\nb:\n  - y\n")
    assert loaded is not None
    root = loaded.root
    assert isinstance(root, MappingNode)
    assert root.items["a"] == ScalarNode("x", Mark(1, 4))
    assert isinstance(root.items["b"], SequenceNode)
    assert root.items["b"].items == [ScalarNode("y", Mark(3, 5))]
    assert root.key_marks == {"a": Mark(1, 1), "b": Mark(2, 1)}


# ------------------------------------------------------------------------- mark_of

MARKED = """\
title: Strike
figures:
  - measure: civilians killed
    value: "49"
    qualifier: at least
  - measure: civilians injured
location: {place: Ariha, country: Syria}
tags: [a, b]
summary:
"""


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ((), False, Mark(1, 1)),
        (("title",), False, Mark(1, 8)),
        (("title",), True, Mark(1, 1)),
        (("figures",), False, Mark(3, 3)),
        (("figures",), True, Mark(2, 1)),
        (("figures", 0), False, Mark(3, 5)),
        (("figures", 0, "qualifier"), False, Mark(5, 16)),
        (("figures", 0, "qualifier"), True, Mark(5, 5)),
        (("figures", 0, "value"), False, Mark(4, 12)),
        (("figures", 1, "measure"), False, Mark(6, 14)),
        (("location", "country"), False, Mark(7, 35)),
        (("location", "country"), True, Mark(7, 26)),
        (("tags", 1), False, Mark(8, 11)),
        (("summary",), False, Mark(9, 9)),
        # Absent paths: the deepest node that exists.
        (("figures", 1, "value"), False, Mark(6, 5)),
        (("figures", 1, "value"), True, Mark(6, 5)),
        (("figures", 7, "value"), False, Mark(3, 3)),
        (("figures", "value"), False, Mark(3, 3)),
        (("title", "x"), False, Mark(1, 8)),
        (("missing",), True, Mark(1, 1)),
        (("tags", -1), False, Mark(8, 7)),
    ],
)
def test_mark_of(path: tuple[str | int, ...], key: bool, expected: Mark) -> None:
    loaded, problems = load(MARKED)
    assert problems == [] and loaded is not None
    assert loaded.mark_of(path, key=key) == expected


def test_marks_after_a_leading_bom_and_crlf_match_the_editor() -> None:
    loaded, _ = load(b"\xef\xbb\xbfa: x\r\nb: y\r\n")
    assert loaded is not None
    assert loaded.mark_of(("a",)) == Mark(1, 4)
    assert loaded.mark_of(("b",)) == Mark(2, 4)


def test_columns_count_characters_not_bytes() -> None:
    loaded, _ = load("é€😀: x\n")
    assert loaded is not None
    assert loaded.mark_of(("é€😀",)) == Mark(1, 6)


# ------------------------------------------------------------ encodings, characters


def test_latin_1_is_refused_at_the_first_bad_byte() -> None:
    problem = only_problem("title: Strike\nplace: Num\xe2n\n".encode("latin-1"))
    assert (problem.line, problem.column) == (2, 11)
    assert "UTF-8" in problem.message and "0xE2" in problem.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf_16_and_32_are_refused(codec: str) -> None:
    problem = only_problem("title: Strike\nkind: airstrike\n".encode(codec))
    assert "not UTF-8" in problem.message


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"\x00", "U+0000"), (b"\x07", "U+0007"), (b"\x1b", "U+001B"), (b"\x7f", "U+007F"),
     (b"\xc2\x85", "U+0085"), (b"\xc2\x9f", "U+009F"), (b"\xef\xbf\xbe", "U+FFFE"),
     (b"\xe2\x80\xa8", "U+2028"), (b"\xef\xbb\xbf", "U+FEFF")],
)
def test_raw_control_characters_are_refused_with_their_position(raw: bytes, code: str) -> None:
    problem = only_problem(b"title: Strike\nsummary: ab" + raw + b"cd\n")
    assert (problem.line, problem.column) == (2, 12)
    assert code in problem.message


def test_a_raw_0x85_byte_is_not_utf_8() -> None:
    problem = only_problem(b"title: a\x85b\n")
    assert (problem.line, problem.column) == (1, 9)


def test_every_bad_character_is_reported_up_to_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    _, problems = load(b"a: \x07\nb: \x07\n")
    assert [(p.line, p.column) for p in problems] == [(1, 4), (2, 4)]
    monkeypatch.setattr(problem_list, "MAX_PER_FILE", 5)
    _, problems = load(b"a: " + b"\x07" * 10_000 + b"\n")
    assert len(problems) == 6
    assert problems[-1].message == "more problems from here on are not listed"


# ------------------------------------------------------------------------- nesting

DEEP_SCRIPT = """
import sys
from factsheet import files
from factsheet.load import strict_yaml as loader
files.MAX_FILE_BYTES = 10 ** 8  # reach the depth check, not the size check
data = {
    "flow": b"a: " + b"[" * 100_000,
    "flow-closed": b"a: " + b"[" * 100_000 + b"]" * 100_000,
    "flow-mapping": b"a: " + b"{a: " * 100_000,
    "block": b"".join(b" " * i + b"k:\\n" for i in range(2_000)),
    "block-sequence": b"- " * 2_000 + b"x\\n",
    "block-mixed": b"".join(b"  " * i + b"- k:\\n" for i in range(2_000)),
}[sys.argv[1]]
for reader in (["python-events"] if sys.argv[2] == "python" else ["fast", "events"]):
    loaded, problems = loader.load_yaml_text(data, "deep.yaml", reader=reader)
    assert loaded is None
    print(problems[0].message)
"""


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize(
    "shape", ["flow", "flow-closed", "flow-mapping", "block", "block-sequence", "block-mixed"]
)
def test_deep_nesting_is_refused_without_crashing(shape: str, parser: str) -> None:
    # In a child process: a segfault or stack overflow would show as a bad return code.
    proc = subprocess.run(
        [sys.executable, "-c", DEEP_SCRIPT, shape, parser],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert TOO_DEEP in proc.stdout


def test_depth_64_is_allowed_and_65_is_not() -> None:
    assert loads("a: " + "[" * 63 + "]" * 63 + "\n")
    assert TOO_DEEP in only_problem("a: " + "[" * 64 + "]" * 64 + "\n").message
    assert loads("".join("  " * i + f"k{i}:\n" for i in range(64)))
    assert TOO_DEEP in only_problem("".join("  " * i + f"k{i}:\n" for i in range(65))).message


def test_block_and_flow_levels_add_up() -> None:
    mixed = "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x: " + "[" * 40
    problem = only_problem(mixed + "]" * 40 + "\n")
    assert TOO_DEEP in problem.message
    assert (problem.line, problem.column) == (41, 107)  # the bracket that opens level 65


@pytest.mark.parametrize("levels", [65, 500, 999, 1_001, 5_000])
def test_depth_between_our_limit_and_libyaml_s_is_refused_the_same(levels: int) -> None:
    # Past 1,000 levels libyaml refuses the file itself; below, the tree builder does.
    problem = only_problem("a: " + "[" * levels + "]" * levels + "\n")
    assert TOO_DEEP in problem.message
    assert problem.line == 1
    if levels < 1_000:
        assert problem.column == 67  # the bracket that opens level 65


def test_brackets_in_quotes_and_comments_do_not_count() -> None:
    assert loads('a: "' + "[" * 100 + '"\nb: "x"  # ' + "{" * 100 + "\nc: '" + "[" * 100 + "'\n")


def test_indentation_inside_a_block_scalar_does_not_count() -> None:
    text = "poem: |\n" + "".join(" " * (i + 2) + "line\n" for i in range(200))
    assert loads(text)["poem"].count("line") == 200


def test_max_depth_can_be_lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_DEPTH", 3)
    assert loads("a:\n  b:\n    c: x\n")
    problem = only_problem("a:\n  b:\n    c:\n      d: x\n")
    assert problem.message == "the file is nested more than 3 levels deep"


# -------------------------------------------------------------------- from events


def test_the_alias_bomb_is_refused_at_once() -> None:
    loaded, problems = load_yaml_file(CASES / "invalid" / "alias-bomb.yaml", "bomb.yaml")
    assert loaded is None
    assert any("alias" in p.message for p in problems)
    assert any("anchor" in p.message for p in problems)


def test_all_problems_are_reported_not_only_the_first() -> None:
    _, problems = load("a: x\na: y\nb: &x z\nc: *x\nd: !!str 4\nb: v\n")
    assert [(p.line, p.field) for p in problems] == [(2, "a"), (3, "b"), (4, "c"), (5, "d"),
                                                      (6, "b")]


def test_after_a_syntax_error_only_the_syntax_error() -> None:
    problem = only_problem("a: 1\na: 2\nb: *x\nc: [d\n")
    assert problem.line == 5


def test_problems_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(problem_list, "MAX_PER_FILE", 10)
    _, problems = load("".join("a: x\n" for _ in range(1000)))
    assert len(problems) == 11
    assert problems[-1].message == "more problems from here on are not listed"


def test_a_duplicate_key_names_the_field_and_the_first_line() -> None:
    problem = only_problem("figures:\n  - value: '1'\n    value: '2'\n")
    assert problem.field == "figures[0].value"
    assert (problem.line, problem.column) == (3, 5)
    assert "line 2" in problem.message


# ------------------------------------------------------------------------ files


def test_a_symlink_is_refused_without_echoing_its_target(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("token: SECRET-VALUE-123\n", encoding="utf-8")
    link = tmp_path / "record.yaml"
    link.symlink_to(secret)
    loaded, problems = load_yaml_file(link, "facts/incidents/record.yaml")
    assert loaded is None and len(problems) == 1
    assert "symbolic link" in problems[0].message
    assert "SECRET" not in as_text(problems)
    assert str(secret) not in as_text(problems)


def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "record.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    _, problems = load_yaml_file(link, "record.yaml")
    assert "symbolic link" in problems[0].message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    _, problems = load_yaml_file(tmp_path, "facts/incidents/dir.yaml")
    assert problems[0].message == "is not a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "record.yaml"
    os.mkfifo(pipe)
    _, problems = load_yaml_file(pipe, "record.yaml")
    assert problems[0].message == "is not a regular file"


def test_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    _, problems = load_yaml_file(tmp_path / "gone.yaml", "gone.yaml")
    assert "cannot be read" in problems[0].message


def test_a_2_mb_file_is_refused_on_size(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"title: " + b"x" * 2_000_000 + b"\n")
    _, problems = load_yaml_file(big, "big.yaml")
    assert len(problems) == 1
    assert problems[0].message == "the file is larger than 1,000,000 bytes"


def test_a_huge_file_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024**3)  # sparse: takes no disk space
    monkeypatch.setattr(os, "open", lambda *args: pytest.fail("opened the file"))
    _, problems = load_yaml_file(huge, "huge.yaml")
    assert problems[0].message == "the file is larger than 1,000,000 bytes"


def test_the_size_limit_applies_to_text_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    assert "larger than 10 bytes" in only_problem("title: Strike\n").message
    assert loads("a: b\n") == {"a": "b"}


def test_a_regular_file_loads(tmp_path: Path) -> None:
    record = tmp_path / "x.yaml"
    record.write_text("title: Strike\n", encoding="utf-8")
    loaded, problems = load_yaml_file(record, "facts/incidents/x.yaml")
    assert problems == [] and loaded is not None
    assert loaded.path == record
    assert loaded.display == "facts/incidents/x.yaml"


@pytest.mark.parametrize("stage", ["_events", "_fast_data"])
def test_unexpected_errors_become_problems(monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    def explode(*args: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader, stage, explode)
    reader: Reader = "fast" if stage == "_fast_data" else "events"
    loaded, problems = load_yaml_text(b"title: Strike\n", "x.yaml", reader=reader)
    assert loaded is None and len(problems) == 1
    problem = problems[0]
    assert "RecursionError" in problem.message


# --------------------------------------------------------- the YAML test suite

CORPUS_SCRIPT = """
import json, sys
from pathlib import Path
from factsheet.load import strict_yaml as loader
results = {}
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    both = []
    for reader in ("fast", "events"):
        loaded, problems = loader.load_yaml_file(path, "suite/" + path.name, reader=reader)
        both.append({
            "loaded": loaded is not None,
            "data": loaded.data() if loaded else None,
            "problems": [[p.line, p.column, p.message, p.hint] for p in problems],
        })
    results[path.stem] = {**both[0], "same_without_fast_path": both[0] == both[1]}
print(json.dumps(results))
"""


def test_yaml_test_suite_error_cases() -> None:
    require_dir(CORPUS, "the YAML test suite corpus")
    # In a child process, so a crash in libyaml shows as a failure instead of killing pytest.
    proc = subprocess.run(
        [sys.executable, "-c", CORPUS_SCRIPT, str(CORPUS)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    results: dict[str, dict[str, Any]] = json.loads(proc.stdout)
    assert len(results) == len(list(CORPUS.glob("*.yaml"))) >= 90
    for name, result in results.items():
        assert result["same_without_fast_path"], name
        assert result["loaded"] != bool(result["problems"]), name
        for line, column, message, hint in result["problems"]:
            assert line >= 1 and column >= 1 and message and hint, name
            assert "could not be read as a record" not in message, name
    accepted = {name for name, result in results.items() if result["loaded"]}
    assert len(results) - len(accepted) >= 80
    if yaml.__with_libyaml__:
        assert accepted <= KNOWN_ACCEPTED, f"newly accepted: {sorted(accepted - KNOWN_ACCEPTED)}"


# ------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_never_raise(data: bytes) -> None:
    assert_well_formed(*load_yaml_text(data, "x.yaml"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises(text: str) -> None:
    assert_well_formed(*load(text))


YAMLISH = st.lists(
    st.sampled_from([*"ab:-?[]{},&*!|>'\"#%@`\\ \t\n\r.~0", "---", "...", "\ufeff", "  "]),
    max_size=100,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(YAMLISH)
def test_yaml_like_text_never_raises(text: str) -> None:
    assert_well_formed(*load(text))


UNREADABLE_RAW = "\u2028\u2029\ufeff\ufffe\uffff"  # refused raw, or read as a line break


def double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, escaping all that could be read otherwise."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code <= 0x7E or (code >= 0xA0 and char not in UNREADABLE_RAW):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_double_quoted_text_reads_back_the_same(text: str) -> None:
    assert loads(f"value: {double_quoted(text)}\n") == {"value": text}


KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=12)
RECORDS = st.recursive(
    st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


class _Yaml12Dumper(yaml.SafeDumper):
    """Quotes text that YAML 1.2 reads as a number (PyYAML knows only YAML 1.1's)."""


_Yaml12Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|"
               r"(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?)$"),
    list("-+0123456789."),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, RECORDS, min_size=1, max_size=5))
def test_what_yaml_dumps_loads_back(record: dict[str, Any]) -> None:
    assert loads(yaml.dump(record, Dumper=_Yaml12Dumper)) == record


# ------------------------------------------------------------------- the fast path


def _shipped_records() -> list[Path]:
    return sorted((REPO / "facts").glob("*/*.yaml"))


def test_the_shipped_records_read_the_same_on_both_paths() -> None:
    records = _shipped_records()
    assert len(records) >= 40
    for path in records:
        assert_paths_agree(path.read_bytes(), *load(path.read_bytes()))


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="the fast path needs libyaml")
def test_ordinary_records_skip_the_event_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The speed-up must not die quietly: records with no tag, anchor or alias characters
    are read without a single parser event in Python."""
    calls: list[str] = []
    real_events = loader._events

    def counted(text: str, reader: Reader) -> Any:
        calls.append(text)
        return real_events(text, reader)

    monkeypatch.setattr(loader, "_events", counted)
    plain = [p for p in _shipped_records() if not any(c in p.read_text() for c in "!&*")]
    assert len(plain) >= 40
    for path in plain:
        loaded, problems = load_yaml_file(path, path.name)
        assert loaded is not None and problems == []
        loaded.data()
    assert calls == []
    loaded, _ = load_yaml_file(plain[0], plain[0].name)
    assert loaded is not None
    assert loaded.mark_of(["id"]).line >= 1  # a mark is asked for: now the events are read
    assert len(calls) == 1


@pytest.mark.parametrize(
    "text",
    [
        "title: a\ntitle: b\n",  # duplicate key
        "title: a\nsummary:\n  text: x\n  text: y\n",  # duplicate nested key
        "? title\n: a\n",  # explicit key
        "title: Strike # 2\n",  # comment after a plain value
        "- title: a\n",  # a list
        ": a\n",  # empty key
        "[a]: b\n",  # a list as key
        "title: a\n---\ntitle: b\n",  # two documents
        "title: a\r  b\n",  # a lone CR
        "title: 'it''s' # fine: quoted\nkind: 'b'\n",
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 70)),
    ],
)
def test_what_the_fast_path_leaves_alone_reads_as_before(text: str) -> None:
    load(text)  # `load` holds both paths to the same result


# ------------------------------------------------------------------ indentation


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a:\n  - b: x\n     c: y\n", (3, 6), "indented more than `b:` on line 2"),
        ("a:\n  - b: x\n   c: y\n", (3, 4), "indented less than `b:` on line 2"),
        ("a:\n  - b: x\n - c: y\n", (3, 2), "indented less than the list it belongs to"),
        ("a:\n  - b: x\n   - c: y\n", (3, 4), "indented more than the list it belongs to"),
        ("a: x\n b: y\n", (2, 2), "indented more than `a:` on line 1"),
        # Text inside a `|` block is not a line to line up with.
        ("a: |\n    b: x\nc:\n  d: x\n e: y\n", (5, 2), "indented less than `d:` on line 4"),
    ],
)
def test_an_indentation_mistake_names_the_line_to_line_up_with(
    text: str, where: tuple[int, int], message: str
) -> None:
    problem = only_problem(text)
    assert (problem.line, problem.column) == where
    assert message in problem.message
    assert "line them up" in problem.hint


@pytest.mark.parametrize(
    "text",
    [
        'title: Strike: the aftermath\n',  # a colon in the text, not a misplaced field
        "summary:\n  text: The report says\n    that it: was bad\n",
    ],
)
def test_a_colon_in_text_still_gets_the_quoting_hint(text: str) -> None:
    problem = only_problem(text)
    assert "double quotes" in problem.hint

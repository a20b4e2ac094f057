"""`build.py new`: a new record shows every field of its schema, and check points at each gap.

The new file is generated from schemas/, so these tests hold whatever fields the schemas
gain: every property name must appear, the placeholders must fail the check one by one, and
once they are filled in (with ids of the fixture project) the record must pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli
from yamllint import linter
from yamllint.config import YamlLintConfig

from factsheet.config import SCHEMA_DIR
from factsheet.domain.vocab import RecordKind
from factsheet.load.schema import check_shape
from factsheet.load.strict_yaml import load_yaml_file, load_yaml_text
from factsheet.problems import EditorError
from factsheet.scaffold import new_record, record_text

KINDS = tuple(RecordKind)

# Valid values by field name, using the ids of the fixture project (tests/fixtures/project).
# Citations name the source without an archive: quotes from an archived source must first be
# verified against it (`build.py verify`), which is not what these tests are about.
VALUES = {
    "source": "unsigned-page",
    "publisher": "daily-courier",
    "actor": "rights-watchers",
    "claimant": "rights-watchers",
    "parent": "air-campaign",
    "origin": "rights-watchers",
    "derived_from": "rights-watchers",
    "responds_to": "rw-alleges-market-strike",
    "id": "scaffold-test-claim",
    "published": "2015-12-23",
    "accessed": "2015-12-24",
    "language": "en",
    "url": "https://news.example.org/2015/scaffold-test",
    "archive_url": "https://archive.example.org/2015/scaffold-test",
    "file": "scaffold-test.txt",
    "sha256": "0" * 64,
    "lat": "35.8",
    "lon": "36.6",
    "value": "12",
    "min": "10",
    "max": "20",
    "start": "2015-11-29",
    "end": "2015-11-30",
    "as_of": "2015-12-01",
    "said": "2015-12-23",
    "from": "2015",
    "to": "2016",
    "updated": "2016-01-10",
    "date": "2016-01-05",
    "renamed_from": "scaffold-test-old-id",
}
TEXT = "Filled in by the scaffold test."

_PLACEHOLDER = re.compile(
    r'^(?P<lead>\s*(?:- )?)(?:(?P<name>[a-z_0-9]+): )?"(?P<value>REPLACE|)"$'
)
_KEY_ONLY = re.compile(r"^\s*(?:- )?(?P<name>[a-z_0-9]+):$")


def _enum_choice(lines: list[str], index: int, name: str) -> str | None:
    """The first allowed value named in the notes right above line `index`."""
    notes: list[str] = []
    for line in reversed(lines[:index]):
        text = line.strip()
        if not text.startswith("#"):
            break
        notes.insert(0, text.lstrip("# "))
        if text.lstrip("# ").startswith(f"{name} ("):
            break
    match = re.search(r"One of: ([a-z0-9-]+)", " ".join(notes))
    return match.group(1) if match else None


def fill(text: str) -> str:
    """Replace every active placeholder with a valid value; notes and commented lines stay."""
    lines = text.splitlines()
    out: list[str] = []
    parent = ""
    for index, line in enumerate(lines):
        key = _KEY_ONLY.match(line)
        if key:
            parent = key.group("name")
        match = _PLACEHOLDER.match(line)
        if match is None:
            out.append(line)
            continue
        name = match.group("name") or parent
        if match.group("value") == "":
            value = TEXT
        else:
            value = _enum_choice(lines, index, name) or VALUES.get(name, "")
            assert value, f"the test has no value for the field {name!r}: add one to VALUES"
        prefix = f"{match.group('lead')}{name}: " if match.group("name") else match.group("lead")
        out.append(f'{prefix}"{value}"')
    return "\n".join(out) + "\n"


def _reachable_names(kind: str) -> set[str]:
    """Every property name a record of this kind can have, following $refs into other files."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8"))
               for p in SCHEMA_DIR.glob("*.schema.json")}
    names: set[str] = set()
    seen: set[tuple[str, str]] = set()

    def walk(node: Any, document: str) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value, document)
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            target, _, pointer = ref.partition("#")
            where = (target or document, pointer)
            if where not in seen:
                seen.add(where)
                found: Any = schemas[where[0]]
                for part in filter(None, pointer.split("/")):
                    found = found[part]
                walk(found, where[0])
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                # Not `withdrawn`: a new record is never withdrawn (CONTRIBUTING says how).
                value = {k: v for k, v in value.items() if k != "withdrawn"}
                names.update(value)
            if key != "definitions":  # definitions count only where a $ref uses them
                walk(value, document)

    walk(schemas[f"{kind}.schema.json"], f"{kind}.schema.json")
    return names


# ----------------------------------------------------------------------- the file


@pytest.mark.parametrize("kind", KINDS)
def test_new_record_has_the_modeline_and_loads(project: Path, kind: RecordKind) -> None:
    path = new_record(project, kind, f"brand-new-{kind}")
    assert path == project / "facts" / kind.folder / f"brand-new-{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    )
    loaded, problems = load_yaml_file(path, f"facts/{kind.folder}/{path.name}")
    assert problems == [] and loaded is not None


@pytest.mark.parametrize("kind", KINDS)
def test_new_record_mentions_every_schema_property(kind: str) -> None:
    text = record_text(kind)
    missing = {
        name for name in _reachable_names(kind)
        if not re.search(rf"^[\s#-]*{re.escape(name)}:", text, re.MULTILINE)
    }
    assert not missing, f"fields not shown in a new {kind}: {sorted(missing)}"
    for name in _reachable_names(kind):  # and each is explained
        assert re.search(rf"# {re.escape(name)} \((required|optional|give )", text), name


def test_required_fields_are_filled_in_and_optional_ones_commented_out() -> None:
    text = record_text("source")
    schema = json.loads((SCHEMA_DIR / "source.schema.json").read_text(encoding="utf-8"))
    required = schema["else"]["required"]  # `then` is a withdrawn record's shape
    for name in schema["properties"]:
        active = re.search(rf"^{name}:", text, re.MULTILINE) is not None
        commented = re.search(rf"^# {name}:", text, re.MULTILINE) is not None
        if name == "withdrawn":  # a new record is never withdrawn
            assert not active and not commented
            continue
        assert active != commented, name
        assert active == (name in required), name
    assert '\nkind: "REPLACE"\n' in text
    assert '\ntitle: ""\n' in text
    assert "One of: news-article, ngo-report," in text  # enums list their values


def test_comment_lines_fit_an_editor_pane() -> None:
    for kind in KINDS:
        for line in record_text(kind).splitlines()[1:]:
            assert len(line) <= 100, line


@pytest.mark.parametrize("kind", KINDS)
def test_uncommenting_gives_the_full_record(kind: str) -> None:
    """Each commented-out line is the full record's line with `# ` put before its content."""
    short = record_text(kind).splitlines()
    full = record_text(kind, all_fields=True).splitlines()
    assert len(short) == len(full)
    for commented, plain in zip(short, full, strict=True):
        assert _is_commented_version(commented, plain), (commented, plain)


def _is_commented_version(commented: str, plain: str) -> bool:
    i = j = 0
    while i < len(commented):
        if j < len(plain) and commented[i] == plain[j]:
            i, j = i + 1, j + 1
        elif commented.startswith("# ", i) and not commented[:i].strip(" #"):
            i += 2  # a marker, only ever in the indentation
        else:
            return False
    return j == len(plain)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("all_fields", [False, True], ids=["new", "all-fields"])
def test_new_record_passes_yamllint(kind: RecordKind, all_fields: bool) -> None:
    config = YamlLintConfig(file=str(REPO / ".yamllint.yaml"))
    for text in (record_text(kind, all_fields=all_fields),
                 fill(record_text(kind, all_fields=all_fields))):
        path = f"facts/{kind.folder}/x.yaml"
        problems = [str(p) for p in linter.run(text, config, path)]
        assert problems == []


def _fields(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _fields(value)
    elif isinstance(node, list):
        for value in node:
            yield from _fields(value)


def test_every_set_form_has_examples_that_match_it() -> None:
    """A field with a set form (an anchored pattern) is explained by a description or by
    examples, and every example in the schemas matches its field's pattern."""
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        for field in _fields(json.loads(path.read_text(encoding="utf-8"))):
            pattern = field.get("pattern")
            if not isinstance(pattern, str) or not pattern.startswith("^"):
                continue
            examples = field.get("examples", [])
            assert examples or "description" in field, (path.name, pattern)
            for example in examples:
                assert re.fullmatch(pattern, example), (path.name, pattern, example)


# ------------------------------------------------------------------- the checks


def _problems(root: Path) -> list[dict[str, Any]]:
    result = run_cli(root, "check", "--format", "json")
    assert result.code == 1, result.out + result.err
    problems: list[dict[str, Any]] = json.loads(result.err)
    return problems


def test_check_points_at_every_placeholder(project: Path) -> None:
    paths = {kind: new_record(project, kind, f"brand-new-{kind}") for kind in KINDS}
    problems = _problems(project)
    for kind, path in paths.items():
        shown = f"facts/{kind.folder}/{path.name}"
        flagged = {p["line"] for p in problems if p["file"] == shown}
        lines = path.read_text(encoding="utf-8").splitlines()
        wanted = {n for n, line in enumerate(lines, 1) if _PLACEHOLDER.match(line)}
        assert wanted, kind
        assert wanted <= flagged, (kind, sorted(wanted - flagged))
    messages = " ".join(p["message"] for p in problems)
    assert "must not be empty" in messages and "'REPLACE' is not an allowed value" in messages


@pytest.mark.parametrize("all_fields", [False, True], ids=["new", "all-fields"])
def test_filled_in_records_pass_the_check(project: Path, all_fields: bool) -> None:
    for kind in KINDS:
        text = fill(record_text(kind, all_fields=all_fields))
        loaded, problems = load_yaml_text(text.encode(), f"brand-new-{kind}.yaml")
        assert problems == [] and loaded is not None
        assert check_shape(kind, loaded) == []
        # An archived text needs its quotes verified first (`build.py verify`): not here.
        text = re.sub(r"\narchive:\n(?:[ #].*\n)*", "\n", text)
        # Old ids must differ between records: each old address leads to one record.
        text = text.replace("scaffold-test-old-id", f"scaffold-test-old-{kind}")
        target = project / "facts" / kind.folder / f"brand-new-{kind}.yaml"
        target.write_text(text, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.code == 0, result.err


# ------------------------------------------------------------------- refusals


def test_refuses_to_overwrite(project: Path) -> None:
    path = new_record(project, "incident", "brand-new")
    path.write_text("title: edited\n", encoding="utf-8")
    with pytest.raises(EditorError, match=r"already used by facts/incidents/brand-new\.yaml"):
        new_record(project, "incident", "brand-new")
    assert path.read_text(encoding="utf-8") == "title: edited\n"


@pytest.mark.parametrize("kind", ["actor", "incident"])
def test_refuses_an_id_another_kind_uses(project: Path, kind: str) -> None:
    with pytest.raises(EditorError, match=r"facts/sources/wire-story\.yaml"):
        new_record(project, kind, "wire-story")
    assert not (project / "facts" / RecordKind(kind).folder / "wire-story.yaml").exists()


@pytest.mark.parametrize(
    "bad", ["Bad_Name", "two  spaces", "trailing-", "-leading", "double--hyphen", "café",
            "", "x" * 81, "name.yaml", "../escape", "unknown"]
)
def test_refuses_an_invalid_id(project: Path, bad: str) -> None:
    before = sorted(p.name for p in (project / "facts").rglob("*"))
    with pytest.raises(EditorError, match=r"lowercase letters|cannot be an id") as caught:
        new_record(project, "source", bad)
    if bad != "unknown":
        assert "single hyphens" in str(caught.value)
    assert sorted(p.name for p in (project / "facts").rglob("*")) == before


def test_invalid_id_message_suggests_a_valid_one(project: Path) -> None:
    with pytest.raises(EditorError, match="Try: ariha-market-strike"):
        new_record(project, "incident", "Ariha Market Strike")


def test_refuses_an_unknown_kind(project: Path) -> None:
    with pytest.raises(EditorError, match="source, actor, incident"):
        new_record(project, "person", "someone")


def test_refuses_a_folder_without_facts(tmp_path: Path) -> None:
    with pytest.raises(EditorError, match="no facts/ folder"):
        new_record(tmp_path, "source", "a-source")


def test_creates_a_missing_kind_folder(project: Path) -> None:
    for path in (project / "facts" / "actors").iterdir():
        path.unlink()
    (project / "facts" / "actors").rmdir()
    assert new_record(project, "actor", "first-actor").is_file()

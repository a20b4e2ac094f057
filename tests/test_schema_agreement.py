"""The build and the JSON Schemas (as VS Code and check-jsonschema use them) agree on a record.

The build reads every value as text; other YAML tools read an unquoted 1200, true or null as
a number, a truth value or nothing, which the schemas refuse. So the build refuses those
too, and accepts what they accept: the same verdict for the same file, field by field.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE, REPO, copy_project, run_cli

BASE = FIXTURE / "facts" / "incidents" / "market-strike.yaml"
# (the line to change, what to write instead) for each variant of the fixture's record.
FIELDS = {"value": '    value: "49"', "title": "title: Strike on a market <b>in</b> Ariha"}
PATHS = {"value": "figures[0].value", "title": "title"}  # as the build names them
VALUES = ["1200", '"1200"', "049", "1e3", "0x1F", "1_000", "3.0", ".inf", "true", "null", "~",
          "yes", "1:20", "2015-11-29", "twelve"]


def _variants() -> dict[str, str]:
    text = BASE.read_text(encoding="utf-8")
    variants = {}
    for field, line in FIELDS.items():
        assert line in text
        indent = line[: len(line) - len(line.lstrip())]
        for number, value in enumerate(VALUES):
            name = f"v-{field}-{number}"
            variant = text.replace(line, f"{indent}{field}: {value}", 1)
            for claim in re.findall(r"^\s+- id: (\S+)$", text, re.MULTILINE):
                variant = variant.replace(claim, f"{claim}-{name}")  # ids must be unique
            variants[name] = variant
    return variants


def _schema_refused(files: list[Path]) -> set[str]:
    schema = (REPO / "schemas" / "incident.schema.json").resolve()
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--color", "never", "--output-format",
         "text", "--schemafile", str(schema), "--base-uri", schema.as_uri(),
         *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return set(re.findall(r"(v-\w+-\d+)\.yaml::", result.stdout + result.stderr))


def _build_refused(err: str) -> set[str]:
    """The variants with a problem at the field changed in them (not other build rules)."""
    found = re.findall(r"^facts/incidents/(v-(\w+)-\d+)\.yaml:\d+:\d+: ([^\s:]+): ", err,
                       re.MULTILINE)
    return {name for name, field, path in found if PATHS[field] == path}


def test_the_build_and_the_schema_give_the_same_verdict(tmp_path: Path) -> None:
    root = copy_project(FIXTURE, tmp_path / "project")
    folder = root / "facts" / "incidents"
    variants = _variants()
    files = []
    for name, text in variants.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        files.append(folder / f"{name}.yaml")
    by_schema = _schema_refused(files)
    result = run_cli(root, "check")
    by_build = _build_refused(result.err)
    assert by_build == by_schema, {"only the build": by_build - by_schema,
                                   "only the schema": by_schema - by_build}
    # Both refuse something and accept something: the comparison is not empty.
    assert by_schema and set(variants) - by_schema
    assert "v-value-0" in by_build  # value: 1200
    assert "v-value-1" not in by_build  # value: "1200"
    line = next(x for x in result.err.splitlines() if x.startswith("facts/incidents/v-value-0."))
    assert line == ("facts/incidents/v-value-0.yaml:31:12: figures[0].value: `1200` without "
                    "quotes is read as a number by your editor and other YAML tools, not as text")
    assert 'put it in double quotes: value: "1200"' in result.err

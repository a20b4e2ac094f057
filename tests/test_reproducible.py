"""The shipped dataset builds to the same bytes whatever the machine's settings.

Two copies of the repository's inputs (facts, verification, schemas, hand-written docs,
overrides, mkdocs.yml) are built with `build.py` and `mkdocs build --strict` under
different hash seeds, time zones and locales, the second copy's files created in reverse
order. docs/ and site/ must be byte-identical, with no file left out.

SOURCE_DATE_EPOCH is the same in both runs. MkDocs 1.6 honours it: the sitemap's <lastmod>
dates and the gzip header time of sitemap.xml.gz are its UTC day (without it, the UTC day of
the build, so two builds on different days differ in exactly those two files). Our own
build.py writes one date into docs/, the build day in data/datapackage.json (and so in
data/SHA256SUMS), from SOURCE_DATE_EPOCH too, as do verify's lock files.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_build_py

from factsheet.config import GENERATED_DIRS, GENERATED_FILES

INPUTS = ("facts", "verification", "schemas", "docs", "overrides", "hooks", "mkdocs.yml")
GENERATED = {*GENERATED_DIRS, *GENERATED_FILES}  # build output inside docs/
SOURCE_DATE_EPOCH = "1800000000"  # 2027-01-15T08:00:00Z: after the records' latest change
SETTINGS = (
    {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C"},
    {"PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
)


def _input_files() -> list[Path]:
    files: list[Path] = []
    for name in INPUTS:
        source = REPO / name
        if source.is_file():
            files.append(source)
        elif source.is_dir():
            for path in sorted(source.rglob("*")):
                relative = path.relative_to(REPO).parts
                if name == "docs" and (relative[1] in GENERATED or relative[1].startswith(".")):
                    continue  # a previous build's pages or leftovers, not an input
                if path.is_file() and "__pycache__" not in relative:
                    files.append(path)
    return files


def _copy_inputs(target: Path, reverse: bool) -> Path:
    files = _input_files()
    for path in reversed(files) if reverse else files:
        destination = target / path.relative_to(REPO)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target


def _build(root: Path, settings: dict[str, str]) -> None:
    # As deployed: with the site's address, so that the sitemap lists every page with its date.
    env = {**settings, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
           "FACTSHEET_SITE_URL": "https://factsheet.example.org/"}
    result = run_build_py(root, "build", env=env)
    assert result.code == 0, result.err
    made = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, capture_output=True, text=True, check=False, timeout=300,
        env={**os.environ, **env, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert made.returncode == 0, made.stderr
    assert "WARNING" not in made.stderr, made.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.process  # each machine setting needs a process started with it
def test_builds_are_byte_identical_across_machine_settings(tmp_path: Path) -> None:
    roots = []
    for index, settings in enumerate(SETTINGS):
        root = _copy_inputs(tmp_path / f"copy{index}", reverse=index == 1)
        _build(root, settings)
        roots.append(root)
    first, second = roots
    for output in ("docs", "site"):
        one, two = _tree(first / output), _tree(second / output)
        assert one.keys() == two.keys(), sorted(set(one) ^ set(two))
        differing = sorted(name for name in one if one[name] != two[name])
        assert differing == [], f"{output}/ files differ between the two builds: {differing}"
    # Nothing is excluded above: MkDocs honours SOURCE_DATE_EPOCH for the only dates it writes.
    day = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=dt.UTC).date().isoformat()
    sitemap = (first / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {day}
    packed = (first / "site" / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode() == sitemap
    midnight = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()
    assert int.from_bytes(packed[4:8], "little") == int(midnight)  # the gzip header's MTIME
    package = json.loads((first / "docs" / "data" / "datapackage.json").read_text("utf-8"))
    assert package["created"] == f"{day}T00:00:00Z"

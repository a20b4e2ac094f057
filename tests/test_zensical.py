"""The site under Zensical, Material for MkDocs' successor (same mkdocs.yml, same templates,
a template engine without Python): our templates call no Python string method, our hooks
are outside the theme folder, and a canary builds the site with the newest Zensical release
that installs here and compares its record pages with MkDocs' (tools/zensical_canary.py).

Zensical is installed from PyPI into .cache/zensical/venv (gitignored), upgraded at each run.
Missing in CI (no PyPI) is a failure, as for every tool the tests need.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, copy_site_inputs, missing, mkdocs_build, run_cli

from tools.zensical_canary import compare, record_pages, record_text

VENV = REPO / ".cache" / "zensical" / "venv"
# A method call inside a Jinja expression or statement: `x.startswith(`, `id.isascii()`.
METHOD_CALL = re.compile(r"\.\s*(?!\d)\w+\s*\(")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def test_templates_call_no_python_methods() -> None:
    templates = sorted((REPO / "overrides").rglob("*.html"))
    assert len(templates) >= 8
    calls = []
    for path in templates:
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for code in JINJA.findall(text):
            calls += [f"{path.relative_to(REPO)}: {code}" for _ in METHOD_CALL.findall(code)]
    assert calls == []


def test_the_method_pattern_finds_what_zensical_refuses() -> None:
    assert METHOD_CALL.search('{%- set safe = id.isascii() %}')
    assert METHOD_CALL.search('{{ repository.startswith("https://") }}')
    assert not METHOD_CALL.search("{{ super() }}")
    assert not METHOD_CALL.search('{{ repository[:8] == "https://" }}')


def test_hooks_live_outside_the_theme_folder() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = re.findall(r"^hooks:\n((?:  - .*\n)+)", config, re.MULTILINE)
    assert hooks, "mkdocs.yml names no hooks"
    for line in hooks[0].splitlines():
        path = line.removeprefix("  - ").strip()
        assert path.startswith("hooks/") and (REPO / path).is_file(), path
    assert not list((REPO / "overrides").rglob("*.py"))


@pytest.fixture(scope="module")
def zensical() -> tuple[Path, str]:
    """The newest Zensical release pip can install here, in a venv of its own."""
    python = VENV / "bin" / "python"
    if not python.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True,
                              text=True, timeout=300, check=False)
        assert made.returncode == 0, made.stderr
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--upgrade", "zensical"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    if install.returncode != 0:
        missing(f"Zensical from PyPI ({install.stderr.strip()[-300:]})")
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('zensical'))"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout.strip()
    return VENV / "bin" / "zensical", version


@pytest.fixture(scope="module")
def builds(zensical: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, Path, str]:
    """The shipped site built by Zensical and by MkDocs from the same pages."""
    program, version = zensical
    root = copy_site_inputs(tmp_path_factory.mktemp("zensical") / "project")
    assert run_cli(root, "build").code == 0
    built = subprocess.run([str(program), "build", "--config-file", "mkdocs.yml"], cwd=root,
                           capture_output=True, text=True, timeout=900, check=False)
    assert built.returncode == 0, f"Zensical {version}: {built.stdout}{built.stderr}"
    assert "Traceback" not in built.stderr
    (root / "site").rename(root / "site-zensical")
    made = mkdocs_build(root)
    assert made.returncode == 0, made.stderr
    return root / "site", root / "site-zensical", version


def test_zensical_builds_the_same_record_pages_with_the_same_text(
    builds: tuple[Path, Path, str],
) -> None:
    mkdocs_site, zensical_site, version = builds
    pages = record_pages(mkdocs_site)
    assert len(pages) >= 40  # 9 incidents, 32 actors, 5 sources in the shipped records
    assert compare(mkdocs_site, zensical_site) == [], f"Zensical {version}"
    text = record_text(pages["incidents/ariha-market-strike/"].read_text(encoding="utf-8"))
    assert text is not None and "Missile strike on a market in Ariha" in text


def test_zensical_publishes_no_hook_or_template_source(builds: tuple[Path, Path, str]) -> None:
    _, zensical_site, version = builds
    stray = [p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*")
             if p.suffix == ".py" or p.name == "hooks"]
    assert stray == [], f"Zensical {version}"


def test_the_comparison_sees_a_changed_record(builds: tuple[Path, Path, str],
                                              tmp_path: Path) -> None:
    """The canary is not blind: a word changed in one build's page is reported."""
    mkdocs_site, _, _ = builds
    other = tmp_path / "other"
    shutil.copytree(mkdocs_site, other)
    page = other / "incidents" / "ariha-market-strike" / "index.html"
    head, body = page.read_text(encoding="utf-8").split("<article", 1)
    page.write_text(head + "<article" + body.replace("Missile", "Rocket", 1), encoding="utf-8")
    shutil.rmtree(other / "actors" / "rfi")
    problems = compare(mkdocs_site, other)
    assert any(p.startswith("incidents/ariha-market-strike/: the text differs") for p in problems)
    assert "only in the MkDocs build: actors/rfi/" in problems

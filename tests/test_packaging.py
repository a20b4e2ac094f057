"""The tool as `pip install` gives it: a wheel installed in a fresh environment, away from
the repository, checks a project with nothing of this checkout to lean on.

The wheel is built from a copy of the package's sources (so the build leaves nothing in the
repository) and installed without its dependencies; the fresh environment reaches those
through a .pth file naming this environment's site-packages, which keeps the test quick and
offline once the build backend is cached, while `factsheet` itself can only come from the
wheel (the test checks where it was imported from).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

# What a wheel is built from: the package, its metadata and the schemas it ships.
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "factsheet", "schemas")


def _run(*args: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv with only the built wheel installed in it."""
    work = tmp_path_factory.mktemp("wheel")
    sources = work / "src"
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, sources / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            sources.mkdir(exist_ok=True)
            shutil.copy2(source, sources / name)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                 "--wheel-dir", work / "dist", sources, cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("factsheet-*.whl")

    env = work / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    placed = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                  cwd=work)
    site_packages = Path(placed.stdout.strip())
    here = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site_packages / "dependencies-from-the-test-env.pth").write_text(
        "".join(f"{path}\n" for path in sorted(here)), encoding="utf-8")
    install = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                   "--quiet", wheel, cwd=work)
    assert install.returncode == 0, install.stderr
    return env / "bin"


def test_the_wheel_ships_the_schemas_and_is_what_runs(installed: Path) -> None:
    where = _run(installed / "python", "-c",
                 "import factsheet.config as c; print(c.__file__); print(c.SCHEMA_DIR)",
                 cwd=installed)
    module, schemas = where.stdout.split()
    assert Path(module).is_relative_to(installed.parent)  # the wheel's copy, not this checkout
    assert Path(schemas) == Path(module).parent / "schemas"
    shipped = {p.name: p.read_bytes() for p in Path(schemas).glob("*.schema.json")}
    assert shipped == {p.name: p.read_bytes() for p in (REPO / "schemas").glob("*.schema.json")}


def test_the_installed_tool_checks_a_project(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("facts", "verification"):
        shutil.copytree(REPO / folder, project / folder)
    result = _run(installed / "factsheet", "check", "--root", project, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout + result.stderr
    assert not (project / "docs").exists()  # check writes nothing


def test_the_installed_tool_names_the_broken_line(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "facts", project / "facts")
    shutil.copytree(REPO / "verification", project / "verification")
    record = sorted((project / "facts" / "actors").glob("*.yaml"))[0]
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("kind: "))
    lines[number - 1] = "kind: not-a-kind\n"
    record.write_text("".join(lines), encoding="utf-8")
    result = _run(installed / "factsheet", "check", "--root", project, cwd=tmp_path)
    assert result.returncode == 1
    shown = f"facts/actors/{record.name}:{number}:"
    assert shown in result.stdout + result.stderr, result.stdout + result.stderr
    assert "not-a-kind" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_python_m_factsheet_runs_the_installed_tool(installed: Path) -> None:
    result = _run(installed / "python", "-m", "factsheet", "--help", cwd=installed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m factsheet ")
    script = _run(installed / "factsheet", "check", "--help", cwd=installed)
    assert script.stdout.startswith("usage: factsheet check ")
    module = _run(installed / "python", "-m", "factsheet.cli", "new", "--help", cwd=installed)
    assert module.stdout.startswith("usage: python -m factsheet.cli new ")


def test_the_console_script_is_declared_once() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"factsheet": "factsheet.cli:run"}
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: factsheet check" in hooks and "language: python" in hooks

"""The package's stages import only downwards, and the tools stay out of the product.

The layers, lowest first, are the ones docs/architecture.md describes. Every import in
the package is read (those inside functions too), and each must name a module of the
same layer or a lower one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "factsheet"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("config", "problems", "files"),
    ("domain",),
    ("load",),
    ("check",),
    ("factbase",),
    ("render",),
    ("output",),
    ("site",),
    ("scaffold",),
    ("pipeline",),
    ("cli", "__main__"),
)
LAYER_OF = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported(path: Path, text: str | None = None) -> list[tuple[int, list[str]]]:
    """(line, the imported module's parts) for every import of the package in one file
    (or in `text`, read as if it were that file)."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here[:-1]
    found: list[tuple[int, list[str]]] = []
    source = path.read_text(encoding="utf-8") if text is None else text
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = base + (node.module.split(".") if node.module else [])
            if target[:1] != ["factsheet"]:
                continue
            if len(target) == 1:  # `from . import pipeline`: the names are modules
                found += [(node.lineno, ["factsheet", alias.name]) for alias in node.names]
            else:
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name.split("."))
                for alias in node.names
                if alias.name.startswith("factsheet.")
            ]
    return found


def _layer(parts: list[str]) -> int:
    top = parts[1] if len(parts) > 1 else "__init__"
    if top not in LAYER_OF:
        raise AssertionError(f"factsheet/{top} has no layer: add it to LAYERS and the docs")
    return LAYER_OF[top]


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_imports_only_downwards(path: Path) -> None:
    own = _layer(_module(path))
    upward = [
        f"{path.relative_to(REPO)}:{line} imports {'.'.join(target)}"
        for line, target in _imported(path)
        if _layer(target) > own
    ]
    assert upward == []


def test_the_layer_check_sees_an_upward_import() -> None:
    """The check can fail: a domain module importing the renderer is caught."""
    model = PACKAGE / "domain" / "model.py"
    imported = _imported(model, "def f():\n    from ..render.text import md\n")
    assert imported == [(2, ["factsheet", "render", "text"])]
    assert _layer(imported[0][1]) > _layer(_module(model))


def test_every_package_folder_has_a_layer() -> None:
    tops = {p.name.removesuffix(".py") for p in PACKAGE.iterdir() if not p.name.startswith("_")}
    tops -= {"templates"}
    tops = {t for t in tops if (PACKAGE / t).is_dir() or (PACKAGE / f"{t}.py").is_file()}
    assert tops <= set(LAYER_OF), tops - set(LAYER_OF)


def test_tools_are_not_in_the_product() -> None:
    """The benchmark lives in bench/, outside the package, its wheel and its code digest."""
    product = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert not {name for name in product if "bench" in name or "synthetic" in name}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert node.module.split(".")[0] not in ("bench", "tools", "tests"), path

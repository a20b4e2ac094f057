"""Hostile file names, symbolic links and failures while writing.

A record's file name is its id and becomes a page path; links planted in facts/ or docs/
could make the build read or write far away. After every case nothing may exist, change or
disappear anywhere in the temporary tree (the project and the folders beside it) except
docs/'s generated pages, and a secret behind a link never appears in any output.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    Case,
    Entry,
    Outcomes,
    Spec,
    assert_outcome,
    base_incident,
    built_base,
    clone,
    diff,
    run_cli,
    snapshot,
    write_record,
)

from factsheet import cli
from factsheet.output import write

SECRET = "SECRET-7f3a9c-do-not-publish"
Add = Callable[[Path], object]
Check = Callable[[Case], None]


def _param(spec: Spec, xfail: str = "") -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    if spec.process:
        marks.append(pytest.mark.process)
    return pytest.param(spec, marks=marks, id=spec.id)


def _valid(title: str = "A record named oddly") -> str:
    return base_incident(title=title)


# ---------------------------------------------------------------- file names


def _named(case_id: str, name: str, *, xfail: str = "", beside: str = "") -> Any:
    """A valid record under an odd file name (beside a valid record named `beside`)."""
    display = f"facts/incidents/{name}"

    def add(root: Path) -> None:
        if beside:
            write_record(root, _valid(title="The plain one"), f"facts/incidents/{beside}")
        write_record(root, _valid(), display)

    return _param(Spec(case_id, add, display=display), xfail)


def _index_page_kept(case: Case) -> None:
    listing = case.root / "docs" / "incidents" / "index.md"
    assert listing.read_text(encoding="utf-8").startswith('---\ntitle: "Incidents"'), (
        "a record called index replaced the list of incidents"
    )


def _add_index_record(root: Path) -> None:
    write_record(root, _valid(), "facts/incidents/index.yaml")


NAMES = [
    _named("uppercase", "Fire.yaml"),
    _named("ligature-fi", "\ufb01re.yaml"),
    _named("fullwidth", "\uff46ire.yaml"),
    _named("uppercase-beside-lowercase", "FIRE.yaml", beside="fire.yaml"),
    _named("ligature-beside-plain", "\ufb01re.yaml", beside="fire.yaml"),
    _named("decomposed-beside-composed", "cafe\u0301.yaml", beside="caf\u00e9.yaml"),
    _named("trailing-dot-in-id", "fire..yaml"),
    _named("trailing-dot-after-suffix", "fire.yaml."),
    _named("trailing-space", "fire .yaml"),
    _named("trailing-newline-in-id", "fire\n.yaml"),
    _named("leading-hyphen", "-fire.yaml"),
    _named("double-hyphen", "fire--x.yaml"),
    _named("too-long", "a" * 81 + ".yaml"),
    _named("yml-suffix", "fire.yml"),
    _named("no-suffix", "fire"),
    _named("reserved-con", "con.yaml"),
    _named("reserved-nul", "nul.yaml"),
    _named("reserved-aux", "aux.yaml"),
    _named("reserved-prn", "prn.yaml"),
    _named("reserved-com1", "com1.yaml"),
    _named("reserved-lpt1", "lpt1.yaml"),
    # incidents/index.md is the generated list of incidents: a record called index must be
    # refused, or at least not replace it.
    _param(Spec("id-index", _add_index_record, display="facts/incidents/index.yaml",
                refused=None, check=_index_page_kept)),
]

# ---------------------------------------------------------------- links and odd files in facts/


def _secret_file(root: Path) -> Path:
    """A valid record holding the secret, outside the project."""
    target = root.parent / "outside" / "secret.yaml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(_valid(title=SECRET), encoding="utf-8")
    return target


def _secret_never_shown(case: Case) -> None:
    assert SECRET not in case.result.out + case.result.err
    for path in (case.root / "docs").rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def _add_hidden(name: str) -> Add:
    def add(root: Path) -> None:
        (root / "facts" / "incidents" / name).write_text(_valid(title=SECRET), encoding="utf-8")

    return add


def _add_nested(root: Path) -> None:
    write_record(root, _valid(), "facts/incidents/a/b.yaml")


def _add_folder_named_like_a_record(root: Path) -> None:
    (root / "facts" / "incidents" / "folder.yaml").mkdir()


def _add_fifo(root: Path) -> None:
    os.mkfifo(root / "facts" / "incidents" / "pipe.yaml")


def _add_link_to_secret(root: Path) -> None:
    (root / "facts" / "incidents" / "linked.yaml").symlink_to(_secret_file(root))


def _add_link_inside(root: Path) -> None:
    (root / "facts" / "incidents" / "linked.yaml").symlink_to("market-strike.yaml")


def _add_dangling_link(root: Path) -> None:
    (root / "facts" / "incidents" / "linked.yaml").symlink_to(root.parent / "nowhere.yaml")


def _add_linked_kind_folder(root: Path) -> None:
    incidents = root / "facts" / "incidents"
    outside = root.parent / "outside-incidents"
    shutil.move(incidents, outside)
    shutil.copy(_secret_file(root), outside / "secret.yaml")
    incidents.symlink_to(outside, target_is_directory=True)


def _add_linked_facts_folder(root: Path) -> None:
    facts = root / "facts"
    outside = root.parent / "outside-facts"
    shutil.move(facts, outside)
    facts.symlink_to(outside, target_is_directory=True)


def _add_cross_kind_duplicate(root: Path) -> None:
    write_record(root, (
        "name: Air campaign\nkind: group\ndescription:\n  text: Someone.\n"
        "  citations:\n    - source: unsigned-page\n"
    ), "facts/actors/air-campaign.yaml")


def _odd(
    case_id: str, add: Add, display: str, check: Check | None = None, *, process: bool = False
) -> Any:
    return _param(Spec(case_id, add, display=display, check=check, process=process))


def _hidden(case_id: str, name: str) -> Any:
    # A hidden .yaml file is easy to miss in a review and would otherwise be dropped
    # silently: it is refused by name, and its content is never read or shown.
    return _param(Spec(case_id, _add_hidden(name), display=f"facts/incidents/{name}",
                       check=_secret_never_shown))


LINKS = [
    _odd("nested-folder", _add_nested, "facts/incidents/a"),
    _odd("folder-named-yaml", _add_folder_named_like_a_record, "facts/incidents/folder.yaml"),
    # Reading a pipe would wait for a writer forever: a process, which a timeout can end.
    _odd("fifo", _add_fifo, "facts/incidents/pipe.yaml", process=True),
    _odd("symlinked-record-to-secret", _add_link_to_secret, "facts/incidents/linked.yaml",
         _secret_never_shown),
    _odd("symlinked-record-inside-facts", _add_link_inside, "facts/incidents/linked.yaml"),
    _odd("dangling-symlink", _add_dangling_link, "facts/incidents/linked.yaml"),
    _odd("symlinked-incidents-folder", _add_linked_kind_folder, "facts/incidents",
         _secret_never_shown),
    _odd("symlinked-facts-folder", _add_linked_facts_folder, "facts"),
    _odd("same-id-in-two-kinds", _add_cross_kind_duplicate, "facts/actors/air-campaign.yaml"),
    _hidden("hidden-dot-yaml", ".yaml"),
    _hidden("hidden-dot-dot-yaml", "..yaml"),
    _hidden("hidden-record", ".x.yaml"),
]

# ---------------------------------------------------------------- links planted in docs/

PRECIOUS = "precious.txt"


def _outside_docs(root: Path) -> Path:
    outside = root.parent / "outside-docs"
    (outside / "sub").mkdir(parents=True)
    (outside / PRECIOUS).write_text("keep me\n")
    (outside / "sub" / PRECIOUS).write_text("keep me too\n")
    return outside


def _retitle(root: Path) -> None:
    """A harmless edit, so that pages have to be written again."""
    path = root / "facts" / "incidents" / "market-strike.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("title: ")
    path.write_text(text.replace("title: ", "title: Retitled ", 1), encoding="utf-8")


def _outside_untouched(case: Case) -> None:
    changed = [line for line in case.changes if "outside" in line]
    assert changed == [], f"the build changed files outside the project: {changed}"


def _add_linked_docs_kind(root: Path) -> None:
    outside = _outside_docs(root)
    shutil.rmtree(root / "docs" / "incidents")
    (root / "docs" / "incidents").symlink_to(outside, target_is_directory=True)


def _add_linked_docs(root: Path) -> None:
    outside = root.parent / "outside-docs"
    shutil.move(root / "docs", outside)
    (outside / "incidents" / PRECIOUS).write_text("keep me\n")
    (root / "docs").symlink_to(outside, target_is_directory=True)


def _add_planted_temp_link(root: Path) -> None:
    outside = _outside_docs(root)
    planted = root / "docs" / "incidents" / f"{write.TEMP_PREFIX}market-strike.md"
    planted.symlink_to(outside / PRECIOUS)
    _retitle(root)


def _add_linked_page(root: Path) -> None:
    outside = _outside_docs(root)
    page = root / "docs" / "incidents" / "market-strike.md"
    page.unlink()
    page.symlink_to(outside / PRECIOUS)
    _retitle(root)


def _add_linked_stale_page(root: Path) -> None:
    outside = _outside_docs(root)
    (root / "docs" / "incidents" / "gone.md").symlink_to(outside / PRECIOUS)


def _add_leftover_temp_file(root: Path) -> None:
    """What a build killed between staging and renaming leaves behind."""
    leftover = root / "docs" / "incidents" / f"{write.TEMP_PREFIX}market-strike.md"
    leftover.write_text("half a page\n", encoding="utf-8")
    _retitle(root)


def _no_leftovers(case: Case) -> None:
    left = list((case.root / "docs").rglob(f"{write.TEMP_PREFIX}*"))
    assert left == [], left
    page = case.root / "docs" / "incidents" / "market-strike.md"
    assert not page.is_symlink() and "Retitled" in page.read_text(encoding="utf-8")


def _docs_link(case_id: str, add: Add) -> Any:
    # Refusing (exit 1) and building (exit 0) are both fine; touching the outside is not.
    return _param(Spec(case_id, add, display="", refused=None, check=_outside_untouched))


DOCS_LINKS = [
    _docs_link("symlinked-docs-incidents-folder", _add_linked_docs_kind),
    _docs_link("symlinked-docs-folder", _add_linked_docs),
    _docs_link("planted-link-at-temporary-name", _add_planted_temp_link),
    _docs_link("symlinked-page", _add_linked_page),
    _docs_link("symlinked-stale-page", _add_linked_stale_page),
    _param(Spec("leftover-temporary-file", _add_leftover_temp_file, display="", refused=False,
                check=_no_leftovers)),
]

CASES = NAMES + LINKS + DOCS_LINKS


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    specs: list[Spec] = [param.values[0] for param in CASES]
    return Outcomes(specs, tmp_path_factory.mktemp("paths"))


@pytest.mark.parametrize("spec", CASES)
def test_hostile_path(spec: Spec, outcomes: Outcomes) -> None:
    assert_outcome(spec, outcomes[spec.id])


# ---------------------------------------------------------------- failures while writing


def _docs_state(root: Path) -> dict[str, Entry]:
    return snapshot(root / "docs")


def _failing_from(call: int, real: Callable[..., Any], what: str) -> Callable[..., Any]:
    """`real`, except that the call-th call fails as a full disk would (later ones work)."""
    count = {"n": 0}

    def fail(*args: Any, **kwargs: Any) -> Any:
        count["n"] += 1
        if count["n"] == call:
            raise OSError(28, f"No space left on device (injected into {what})")
        return real(*args, **kwargs)

    return fail


def _edited_project(tmp_path: Path) -> Path:
    root = clone(built_base(), tmp_path / "project")
    _retitle(root)
    return root


def test_failure_while_staging_leaves_docs_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _edited_project(tmp_path)
    before = _docs_state(root)
    monkeypatch.setattr(write, "_stage", _failing_from(3, write._stage, "_stage"))
    assert cli.main(["build", "--root", str(root)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert diff(before, _docs_state(root)) == []


def test_failure_while_renaming_leaves_docs_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second rename fails (a full disk, a read-only file system, a file in use)."""
    root = _edited_project(tmp_path)
    before = _docs_state(root)
    monkeypatch.setattr(os, "replace", _failing_from(2, os.replace, "os.replace"))
    code = cli.main(["build", "--root", str(root)])
    monkeypatch.undo()
    assert code == 1
    assert "Traceback" not in capsys.readouterr().err
    assert diff(before, _docs_state(root)) == []


def test_failure_in_a_first_build_leaves_docs_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = clone(built_base(), tmp_path / "project")
    for name in ("incidents", "actors", "sources"):
        shutil.rmtree(root / "docs" / name)
    (root / "docs" / "index.md").unlink()
    before = _docs_state(root)
    monkeypatch.setattr(write, "_stage", _failing_from(8, write._stage, "_stage"))
    assert cli.main(["build", "--root", str(root)]) == 1
    capsys.readouterr()
    assert diff(before, _docs_state(root)) == [], "left behind by the failed build"


def test_a_deleted_record_loses_its_page(tmp_path: Path) -> None:
    root = clone(built_base(), tmp_path / "project")
    page = root / "docs" / "incidents" / "market-strike.md"
    assert page.is_file()
    (root / "facts" / "incidents" / "market-strike.yaml").unlink()
    assert run_cli(root, "build").code == 1  # a published address (tests/test_published.py)
    assert page.is_file()
    # A maintainer removes the address on purpose: then the page goes.
    published = root / "published-ids.txt"
    published.write_text(published.read_text("utf-8").replace("incidents/market-strike\n", ""),
                         "utf-8")
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    assert not page.exists()
    assert "market-strike" not in (root / "docs" / "incidents" / "index.md").read_text()

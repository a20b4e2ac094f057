"""Published addresses never break: `check` compares the records with published-ids.txt.

Each test works on a copy of the shipped project, through build.py commands.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_site_inputs, run_cli

from factsheet.check.published import addresses, published_text
from factsheet.load.collect import collect

LIST = "published-ids.txt"
LEAF = "mosque-strike"  # an incident no other record points to
TOMBSTONE = """title: Strike on a mosque
withdrawn:
  date: "2016-03-01"
  reason: The only source <b>retracted</b> its report.
"""


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A copy of the shipped project, built once: its list of published addresses is there."""
    root = copy_site_inputs(tmp_path / "p", ("facts", "verification", "docs"))
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    return root


def _line_of(root: Path, address: str) -> int:
    lines = (root / LIST).read_text(encoding="utf-8").splitlines()
    return lines.index(address) + 1


def test_the_build_writes_every_address_sorted_and_a_rebuild_keeps_it(built: Path) -> None:
    text = (built / LIST).read_text(encoding="utf-8")
    listed = [line for line in text.splitlines() if not line.startswith("#")]
    assert listed == sorted(listed) and f"incidents/{LEAF}" in listed
    assert {f"{folder}/{path.stem}" for folder in ("sources", "actors", "incidents")
            for path in (built / "facts" / folder).glob("*.yaml")} == set(listed)
    (built / LIST).unlink()
    assert run_cli(built, "build").code == 0  # written again, byte for byte
    assert (built / LIST).read_text(encoding="utf-8") == text


def test_the_committed_list_is_one_the_build_could_have_written() -> None:
    """Sorted, under the build's header, and only addresses the records still have. It may
    lag behind new records (an editor in the browser cannot run the build; a maintainer's
    build adds them), never ahead of removed ones: that is what check refuses."""
    facts = collect(REPO)
    current = addresses(facts.records(), facts.withdrawn.values())
    text = (REPO / LIST).read_text(encoding="utf-8")
    listed = [line for line in text.splitlines() if not line.startswith("#")]
    assert text == published_text(listed) and listed == sorted(set(listed))
    assert set(listed) <= set(current)


def test_a_deleted_record_fails_naming_the_address_and_both_fixes(built: Path) -> None:
    (built / "facts" / "incidents" / f"{LEAF}.yaml").unlink()
    before = (built / LIST).read_bytes()
    result = run_cli(built, "check")
    assert result.code == 1
    line = _line_of(built, f"incidents/{LEAF}")
    assert (f"{LIST}:{line}:1: the page incidents/{LEAF} was published, but no incident in "
            f"facts/incidents/ has the id '{LEAF}' or lists it in renamed_from") in result.err
    assert f"add `renamed_from: [{LEAF}]` to the record that replaced it" in result.err
    assert f"keep facts/incidents/{LEAF}.yaml as a withdrawn record" in result.err
    github = run_cli(built, "check", "--format", "github")
    assert github.code == 1 and f"::error file={LIST},line={line},col=1::" in github.err
    assert run_cli(built, "build").code == 1
    assert (built / LIST).read_bytes() == before  # a failed build changes nothing


def test_a_rename_needs_renamed_from_on_its_successor(built: Path) -> None:
    folder = built / "facts" / "incidents"
    text = (folder / f"{LEAF}.yaml").read_text(encoding="utf-8")
    (folder / f"{LEAF}.yaml").unlink()
    (folder / "mosque-strike-in-idlib.yaml").write_text(text, encoding="utf-8")
    assert run_cli(built, "check").code == 1
    (folder / "mosque-strike-in-idlib.yaml").write_text(
        text + f"renamed_from: [{LEAF}]\n", encoding="utf-8")
    result = run_cli(built, "build")
    assert result.code == 0, result.err
    listed = (built / LIST).read_text(encoding="utf-8").splitlines()
    assert f"incidents/{LEAF}" in listed and "incidents/mosque-strike-in-idlib" in listed
    page = (built / "docs" / "incidents" / f"{LEAF}.md").read_text(encoding="utf-8")
    assert '\nredirect_id: "mosque-strike-in-idlib"\n' in page


def test_a_withdrawn_record_keeps_a_page_saying_when_and_why(built: Path) -> None:
    (built / "facts" / "incidents" / f"{LEAF}.yaml").write_text(TOMBSTONE, encoding="utf-8")
    result = run_cli(built, "build")
    assert result.code == 0, result.err
    page = (built / "docs" / "incidents" / f"{LEAF}.md").read_text(encoding="utf-8")
    assert "# Withdrawn: Strike on a mosque" in page
    assert "We withdrew this incident from the site on 1 March 2016." in page
    assert "&#60;b&#62;retracted&#60;&#47;b&#62;" in page and "<b>" not in page  # escaped
    assert "[^1]" not in page and "## " not in page  # no claims, figures or citations
    front = yaml.safe_load(page.split("---\n")[1])
    assert front["search"] == {"exclude": True}
    data = json.loads((built / "docs" / "data" / "factsheet.json").read_text("utf-8"))
    assert LEAF not in {incident["id"] for incident in data["incidents"]}
    assert [w["id"] for w in data["withdrawn"]] == [LEAF]
    assert LEAF not in (built / "docs" / "incidents" / "index.md").read_text("utf-8")
    assert f"incidents/{LEAF}" in (built / LIST).read_text(encoding="utf-8").splitlines()


def test_a_record_pointing_at_a_withdrawn_one_is_told_so(built: Path) -> None:
    parent = "russian-air-campaign-syria"
    (built / "facts" / "incidents" / f"{parent}.yaml").write_text(
        TOMBSTONE.replace("a mosque", "a campaign"), encoding="utf-8")
    result = run_cli(built, "check")
    assert result.code == 1
    assert (f"parent: the incident '{parent}' was withdrawn on 2016-03-01") in result.err


def test_a_withdrawn_record_keeps_no_claims(built: Path) -> None:
    record = built / "facts" / "incidents" / f"{LEAF}.yaml"
    record.write_text(record.read_text(encoding="utf-8") + TOMBSTONE.split("\n", 1)[1],
                      encoding="utf-8")
    result = run_cli(built, "check")
    assert result.code == 1
    assert "claims: is not a field of this record" in result.err
    assert "allowed fields: renamed_from, title, withdrawn." in result.err


def test_a_hand_edited_line_is_refused(built: Path) -> None:
    with (built / LIST).open("a", encoding="utf-8") as stream:
        stream.write("incidents/Not An Id\n")
    result = run_cli(built, "check")
    assert result.code == 1
    assert "'incidents/Not An Id' is not the address of a record page" in result.err


def test_a_project_without_the_list_has_published_nothing_yet(tmp_path: Path) -> None:
    root = copy_site_inputs(tmp_path / "p", ("facts", "verification", "docs"))
    assert not (root / LIST).exists()
    assert run_cli(root, "check").code == 0
    assert not (root / LIST).exists()  # check writes nothing

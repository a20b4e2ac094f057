"""CONTRIBUTING.md cannot drift from the project: its example record must pass the loader and
the incident schema, and every kind of message the checks print must be explained in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from yamllint import linter
from yamllint.config import YamlLintConfig

from factsheet.load.schema import check_shape
from factsheet.load.strict_yaml import load_yaml_text

GUIDE = REPO / "CONTRIBUTING.md"
EXPECTED = sorted(
    [*(REPO / "tests" / "cases" / "invalid").glob("*/*.expected"),
     *(REPO / "tests" / "loader_cases" / "invalid").glob("*.expected")]
)
_LOCATED = re.compile(r"^\S+?:\d+:\d+: (?:(?P<field>[^\s:`]+): )?(?P<message>.+)$")


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _example_record() -> str:
    blocks = re.findall(r"^```yaml\n(.*?)^```$", _guide(), re.DOTALL | re.MULTILINE)
    assert len(blocks) == 1, "CONTRIBUTING.md should hold exactly one ```yaml example record"
    text: str = blocks[0]
    return text


def test_example_record_passes_the_loader_and_the_incident_schema() -> None:
    loaded, problems = load_yaml_text(_example_record().encode("utf-8"),
                                      "facts/incidents/example.yaml")
    assert problems == [] and loaded is not None, [p.as_text() for p in problems]
    assert check_shape("incident", loaded) == []


def test_example_record_shows_a_figure_a_claim_and_citations() -> None:
    loaded, _ = load_yaml_text(_example_record().encode("utf-8"), "example.yaml")
    assert loaded is not None
    data = loaded.data()
    assert data["figures"] and data["claims"]
    assert data["figures"][0]["claimant"] != data["figures"][0]["citations"][0]["source"]
    assert any(claim.get("responds_to") for claim in data["claims"])
    assert all(c.get("quote") for c in data["summary"]["citations"])


def test_example_record_starts_with_the_schema_modeline_and_passes_yamllint() -> None:
    text = _example_record()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/incident.schema.json")
    config = YamlLintConfig(file=str(REPO / ".yamllint.yaml"))
    assert [str(p) for p in linter.run(text, config, "facts/incidents/example.yaml")] == []


def test_example_record_is_not_taken_from_the_records() -> None:
    """The example is made up: none of its ids is a real record's."""
    loaded, _ = load_yaml_text(_example_record().encode("utf-8"), "example.yaml")
    assert loaded is not None
    real = {p.stem for p in (REPO / "facts").rglob("*.yaml")}
    used = set(re.findall(r"\b(?:source|actor|claimant|parent|responds_to): (\S+)",
                          _example_record()))
    assert used and not used & real


def _core(message: str) -> str:
    """The fixed words of a message: the longest run between names, numbers and values."""
    pieces = re.split(r"'[^']*'|`[^`]*`|\([^)]*\)|\S*[\d/&*!][^\s]*|\b[A-Z]\w*", message)
    words = [" ".join(piece.split()) for piece in pieces]
    return max(words, key=lambda w: len(w.split()))


def _messages() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in EXPECTED:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _LOCATED.match(line)
            if match:
                found.append((path.name, match.group("message")))
    return found


@pytest.mark.parametrize("message", sorted({m for _, m in _messages()}))
def test_every_kind_of_message_is_explained(message: str) -> None:
    core = _core(message)
    assert len(core.split()) >= 2, f"cannot tell this message's kind: {message!r}"
    guide = " ".join(_guide().split())
    assert core in guide, (
        f"CONTRIBUTING.md does not explain the message {message!r}: add an example of it "
        "under 'What the checks say and how to fix each', with what to do"
    )


def test_guide_covers_the_workflow() -> None:
    guide = _guide()
    for needed in (
        "python build.py new incident",
        "Create new file",
        "One record per pull request",
        "Recording a correction",
        "unknown",
        "claimant",
        "verbatim quote",
        "Our own words",
    ):
        assert needed.lower() in guide.lower(), needed


def test_guide_links_resolve() -> None:
    guide = _guide()
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")
        for title in re.findall(r"^#+ (.+)$", guide, re.MULTILINE)
    }
    for target in re.findall(r"\]\(#([^)]+)\)", guide):
        assert target in anchors, target
    for path in re.findall(r"\]\((?!#|https?:)([^)]+)\)", guide):
        assert (Path(REPO) / path).exists(), path

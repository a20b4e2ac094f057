"""Incident status rules, origins and their documentation."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, run_cli

from factsheet.domain.grading import STATUS_LABELS
from factsheet.domain.origins import derivation_cycle, source_origins
from factsheet.factbase import FactBase, link
from factsheet.load.collect import collect


def _base(root: Path) -> FactBase:
    facts = collect(root)
    assert not facts.problems
    return link(facts)


def test_fixture_denial_by_a_spokesman_counts_as_the_accused_party(project: Path) -> None:
    grade = _base(project).grades["market-strike"]
    met = {r.rule for r in grade.trace if r.met}
    assert "R2" in met  # the spokesman is affiliated with the accused ministry
    assert grade.status == "denied-by-accused"


def test_relayed_sources_count_as_one_origin(project: Path) -> None:
    base = _base(project)
    assert base.origins["wire-story"] == frozenset({"rights-watchers"})
    assert base.origins["unsigned-page"] == frozenset({"unsigned-page"})
    r5 = next(r for r in base.grades["market-strike"].trace if r.rule == "R5")
    # the unsigned page's figure has no named claimant, so it adds no origin
    assert not r5.met and r5.detail.startswith(
        "1 independent origin for the best-supported question, “civilians killed”: Rights Watchers"
    )
    assert "not established, relayed by one article of unknown publisher" in r5.detail


def test_status_override_needs_a_reason_and_shows_both(project: Path) -> None:
    record = project / "facts" / "incidents" / "air-campaign.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "status_override:\n"
                      "  status: corroborated\n", encoding="utf-8")
    result = run_cli(project, "check")
    assert result.code == 1 and "status_override.reason: this field is missing" in result.err
    record.write_text(record.read_text(encoding="utf-8") + "  reason: Seen by our reporter.\n",
                      encoding="utf-8")
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "air-campaign.md").read_text(encoding="utf-8")
    assert "**Overall: corroborated.** An editor set this status." in page
    assert "Reason: Seen by our reporter&#46;" in page
    assert "The rules below give: no established origin." in page


def test_circular_reporting_is_found() -> None:
    from factsheet.domain.model import Source
    from factsheet.domain.vocab import SourceKind

    def source(sid: str, parents: tuple[str, ...]) -> Source:
        kind = SourceKind("news-article")
        return Source(sid, f"{sid}.yaml", sid, kind, "unknown", "n", None, None,
                      "unknown", None, None, "en", (), None, None, parents, None, None, None)

    sources = {"a": source("a", ("b",)), "b": source("b", ("c",)), "c": source("c", ("a",))}
    assert derivation_cycle(sources, "a") == ["a", "b", "c", "a"]
    assert source_origins(sources)["a"]  # terminates and gives something


def test_shipped_dataset_counts_amnesty_relays_as_one_origin() -> None:
    base = _base(REPO)
    ariha = next(g for g in base.measures["ariha-market-strike"] if g.measure == "civilians-killed")
    citations = tuple(c for fig in ariha.figures for c in fig.citations)
    assert len({c.source for c in citations}) == 3
    origins = frozenset().union(*(base.origins_of(f.citations, f.claimant) for f in ariha.figures))
    assert origins == frozenset({"amnesty-international"})


def test_every_rule_and_status_is_documented() -> None:
    text = (REPO / "docs" / "methodology.md").read_text(encoding="utf-8")
    section = text.split("## Incident status", 1)[1]
    for rule in ("R1", "R2", "R3", "R4", "R5"):
        assert re.search(rf"^\| {rule} \|", section, re.MULTILINE), rule
    for label in STATUS_LABELS.values():
        assert label in section, label

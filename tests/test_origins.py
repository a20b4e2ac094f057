"""Origins are established by a record field or said to be unknown; independence by organisation.

Each rule of the methodology page's "Where a statement comes from" and "Independent
origins" sections, tried on the small fixture project through `build.py build` (the page a
reader meets) and the linked fact base. The shapes are those a fact-check of the shipped
site found wrongly attributed: an unnamed speaker attacking the report, an article's own
account of what others said, a staffer of the relayed organisation, the accused side.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from factsheet.factbase import FactBase, link
from factsheet.load.collect import collect


def _base(root: Path) -> FactBase:
    facts = collect(root)
    assert not facts.problems, facts.problems
    return link(facts)


def _incident_file(root: Path) -> Path:
    return root / "facts" / "incidents" / "market-strike.yaml"


def _add_claims(root: Path, yaml_items: str) -> None:
    """Append claims (YAML list items, indented for `claims:`) to the market strike."""
    record = _incident_file(root)
    text = record.read_text(encoding="utf-8")
    head, tail = text.split("discrepancies:", 1)
    record.write_text(head + yaml_items + "discrepancies:" + tail, encoding="utf-8")


def _page(root: Path) -> str:
    result = run_cli(root, "build")
    assert result.code == 0, result.err
    return (root / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")


def _claim_line(page: str, claim_id: str) -> str:
    return next(line for line in page.splitlines() if f'id="claim-{claim_id}"' in line)


def test_the_relayed_organisation_is_the_origin_of_its_own_figure(project: Path) -> None:
    base = _base(project)
    fig = base.incidents["market-strike"].figures[0]  # rights-watchers, in a story relaying it
    assert base.origins_of(fig.citations, fig.claimant) == frozenset({"rights-watchers"})


def test_an_unknown_claimant_gives_no_origin_and_the_page_says_so(project: Path) -> None:
    base = _base(project)
    fig = base.incidents["market-strike"].figures[1]  # claimant unknown, unsigned page
    assert base.origins_of(fig.citations, fig.claimant) == frozenset()
    page = _page(project)
    assert "Not established: relayed by one article of unknown publisher" not in page
    assert "not established: relayed by one article of unknown publisher" in page


def test_a_named_speaker_the_source_does_not_relay_is_not_given_its_relays_origin(
    project: Path,
) -> None:
    # The wire story relays the rights group; a remark by someone else in it (here the
    # ministry's spokesman, attacking the report) must not be shown as the group's.
    _add_claims(project, """  - id: spokesman-attacks-report
    claimant: ivan-spokesman
    stance: disputes
    text: The spokesman doubts the report's certainty.
    citations:
      - source: wire-story
""")
    line = _claim_line(_page(project), "spokesman-attacks-report")
    assert "origin not established: relayed by Daily Courier" in line
    assert "Rights Watchers" not in line.split("*(")[-1]


def test_a_recorded_origin_is_shown(project: Path) -> None:
    _add_claims(project, """  - id: spokesman-briefing
    claimant: ivan-spokesman
    stance: disputes
    text: The spokesman told a briefing the report was wrong.
    citations:
      - source: wire-story
        origin: ivan-spokesman
""")
    line = _claim_line(_page(project), "spokesman-briefing")
    assert line.endswith("*(origin: Ivan Spokesman)*")


def test_the_outlets_own_voice_originates_with_the_outlet(project: Path) -> None:
    _add_claims(project, """  - id: courier-own-account
    claimant: daily-courier
    stance: states
    text: The paper says the market was crowded.
    citations:
      - source: wire-story
""")
    base = _base(project)
    claim = base.claims["courier-own-account"]
    assert base.origins_of(claim.citations, claim.claimant) == frozenset({"daily-courier"})
    assert _claim_line(_page(project), "courier-own-account").endswith("(origin: Daily Courier)*")


def _add_staffer(root: Path) -> None:
    (root / "facts" / "actors" / "rw-staffer.yaml").write_text("""name: Rita Staffer
kind: person
description:
  text: A fictional researcher of the rights group.
  citations:
    - source: wire-story
affiliations:
  - actor: rights-watchers
    role: researcher
    citations:
      - source: wire-story
""", encoding="utf-8")


def test_origins_within_one_organisation_count_once(project: Path) -> None:
    _add_staffer(project)
    _add_claims(project, """  - id: staffer-alleges
    claimant: rw-staffer
    stance: alleges
    topic: civilians killed
    text: The researcher says the market was hit twice.
    citations:
      - source: unsigned-page
        origin: rw-staffer
""")
    grade = _base(project).grades["market-strike"]
    assert grade.subject.origins.bodies == (("rights-watchers", "rw-staffer"),)
    r5 = next(r for r in grade.trace if r.rule == "R5")
    assert not r5.met
    assert r5.detail.startswith(
        "1 independent origin for the best-supported question, “civilians killed”: "
        "Rights Watchers; Rita Staffer"
    )
    assert "(one organisation)" in r5.detail


def test_the_accused_partys_own_statements_never_corroborate(project: Path) -> None:
    _add_claims(project, """  - id: ministry-states-strike
    claimant: ivan-spokesman
    stance: states
    topic: civilians killed
    text: The spokesman says aircraft flew over the market that day.
    citations:
      - source: unsigned-page
        origin: ivan-spokesman
""")
    grade = _base(project).grades["market-strike"]
    assert grade.subject.origins.accused == ("ivan-spokesman",)
    assert grade.subject.origins.bodies == (("rights-watchers",),)
    r5 = next(r for r in grade.trace if r.rule == "R5")
    assert "Ivan Spokesman (the accused party's own statements)" in r5.detail


def test_two_organisations_corroborate(project: Path) -> None:
    _add_claims(project, """  - id: courier-saw-it
    claimant: daily-courier
    stance: alleges
    topic: civilians killed
    text: The paper's reporter saw the strike.
    citations:
      - source: wire-story
""")
    grade = _base(project).grades["market-strike"]
    r5 = next(r for r in grade.trace if r.rule == "R5")
    assert r5.met and r5.detail.startswith(
        "2 independent origins for the best-supported question, “civilians killed”: "
        "Daily Courier; Rights Watchers"
    )


def test_origins_for_different_questions_do_not_add_up(project: Path) -> None:
    # The paper's own account of the crowd and the group's death toll answer different
    # questions: neither is corroborated, so the incident is not either.
    _add_claims(project, """  - id: courier-describes-crowd
    claimant: daily-courier
    stance: states
    topic: the crowd at the market
    text: The paper says the market was crowded.
    citations:
      - source: wire-story
""")
    base = _base(project)
    grade = base.grades["market-strike"]
    assert grade.subject.origins.count == 1
    assert all(q.status != "corroborated" for q in base.questions["market-strike"])
    assert grade.status != "corroborated"


def test_each_question_has_its_own_status_and_responses_take_its_topic(project: Path) -> None:
    record = _incident_file(project)
    text = record.read_text(encoding="utf-8").replace(
        "    said: \"2015-12-23\"\n", "    said: \"2015-12-23\"\n    topic: strike on the market\n"
    )
    record.write_text(text, encoding="utf-8")
    base = _base(project)
    questions = {q.subject.about: q for q in base.questions["market-strike"]}
    assert set(questions) == {"civilians killed", "missiles fired", "strike on the market"}
    market = questions["strike on the market"]
    # the spokesman's denial answers the allegation and so is about the same question
    assert [c.id for c in market.subject.claims] == [
        "rw-alleges-market-strike", "ministry-denies-market-strike"
    ]
    assert market.status == "denied-by-accused"
    assert questions["missiles fired"].status == "single-origin"
    page = _page(project)
    assert "| Strike on the market | denied by the accused party | Ivan Spokesman denies |" in page
    assert '??? note "How the rules decided"' in page


def test_a_named_claimants_caveat_and_the_summarys_outlets_reach_the_page(
    project: Path,
) -> None:
    record = _incident_file(project)
    text = record.read_text(encoding="utf-8").replace(
        "    stance: denies\n",
        "    claimant_note: The page says only \"a ministry spokesman\"; the name is ours.\n"
        "    stance: denies\n",
    )
    record.write_text(text, encoding="utf-8")
    page = _page(project)
    line = _claim_line(page, "ministry-denies-market-strike")
    assert "the name is ours" in line
    summary = page.split("## Summary", 1)[1].split("##", 1)[0]
    assert "*Based on: Daily Courier.*" in summary

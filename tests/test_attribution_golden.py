"""The shipped dataset's attributions, reviewed: lead box, statuses and every origin phrase.

A fact-check of the site found origins the records did not establish; these golden copies
hold what the campaign, Ariha and report pages say about who said what and where it came
from, so any change to an attribution shows up in review. Regenerate with
FACTSHEET_REGEN=1 (or pytest --regen-golden) after an intended change, and read the diff.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import REPO, regenerate

GOLDEN = REPO / "tests" / "golden" / "attribution"
PAGES = ("russian-air-campaign-syria", "ariha-market-strike", "amnesty-report-publication")


def _attribution(page: str) -> str:
    """The lead box, the status section and each line naming an origin or a claimant."""
    lead = page.split('!!! abstract "In short"', 1)[1].split("\n**Kind:**", 1)[0]
    status = page.split("\n## Status\n", 1)[1].split("\n## ", 1)[0]
    origins = [
        re.sub(r"\[\^\d+\]", "", line)  # footnote numbers shift with any citation
        for line in page.splitlines()
        if "origin" in line and not line.startswith(("|---", "[^"))
    ]
    return "\n".join(["# Lead", lead.strip(), "# Status", status.strip(), "# Origins", *origins])


@pytest.fixture
def built(shipped_pages: Path) -> Path:
    return shipped_pages


@pytest.mark.parametrize("name", PAGES)
def test_attributions_match_the_reviewed_copy(built: Path, name: str) -> None:
    page = (built / "docs" / "incidents" / f"{name}.md").read_text(encoding="utf-8")
    text = _attribution(page) + "\n"
    golden = GOLDEN / f"{name}.md"
    if regenerate():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_no_origin_is_named_that_the_records_do_not_establish(built: Path) -> None:
    """Every 'origin: X' on every incident page names an actor or source the records tie to
    that statement: recorded on a citation, relayed by its source, or its publisher."""
    from factsheet.factbase import link
    from factsheet.load.collect import collect

    base = link(collect(built))
    allowed: dict[str, set[str]] = {}
    for incident in base.incidents.values():
        names = allowed.setdefault(incident.id, set())
        facts = [(f.citations, f.claimant) for f in incident.figures]
        facts += [(c.citations, c.claimant) for c in incident.claims]
        for citations, claimant in facts:
            for citation in citations:
                source = base.sources[citation.source]
                if citation.origin:
                    names.add(citation.origin)
                elif claimant != "unknown" and claimant in (source.publisher, *source.derived_from):
                    names.add(claimant)
        for claim in incident.claims:  # responses quoted beside the claim they answer
            for response in base.responses.get(claim.id, []):
                names |= {c.origin for c in response.citations if c.origin}
    for incident in base.incidents.values():
        page = (built / "docs" / "incidents" / f"{incident.id}.md").read_text(encoding="utf-8")
        shown = set(re.findall(r"\*\(origin: ([^)*]+)\)\*", page))
        known = {
            base.actors[i].name if i in base.actors else base.sources[i].title
            for i in allowed[incident.id]
        }
        for text in shown:
            names = text.split("; ")
            for name in [n for n in names if not n.startswith("origin not established")]:
                assert html.unescape(name) in known, (incident.id, name)

"""No internal words on public pages: no record id, file path, field name or schema value.

Readers meet names and plain words; ids, `facts/...yaml` paths, snake_case field names and
hyphenated schema values belong to editors. Link targets and HTML attributes are not read
(a link may point at a record's page by its id); the data page documents the downloads'
field names on purpose and is left out.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import REPO

from factsheet.load.collect import collect

SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
# data.md explains the download's field names; architecture.md is for contributors and is
# not published (exclude_docs in mkdocs.yml).
LEFT_OUT = ("data.md", "architecture.md")
FIELD_NAMES = {"discrepancies", "notes", "note", "summary", "figures", "claims", "actors",
               "citations", "changes", "location", "date", "quote", "origin"}


def _schema_values() -> set[str]:
    values: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "enum":
                    values.update(v for v in value if isinstance(v, str) and "-" in v)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for schema in (REPO / "schemas").glob("*.json"):
        walk(json.loads(schema.read_text(encoding="utf-8")))
    return values


def visible_text(markdown: str) -> str:
    """What a reader sees of a page's Markdown: no front matter, link targets or tags."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))  # record text arrives as entities


def internal_words(text: str, ids: set[str], values: set[str]) -> set[str]:
    found = {w for w in HYPHENATED.findall(text) if w in ids or w in values}
    found |= set(SNAKE_CASE.findall(text))
    found |= set(re.findall(r"facts/|\.yaml\b", text))
    # a pointer to a field: "(see discrepancies)", "(see date.note)"
    found |= {
        ref
        for ref, word in re.findall(r"(\(see ([a-z0-9_.-]+)\))", text)
        if re.search(r"[_.-]", word) or word in FIELD_NAMES
    }
    return found


@pytest.fixture
def built(shipped_pages: Path) -> Path:
    return shipped_pages


def test_pages_use_no_internal_words(built: Path) -> None:
    facts = collect(built)
    ids = set(facts.sources) | set(facts.actors) | set(facts.incidents)
    ids |= {claim.id for incident in facts.incidents.values() for claim in incident.claims}
    values = _schema_values()
    pages = sorted((built / "docs").rglob("*.md"))
    assert len(pages) > 40
    problems = {}
    for page in pages:
        name = page.relative_to(built / "docs").as_posix()
        if name in LEFT_OUT:
            continue
        found = internal_words(visible_text(page.read_text(encoding="utf-8")), ids, values)
        if found:
            problems[name] = sorted(found)
    assert problems == {}


def test_the_scan_finds_what_it_looks_for() -> None:
    text = visible_text(
        "---\ntitle: x\n---\nSee [Ariha](ariha-market-strike.md) in "
        "facts/incidents/ariha-market-strike.yaml: claimant_note, alleged&#45;perpetrator "
        "(see discrepancies)."
    )
    found = internal_words(text + " (see below)", {"ariha-market-strike"}, {"alleged-perpetrator"})
    assert found == {"ariha-market-strike", "facts/", ".yaml", "claimant_note",
                     "alleged-perpetrator", "(see discrepancies)"}

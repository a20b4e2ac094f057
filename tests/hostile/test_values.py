"""Hostile values in the fields that become links and paths: URLs and ids.

Only http(s) addresses may reach an href, and only lowercase ASCII ids (the grammar
[a-z0-9]+(-[a-z0-9]+)*, at most 80 characters) may reach a file name, a link or an HTML id.
Each value goes alone into one field of an otherwise valid record; the real CLI must refuse
it naming the field, and write nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Outcomes, Spec, assert_outcome, params, write_record, yaml_quote

INCIDENT = "facts/incidents/hostile.yaml"
SOURCE = "facts/sources/hostile-source.yaml"
ACTOR = "facts/actors/hostile-actor.yaml"

_INCIDENT = """title: A hostile test incident
kind: airstrike
parent: {parent}
date:
  start: "2015-11-29"
  citations:
    - source: unsigned-page
summary:
  text: A plain summary.
  citations:
    - source: {source}
actors:
  - actor: {actor}
    role: target
    citations:
      - source: unsigned-page
figures:
  - measure: civilians-killed
    value: "3"
    qualifier: exactly
    claimant: {figure_claimant}
    claimant_note: The page does not say who counted.
    citations:
      - source: unsigned-page
claims:
  - id: {claim_id}
    claimant: {claim_claimant}
    claimant_note: The page does not say who.
    stance: states
    text: Something was said.
    responds_to: {responds_to}
    citations:
      - source: unsigned-page
"""
_SOURCE = """title: A hostile source
kind: news-article
publisher: {publisher}
publisher_note: The page names no outlet.
published: "2015"
language: en
url: {url}
archive_url: {archive_url}
derived_from: [{derived}]
"""
_ACTOR = """name: A hostile actor
kind: person
description:
  text: Someone.
  citations:
    - source: {source}
affiliations:
  - actor: {affiliated}
    role: spokesman
    citations:
      - source: unsigned-page
"""

# (file, template, {field placeholder: (field name in messages, valid default)})
TEMPLATES = {
    INCIDENT: (_INCIDENT, {
        "parent": ("parent", "air-campaign"),
        "source": ("summary.citations[0].source", "unsigned-page"),
        "actor": ("actors[0].actor", "defence-ministry"),
        "figure_claimant": ("figures[0].claimant", "unknown"),
        "claim_id": ("claims[0].id", "hostile-claim"),
        "claim_claimant": ("claims[0].claimant", "unknown"),
        "responds_to": ("claims[0].responds_to", "rw-alleges-market-strike"),
    }),
    SOURCE: (_SOURCE, {
        "publisher": ("publisher", "unknown"),
        "url": ("url", "https://news.example.org/2015/a-story"),
        "archive_url": ("archive_url", "https://web.archive.example/2015/a-story"),
        "derived": ("derived_from[0]", "wire-story"),
    }),
    ACTOR: (_ACTOR, {
        "source": ("description.citations[0].source", "unsigned-page"),
        "affiliated": ("affiliations[0].actor", "defence-ministry"),
    }),
}


def _record(display: str, placeholder: str | None = None, value: str = "") -> str:
    template, fields = TEMPLATES[display]
    values = {name: yaml_quote(default) for name, (_, default) in fields.items()}
    if placeholder is not None:
        values[placeholder] = yaml_quote(value)
    return template.format(**values)


def _spec(display: str, placeholder: str, value: str, case_id: str) -> Spec:
    def add(root: Path) -> None:
        write_record(root, _record(display, placeholder, value), display)

    field = TEMPLATES[display][1][placeholder][0]
    return Spec(case_id, add, field=field, display=display)


def _baseline(display: str) -> Spec:
    def add(root: Path) -> None:
        write_record(root, _record(display), display)

    return Spec(f"baseline-{Path(display).stem}-is-valid", add, refused=False)


URLS = {
    "javascript": "javascript:alert(1)",
    "mixed-case-javascript": "JaVaScRiPt:alert(1)",
    "data-html": "data:text/html,<script>alert(1)</script>",
    "data-base64": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "ftp": "ftp://example.org/x",
    "mailto": "mailto:someone@example.org",
    "scheme-relative": "//evil.example/x",
    "no-slashes": "https:evil.example",
    "empty-host": "http://",
    "attribute-breakout": 'http://x" onmouseover="alert(1)',
    "single-quote-breakout": "http://x' onmouseover='alert(1)",
    "tag-in-url": "https://example.org/<script>alert(1)</script>",
    "inner-space": "https://exa mple.org/",
    "leading-space": " https://example.org/",
    "inner-tab": "https://example.org/\tx",
    "trailing-newline": "https://example.org/\n",
    "bidi-override": "https://example.org/\u202egpj.exe",
}
ARCHIVE_URLS = ("javascript", "scheme-relative", "attribute-breakout", "trailing-newline")

IDS = {
    "dot-dot-slash": "../x",
    "absolute": "/abs",
    "slash": "a/b",
    "dot": ".",
    "dot-dot": "..",
    "trailing-dot": "x.",
    "uppercase": "X",
    "ligature": "\ufb01re",
    "trailing-newline": "x\n",
    "empty": "",
    "double-hyphen": "x--y",
    "too-long": "a" * 81,
    "backslash": "x\\y",
    "nul": "x\x00",
}
EVERY_ID_FIELD = ("dot-dot-slash", "trailing-newline")

CASES = [_baseline(display) for display in TEMPLATES]
CASES += [_spec(SOURCE, "url", value, f"url-{name}") for name, value in URLS.items()]
CASES += [
    _spec(SOURCE, "archive_url", URLS[name], f"archive_url-{name}") for name in ARCHIVE_URLS
]
CASES += [
    _spec(INCIDENT, placeholder, value, f"{placeholder}-{name}")
    for placeholder in ("parent", "claim_id")
    for name, value in IDS.items()
]
# An existing id with a trailing newline: YAML keeps it (`id: |` or "x\n"), and the JSON
# Schema pattern's $ matches before a final newline in Python's re.
CASES += [
    _spec(INCIDENT, "parent", "air-campaign\n", "parent-existing-id-and-newline"),
    _spec(INCIDENT, "claim_id", "hostile-claim\n", "claim_id-valid-id-and-newline"),
]
CASES += [
    _spec(display, placeholder, IDS[name], f"{Path(display).stem}-{placeholder}-{name}")
    for display, (_, fields) in TEMPLATES.items()
    for placeholder in fields
    if placeholder not in ("parent", "claim_id", "url", "archive_url")
    for name in EVERY_ID_FIELD
]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    return Outcomes(CASES, tmp_path_factory.mktemp("values"))


@pytest.mark.parametrize("spec", params(CASES))
def test_hostile_value_is_refused(spec: Spec, outcomes: Outcomes) -> None:
    assert_outcome(spec, outcomes[spec.id])

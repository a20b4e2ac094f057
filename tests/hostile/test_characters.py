"""Noncharacters, text that shows nothing, and stacks of combining marks in record values.

Each is refused by `build.py check` with the file, line, column and field, whether it is
written raw or as a `\\u` escape in double quotes; then a property: any title the checks
accept gives a well-formed Atom feed (read back with xml.etree) and page front matter that
MkDocs reads back to the same title.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import (
    Case,
    Outcomes,
    Spec,
    assert_outcome,
    base_incident,
    forget_published,
    params,
    prepare_project,
    write_record,
    yaml_quote,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from factsheet import pipeline
from factsheet.load.characters import MAX_MARKS
from factsheet.render.text import md, plain


def _escaped(text: str) -> str:
    """A double-quoted YAML scalar with every non-ASCII character as an escape."""
    return '"' + "".join(
        c if c.isascii() else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        for c in text
    ) + '"'


def _raw(text: str) -> str:
    return '"' + text + '"'


def _titled(text: str, quote: Callable[[str], str]) -> str:
    return base_incident().replace(f"title: {yaml_quote('A hostile test incident')}",
                                   f"title: {quote(text)}")


def _message_has(words: str) -> Callable[[Case], None]:
    def check(case: Case) -> None:
        assert words in case.result.err, case.result.err[-2000:]

    return check


REFUSED = {
    # noncharacters, as escapes (YAML's own check lets them through) and raw where YAML does
    "escaped-ufffe": ("a\ufffe", _escaped, "noncharacter"),
    "escaped-uffff": ("a\uffff", _escaped, "noncharacter"),
    "escaped-ufdd0": ("a\ufdd0", _escaped, "noncharacter"),
    "escaped-ufdef": ("a\ufdef", _escaped, "noncharacter"),
    "escaped-u1fffe": ("a\U0001fffe", _escaped, "noncharacter"),
    "escaped-u10ffff": ("a\U0010ffff", _escaped, "noncharacter"),
    "raw-ufdd0": ("a\ufdd0", _raw, "noncharacter"),
    "raw-u2fffe": ("a\U0002fffe", _raw, "noncharacter"),
    # text that shows nothing
    "hangul-choseong-filler": ("\u115f", _raw, "shows nothing"),
    "hangul-jungseong-filler": ("\u1160", _raw, "shows nothing"),
    "hangul-filler": ("\u3164", _raw, "shows nothing"),
    "halfwidth-hangul-filler": ("\uffa0", _escaped, "shows nothing"),
    "braille-blank": ("\u2800", _raw, "shows nothing"),
    "soft-hyphen": ("\u00ad", _escaped, "shows nothing"),
    "zero-width-joiners": ("\u200d\u200c", _escaped, "shows nothing"),
    "direction-marks": ("\u200e \u200f", _raw, "shows nothing"),
    "tag-characters": ("\U000e0066\U000e0061\U000e0063\U000e0074", _escaped, "shows nothing"),
    "ideographic-space-and-filler": ("\u3000\u3164", _raw, "shows nothing"),
    "mongolian-vowel-separator": ("\u180e", _escaped, "shows nothing"),
    "variation-selector": ("\ufe0f", _escaped, "shows nothing"),
    # combining marks
    "nine-marks": ("Za" + "\u0301" * (MAX_MARKS + 1), _raw, "combining marks"),
    "three-hundred-marks": ("Z" + "\u0336\u0315" * 150, _escaped, "combining marks"),
}
ACCEPTED = {
    "eight-marks": "Za" + "\u0301" * MAX_MARKS,
    "vietnamese": "Ti\u1ebfng Vi\u1ec7t",
    "persian-with-zwnj": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
    "devanagari": "\u0915\u094d\u0937\u093f",
    "emoji-with-selector": "Flag \u2764\ufe0f",
}


def _spec(case_id: str, record: str, refused: bool, check: Callable[[Case], None] | None
          ) -> Spec:
    def add(root: Path) -> None:
        write_record(root, record)

    return Spec(case_id, add, field="title" if refused else None, command="check",
                refused=refused, check=check)


CASES = [
    _spec(name, _titled(text, quote), True, _message_has(words))
    for name, (text, quote, words) in REFUSED.items()
] + [_spec(name, _titled(text, _raw), False, None) for name, text in ACCEPTED.items()]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    return Outcomes(CASES, tmp_path_factory.mktemp("characters"))


@pytest.mark.parametrize("spec", params(CASES))
def test_characters_are_refused_with_their_place_or_accepted(
    spec: Spec, outcomes: Outcomes
) -> None:
    assert_outcome(spec, outcomes[spec.id])


# ------------------------------------------------------------------ property

SPECIAL = [
    "\ufffe", "\uffff", "\ufdd0", "\U0001ffff", "\u3164", "\u2800", "\u00ad", "\u200c",
    "\u200d", "\u200e", "\u200f", "\U000e0041", "\u0301", "\u034f", "\ufe0f", "\u3000",
    "\u00a0", "\u2028", "\x85", "\t", "\n", "\r", "\x00", "\ufeff", "\u202e", "&", "<",
    "]]>", '"', "'", "\\", "---", ": ", "#", "{{", "a", " ",
]
any_text = st.lists(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPECIAL)), min_size=1, max_size=16
).map("".join)
HOSTILE_ID = "hostile"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_project(tmp_path_factory.mktemp("chars") / "project", site_inputs=False)


def _feed_title(feed: str) -> str:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(feed.encode("utf-8"))
    for entry in root.iter(f"{atom}entry"):
        if (entry.findtext(f"{atom}id") or "").endswith(f"incidents/{HOSTILE_ID}"):
            return entry.findtext(f"{atom}title") or ""
    raise AssertionError("the record is not in the feed")


@settings(deadline=None, max_examples=80,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text)
def test_an_accepted_title_gives_a_well_formed_feed_and_front_matter(
    project: Path, text: str
) -> None:
    record = _titled(text, yaml_quote) + 'updated: "2016-01-20"\n'
    written = write_record(project, record, f"facts/incidents/{HOSTILE_ID}.yaml")
    try:
        outcome = pipeline.build(project)
    finally:
        written.unlink()
        forget_published(project)
    if outcome.problems:  # refused: located, and nothing is rendered
        for problem in outcome.problems:
            assert problem.line >= 1 and problem.column >= 1, problem
        assert outcome.report is None
        return
    assert outcome.report is not None
    docs = project / "docs"
    assert _feed_title((docs / "feed.xml").read_text(encoding="utf-8")) == plain(text)
    _, meta = get_data((docs / f"incidents/{HOSTILE_ID}.md").read_text(encoding="utf-8"))
    assert meta.get("title") == md(text), meta
    assert html.unescape(meta["title"]) == plain(text)

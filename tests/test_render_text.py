import html

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factsheet.render.text import front_matter_title, md, page

EXTENSIONS = ["footnotes", "tables", "toc", "admonition"]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "{ onclick=alert(1) }",
    "<div markdown>*x*</div>",
    "--8<-- /etc/passwd",
    "{{ config }} {% raw %}",
    "# heading",
    "---",
    "!!! danger",
    "```\ncode\n```",
    "| a | b |\n|---|---|",
    "    indented code",
    "1. list",
    "* item",
    "&lt;script&gt;",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:x",
    "_emphasis_ **strong**",
]


def _html(text: str) -> str:
    html: str = markdown.markdown(md(text), extensions=EXTENSIONS)
    return html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_literal_text(text: str) -> None:
    rendered = _html(text)
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner, rendered
    assert html.unescape(inner) == " ".join(text.split())


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(" \n\t")


@given(st.text(alphabet=PRINTABLE))
def test_any_text_is_one_paragraph_of_literal_text(text: str) -> None:
    rendered = _html(text)
    folded = " ".join(text.split())
    if not folded:
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == folded


def test_title_cannot_break_front_matter() -> None:
    line = front_matter_title('A\n---\nscript: "<x>"')
    assert "\n" not in line
    assert line.startswith('title: "') and line.endswith('"')
    text = page("A\n---\nx", ["body"])
    assert text.count("---\n") == 2


def test_control_characters_become_replacement_characters() -> None:
    assert md("a\x02b\x03c") == "a\ufffdb\ufffdc"
    assert _html("x\x03") == "<p>x\ufffd</p>"

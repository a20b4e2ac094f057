"""Hostile text in every text field that reaches a page: shown literally, never interpreted.

One project holds every hostile string in every such field at once (one incident, actor and
source record per string; each field's value ends with a marker naming the field). The real
CLI builds it, MkDocs builds the site with --strict, factsheet.site.sitecheck finds no active
content, and each value appears literally in the text of its record's page. Invisible
characters that can hide or reorder text (bidi overrides, zero-width space) are refused,
naming every field; joiners (ZWNJ) stay allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import (
    FIELDS,
    Case,
    Outcomes,
    Spec,
    assert_outcome,
    build_mkdocs,
    clone,
    fold,
    page_text,
    params,
    prepare_project,
    record_id,
    records,
    run_cli,
    value,
    write_record,
    yaml_quote,
)

from factsheet.site.sitecheck import scan_site

TEXTS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "markdown-link-javascript": "[x](javascript:alert(1))",
    "entity-encoded-javascript": '[x](&#106;avascript&#58;alert(1)) <a href="&#x6A;avascript:'
                                 'alert(1)">y</a>',
    "mixed-case-javascript": "[x](JaVaScRiPt:alert(1)) <a href=jAvAsCrIpT:alert(1)>y</a>",
    "data-url": "![x](data:text/html;base64,PHNjcmlwdD4=) data:text/html,<script>x</script>",
    "reference-link": "[x][r] [y]\n\n[r]: javascript:alert(1)\n[y]: javascript:alert(2)",
    "attr-list": 'x { onclick=alert(1) } {: .danger #top style="color:red" }',
    "markdown-in-html": '<div markdown="1">*x*</div> <div markdown>**y**</div>',
    "snippets": '--8<-- "/etc/passwd"\n;--8<-- "/etc/passwd"',
    "jinja": "{{ config }} {% include 'x' %} {# c #} {{ page.meta }}",
    "markdown-blocks": "# heading\n---\n!!! danger \"x\"\n    four-space indent\n\n```\nfence\n"
                       "```\n| a | b |\n|---|---|\n| 1 | 2 |\n- item\n1. item\n> quote\n"
                       "***bold*** ~~x~~ ==y== ___z___",
    "front-matter-breakout": "line one\n---\ntitle: injected\n---\nline two",
    "footnotes": "[^1] [^1]: an injected footnote\n[^x]: y",
    "html-oddities": "<!-- c --> <![CDATA[x]]> &lt;script&gt; &amp; &#0; &#x110000; &nbsp;",
    "backslash-escapes": "\\<script\\>alert(1)\\</script\\> \\[x\\]\\(javascript:y\\)",
    "autolinks": "<javascript:alert(1)> <https://evil.example> https://bare.example www.x.org",
    "toc-marker": "[TOC] [[_TOC_]]",
    "closing-tags": "</article></div></main></body><body onload=alert(1)>",
    "quote-marks": "\"'`\u00b4\u2018\u2019\u201c\u201d",
    "unicode": "\uff1cscript\uff1e \u0645\u0631\u062d\u0628\u0627 \u05e2\u05d1\u05e8\u05d9\u05ea"
               " \U0001f600 e\u0301 a\u00a0b c\u3000d",
    "zwnj-and-marks": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 a\u200db \u200ex\u200f",
    "tab": "a\tb",
    "percent-escapes": "%3Cscript%3E %00 %0A",
    "long-run": "*_" * 120,
    "bare-schemes": "javascript:alert(1) vbscript:msgbox data:,x",
    "math": "$x$ \\(x\\) $$y$$",
    "svg": '<svg onload=alert(1)><use xlink:href="javascript:alert(1)"/></svg>',
    "style": '<style>body{display:none}</style> <p style="position:fixed">x</p>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base-and-form": '<base href="https://evil.example/"><form action="https://evil.example">'
                     "<button formaction=javascript:alert(1)>x</button></form>",
}

# Free text that YAML 1.1 would type (booleans, octal, sexagesimal, dates, null, floats): it
# must stay text, exactly as written. What only YAML 1.1 types (yes, NO, off, 1:20, a date)
# is written bare; what editors' YAML 1.2 tools read as a number or null is quoted, as the
# loader requires (bare, it is refused: see tests/loader_cases and test_schema_agreement).
YAML_TYPED = """title: "010"
kind: airstrike
date:
  start: "2015-11-29"
  note: yes
  citations:
    - source: unsigned-page
location:
  place: NO
  province: 1:20
  country: 2015-02-30
  note: "~"
  citations:
    - source: unsigned-page
summary:
  text: "0x1A"
  citations:
    - source: unsigned-page
      locator: ".inf"
claims:
  - id: yaml-typed-claim
    claimant: unknown
    claimant_note: "null"
    stance: states
    text: "true"
    citations:
      - source: unsigned-page
discrepancies:
  - text: "1e3"
    citations:
      - source: unsigned-page
notes: off
"""
YAML_TYPED_VALUES = ("010", "yes", "NO", "1:20", "2015-02-30", "~", "0x1A", ".inf", "null",
                     "true", "1e3", "off")


@dataclass
class Built:
    root: Path
    code: int
    err: str
    mkdocs_code: int
    mkdocs_err: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = prepare_project(tmp_path_factory.mktemp("text") / "project")
    for n, text in enumerate(TEXTS.values()):
        for path, yaml_text in records(text, n).items():
            write_record(root, yaml_text, f"facts/{path}")
    write_record(root, YAML_TYPED, "facts/incidents/yaml-typed.yaml")
    result = run_cli(root, "build")
    made = build_mkdocs(root) if result.code == 0 else None
    if made is not None and made.returncode != 0:
        # Strict mode failed (its own test says so): build anyway, for the checks below.
        build_mkdocs(root, strict=False)
    return Built(root, result.code, result.err, made.returncode if made else -1,
                 made.stderr if made else "")


def test_texts_fit_their_fields() -> None:
    for text in TEXTS.values():
        assert len(value(text, 99)) <= 300, text


def test_build_and_strict_mkdocs_build_succeed(built: Built) -> None:
    assert built.code == 0, built.err[-4000:]
    assert built.mkdocs_code == 0, built.mkdocs_err[-4000:]
    assert "WARNING" not in built.mkdocs_err


def test_sitecheck_finds_no_active_content(built: Built) -> None:
    assert built.code == 0
    findings = scan_site(built.root / "site")
    assert findings == [], "\n".join(findings[:40])


@pytest.mark.parametrize("n", range(len(TEXTS)), ids=list(TEXTS))
def test_text_is_shown_literally_in_every_field(built: Built, n: int) -> None:
    assert built.code == 0
    text = list(TEXTS.values())[n]
    missing = []
    for index, (kind, field, _) in enumerate(FIELDS):
        page = built.root / "site" / kind / record_id(kind, n) / "index.html"
        article, title = page_text(page.read_text(encoding="utf-8"))
        expected = fold(value(text, index))
        if expected not in article:
            missing.append(f"{kind} {field}")
        if field in ("title", "name") and expected not in title:
            missing.append(f"{kind} {field} in <title>")
    assert not missing, f"not shown literally: {missing}"


def test_yaml_typed_free_text_stays_as_written(built: Built) -> None:
    assert built.code == 0
    page = built.root / "site" / "incidents" / "yaml-typed" / "index.html"
    article, title = page_text(page.read_text(encoding="utf-8"))
    assert title.startswith("010 ")
    missing = [v for v in YAML_TYPED_VALUES if not _as_a_word(v, article)]
    assert not missing, f"{missing} not on the page: {article}"
    for typed in ("False", "True", "None", "26", "80", "1000.0", "inf"):
        assert not _as_a_word(typed, article), typed


def _as_a_word(word: str, text: str) -> bool:
    """`word` on its own, though footnote numbers and permalink marks may follow it."""
    return re.search(rf"(?<![\w.:~-]){re.escape(word)}(?=[\s¶.,;)]|\d|$)", text) is not None


# ---------------------------------------------------------------- invisible characters


def _escaped(char: str) -> Callable[[str], str]:
    def quote(text: str) -> str:
        return yaml_quote(text).replace(char, f"\\u{ord(char):04x}")

    return quote


INVISIBLE: dict[str, tuple[str, Callable[[str], str]]] = {
    "u202e-right-to-left-override-raw": ("\u202e", yaml_quote),
    "u202e-right-to-left-override-escaped": ("\u202e", _escaped("\u202e")),
    "u200b-zero-width-space-raw": ("\u200b", yaml_quote),
    "u200b-zero-width-space-escaped": ("\u200b", _escaped("\u200b")),
    "u2066-left-to-right-isolate-raw": ("\u2066", yaml_quote),
    "u2060-word-joiner-raw": ("\u2060", yaml_quote),
}


def _invisible_spec(case_id: str, char: str, quote: Callable[[str], str]) -> Spec:
    def add(root: Path) -> None:
        for path, text in records(f"pay{char}load", 0, quote).items():
            write_record(root, text, f"facts/{path}")

    def every_field_named(case: Case) -> None:
        missing = []
        for kind, field, _ in FIELDS:
            display = f"facts/{kind}/{record_id(kind, 0)}.yaml"
            lines = [line for line in case.result.err.splitlines()
                     if line.startswith(f"{display}:") and f": {field}: " in line]
            if not lines:
                missing.append(f"{kind} {field}")
        assert not missing, f"not refused: {missing}\n{case.result.err[-3000:]}"

    return Spec(case_id, add, display=f"facts/incidents/{record_id('incidents', 0)}.yaml",
                field="title", check=every_field_named)


INVISIBLE_CASES = [_invisible_spec(name, *args) for name, args in INVISIBLE.items()]


@pytest.fixture(scope="module")
def invisible(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    return Outcomes(INVISIBLE_CASES, tmp_path_factory.mktemp("invisible"))


@pytest.mark.parametrize("spec", params(INVISIBLE_CASES))
def test_invisible_characters_are_refused_in_every_field(
    spec: Spec, invisible: Outcomes
) -> None:
    assert_outcome(spec, invisible[spec.id])


def test_zwnj_alone_is_accepted(tmp_path: Path, built: Built) -> None:
    """The joiner Persian and other scripts need stays allowed (in a project of its own)."""
    root = clone(built.root, tmp_path / "project")
    for path in (root / "facts").rglob("hostile-*.yaml"):
        path.unlink()
    (root / "published-ids.txt").unlink()  # a project of its own: nothing published yet
    for relative, text in records("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", 0).items():
        write_record(root, text, f"facts/{relative}")
    result = run_cli(root, "check")
    assert result.code == 0, result.err[-3000:]

"""Properties over arbitrary text and ids, in-process for speed.

- Any text through factsheet.render.text.md, in any Markdown context the pages use, renders
  (with the Markdown extensions of mkdocs.yml) to exactly the elements and attributes that a
  plain word renders to, and shows the text literally.
- Any text in any text field of a record is either refused with a Problem that names the
  file, a line and the field, or shows literally on the record's page, adding no element
  and no attribute.
- Any id is either refused (as a file name by factsheet.load.collect, as a reference by the
  schema) or is plain lowercase ASCII and maps to a page inside its generated folder;
  write_pages refuses every path outside the generated folders.
"""

from __future__ import annotations

import contextlib
import html
import re
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from helpers import (
    FIELDS,
    REPO,
    fold,
    forget_published,
    html_shape,
    prepare_project,
    record_id,
    record_with,
    write_record,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from factsheet import pipeline
from factsheet.load import collect
from factsheet.load.schema import validator_for
from factsheet.output.write import write_pages
from factsheet.render.text import md

STRICT_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Pieces of syntax that Markdown, HTML, Jinja, YAML and Python-Markdown's own placeholders
# give meaning to; random joins of them find what plain random text rarely does.
SNIPPETS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<", ">", "</", "/>", "&", "&#",
    "&#106;", "&#x6a;", "&lt;", ";", "javascript:", "JaVaScRiPt:", "data:", "[", "]", "(", ")",
    "](", "[^1]", "[^1]:", "![", "{:", "{", "}", "{{", "}}", "{%", "%}", "#", "# ", "---",
    "***", "* ", "- ", "1. ", "> ", "!!! ", "```", "~~~", "|", "||", "    ", "\t", "\n", "\n\n",
    "\r\n", "\\", "`", "*", "_", "__", "=", "\"", "'", ":", "onclick=", "style=", "markdown",
    "--8<--", "[TOC]", "\x02", "\x03", "\x02wzxhzdk:0\x03", "klzzwxh:0", "\x00", "\u2028",
    "\u00a0", "\u200c", "\ufeff", "\u202e", "x", "word", " ",
    # whole constructs
    "[x](y)", "[x](javascript:alert(1))", "![x](y.png)", "<https://x.org>", "[x]: y",
    "[x][y]", "*a*", "**b**", "`c`", "<b>x</b>", "<a href=x>y</a>", "&amp;", "&#60;", "{: .x}",
    "{ onclick=x }", "\n# h\n", "\n---\n", "\n    code\n", "\n| a | b |\n|---|---|\n",
    "\n!!! note\n    x\n", "\n- item\n", "\n1. item\n", "[^x]: note", "<!-- c -->",
]
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet="<>&#;[](){}!*_`~|\\:=\"'-/ \n\tax1"),
    st.lists(st.sampled_from(SNIPPETS), max_size=12).map("".join),
)


@cache
def _extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions and their settings, as mkdocs.yml gives them."""
    class Loader(yaml.SafeLoader):
        """SafeLoader that also reads MkDocs' `!ENV [NAME, default]` (as its default)."""

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, str):
            names.append(entry)
        else:
            (name, options), = entry.items()
            names.append(name)
            settings[name] = options or {}
    return names, settings


def render(text: str) -> str:
    names, configs = _extensions()
    html: str = markdown.Markdown(extensions=names, extension_configs=configs).convert(text)
    return html


def text_content(document: str) -> str:
    """The text of an HTML fragment, entities decoded, whitespace folded."""
    stripped = re.sub(r"<[^>]*>", " ", document)
    return fold(html.unescape(stripped))


def literal(text: str) -> str:
    """How record text must read on a page: controls as U+FFFD, whitespace folded."""
    return fold(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", text))


CONTEXTS = {
    "paragraph": "{t}",
    "heading": "# {t}",
    "list-item": "- a\n- {t}",
    "nested-list-item": "- a\n    - {t}",
    "table-cell": "| a | b |\n|---|---|\n| {t} | x |",
    "link-label": "[{t}](../sources/x.md)",
    "after-bold-label": "**Kind:** {t}  \n**When:** x",
    "footnote": "x[^1]\n\n[^1]: {t}",
    "quote-marks": "\u201c{t}\u201d",
}


def test_extensions_are_the_site_s() -> None:
    names, _ = _extensions()
    assert {"footnotes", "tables", "toc", "admonition"} <= set(names)


@pytest.mark.parametrize("context", list(CONTEXTS))
@SETTINGS
@given(text=hostile_text)
def test_escaped_text_adds_no_markup_and_reads_literally(context: str, text: str) -> None:
    assume(literal(text))
    template = CONTEXTS[context]
    hostile = render(template.format(t=md(text)))
    plain = render(template.format(t="word"))
    assert html_shape(hostile) == html_shape(plain), hostile
    assert literal(text) in text_content(hostile), hostile


# ---------------------------------------------------------------- whole records, in-process


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_project(tmp_path_factory.mktemp("properties") / "project",
                           site_inputs=False)


def _page_html(page: str) -> tuple[str, dict[str, Any]]:
    body, meta = get_data(page)
    return render(body), meta


def _built_page(project: Path, kind: str, path: str, text: str) -> Any:
    written = write_record(project, text, f"facts/{path}")
    try:
        outcome = pipeline.build(project)
    finally:
        written.unlink()
        forget_published(project)
    if outcome.problems:
        return outcome.problems
    assert outcome.report is not None
    page = project / "docs" / f"{kind}/{record_id(kind, 0)}.md"
    document, meta = _page_html(page.read_text(encoding="utf-8"))
    return html_shape(document), document, meta


@SETTINGS
@given(field=st.sampled_from(FIELDS), text=hostile_text)
def test_any_text_in_any_field_is_refused_clearly_or_shown_literally(
    project: Path, field: tuple[str, str, str], text: str
) -> None:
    kind, name, _ = field
    path, record = record_with(kind, name, text)
    display = f"facts/{path}"
    result = _built_page(project, kind, path, record)
    if isinstance(result, list):  # refused
        assert result, "no problem and no page"
        for problem in result:
            assert problem.file == display and problem.line >= 1 and problem.column >= 1, problem
        assert any(problem.field == name for problem in result), result
        return
    shape, document, meta = result
    base_shape, _, _ = _built_page(project, kind, *record_with(kind, "", ""))
    assert shape == base_shape, document
    assert literal(text) in text_content(document)
    if name in ("title", "name"):
        assert html.unescape(str(meta.get("title"))) == literal(text)


# ---------------------------------------------------------------- ids and paths

id_text = st.one_of(
    st.from_regex(STRICT_ID, fullmatch=True).flatmap(
        lambda good: st.sampled_from(["", "\n", " ", ".", "-", "/", "\x00", "A", "\u017f"]).map(
            lambda tail: good + tail)),
    st.text(alphabet="abcxyz019-./\\\n\r\t\x00 AZ\u017f\u0131\ufb01\uff41:~", max_size=12),
    st.sampled_from([".", "..", "../x", "/abs", "a/b", "con", "index", "x" * 81, "x" * 80]),
)


def _file_name_problem(stem: str) -> Any:
    name = f"{stem}{collect.RECORD_SUFFIX}"
    return collect._check_file_name(Path("facts", "incidents", name), f"facts/incidents/{name}")


def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as top:
        yield Path(top)


@SETTINGS
@given(stem=id_text)
def test_an_accepted_file_name_is_a_plain_id_inside_its_folder(stem: str) -> None:
    # Names no file system allows, and hidden files (skipped by the collector), are out.
    assume("/" not in stem and "\x00" not in stem and not stem.startswith("."))
    if _file_name_problem(stem) is not None:
        return
    assert STRICT_ID.fullmatch(stem) and len(stem) <= 80, f"accepted the file name {stem!r}"
    for top in _scratch():
        docs = top / "docs"
        write_pages(docs, {f"incidents/{stem}.md": "x\n"})
        written = [p for p in top.rglob("*") if p.is_file()]
        assert [p.parent for p in written] == [docs / "incidents"], written


@SETTINGS
@given(reference=id_text)
def test_an_accepted_reference_is_a_plain_id(reference: str) -> None:
    record = {
        "title": "t", "kind": "other", "parent": reference,
        "summary": {"text": "s", "citations": [{"source": "unsigned-page"}]},
    }
    refused = any(
        list(error.absolute_path)[:1] == ["parent"]
        for error in validator_for("incident").iter_errors(record)
    )
    if not refused:
        assert STRICT_ID.fullmatch(reference) and len(reference) <= 80, (
            f"the schema accepted the id {reference!r}"
        )


@SETTINGS
@given(
    folder=st.sampled_from(["incidents", "actors", "sources", "other", "", ".", ".."]),
    stem=id_text,
)
def test_write_pages_never_writes_outside_the_generated_folders(folder: str, stem: str) -> None:
    relative = f"{folder}/{stem}.md" if folder else f"{stem}.md"
    for top in _scratch():
        docs = top / "docs"
        docs.mkdir()
        with contextlib.suppress(ValueError, OSError):  # refused, by us or the file system
            write_pages(docs, {relative: "x\n"})
        allowed = [docs / folder for folder in ("incidents", "actors", "sources")]
        for path in top.rglob("*"):
            if path.is_file():
                inside = any(folder in path.parents for folder in allowed)
                assert inside or path == docs / "index.md", f"{relative!r} was written to {path}"


def test_known_bad_ids_are_refused_as_file_names() -> None:
    for stem in ("../x", "a/b", ".", "..", "X", "\ufb01re", "x.", "x--y", "-x", "x" * 81):
        if "/" in stem or stem.startswith("."):
            continue
        assert _file_name_problem(stem) is not None, stem

"""Who is behind the site: mkdocs.yml's extra.factsheet in the footer, on the About and
corrections pages and in record pages' links; left out when unset; `check --publish` and
`make site` refuse or warn on a missing value or a placeholder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import (
    FIXTURE,
    IDENTITY,
    REPO,
    copy_project,
    copy_site_inputs,
    mkdocs_build,
    run_cli,
    set_identity,
)

from factsheet.site.identity import KEYS, identity_problems

REAL_URL = "https://factsheet.newsroom.test/"


def _project(tmp: Path, identity: dict[str, str] | None, site_url: str | None = None) -> Path:
    root = copy_project(FIXTURE, tmp / "project")
    copy_site_inputs(root, ("mkdocs.yml", "overrides", "hooks", "docs"))
    if identity is not None:
        set_identity(root, identity, site_url)
    return root


# ------------------------------------------------------------------ the checks


def test_shipped_config_sets_only_the_licences() -> None:
    problems = identity_problems(REPO / "mkdocs.yml")
    for key in KEYS:
        unset = any(f"extra.factsheet.{key.name} in mkdocs.yml is not set" in p for p in problems)
        assert unset == (key.name not in ("data_licence", "code_licence")), key.name
    assert "OWNER" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("nav:")[0]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("repository", "https://github.com/OWNER/REPO", "is a placeholder"),
        ("publisher", "TODO", "is a placeholder"),
        ("contact", "editors@example.org", "is a placeholder"),
        ("publisher", "<your name>", "is a placeholder"),
        ("publisher", "", "is not set"),
        ("repository", "http://github.com/acme/factsheet", "must start with https://"),
        ("repository", "https://github.com/acme/factsheet/", "no trailing slash"),
        ("contact", "call us", "neither an email address nor a https:// address"),
    ],
)
def test_check_publish_names_the_key_and_what_to_write(
    tmp_path: Path, key: str, value: str, expected: str
) -> None:
    root = _project(tmp_path, {**IDENTITY, key: value}, REAL_URL)
    result = run_cli(root, "check", "--publish")
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if f"extra.factsheet.{key} in mkdocs.yml" in x)
    assert expected in line and "write " in line and f"`{key}: " in line
    assert len([x for x in result.err.splitlines() if x.startswith("error: ")]) == 1


def test_check_publish_fails_on_the_shipped_config_and_passes_when_complete(
    tmp_path: Path,
) -> None:
    unset = _project(tmp_path / "unset", None)
    result = run_cli(unset, "check", "--publish")
    assert result.code == 1
    assert "extra.factsheet.publisher in mkdocs.yml is not set" in result.err
    assert "site_url in mkdocs.yml is not the site's real address" in result.err
    assert run_cli(unset, "check").code == 0  # without --publish, identity is not asked for
    done = _project(tmp_path / "done", IDENTITY, REAL_URL)
    result = run_cli(done, "check", "--publish")
    assert (result.code, result.err) == (0, "")


def test_make_site_warns_but_goes_on(tmp_path: Path) -> None:
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\nsite:", 1)[1]
    assert "-m factsheet.site.identity" in recipe.split("\n\n", 1)[0]
    root = _project(tmp_path, None)
    warned = subprocess.run(
        [sys.executable, "-m", "factsheet.site.identity", "--root", str(root)],
        capture_output=True, text=True, check=False,
    )
    assert warned.returncode == 0
    assert "warning: extra.factsheet.repository in mkdocs.yml is not set" in warned.stderr
    set_identity(root, IDENTITY, REAL_URL)
    quiet = subprocess.run(
        [sys.executable, "-m", "factsheet.site.identity", "--root", str(root)],
        capture_output=True, text=True, check=False,
    )
    assert (quiet.returncode, quiet.stderr) == (0, "")


# ------------------------------------------------------------------ the built pages


def _build(root: Path) -> Path:
    assert run_cli(root, "build").code == 0
    made = mkdocs_build(root)
    assert made.returncode == 0, made.stderr
    return root / "site"


@pytest.fixture(scope="module")
def unset_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(_project(tmp_path_factory.mktemp("unset"), None))


@pytest.fixture(scope="module")
def set_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(_project(tmp_path_factory.mktemp("set"), IDENTITY, REAL_URL))


def _article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]


def _footer(html: str) -> str:
    return html.split('<div class="md-copyright">', 1)[1].split("</footer>", 1)[0]


RECORD = Path("incidents") / "market-strike" / "index.html"


def test_footer_and_about_page_say_who_is_behind_the_site(set_site: Path) -> None:
    for page in (Path("index.html"), RECORD, Path("about") / "index.html"):
        footer = _footer((set_site / page).read_text(encoding="utf-8"))
        assert "Published by Test Newsroom &amp; Co" in footer
        assert '<a href="mailto:desk@newsroom.test">desk@newsroom.test</a>' in footer
        assert "Records and pages under the CC BY 4.0 licence" in footer
        assert "Code under the MIT licence" in footer
        assert '<a href="https://github.com/acme/factsheet">' in footer
        assert "About this site</a>" in footer
    about = _article((set_site / "about" / "index.html").read_text(encoding="utf-8"))
    assert "<h1" in about and "Who publishes this site" in about
    assert "Published by Test Newsroom &amp; Co" in about


def test_unset_identity_is_left_out_never_a_placeholder(unset_site: Path) -> None:
    for html_file in unset_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for word in ("OWNER", "REPO", "Contact:", "Published by", "Report a mistake",
                     "edit this record", "Edit this record", "None", "mailto:"):
            assert word not in html, f"{word!r} in {html_file.relative_to(unset_site)}"
    about = _article((unset_site / "about" / "index.html").read_text(encoding="utf-8"))
    assert "Who publishes this site" not in about
    corrections = _article((unset_site / "corrections" / "index.html").read_text())
    assert "no channel for reports yet" in corrections
    assert "issue tracker" not in corrections and "there is a form" not in corrections


def test_record_pages_link_a_prefilled_correction_form(set_site: Path) -> None:
    article = _article((set_site / RECORD).read_text(encoding="utf-8"))
    hrefs = re.findall(r'href="([^"]*issues/new[^"]*)"', article)
    assert len(hrefs) == 1
    url = urlsplit(hrefs[0].replace("&amp;", "&"))
    assert f"{url.scheme}://{url.netloc}{url.path}" == IDENTITY["repository"] + "/issues/new"
    query = parse_qs(url.query)
    # The record's title holds markup-like text: it arrives as plain text, encoded.
    assert query["title"] == ["Correction: Strike on a market <b>in</b> Ariha"]
    assert "%3Cb%3E" in hrefs[0] and "<b>" not in hrefs[0]
    # The correction form itself, its `page` field filled in with the page's address.
    assert query["template"] == ["correction.yml"]
    assert query["page"] == [f"{REAL_URL}incidents/market-strike/"]
    form = (REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(encoding="utf-8")
    assert "    id: page\n" in form
    assert ">Report a mistake</a>" in article
    # List pages are not records: no form link.
    assert "issues/new" not in (set_site / "incidents" / "index.html").read_text()


def test_corrections_page_offers_what_is_configured(set_site: Path) -> None:
    page = _article((set_site / "corrections" / "index.html").read_text(encoding="utf-8"))
    assert '<a href="https://github.com/acme/factsheet/issues">' in page
    assert '<a href="mailto:desk@newsroom.test">desk@newsroom.test</a>' in page
    assert "no channel for reports yet" not in page


def test_contact_without_repository_offers_the_address_on_record_pages(tmp_path: Path) -> None:
    identity = {k: v for k, v in IDENTITY.items() if k != "repository"}
    site = _build(_project(tmp_path, identity, REAL_URL))
    article = _article((site / RECORD).read_text(encoding="utf-8"))
    assert "issues/new" not in article and "edit this record" not in article
    assert '<a href="mailto:desk@newsroom.test">desk@newsroom.test</a>' in article
    corrections = _article((site / "corrections" / "index.html").read_text(encoding="utf-8"))
    assert "Report a mistake" not in corrections and "mailto:desk@newsroom.test" in corrections

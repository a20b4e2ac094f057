"""Licences and citation: LICENSE for the code, LICENSE-DATA.md for the records, CITATION.cff
(valid CFF 1.2.0), and the data licence with a suggested citation on the About and data
pages. mkdocs.yml's `extra.factsheet` is the one place the licences are set: the other
files must say the same."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, copy_site_inputs, mkdocs_build, run_cli
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

SPDX = {"CC BY 4.0": "CC-BY-4.0", "MIT": "MIT"}


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", construct_env_tag)


def _mkdocs() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_Loader)
    return data


def _citation() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    return data


def test_licences_are_set_once_in_mkdocs_yml() -> None:
    identity = _mkdocs()["extra"]["factsheet"]
    assert identity["data_licence"] == "CC BY 4.0"
    assert identity["code_licence"] == "MIT"


def test_license_file_is_the_mit_licence() -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    data = (REPO / "LICENSE-DATA.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data and "https://creativecommons.org/licenses/by/4.0/" in data


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    citation = _citation()
    schema = json.loads((REPO / "tests" / "fixtures" / "cff" / "schema-1.2.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(citation)
    for key in ("cff-version", "message", "title", "authors"):
        assert citation[key], key
    assert citation["cff-version"] == "1.2.0"
    assert all("name" in a or "family-names" in a for a in citation["authors"])


def test_citation_cff_says_what_mkdocs_yml_says() -> None:
    config = _mkdocs()
    identity = config["extra"]["factsheet"]
    citation = _citation()
    assert citation["title"] == config["site_name"]
    assert set(citation["license"]) == {
        SPDX[identity["data_licence"]], SPDX[identity["code_licence"]]
    }
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'\nversion = "{citation["version"]}"\n' in project


def test_schema_catches_a_broken_citation() -> None:
    """The schema check above is not empty: a citation without authors is refused."""
    schema = json.loads((REPO / "tests" / "fixtures" / "cff" / "schema-1.2.0.json").read_text())
    broken = {k: v for k, v in _citation().items() if k != "authors"}
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_cffconvert_accepts_the_citation_when_installed(tmp_path: Path) -> None:
    """cffconvert needs jsonschema < 4, which the build cannot have, so it is not in the
    test extra; run it when a developer has it on PATH (in a venv of its own)."""
    cffconvert = shutil.which("cffconvert")
    if cffconvert is None:
        pytest.skip("cffconvert is not on PATH (pip install cffconvert in a venv of its own)")
    result = subprocess.run([cffconvert, "--validate", "-i", str(REPO / "CITATION.cff")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ the built pages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site_inputs(tmp_path_factory.mktemp("licences"))
    assert run_cli(root, "build").code == 0
    made = mkdocs_build(root, {"FACTSHEET_SITE_URL": "https://acme.github.io/factsheet/"})
    assert made.returncode == 0, made.stderr
    return root / "site"


def _article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]


@pytest.mark.parametrize("page", ["about", "data"])
def test_about_and_data_pages_state_the_licence_and_a_citation(site: Path, page: str) -> None:
    article = _article((site / page / "index.html").read_text(encoding="utf-8"))
    assert '<h2 id="how-to-cite">How to cite and reuse</h2>' in article
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">' in article
    citation = article.split('<blockquote class="fs-citation">', 1)[1].split("</blockquote>")[0]
    author = _citation()["authors"][0]["name"]  # no publisher is set in the shipped config
    assert f"{author}. <cite>Factsheet: Russian airstrikes in Syria, 2015</cite>" in citation
    assert '<a href="https://acme.github.io/factsheet/">' in citation


def test_footer_states_both_licences(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    footer = html.split('<div class="md-copyright">', 1)[1]
    assert "Records and pages under the CC BY 4.0 licence" in footer
    assert "Code under the MIT licence" in footer


def test_the_data_downloads_carry_the_data_licence() -> None:
    """datapackage.json names the licence mkdocs.yml and LICENSE-DATA.md give the records."""
    from factsheet.render.datapackage import DATA_LICENCE

    stated = _mkdocs()["extra"]["factsheet"]["data_licence"]
    assert DATA_LICENCE["name"].replace("-", " ") == stated
    assert DATA_LICENCE["path"] in (REPO / "LICENSE-DATA.md").read_text(encoding="utf-8")

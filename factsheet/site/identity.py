"""Who is behind the site: the publisher, a contact, the licences and the repository.

They are set in mkdocs.yml under `extra.factsheet` and shown in the footer of every page
(overrides/partials/copyright.html), on the About page (overrides/about.html) and in the
links record pages carry to the repository (overrides/main.html). A key that is not set is
left out of the pages. Before publishing, `python build.py check --publish` refuses a
missing key or a placeholder; `make site` only warns (`python -m factsheet.site.identity`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

CONFIG = "mkdocs.yml"
PREFIX = "extra.factsheet"


@dataclass(frozen=True)
class Key:
    name: str
    what: str  # what to write, in plain words
    example: str


KEYS = (
    Key("publisher", "the name of the person or organisation that publishes the site",
        "Syria Airstrikes Research Group"),
    Key("contact", "an email address or a https:// contact page where readers reach the "
        "publisher", "corrections@your-domain.org"),
    Key("data_licence", "the licence of the records and pages", "CC BY 4.0"),
    Key("code_licence", "the licence of the code", "MIT"),
    Key("repository", "the https:// address of the repository that holds the records "
        "(on GitHub: https://github.com/<owner>/<name>, without a trailing slash)",
        "https://github.com/your-organisation/factsheet"),
)

# Words that mark a value nobody has filled in yet.
_PLACEHOLDER = re.compile(
    r"(?-i:\bOWNER\b|\bREPO\b)|example\.(org|com|net)|\bTODO\b|\bTBD\b|CHANGE[ _-]?ME|"
    r"\bplaceholder\b|\bxxx+\b|\byour[-_](domain|organi[sz]ation|name|email)|<[^>]*>|"
    r"\.\.\.|lorem ipsum",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' own tags (`!ENV`, `!!python/name:`) as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


_ConfigLoader.add_multi_constructor("!", _any_tag)
# `!ENV [NAME, default]` read as MkDocs reads it: the deployment fills these in.
_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_FROM_ENV = re.compile(r"^\s*(\w+):\s*!ENV\s*\[?\s*(\w+)", re.MULTILINE)


def _from_env(config: Path, key: str) -> str:
    """' (from the environment variable NAME...)' when mkdocs.yml reads KEY with !ENV."""
    names = dict(_FROM_ENV.findall(config.read_text(encoding="utf-8")))
    if key not in names:
        return ""
    return (f" (mkdocs.yml reads it from the environment variable {names[key]}, which the "
            "deploy workflow sets; set it, or write the value in its place)")
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _config(config: Path) -> Any:
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def read_identity(config: Path) -> dict[str, object]:
    """The `extra.factsheet` mapping of the MkDocs configuration (empty when absent)."""
    data = _config(config)
    extra = data.get("extra") if isinstance(data, dict) else None
    identity = extra.get("factsheet") if isinstance(extra, dict) else None
    return dict(identity) if isinstance(identity, dict) else {}


def is_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.search(value))


def _problem(key: Key, value: object, config: Path) -> str | None:
    where = f"{PREFIX}.{key.name} in {CONFIG}"
    fix = f"write {key.what}, for example `{key.name}: {key.example}`"
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{where} is not set{_from_env(config, key.name)}: {fix}."
    if not isinstance(value, str):
        return f"{where} must be text: {fix}."
    if is_placeholder(value):
        return f"{where} is a placeholder ({value!r}): {fix}."
    if key.name == "repository" and (not value.startswith("https://") or value.endswith("/")):
        return f"{where} must start with https:// and have no trailing slash: {fix}."
    if key.name == "contact" and not (_EMAIL.match(value) or value.startswith("https://")):
        return f"{where} is neither an email address nor a https:// address: {fix}."
    return None


def site_url_problem(config: Path) -> str | None:
    """The site's address is a placeholder until the site has its real home."""
    data = _config(config)
    url = data.get("site_url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.startswith("https://") or is_placeholder(url):
        return (
            f"site_url in {CONFIG} is not the site's real address "
            f"({'not set' if url is None else repr(url)})"
            f"{_from_env(config, 'site_url')}: write the "
            "https:// address the site is published at, for example "
            "`site_url: https://factsheet.your-domain.org/`."
        )
    return None


def identity_problems(config: Path) -> list[str]:
    """What keeps the site from saying who is behind it: one message per key."""
    if not config.is_file():
        return [f"{CONFIG} not found at {config}."]
    identity = read_identity(config)
    problems = [p for key in KEYS if (p := _problem(key, identity.get(key.name), config))]
    url = site_url_problem(config)
    return [*problems, *([url] if url else [])]


def main(argv: Sequence[str] | None = None) -> int:
    """Print a warning for each unset or placeholder value; exit 0 (used by `make site`)."""
    parser = argparse.ArgumentParser(
        prog="python -m factsheet.site.identity",
        description="Warn when the site does not say who is behind it (mkdocs.yml).",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    args = parser.parse_args(argv)
    problems = identity_problems(args.root / CONFIG)
    for problem in problems:
        sys.stderr.write(f"warning: {problem}\n")
    if problems:
        sys.stderr.write(
            "warning: the site is built without these; `python build.py check --publish` "
            "fails until they are set.\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

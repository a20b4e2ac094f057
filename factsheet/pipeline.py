"""load -> validate -> link -> render, as one call that never writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .collect import collect
from .link import FactBase, link
from .problems import Problem, sort_problems
from .render import render_site
from .validate import validate


@dataclass
class Outcome:
    problems: list[Problem]
    base: FactBase | None = None
    pages: dict[str, str] | None = None


def check(root: Path, archive: Path | None = None) -> Outcome:
    """Load and validate every record; link them when there is no problem."""
    facts = collect(root)
    problems = facts.problems + validate(facts, archive)
    if problems:
        return Outcome(sort_problems(problems))
    return Outcome([], link(facts))


def build(root: Path, archive: Path | None = None) -> Outcome:
    """Check, then render every page in memory (nothing is written here)."""
    outcome = check(root, archive)
    if outcome.base is not None:
        outcome.pages = render_site(outcome.base)
    return outcome

"""The README's command-line section and `--help` must not drift apart."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from conftest import REPO

from factsheet.cli import COMMANDS, _parser

README = (REPO / "README.md").read_text(encoding="utf-8")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_in_the_readme() -> None:
    assert set(_subparsers()) == set(COMMANDS)
    for command in COMMANDS:
        assert f"python build.py {command}" in README, command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme_and_help_works(command: str) -> None:
    sub = _subparsers()[command]
    for action in sub._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in README, f"{command} {option}"
    result = subprocess.run([sys.executable, str(REPO / "build.py"), command, "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: build.py {command}")


def test_make_targets_are_in_the_readme() -> None:
    for target in ("make site", "make test", "make serve", "make bench", "make check"):
        assert target in README

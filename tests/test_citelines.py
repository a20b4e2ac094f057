"""'Cite these figures and claims': a copyable line per figure and claim, each to an anchor."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli


def test_every_figure_and_claim_has_a_cite_line_whose_link_lands(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    page = (project / "docs" / "incidents" / "market-strike.md").read_text(encoding="utf-8")
    block = page.split('??? quote "Cite these figures and claims"', 1)[1]
    lines = [line.strip() for line in block.splitlines() if line.strip().startswith("- “")]
    assert len(lines) == 3 + 2  # three figures, two claims
    assert lines[0].startswith(
        "- “Strike on a market &#60;b&#62;in&#60;&#47;b&#62; Ariha”: civilians killed, 49, "
        "according to Rights Watchers, reported by Daily Courier. Factsheet, updated "
    )
    assert "more than 40, according to an unnamed source, reported by one article" in lines[1]
    for line in lines:
        anchor = re.search(r"\[Permanent link\]\(#([a-z0-9-]+)\)$", line)
        assert anchor is not None, line
        assert f'<a id="{anchor.group(1)}"></a>' in page, anchor.group(1)

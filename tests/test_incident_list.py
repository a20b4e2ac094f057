"""The incident list: single events, then campaigns and wars, then reports and resolutions."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, run_cli

from factsheet.render.lists import INCIDENT_GROUPS


def test_every_incident_kind_of_the_schema_has_exactly_one_group() -> None:
    schema = json.loads((REPO / "schemas" / "incident.schema.json").read_text(encoding="utf-8"))
    kinds = schema["properties"]["kind"]["enum"]
    grouped = [kind for _, group in INCIDENT_GROUPS for kind in group]
    assert sorted(grouped) == sorted(kinds)


def test_the_list_puts_single_events_before_campaigns(project: Path) -> None:
    assert run_cli(project, "build").code == 0
    text = (project / "docs" / "incidents" / "index.md").read_text(encoding="utf-8")
    events = text.index("## Attacks and other single events")
    campaigns = text.index("## Campaigns and wars")
    assert events < text.index("[Strike on a market") < campaigns
    assert campaigns < text.index("[Air campaign](../incidents/air-campaign.md)")
    assert "## Reports, statements and resolutions" not in text  # no such incident here

"""'Cite this': one citation line per figure and claim, each with a permanent anchor.

A journalist copies a line as it stands (no script needed): the incident, what was
reported, by whom and where, the page's last update and a link to the exact place on
the page. Claims are anchored by their id (`#claim-...`), figures by measure, claimant
and first source (`#figure-...`), which stay put when other figures are added.
"""

from __future__ import annotations

from textwrap import indent

from ..domain.figures import MEASURE_LABELS
from ..domain.model import UNKNOWN, Figure, Incident, last_updated
from ..factbase import FactBase
from .links import label, reported_value
from .text import date_text, link, md

SITE_NAME = "Factsheet"


def figure_anchor(incident: Incident, fig: Figure) -> str:
    """A stable anchor for a figure; a suffix only when two would share a name."""

    def base_name(f: Figure) -> str:
        return f"figure-{f.measure}-{f.claimant}-{f.citations[0].source}"

    name = base_name(fig)
    same = [f for f in incident.figures if base_name(f) == name]
    return name if len(same) == 1 else f"{name}-{same.index(fig) + 1}"


def _who(base: FactBase, actor_id: str) -> str:
    return "an unnamed source" if actor_id == UNKNOWN else md(base.actors[actor_id].name)


def _outlets(base: FactBase, sources: tuple[str, ...]) -> str:
    return md(base.outlet_names(tuple(dict.fromkeys(sources))))


def cite_block(base: FactBase, incident: Incident) -> str:
    """A folded block of citation lines, or '' when the incident has no figure or claim."""
    updated = last_updated(incident)
    tail = f" {SITE_NAME}, updated {date_text(updated)}." if updated else f" {SITE_NAME}."
    title = f"“{md(incident.title)}”"
    lines = []
    for fig in incident.figures:
        what = MEASURE_LABELS[fig.measure] + (f" ({md(fig.scope)})" if fig.scope else "")
        said = f"“{md(fig.stated)}”" if fig.stated else reported_value(fig)
        lines.append(
            f"- {title}: {what}, {said}, according to {_who(base, fig.claimant)}, reported by "
            f"{_outlets(base, tuple(c.source for c in fig.citations))}.{tail} "
            + link("Permanent link", f"#{figure_anchor(incident, fig)}")
        )
    for claim in incident.claims:
        lines.append(
            f"- {title}: {_who(base, claim.claimant)} {label(claim.stance)}: {md(claim.text)} "
            f"Reported by {_outlets(base, tuple(c.source for c in claim.citations))}.{tail} "
            + link("Permanent link", f"#claim-{claim.id}")
        )
    if not lines:
        return ""
    intro = (
        "One line per figure and claim, to copy into your notes or article. Each permanent "
        "link leads to that figure or claim on this page."
    )
    return '??? quote "Cite these figures and claims"\n\n' + indent(
        intro + "\n\n" + "\n".join(lines), "    "
    )

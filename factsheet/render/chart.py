"""A range chart: each report of one measure as a bar on a shared axis, drawn at build time.

Inline SVG, no script and no third party. Each row is one report (its range, labelled
with the number as given, the claimant and the outlet); the range all reports allow
together is shaded. The <title> and <desc> say the same in words for screen readers,
and the sentence and table beside the chart say it again for everyone. Record text is
escaped by `md` (entities, valid inside SVG text). sitecheck allows exactly these
elements and attributes inside a page's content, and nothing else.
"""

from __future__ import annotations

from ..domain.figures import Interval
from ..domain.model import UNKNOWN, Figure
from ..factbase import FactBase, MeasureReports
from .links import reported_value
from .text import md

WIDTH = 360  # user units; about one unit a pixel on a phone (CSS caps the width on desktop)
LEFT = 4
RIGHT = WIDTH - 4
ROW = 56  # two label lines and a bar
BAR = 12
AXIS = 24  # room for the axis and its two numbers
OPEN_END = 1.25  # an open-ended report ("at least 200") runs to a quarter past the top


def _label(base: FactBase, fig: Figure) -> tuple[str, str]:
    """('49, according to Amnesty International', 'reported by RFI'), escaped."""
    who = "no one named" if fig.claimant == UNKNOWN else base.actors[fig.claimant].name
    outlets = base.outlet_names(tuple(dict.fromkeys(c.source for c in fig.citations)))
    words = f"“{fig.stated}”" if fig.stated else reported_value(fig)
    according = "source not named" if fig.claimant == UNKNOWN else f"according to {who}"
    return md(f"{words}, {according}"), md(f"reported by {outlets}")


def _x(value: float, low: int, scale: float) -> float:
    return round(min(max(LEFT + (value - low) * scale, LEFT), RIGHT), 1)


def range_chart(base: FactBase, group: MeasureReports) -> str:
    """The chart as one HTML block, or '' when there is only one report."""
    if len(group.figures) < 2:
        return ""
    chart_id = f"range-{group.incident}-{base.measures[group.incident].index(group)}"
    intervals = [f.interval for f in group.figures]
    low = min(i.low for i in intervals)
    highest = max(i.high if i.high is not None else i.low for i in intervals)
    open_ended = any(i.high is None for i in intervals)
    top = max(int(highest * OPEN_END) if open_ended else highest, low + 1)
    low = max(0, low - max(1, (top - low) // 20))  # a little room before the lowest bar
    scale = (RIGHT - LEFT) / max(top - low, 1)
    height = ROW * len(group.figures) + AXIS
    allowed = group.comparison.allowed
    parts = [
        f'<figure class="range-figure"><svg class="range-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">How the reports compare</title>',
        f'<desc id="{chart_id}-d">{_description(base, group, allowed)}</desc>',
    ]
    if allowed is not None:
        parts.append(_overlap(allowed, low, top, scale, height - AXIS))
    for row, fig in enumerate(group.figures):
        parts.append(_bar(base, fig, fig.interval, row, low, top, scale))
    parts.append(
        f'<line class="axis" x1="{LEFT}" y1="{height - AXIS + 4}" x2="{RIGHT}" '
        f'y2="{height - AXIS + 4}"></line>'
        f'<text x="{LEFT}" y="{height - 6}">{low:,}</text>'
        f'<text x="{RIGHT}" y="{height - 6}" text-anchor="end">'
        f"{top:,}{' and more' if open_ended else ''}</text>"
    )
    parts.append("</svg></figure>")
    return "".join(parts)


def _overlap(allowed: Interval, low: int, top: int, scale: float, bottom: int) -> str:
    end = allowed.high if allowed.high is not None else top
    x1, x2 = _x(allowed.low - 0.5, low, scale), _x(end + 0.5, low, scale)
    width = max(round(x2 - x1, 1), 2)
    return f'<rect class="overlap" x="{x1}" y="0" width="{width}" height="{bottom}"></rect>'


def _bar(
    base: FactBase, fig: Figure, interval: Interval, row: int, low: int, top: int, scale: float
) -> str:
    y = row * ROW
    end = interval.high if interval.high is not None else top
    x1, x2 = _x(interval.low - 0.5, low, scale), _x(end + 0.5, low, scale)
    width = max(round(x2 - x1, 1), 3)
    kind = "bar open" if interval.high is None else "bar"
    said, outlet = _label(base, fig)
    return (
        f'<text x="{LEFT}" y="{y + 14}">{said}</text>'
        f'<text class="outlet" x="{LEFT}" y="{y + 30}">{outlet}</text>'
        f'<rect class="{kind}" x="{x1}" y="{y + 38}" width="{width}" height="{BAR}"></rect>'
    )


def _description(base: FactBase, group: MeasureReports, allowed: Interval | None) -> str:
    reports = "; ".join(", ".join(_label(base, f)) for f in group.figures)
    if allowed is None:
        together = "No single number fits all of them."
    else:
        together = f"Consistent range (our reading of them together): {allowed.human()}."
    return f"{len(group.figures)} reports: {reports}. {together}"

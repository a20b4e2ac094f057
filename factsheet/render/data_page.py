"""The data downloads page: our description of every file and field in docs/data/.

The text is kept in factsheet/templates/data.md, next to the code, because it
must change whenever factsheet/export.py changes what it writes. It holds no
record text and no counts, so editing a record never rewrites this page.
"""

from __future__ import annotations

from pathlib import Path

from .text import page

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "data.md"


def render_data_page() -> str:
    text = TEMPLATE.read_text(encoding="utf-8").replace("\r\n", "\n")
    if text.startswith("<!--"):
        text = text.split("-->", 1)[1]
    # overrides/data.html adds the data licence and a suggested citation (from mkdocs.yml).
    return page("Data downloads", ["# Data downloads", text], {"template": "data.html"})

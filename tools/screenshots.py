"""`make screenshots`: PNGs of one page of every kind, at phone and desktop width.

Serves an already built site/ on 127.0.0.1 (bench.search.serving, a thread) and opens
each page in Debian's chromium through Playwright (bench.search.chromium: no
browser is downloaded). For each page and width it writes the first screen
(`<name>-<width>.png`) and the whole page (`<name>-<width>-full.png`) into screenshots/
(gitignored). Requests to any other host are blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.search import chromium, missing_tool, serving

# One page of every kind: file name -> address under the site's root.
PAGES = {
    "home": "",
    "incident-list": "incidents/",
    "incident-ariha": "incidents/ariha-market-strike/",
    "incident-campaign": "incidents/russian-air-campaign-syria/",
    "actor-konashenkov": "actors/igor-konashenkov/",
    "source-rfi": "sources/rfi-russia-airstrikes-syria-war-crimes/",
    "timeline": "timeline/",
    "differences": "differences/",
    "methodology": "methodology/",
    "corrections": "corrections/",
    "about": "about/",
    # http.server answers a missing address with its own page: open the site's 404 itself.
    "not-found": "404.html",
}
WIDTHS = (390, 1280)
HEIGHTS = {390: 844, 1280: 800}


def _local_only(route: Any) -> None:
    host = urlsplit(route.request.url).hostname
    if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort()


def take(site: Path, out: Path, pages: dict[str, str], widths: Sequence[int]) -> list[Path]:
    """Write the PNGs; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serving(site) as base, chromium() as browser:
        for width in widths:
            context = browser.new_context(
                viewport={"width": width, "height": HEIGHTS.get(width, 800)}
            )
            context.route("**/*", _local_only)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(base + path, wait_until="load")
                for full in (False, True):
                    target = out / f"{name}-{width}{'-full' if full else ''}.png"
                    page.screenshot(path=str(target), full_page=full)
                    written.append(target)
            context.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="where to write")
    args = parser.parse_args(argv)
    tool = missing_tool()
    if tool is not None:
        sys.stderr.write(f"error: {tool} is not installed\n")
        return 1
    if not (args.site / "index.html").is_file():
        sys.stderr.write(f"error: no built site in {args.site}; run `make site` first\n")
        return 1
    written = take(args.site, args.out, PAGES, WIDTHS)
    print(f"Wrote {len(written)} screenshots to {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

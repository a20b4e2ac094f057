"""Check every `url` and `archive_url` in facts/sources/ and list the ones that no longer answer.

Run by .github/workflows/links.yml once a week; by hand:

    python .github/scripts/check_links.py --report dead-links.md

Writes a Markdown report listing dead links (404, 410, no such host) and links that could
not be checked for sure (timeouts, 403/429 from sites that turn robots away, server errors),
each with the record it comes from. The report file is left empty when every link answers,
so the workflow can tell whether to open, update or close its issue. Exit code 0 unless the
records themselves cannot be read.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from factsheet.load.strict_yaml import load_yaml_file  # noqa: E402  (the repository is not installed)

FIELDS = ("url", "archive_url")
USER_AGENT = "Mozilla/5.0 (compatible; factsheet-link-check; +https://factsheet.example.org/)"
DEAD_STATUSES = frozenset({404, 410})
TIMEOUT = 30.0
WORKERS = 8


@dataclass(frozen=True)
class Link:
    file: str  # facts/sources/x.yaml
    field: str  # url or archive_url
    url: str


@dataclass(frozen=True)
class Result:
    link: Link
    verdict: str  # "ok", "dead" or "unsure"
    detail: str  # the status or the error, in a few words


def find_links(root: Path) -> tuple[list[Link], list[str]]:
    """Every url and archive_url of every source record, and the files that failed to load."""
    links: list[Link] = []
    broken: list[str] = []
    for path in sorted((root / "facts" / "sources").glob("*.yaml")):
        shown = path.relative_to(root).as_posix()
        loaded, problems = load_yaml_file(path, shown)
        if loaded is None or problems:
            broken.append(shown)
            continue
        data = loaded.data()
        for field in FIELDS:
            value = data.get(field)
            if isinstance(value, str) and value.startswith(("https://", "http://")):
                links.append(Link(shown, field, value))
    return links, broken


def _request(url: str, method: str) -> int:
    request = urllib.request.Request(url, method=method, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
    })
    # Only http(s) addresses get here: find_links and the schema refuse every other scheme.
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        status: int = response.status
        return status


def check(link: Link, retries: int = 1, pause: float = 5.0) -> Result:
    """ok for any answer below 400; dead for 404/410 or a host that does not exist."""
    detail = ""
    for attempt in range(retries + 1):
        try:
            try:
                status = _request(link.url, "HEAD")
            except urllib.error.HTTPError as error:
                if error.code not in (403, 405, 501):  # some servers refuse HEAD only
                    raise
                status = _request(link.url, "GET")
            return Result(link, "ok", str(status))
        except urllib.error.HTTPError as error:
            if error.code in DEAD_STATUSES:
                return Result(link, "dead", f"HTTP {error.code}")
            detail = f"HTTP {error.code}"
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, socket.gaierror):
                return Result(link, "dead", "no such host")
            detail = f"{type(reason).__name__}: {reason}"
        except (TimeoutError, ssl.SSLError, http.client.HTTPException, OSError) as error:
            detail = f"{type(error).__name__}: {error}"
        if attempt < retries:
            time.sleep(pause)
    return Result(link, "unsure", detail)


def check_all(links: list[Link]) -> list[Result]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(check, links))


def report(results: list[Result], broken: list[str]) -> str:
    """The issue body: empty when there is nothing to act on."""
    dead = [r for r in results if r.verdict == "dead"]
    unsure = [r for r in results if r.verdict == "unsure"]
    if not (dead or unsure or broken):
        return ""
    lines = [
        f"The weekly link check looked at {len(results)} links in facts/sources/.",
        "",
        "For a dead link: find the page again (or a copy in a web archive), put the new address "
        "in `archive_url` and keep `url` as it was, so readers see where it used to be. Open "
        "one pull request per source.",
        "",
    ]
    if dead:
        lines += [f"## Dead ({len(dead)})", "", *_rows(dead), ""]
    if unsure:
        lines += [
            f"## Could not be checked ({len(unsure)})",
            "",
            "Timeouts, server errors, or sites that refuse automatic checks: open these in a "
            "browser before changing anything.",
            "",
            *_rows(unsure),
            "",
        ]
    if broken:
        lines += ["## Records that could not be read", "", *(f"- `{f}`" for f in broken), ""]
    return "\n".join(lines)


def _rows(results: list[Result]) -> list[str]:
    return [f"- `{r.link.file}` `{r.link.field}`: <{r.link.url}> ({r.detail})" for r in results]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="project folder")
    parser.add_argument("--report", type=Path, required=True,
                        help="Markdown file to write (left empty when all links answer)")
    args = parser.parse_args(argv)
    links, broken = find_links(args.root)
    results = check_all(links)
    text = report(results, broken)
    args.report.write_text(text, encoding="utf-8")
    counts = {v: sum(r.verdict == v for r in results) for v in ("ok", "dead", "unsure")}
    print(f"{len(results)} links: {counts['ok']} ok, {counts['dead']} dead, "
          f"{counts['unsure']} could not be checked; {len(broken)} unreadable records.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

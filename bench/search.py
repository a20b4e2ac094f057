"""How fast Material's built-in search answers in Chromium, for the benchmark (issue 7).

`search_latency(site)` serves a built site on 127.0.0.1, opens a page of it (the home page
unless told otherwise) in Debian's chromium through Playwright and types a query into the
search box as a reader would (a click, then one key at a time). Each measurement is a
fresh browser context, so nothing is cached, and is taken twice: typed once the search
index is ready, and typed as soon as the page has loaded (the reader then also waits for
the index to download and be indexed). Both are taken again on a throttled connection
(`SLOW`).

The times are taken inside the page with `performance.now()`, not with a wall clock
around Playwright's waits: each Playwright call is a round trip to the browser and its
waits poll, which would add tens of milliseconds of our own to a figure compared with
0.5 s. A script added before the page's own records (window.__searchBench):

- the keyup of every key (Material reads the box on keyup);
- the messages between the page and the search worker. Material documents this message
  format for custom workers (SETUP 0, READY 1, QUERY 2, RESULT 3). READY is when search
  becomes usable; each QUERY is answered by one RESULT, in order, so the answer to the
  whole query (not to a prefix typed on the way) can be told apart;
- every time result items are added to the result list.

"First result" is the time from the keyup of the query's last key to the first items
added to the list after the worker answered the whole query.

`python -m bench.search SITE` measures a built site without running the rest of
the benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

# Debian's chromium unless FACTSHEET_CHROMIUM names another Chrome (a CI runner's, say).
CHROMIUM = Path(os.environ.get("FACTSHEET_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)
# A word of incident and source titles in the synthetic corpus (synthetic.WORDS): every
# corpus of a few dozen incidents or more has pages that match it.
QUERY = "bakery"
# A quick typist: about 80 words a minute. Material searches on every keyup, so the pace
# decides how many prefix queries the worker answers before the whole word.
KEY_DELAY_MS = 150
TIMEOUT_S = 900.0  # the whole index over the slow link at N=10,000 takes minutes
INDEX = Path("search") / "search_index.json"
# What a static host such as GitHub Pages serves compressed; the rest is sent as it is.
COMPRESSED = frozenset({".html", ".json", ".js", ".css", ".svg", ".xml", ".txt"})


@dataclass(frozen=True)
class Network:
    """Conditions for CDP's Network.emulateNetworkConditions (-1: not throttled)."""

    name: str
    download_bps: float = -1  # bytes per second
    upload_bps: float = -1
    latency_ms: float = 0

    @property
    def throttled(self) -> bool:
        return self.download_bps >= 0 or self.upload_bps >= 0 or self.latency_ms > 0


LOCAL = Network("local")
# A reader on a slow or filtered mobile connection: 1.6 Mbit/s down, 750 kbit/s up, 150 ms.
SLOW = Network("1.6 Mbit/s, 150 ms", 1.6e6 / 8, 750e3 / 8, 150)


@dataclass(frozen=True)
class Visit:
    """One search on a freshly opened page; times in seconds."""

    index_received: float  # navigation start -> search_index.json fully received
    index_ready: float  # navigation start -> the worker reports the index ready
    first_result: float  # last key of the query -> first result of the whole query shown
    query_alone: float  # the worker's time for the whole query once free to start it
    results: str  # the count line Material shows, e.g. "1,234 matching documents"


@dataclass
class SearchTiming:
    """Every visit for one site, by network name; the fastest of the repeats is kept."""

    query: str
    index_bytes: int
    index_gzip_bytes: int
    once_ready: dict[str, Visit] = field(default_factory=dict)  # typed after READY
    at_load: dict[str, Visit] = field(default_factory=dict)  # typed as the page loaded


# ------------------------------------------------------------------ the browser


def missing_tool() -> str | None:
    """What of Playwright and chromium is not installed here, or None when both are."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package"
    return None if CHROMIUM.exists() else str(CHROMIUM)


def unavailable() -> str | None:
    """Why search cannot be measured here, or None when it can."""
    tool = missing_tool()
    return None if tool is None else f"{tool} is not installed"


RECORDER = """
(() => {
  const rec = { keys: [], asked: [], answered: [], ready: null, renders: [] };
  window.__searchBench = rec;
  document.addEventListener("keyup", () => rec.keys.push(performance.now()), true);
  const Native = window.Worker;
  if (Native) {
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (event) => {
          const type = event.data && event.data.type;
          if (type === 1 && rec.ready === null) rec.ready = performance.now();
          if (type === 3) rec.answered.push(performance.now());
        });
      }
      postMessage(message, ...rest) {
        if (message && message.type === 2) rec.asked.push([performance.now(), message.data]);
        return super.postMessage(message, ...rest);
      }
    };
  }
  // Results are rendered in the same task as the answer arrives: the observer's callback
  // (a microtask) still runs within it, so its time is the moment the items are added.
  new MutationObserver((records) => {
    const added = records.some((r) =>
      r.target instanceof Element && r.target.matches(".md-search-result__list") &&
      [...r.addedNodes].some((n) => n instanceof Element &&
        n.matches(".md-search-result__item")));
    if (added) rec.renders.push(performance.now());
  }).observe(document, { childList: true, subtree: true });
})();
"""

# True once the worker has answered the whole query (the last QUERY carrying it).
ANSWERED = """
(query) => {
  const rec = window.__searchBench;
  const k = rec.asked.map((a) => a[1]).lastIndexOf(query);
  return k >= 0 && rec.answered.length > k;
}
"""

INDEX_RECEIVED = """
() => {
  const entry = performance.getEntriesByType("resource")
    .find((e) => e.name.endsWith("/search/search_index.json"));
  return entry ? entry.responseEnd : null;
}
"""


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium, headless, launched by Playwright (its own download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def _throttle(context: BrowserContext, page: Page, network: Network) -> None:
    if not network.throttled:
        return
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": network.latency_ms,
            "downloadThroughput": network.download_bps,
            "uploadThroughput": network.upload_bps,
        },
    )


def _final(rec: dict[str, Any], query: str) -> int:
    """The number of the last QUERY message that carried the whole query."""
    asked = [value for _, value in rec["asked"]]
    return len(asked) - 1 - asked[::-1].index(query)


def _first_result(rec: dict[str, Any], k: int) -> float:
    """Seconds from the last keyup to the first items shown after the answer to query k."""
    shown = [t for t in rec["renders"] if t >= rec["answered"][k]]
    if not shown:
        raise RuntimeError(f"the search for {rec['asked'][k][1]!r} showed no result")
    return float(shown[0] - rec["keys"][-1]) / 1000


def _query_alone(rec: dict[str, Any], k: int) -> float:
    """Seconds the worker spent on query k: it answers in order, so it could start on it
    once the query was sent and the answer before it was out."""
    start = rec["asked"][k][0]
    if k > 0:
        start = max(start, rec["answered"][k - 1])
    return float(rec["answered"][k] - start) / 1000


def _search(page: Page, query: str, wait_until_ready: bool) -> dict[str, Any]:
    """Type the query as a reader would, wait for the answer, return what was recorded."""
    if wait_until_ready:
        page.wait_for_function("() => window.__searchBench.ready !== null")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=KEY_DELAY_MS)  # Material reacts to keys, not fill()
    page.wait_for_function(ANSWERED, arg=query)  # answers come only once READY came
    rec: dict[str, Any] = page.evaluate("() => window.__searchBench")
    rec["received"] = page.evaluate(INDEX_RECEIVED)
    rec["meta"] = page.locator(".md-search-result__meta").inner_text()
    return rec


def visit(
    browser: Browser,
    url: str,
    query: str,
    network: Network,
    wait_until_ready: bool,
    timeout_s: float = TIMEOUT_S,
) -> Visit:
    """Open url in a fresh context (empty cache) on network, search for query once."""
    context = browser.new_context()
    try:
        context.add_init_script(RECORDER)
        page = context.new_page()
        page.set_default_timeout(timeout_s * 1000)
        _throttle(context, page, network)
        page.goto(url, wait_until="load")
        rec = _search(page, query, wait_until_ready)
    finally:
        context.close()
    if rec["received"] is None:
        raise RuntimeError(f"the page at {url} did not load {INDEX}")
    k = _final(rec, query)
    return Visit(
        index_received=float(rec["received"]) / 1000,
        index_ready=float(rec["ready"]) / 1000,
        first_result=_first_result(rec, k),
        query_alone=_query_alone(rec, k),
        results=" ".join(str(rec["meta"]).split()),
    )


# ------------------------------------------------------------------- the server


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """The file compressed as a web server would (level 6); mtime_ns keys the cache."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _Handler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as static hosts do: the
    throttled figures would otherwise send the index uncompressed), no request log."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            super().do_GET()
            return
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serving(site: Path) -> contextlib.AbstractContextManager[str]:
    """site served on 127.0.0.1 (a free port) from a thread; yields its base URL."""
    return local_server(functools.partial(_Handler, directory=str(site)))


@contextlib.contextmanager
def local_server(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------- measure


def _fastest(
    browser: Browser,
    url: str,
    query: str,
    network: Network,
    ready: bool,
    repeat: int,
    timeout_s: float,
) -> Visit:
    """The fastest of repeat visits: other work on the machine only ever slows one down."""
    visits = [visit(browser, url, query, network, ready, timeout_s) for _ in range(repeat)]
    return min(visits, key=lambda v: v.first_result)


def search_latency(
    site: Path,
    query: str = QUERY,
    networks: Sequence[Network] = (LOCAL, SLOW),
    repeat: int = 1,
    timeout_s: float = TIMEOUT_S,
    page: str = "",
) -> SearchTiming | None:
    """Measure search on the built site, from the page at the address page (relative to
    the site; default: the home page); unthrottled visits are repeated `repeat` times.
    None when chromium or Playwright is missing (`unavailable()` says which)."""
    if unavailable() is not None:
        return None
    # Playwright's sync API refuses to run where an asyncio loop is running (a test
    # session that drives a browser too): a thread of its own has none.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_measure, site, query, networks, repeat, timeout_s, page).result()


def _measure(
    site: Path,
    query: str,
    networks: Sequence[Network],
    repeat: int,
    timeout_s: float,
    page: str,
) -> SearchTiming:
    index = site / INDEX
    # Compressed once here, so that no visit waits for the server to compress the index.
    gzipped = _gzipped(str(index), index.stat().st_mtime_ns)
    timing = SearchTiming(query, index.stat().st_size, len(gzipped))
    with serving(site) as base, chromium() as browser:
        for network in networks:
            for ready, into in ((True, timing.once_ready), (False, timing.at_load)):
                # Over the slow link the emulated network sets the pace: once is enough.
                times = 1 if network.throttled else max(1, repeat)
                into[network.name] = _fastest(
                    browser, base + page, query, network, ready, times, timeout_s
                )
    return timing


# ------------------------------------------------------------------------- main


def describe(timing: SearchTiming) -> str:
    """The figures as lines of text, with each first result as a ratio to 0.5 s."""
    mib = 1024 * 1024
    lines = [
        f"query {timing.query!r}; index {timing.index_bytes / mib:.1f} MB, "
        f"{timing.index_gzip_bytes / mib:.1f} MB gzipped"
    ]
    for label, visits in (
        ("typed once ready", timing.once_ready),
        ("typed at load", timing.at_load),
    ):
        for name, v in visits.items():
            lines.append(
                f"{name:>20}, {label:<16}: index received {v.index_received:.2f} s, "
                f"ready {v.index_ready:.2f} s, first result {v.first_result:.3f} s "
                f"({v.first_result / 0.5:.1f}x 0.5 s), the query alone "
                f"{v.query_alone:.3f} s; {v.results}"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.search", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("site", type=Path, help="a built site folder (mkdocs's site/)")
    parser.add_argument("--query", default=QUERY, help=f"what to type (default: {QUERY})")
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of K visits")
    parser.add_argument("--local-only", action="store_true", help="leave out the slow link")
    parser.add_argument(
        "--page", default="", help="the page to search from, e.g. incidents/x/ (default: home)"
    )
    args = parser.parse_args(argv)
    networks = (LOCAL,) if args.local_only else (LOCAL, SLOW)
    timing = search_latency(args.site, args.query, networks, args.repeat, page=args.page)
    if timing is None:
        print(f"search not measured: {unavailable()}")
        return 1
    print(describe(timing), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

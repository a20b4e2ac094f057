"""The benchmark's search measurement (bench.search) on the shipped site, once on
the local network and once throttled. Times are never compared with a limit: the machine
decides them. What is checked is that the search found something and every figure is a
positive number."""

from __future__ import annotations

from pathlib import Path

from bench import search as bench_search
from browser.conftest import missing

# Throttled, but fast enough that the shipped site's small index arrives in a moment.
THROTTLED = bench_search.Network("test link", 2e6, 1e6, 20)


def test_search_latency_finds_a_result_and_times_it(site_dir: Path) -> None:
    reason = bench_search.unavailable()
    if reason is not None:
        missing(reason)
    timing = bench_search.search_latency(
        site_dir, "Neistat", networks=(bench_search.LOCAL, THROTTLED), timeout_s=60
    )
    assert timing is not None
    assert 0 < timing.index_gzip_bytes < timing.index_bytes
    for visits in (timing.once_ready, timing.at_load):
        assert set(visits) == {bench_search.LOCAL.name, THROTTLED.name}
        for visit in visits.values():
            assert "matching document" in visit.results, visit
            assert visit.index_received > 0, visit
            assert visit.index_ready > 0, visit
            assert visit.first_result > 0, visit
            assert visit.query_alone > 0, visit
            assert visit.index_received <= visit.index_ready, visit  # the order, not a time
    assert "matching document" in bench_search.describe(timing)

"""Per-host politeness as a server sees it: requests to one host arrive at least the gap apart."""

from __future__ import annotations

import itertools

from bench.links import MEAN_INTERVAL, Hosts
from linkhealth import engine


def test_requests_to_one_host_arrive_at_least_the_gap_apart():
    # The bench's server stamps each request with the kernel's time of arrival (not when its loop gets to it), so
    # this measures what the host sees. Six URLs on each of two hosts: five gaps a host.
    Hosts.arrivals.clear()
    server = Hosts(2)
    try:
        urls = server.urls(6)
        results = engine.run_engine(urls, engine.EngineOptions(timeout=5, allow_networks=("127.0.0.0/8",)))
    finally:
        server.close()
    assert all(results[url].http_status == 200 for url in urls)
    assert sorted(len(times) for times in Hosts.arrivals.values()) == [6, 6]
    gaps = [b - a for times in Hosts.arrivals.values() for a, b in itertools.pairwise(sorted(times))]
    assert min(gaps) >= MEAN_INTERVAL - 0.001  # (clock conversion only: both stamps are the kernel's)

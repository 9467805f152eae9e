"""Every fault the checker must recognise, against the local fault server: one run, every verdict asserted."""

from __future__ import annotations

import time

import pytest

from linkhealth.state import load_state
from tests.links.conftest import run_checker

EXPECTED = {
    # route: (verdict, http_status, suspect)
    "ok": ("ok", 200, False),
    "chain": ("redirected", 200, False),  # 301 then 308 on the same site
    "cross": ("redirected", 200, True),  # lands on another host
    "deep": ("redirected", 200, True),  # a deep link now lands on the home page
    "missing": ("failing", 404, False),
    "gone": ("failing", 410, False),
    "botwall": ("blocked", 403, False),
    "ratelimited": ("blocked", 429, False),
    "ratelimited-once": ("ok", 200, False),  # re-checked after Retry-After
    "li": ("blocked", 999, False),
    "error500": ("transient", 500, False),
    "unavailable": ("transient", 503, False),
    "flap": ("ok", 200, False),  # 503 then 200 on the end-of-run re-check
    "hang": ("transient", None, False),  # past the timeout
    "reset": ("transient", None, False),
    "hidden": ("failing", 404, False),  # robots.txt says Disallow: / — must not hide the 404
    "huge": ("ok", 200, False),  # never downloaded
    "loop": ("failing", None, False),
    # issue 14: judged as a browser would
    "soft404": ("failing", 200, False),  # 200, but the title says "Page not found"
    "meta-refresh": ("redirected", 200, True),  # <meta http-equiv=refresh> to another site
    "refresh-header": ("redirected", 200, False),  # Refresh: 1; url=/ok on the same site
    "self-reload": ("ok", 200, False),  # refresh after 300 s with no URL: not a redirect
    "legal": ("legal", 451, False),
    "choices": ("ok", 300, False),  # 300: the page exists in several versions
    "not-modified": ("ok", 304, False),
    "many-headers": ("ok", 200, False),  # 150 headers: browsers load it
    "big-header": ("ok", 200, False),  # one 100 KB header line
    "huge-headers": ("blocked", None, False),  # 1500 headers: too many to check, not the link's fault
    "bomb-page": ("ok", 200, False),  # gzip that inflates to 2 GB: only the first 64 KB are inflated
    "tls": ("tls", None, False),  # self-signed certificate
    # the site's own 404 page, and script redirects
    "catchall": ("failing", 200, False),  # 200 "Welcome" for every path, a path that cannot exist too
    "script-redirect": ("redirected", 200, True),  # <script>location.href = "…"</script> to another site
    "script-replace": ("redirected", 200, False),  # location.replace('/ok') on the same site
    "script-internal": ("failing", None, True),  # a script redirect into the private network: refused
    "script-in-page": ("ok", 200, False),  # a real page whose script sets location only on a click
    # the lean transport (linkhealth.worker): cookies still kept per host, odd header lines parsed as before
    "cookie-wall": ("ok", 200, False),  # Set-Cookie on a redirect to itself, 200 once sent back (else a loop)
    "folded-header": ("ok", 200, False),  # a folded header line: the email parser's path, not the fast one
}
ARTICLES = ("/articles/one", "/articles/two")  # a normal site: a different page at each path, 404 elsewhere


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    from tests.links.faultserver import FaultServer

    with FaultServer() as server:
        urls = {route: server.url(route) for route in EXPECTED}
        urls.update({path: server.url("articles", path) for path in ARTICLES})
        folder = tmp_path_factory.mktemp("verdicts")
        started = time.monotonic()
        code, results, output = run_checker(
            folder, list(urls.values()), "--state", str(folder / "state.json"), "--report", str(folder / "report.md")
        )
        server.elapsed = time.monotonic() - started
        server.saved = folder
        yield server, urls, code, results, output


def test_run_completes_with_one_result_per_url(checked):
    server, urls, code, results, output = checked
    assert code == 0, output
    assert set(results) == set(urls.values())
    for item in results.values():
        assert {"url", "verdict", "http_status", "final_url", "checked_at"} <= set(item)
    # nothing lost on the way out either: every URL in the saved history, every verdict counted in the report
    saved = load_state(server.saved / "state.json")
    assert {url: state.verdict for url, state in saved.items()} == {url: i["verdict"] for url, i in results.items()}
    report = (server.saved / "report.md").read_text(encoding="utf-8")
    assert f"Checked {len(urls)} URL(s)" in report


@pytest.mark.parametrize("route", [*EXPECTED, *ARTICLES])
def test_verdict(checked, route):
    _, urls, _, results, _ = checked
    verdict, status, suspect = EXPECTED.get(route, ("ok", 200, False))
    item = results[urls[route]]
    assert (item["verdict"], item["http_status"], item["suspect"]) == (verdict, status, suspect), item


def test_redirects_report_their_final_url(checked):
    server, urls, _, results, _ = checked
    assert results[urls["chain"]]["final_url"] == server.url("chain", "/ok")
    assert results[urls["cross"]]["final_url"] == server.url("landing", "/landing")
    assert "another site" in results[urls["cross"]]["detail"]
    assert "home, login or search page" in results[urls["deep"]]["detail"]


def test_retry_after_is_honoured(checked):
    server, *_ = checked
    first, second = server.faults.times["ratelimited-once"][:2]
    assert second - first >= 1.0


def test_failures_are_rechecked_once(checked):
    server, *_ = checked
    assert server.faults.hits["missing"] == 2 and server.faults.hits["flap"] == 2
    assert server.faults.hits["botwall"] == 1 and server.faults.hits["li"] == 1  # blocked: no second request


def test_large_file_is_not_downloaded(checked):
    server, *_ = checked
    assert server.faults.bytes_sent["huge"] < 4 * 1024 * 1024


def test_run_is_bounded_in_time(checked):
    server, *_ = checked
    # First pass ≈ the slowest request (8 s hang cut at the 2 s deadline), a Retry-After pause of 1 s, a re-check
    # pass of the same, one pass of 404 probes, and start-up; the gzip bombs and header floods must not add to it.
    assert server.elapsed < 30, server.elapsed


def test_client_side_redirects_are_followed_and_judged(checked):
    server, urls, _, results, _ = checked
    meta = results[urls["meta-refresh"]]
    assert meta["final_url"] == server.url("landing", "/landing") and "another site" in meta["detail"]
    assert results[urls["refresh-header"]]["final_url"] == server.url("refresh-header", "/ok")


def test_special_verdicts_keep_their_cause(checked):
    _, urls, _, results, _ = checked
    assert "self-signed certificate" in results[urls["tls"]]["detail"]
    assert "legal reasons" in results[urls["legal"]]["detail"]
    assert "Page not found" in results[urls["soft404"]]["detail"]
    assert "not counted against the link" in results[urls["huge-headers"]]["detail"]


def test_a_page_like_the_sites_own_404_page_is_a_soft_404(checked):
    server, urls, _, results, _ = checked
    catchall = results[urls["catchall"]]
    assert "looks the same as what the site answers 200 for a path that does not exist" in catchall["detail"]
    host = server.faults.hosts["catchall"].split("//")[1]
    assert server.faults.hits[f"probe@{host}"] == 1, "one probe for the host"


def test_hosts_whose_pages_differ_are_not_probed(checked):
    server, urls, _, results, _ = checked
    host = server.faults.hosts["articles"].split("//")[1]
    assert server.faults.hits[f"probe@{host}"] == 0
    assert all(results[urls[path]]["verdict"] == "ok" for path in ARTICLES)


def test_thin_pages_are_probed_and_kept_when_the_404_page_differs(checked):
    server, urls, _, results, _ = checked
    host = server.faults.hosts["ok"].split("//")[1]
    assert server.faults.hits[f"probe@{host}"] == 1 and results[urls["ok"]]["verdict"] == "ok"


def test_script_redirects_are_followed_and_judged(checked):
    server, urls, _, results, _ = checked
    away = results[urls["script-redirect"]]
    assert away["final_url"] == server.url("landing", "/landing") and "another site" in away["detail"]
    assert results[urls["script-replace"]]["final_url"] == server.url("script-replace", "/ok")
    internal = results[urls["script-internal"]]
    assert "non-public address" in internal["detail"] and "127.0.0.99" not in str(server.faults.hits)

"""Pure parts of the link checker: classification, host policy, splitting by host, result accounting."""

from __future__ import annotations

import gzip
import http.server
import json
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import UTC, datetime, timedelta

import pytest

from linkhealth import engine, spawn
from linkhealth.engine import EngineError, RawResult, one_result_per_url, split_by_host
from linkhealth.state import UrlState, update, wayback_address
from linkhealth.verdict import Check, HostPolicy, HostRule, PolicyError, classify, load_policy, suspect_reason


def raw(result: str, valid: bool = False, url: str = "https://example.org/a", final: str | None = None, warnings=()):
    return RawResult(url=url, final_url=final or url, valid=valid, result=result, warnings=list(warnings))


DNS = (
    "ConnectionError: HTTPSConnectionPool(host='gone.example', port=443): Max retries exceeded with url: / "
    "(Caused by NameResolutionError(\"Failed to resolve 'gone.example' ([Errno -2] Name or service not known)\"))"
)


@pytest.mark.parametrize(
    ("result", "verdict", "hard"),
    [
        pytest.param(DNS, "failing", True, id="dns-failure"),
        pytest.param("TooManyRedirects: Exceeded 10 redirects.", "failing", True, id="redirect-loop"),
        pytest.param("404 Not Found", "failing", True, id="404"),
        pytest.param("ReadTimeout: HTTPSConnectionPool(...): Read timed out.", "transient", False, id="timeout"),
        pytest.param("SSLError: certificate verify failed", "tls", False, id="tls"),
        pytest.param("451 Unavailable For Legal Reasons", "legal", False, id="451"),
        pytest.param("300 Multiple Choices", "transient", False, id="300-invalid"),
        pytest.param("405 Method Not Allowed", "transient", False, id="odd-4xx"),
        pytest.param("401 Unauthorized", "blocked", False, id="401"),
    ],
)
def test_classify(result, verdict, hard):
    check = classify(raw(result))
    assert (check.verdict, check.hard) == (verdict, hard)


def test_policy_turns_failures_into_blocked_but_not_dns():
    policy = HostPolicy({"example.org": HostRule("example.org", "blocked", "Bot wall on every page.")})
    assert classify(raw("404 Not Found", url="https://www.example.org/x"), policy).verdict == "blocked"
    assert classify(raw(DNS), policy).verdict == "failing"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("hosts:\n  - host: a.org\n    action: blocked\n", "needs text fields", id="no-reason"),
        pytest.param(
            "hosts:\n  - {host: a.org, action: ignore, reason: because it is so}\n",
            "must be 'blocked'",
            id="bad-action",
        ),
        pytest.param("hosts:\n  - {host: a.org, action: skip, reason: meh}\n", "give the reason", id="short-reason"),
        pytest.param("hosts: [\n", "not valid YAML", id="yaml"),
    ],
)
def test_policy_file_errors(tmp_path, text, message):
    path = tmp_path / "hosts.yml"
    path.write_text(text)
    with pytest.raises(PolicyError, match=message):
        load_policy(path)


def test_real_policy_file_is_valid(real_root):
    policy = load_policy(real_root / "data" / "link-hosts.yml")
    assert policy.rules and all(len(rule.reason) >= 10 for rule in policy.rules.values())


@pytest.mark.parametrize(
    ("start", "end", "suspect"),
    [
        ("http://a.org/x", "https://a.org/x", False),
        ("https://a.org/docs/page", "https://a.org/docs/page/", False),
        ("https://a.org/docs/page", "https://www.a.org/docs/new-page", False),
        ("https://a.org/docs/page", "https://b.org/docs/page", True),
        ("https://a.org/docs/page", "https://a.org/", True),
        ("https://a.org/docs/page", "https://a.org/login?next=/docs/page", True),
        ("https://a.org/", "https://a.org/home", False),
    ],
)
def test_suspect_redirects(start, end, suspect):
    assert (suspect_reason(start, end) is not None) is suspect


def test_split_by_host_keeps_hosts_together_and_balances():
    urls = [f"https://h{h}.org/{i}" for h in range(10) for i in range(h + 1)]
    groups = split_by_host(urls, 3)
    assert sorted(u for g in groups for u in g) == sorted(urls)
    hosts = [{u.split("/")[2] for u in g} for g in groups]
    assert all(not (a & b) for i, a in enumerate(hosts) for b in hosts[i + 1 :])
    sizes = sorted(len(g) for g in groups)
    assert sizes[-1] - sizes[0] <= 10
    assert len(split_by_host(["https://one.org/a", "https://one.org/b"], 8)) == 1


def test_split_by_host_at_scale_stays_even():
    urls = [f"https://h{h}.org/{i}" for h in range(2000) for i in range(1 + h % 7)]
    groups = split_by_host(urls, 2)
    assert sorted(u for g in groups for u in g) == sorted(urls)
    sizes = [len(g) for g in groups]
    assert max(sizes) - min(sizes) <= 7  # never more apart than the largest host


def test_result_count_must_match():
    results = {"https://a.org/": raw("200 OK", True, "https://a.org/")}
    assert list(one_result_per_url(["https://a.org/"], results)) == ["https://a.org/"]
    with pytest.raises(EngineError, match=re.escape("1 results for 2 URLs; missing: https://b.org/")):
        one_result_per_url(["https://a.org/", "https://b.org/"], results)
    with pytest.raises(EngineError, match=re.escape("unexpected: https://a.org/")):
        one_result_per_url([], results)


def test_wayback_falls_back_to_a_timestamped_address():
    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert (
        wayback_address("https://a.org/x", when, api=None)
        == "https://web.archive.org/web/20260304050607/https://a.org/x"
    )


def test_blocked_neither_extends_nor_breaks_a_streak():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    failing = Check("https://a.org/x", "failing", 404, "https://a.org/x", "404", hard=True)
    blocked = Check("https://a.org/x", "blocked", 403, "https://a.org/x", "403")
    state = update(None, failing, now, None)
    state = update(state, blocked, now + timedelta(hours=12), None)
    assert (state.verdict, state.failures, state.first_failure_at) == ("blocked", 1, "2026-01-01T00:00:00Z")
    state = update(state, failing, now + timedelta(days=1, hours=1), None)
    assert state.verdict == "dead" and state.archive_url.startswith("https://web.archive.org/web/2026")
    assert isinstance(state, UrlState)


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_progress_bar_only_on_a_terminal(monkeypatch, tty):
    from linkhealth import cli

    terminal = _Terminal(tty)
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    progress = cli.Progress(enabled=True)
    progress(5, 20)
    progress.finish()
    if tty:
        assert "\r  [#######.......................] 5/20 URLs" in terminal.text and terminal.text.endswith("\n")
    else:
        assert terminal.text == ""


def test_an_unexpected_error_in_a_check_still_gives_the_url_a_result(tmp_path):
    """linkchecker drops a URL whose check raises an error outside its list; the worker turns it into one."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    job = tmp_path / "job.json"
    out = tmp_path / "out.jsonl"
    job.write_text(
        json.dumps(
            {
                "urls": ["http://127.0.0.1:9/never"],
                "out": str(out),
                "timeout": 2,
                "threads": 1,
                "user_agent": "test",
                "budget": 30,
                "public_only": True,
                "allow_networks": ["127.0.0.0/8"],
                "max_body_bytes": 1024,
            }
        ),
        encoding="utf-8",
    )
    # A worker whose HTTP layer raises a KeyError (not an error linkchecker expects) for every request.
    code = (
        "import sys, json, requests\n"
        "def boom(*a, **k):\n    raise KeyError('surprise')\n"
        "requests.adapters.HTTPAdapter.send = boom\n"
        "from linkhealth import worker\n"
        f"worker.run(json.load(open({str(job)!r})))\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60, capture_output=True)
    from linkhealth.engine import read_results

    (result,) = read_results(out)
    assert result.url == "http://127.0.0.1:9/never" and not result.valid
    assert "KeyError" in result.result and "surprise" in result.result


def test_a_prestarted_worker_takes_the_first_job(faults):
    spawn.prestart_worker()
    (spare,) = spawn._spares
    url = faults.url("ok")
    results = engine.run_engine([url], engine.EngineOptions(timeout=2, allow_networks=("127.0.0.0/26",)))
    assert results[url].http_status == 200
    assert spawn._spares == [] and spare.returncode == 0  # it ran the job and ended


def test_prestarted_workers_take_one_job_each(faults):
    spawn.prestart_worker(2)
    first, second = spawn._spares
    urls = [faults.url("ok"), faults.url("landing")]  # two hosts: one group, so one worker, each
    options = engine.EngineOptions(timeout=2, workers=2, allow_networks=("127.0.0.0/26",))
    results = engine.run_engine(urls, options)
    assert all(results[url].http_status == 200 for url in urls)
    assert spawn._spares == [] and first.returncode == 0 and second.returncode == 0


def test_unused_prestarted_workers_are_stopped():
    spawn.prestart_worker()
    spawn.prestart_worker(2)  # tops up to two: one more
    spares = list(spawn._spares)
    assert len(spares) == 2
    spawn.discard_spare_worker()
    assert spawn._spares == [] and all(spare.poll() is not None for spare in spares)


@pytest.mark.parametrize(
    ("argv", "soon"),
    [
        pytest.param([], True, id="full-run"),
        pytest.param(["--urls", "list.txt", "--json", "out.json"], True, id="url-list"),
        pytest.param(["--help"], False, id="help"),
        pytest.param(["--merge", "a.json"], False, id="merge"),
        pytest.param(["--plan-shards=200"], False, id="plan-shards"),
    ],
)
def test_a_worker_is_started_early_only_for_a_check(argv, soon):
    assert spawn.run_checks_soon(argv) is soon


def test_checking_threads_share_host_sessions_and_make_none_of_their_own(tmp_path, faults):
    """linkchecker made one session per checking thread at its start; with sessions per host, a thread makes
    none unless something asks for one outside a check."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    job, out = tmp_path / "job.json", tmp_path / "out.jsonl"
    urls = [faults.url("ok"), faults.url("ok") + "?again"]
    job.write_text(
        json.dumps(
            {
                "urls": urls,
                "out": str(out),
                "timeout": 5,
                "threads": 8,
                "user_agent": "test",
                "budget": 30,
                "public_only": True,
                "allow_networks": ["127.0.0.0/8"],
                "max_body_bytes": 1024,
            }
        ),
        encoding="utf-8",
    )
    code = (
        "import json, requests\n"
        "made = []\n"
        "init = requests.Session.__init__\n"
        "def counted(self, *a, **k):\n    made.append(1)\n    init(self, *a, **k)\n"
        "requests.Session.__init__ = counted\n"
        "from linkhealth import worker\n"
        f"worker.run(json.load(open({str(job)!r})))\n"
        "from linkcheck.director import aggregator\n"
        "agg = aggregator.Aggregate.__new__(aggregator.Aggregate)\n"
        "agg.request_sessions, agg.config, agg.cookies = {}, {'maxhttpredirects': 5, 'useragent': 't', "
        "'cookiefile': None}, None\n"
        "outside = aggregator.Aggregate.get_request_session(agg)\n"
        "print(len(made), isinstance(outside, requests.Session), len(agg.request_sessions))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60, capture_output=True)
    from linkhealth.engine import read_results

    assert sorted(r.http_status for r in read_results(out)) == [200, 200]
    # One session for the one host (8 threads), and one made on demand outside a check.
    assert done.stdout.decode().split() == ["2", "True", "1"]


def _random_urls(count: int, seed: int = 14) -> list[str]:
    import random

    pick = random.Random(seed)
    schemes = ["http", "https", "HTTP"]
    hosts = ["example.org", "Example.org", "ex-.org", "127.1.0.1", "xn--caf-dma.org", "a..b", "host.", "caf\u00e9.org"]
    ports = ["", "", ":80", ":443", ":8080", ":0", ":08080", ":65536", ":99999"]
    pieces = ["a", "Z", "0", "_", "-", ".", "..", "~", "%7E", "%41", ":", ";", "é", " ", "?q=1", "#f", "http:"]
    urls = []
    for _ in range(count):
        path = "".join(pick.choice(["/", *pieces, *pieces]) for _ in range(pick.randrange(0, 7)))
        urls.append(f"{pick.choice(schemes)}://{pick.choice(hosts)}{pick.choice(ports)}{path}")
    return urls


def test_engine_key_shortcut_gives_what_linkchecker_normalises_to():
    """engine_key returns a URL unchanged without normalising it only when normalising would not change it."""
    urls = [
        *_random_urls(20_000),
        "http://127.1.0.1:8080/page/1",
        "https://ex.org/a.b_c-d/E~f/",
        "https://ex.org/a/../b",
        "https://ex.org/a//b",
        "https://ex.org/./a",
        "https://example.org:443/a",
        "http://example.org:80/a",
    ]
    shortcut = [url for url in urls if engine._ALREADY_NORMAL.fullmatch(url)]
    assert len(shortcut) > 500, "the random URLs should exercise the shortcut"
    for url in urls:
        assert engine.engine_key(url) == engine._normalised_key(url), url


@pytest.mark.parametrize(
    ("hosts", "per_host", "threads"),
    [
        pytest.param(500, 10, engine.MAX_THREADS, id="many-hosts-capped"),
        pytest.param(40, 10, 40, id="one-per-host"),
        pytest.param(3, 10, engine.MIN_THREADS, id="at-least-the-minimum"),
        pytest.param(2, 1, 2, id="never-more-than-urls"),
    ],
)
def test_threads_for_a_worker(hosts, per_host, threads):
    group = [f"http://h{h}.example/{i}" for h in range(hosts) for i in range(per_host)]
    assert engine.threads_for(group, 0, 1) == threads
    assert engine.threads_for(group, 90, 2) == 45  # a total given: shared out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_urls_prepared_as_is_are_those_requests_leaves_unchanged(seed):
    import requests

    from linkhealth import worker

    urls = [
        *_random_urls(3000, seed),
        "http://127.1.0.1:8080/page/1",
        "https://example.org/",
        "https://example.org",
        "https://example.org/a/./b",
        "https://example.org/a/../b",
        "https://example.org/~user/x",
        "https://example.org/.well-known/x",
        "http://example.org:65535/a",
        "http://example.org:65536/a",
        "http://example.org:080/a",
        "http://Example.org/a",
        "http://example.org/a b",
        "http://example.org/a?q=1",
        "http://example.org/a#f",
        "http://u@example.org/a",
    ]
    fast = 0
    for url in urls:
        if worker.prepared_as_is(url):
            fast += 1
            request = requests.PreparedRequest()
            request.prepare_url(url, None)
            assert request.url == url
    assert fast >= 4  # the fast path is taken for plain URLs
    assert worker.prepared_as_is("http://127.1.0.1:8080/page/1") and worker.prepared_as_is("https://example.org/")
    assert not worker.prepared_as_is("http://example.org:65536/a")  # requests refuses it: let it say so


def test_state_fields_are_asdict_in_field_order():
    from dataclasses import asdict, replace

    from linkhealth.state import state_fields

    state = UrlState("failing", 404, "https://example.org/b", "2026-12-01T06:00:00Z", "404 Not Found", True)
    state = replace(state, first_failure_at="2026-11-30T06:00:00Z", failures=2, archive_url="https://web.archive.org/x")
    assert list(state_fields(state).items()) == list(asdict(state).items())
    assert state_fields(state) is not vars(state), "a copy: the state is not changed through it"


def test_host_rules_are_found_by_suffix_and_remembered():
    policy = HostPolicy({"example.org": HostRule("example.org", "skip", "Never answers bots.")})
    assert policy.rule_for("https://docs.example.org/a").host == "example.org"
    assert policy.rule_for("https://EXAMPLE.org/").host == "example.org"
    assert policy.rule_for("https://example.com/") is None
    assert policy.rule_for("https://example.com/") is None  # remembered as no rule too
    assert policy == HostPolicy(dict(policy.rules)), "what it remembers does not change what it is"


NETLOC_CASES = [
    "http://a.com/x",
    "HTTPS://User:pw@Ex.COM:8080/p?q#f",
    "http://[::1]:80/x",
    "http://[fe80::1%25eth0]/",
    "http://a.com?x",
    "http://a.com#x",
    "http:///x",
    "http://a\tb.com/x",
    " http://a.com/",
    "http://a.com\n/x",
    "http://ex.com:/",
    "http://user@/x",
    "https://日本.jp/x",
    "http://[::1/x",
    "http://a]b[c/",
]


def _split_answer(url: str):
    try:
        parts = urllib.parse.urlsplit(url)
        return parts.netloc.lower(), (parts.hostname or "").lower()
    except ValueError:
        return "ValueError"


def _fast_answer(url: str):
    try:
        return engine.host_of(url), engine.hostname_of(url)
    except ValueError:
        return "ValueError"


def test_host_of_and_hostname_of_agree_with_urlsplit():
    # The fast path must give urlsplit's answer for every string, including its errors (unbalanced brackets).
    rng = random.Random(14)
    alphabet = "ab.:@[]%/?#\t\n \\1A\x00"
    starts = ["http://", "https://", "HTTP://", "h://", "", " http://"]
    made = [rng.choice(starts) + "".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(20000)]
    wrong = [url for url in NETLOC_CASES + made if _fast_answer(url) != _split_answer(url)]
    assert wrong == []


def _made_url(rng: random.Random) -> str:
    """A URL from the characters where normalising could change something (case, dots, tildes, ports, `%`)."""
    label = lambda: "".join(rng.choices("abZ09-", k=rng.randint(1, 4)))  # noqa: E731
    host = ".".join(label() for _ in range(rng.randint(1, 3)))
    port = rng.choice(["", ":80", ":443", ":8080", ":080", ":0", ":65535", ":65536"])
    path = "".join("/" + "".join(rng.choices("aZ_-.~%2", k=rng.randint(0, 4))) for _ in range(rng.randint(0, 3)))
    return f"{rng.choice(['http', 'https'])}://{host}{port}{path}{rng.choice(['', '/', '?q', '#f'])}"


def test_a_url_called_already_normal_is_left_as_it_is_by_linkcheckers_normalising():
    # The worker skips linkchecker's url_norm and path collapsing for these URLs (lean_build_url), and engine_key
    # returns them as they are: both rest on linkchecker giving back the same string.
    from linkcheck import url as lc_url

    rng = random.Random(10)
    made = [_made_url(rng) for _ in range(20000)]
    normal = [url for url in made if engine.already_normal(url)]
    assert len(normal) > 1000  # the generator reaches both sides
    changed = []
    for url in normal:
        normed = lc_url.url_norm(url, encoding=None)[0]
        parts = list(urllib.parse.urlsplit(normed))
        if parts[2]:
            parts[2] = lc_url.url_fix_wayback_query(lc_url.collapse_segments(parts[2]))
        if normed != url or lc_url.urlunsplit(parts) != url:
            changed.append(url)
    assert changed == []


def test_wait_for_any_returns_when_a_worker_ends_not_at_the_timeout():
    short = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.2)"])
    long = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        started = time.monotonic()
        spawn.wait_for_any([long, short], timeout=20)
        assert time.monotonic() - started < 10 and short.wait(timeout=5) == 0
        started = time.monotonic()
        spawn.wait_for_any([long], timeout=0.3)  # nothing ends: back after the timeout
        assert 0.25 < time.monotonic() - started < 10 and long.poll() is None
    finally:
        long.kill()
        long.wait()


class _Bodies(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    PAGE = b"<html><title>t</title><body>" + b"words " * 3000 + b"</body></html>"

    def do_GET(self):
        body = gzip.compress(self.PAGE) if self.path == "/gzip" else self.PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if self.path == "/gzip":
            self.send_header("Content-Encoding", "gzip")
        if self.path == "/chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 1000):
                part = body[start : start + 1000]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("path", ["/plain", "/gzip", "/chunked"])
def test_the_inspected_body_read_from_http_client_is_what_urllib3_reads(path):
    import urllib3

    from linkhealth import page
    from linkhealth.worker import _HttpClientBody, _wire_body

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Bodies)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        pool = urllib3.HTTPConnectionPool("127.0.0.1", server.server_address[1])
        read = []
        for direct in (True, False):
            response = pool.urlopen("GET", path, preload_content=False, decode_content=False)
            body = _wire_body(response)
            assert isinstance(body, _HttpClientBody) or not direct
            read.append(page.read_capped(body if direct else response, response.headers.get("Content-Encoding", "")))
            response.release_conn()
        assert read[0] == read[1] == _Bodies.PAGE
    finally:
        server.shutdown()
        server.server_close()


REBINDING = """
import json, socket, sys
sys.path.insert(0, {root!r})
real_lookup, lookups, connects = socket.getaddrinfo, [], []

def rebinding_lookup(host, port, *args, **kwargs):
    # A DNS that answers a public address first and then the machine's own (TTL 0 rebinding).
    if host != "rebind.playbook-test.org":
        return real_lookup(host, port, *args, **kwargs)
    lookups.append(host)
    address = "8.8.8.8" if len(lookups) == 1 else "127.0.0.1"
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

def no_connect(self, address):
    connects.append(address[0])
    raise ConnectionRefusedError("test: nothing leaves this machine")

socket.getaddrinfo = rebinding_lookup
socket.socket.connect = no_connect
from linkhealth import worker
worker._install_public_only(True, [], 1024)
import requests
try:
    requests.Session().get("https://rebind.playbook-test.org/page", timeout=2, allow_redirects=False, stream=True)
except requests.RequestException:
    pass
print(json.dumps({{"lookups": len(lookups), "connects": connects}}))
"""


def test_the_connection_goes_to_the_address_that_was_checked_not_a_second_lookup():
    from tests.conftest import ROOT

    code = REBINDING.format(root=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60, capture_output=True)
    seen = json.loads(done.stdout)
    assert seen == {"lookups": 1, "connects": ["8.8.8.8"]}  # never 127.0.0.1

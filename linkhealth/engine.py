"""Run linkchecker over a list of URLs and return one parsed result per URL.

linkchecker is the engine; this module configures it for link-rot monitoring (no robots.txt, no recursion,
no content download, timeouts, an identifying user agent), runs it in worker processes that each own a disjoint
set of hosts, and reads the result lines each worker writes. Its exit code is never read as a verdict.

Why worker processes: linkchecker paces requests to each host (0.1-0.6 s apart at its default rate), but it
sleeps for that pause while holding a lock that every other host's request waits on. Each worker here replaces
that wait with one that books the host's next slot under the lock and sleeps outside it, and the hosts are split
across processes so both cores do the parsing and logging. Each host gets 0.35 s between requests (the mean of
linkchecker's range), kept as each request's head is sent (worker._install_host_pacing).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from linkhealth.spawn import start_worker, stop_workers, wait_for_any

USER_AGENT = "ml-interview-playbook-linkcheck/1.0 (+https://github.com/ml-interview-playbook/ml-interview-playbook)"


class EngineError(RuntimeError):
    """linkchecker did not produce one result per URL (crash, timeout, unreadable output)."""


@dataclass(frozen=True)
class EngineOptions:
    timeout: float = 20.0  # seconds per request
    threads: int = 0  # checking threads in all, shared out between workers; 0 = by hosts (see threads_for)
    workers: int = 0  # processes; 0 = one per URLS_PER_WORKER URLs up to one per core, never more than hosts
    user_agent: str = USER_AGENT
    budget: float = 1800.0  # seconds for the whole run, all workers together
    public_only: bool = True  # refuse requests and redirects to non-public addresses
    allow_networks: tuple[str, ...] = ()  # test-only exceptions to public_only (e.g. 127.0.0.0/8 for the fault server)
    max_body_bytes: int = 256 * 1024  # the most of any body read (after decompression too)
    fingerprint_errors: bool = False  # fingerprint error pages too (a run of 404 probes, see notfound.py)


@dataclass
class RawResult:
    """What linkchecker reported for one URL."""

    url: str
    final_url: str
    valid: bool
    result: str  # linkchecker's result text, e.g. "404 Not Found" or "ConnectionError: …"
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text)
    check_seconds: float = 0.0
    unchecked: str | None = None  # why the URL got no check (budget spent, worker lost); None when it was checked

    @property
    def http_status(self) -> int | None:
        head = self.result.split(" ", 1)[0]
        return int(head) if head.isdigit() and len(head) == 3 else None

    @property
    def redirects(self) -> list[str]:
        return [text for tag, text in self.warnings if tag == "http-redirected"]

    def warning(self, tag: str) -> str | None:
        return next((text for t, text in self.warnings if t == tag), None)


# A URL's netloc as urlsplit finds it (scheme, `://`, then up to the first `/`, `?` or `#`), for the URLs where the
# two must agree: no leading blank, no tab or line break (urlsplit strips or deletes those first).
_NETLOC = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#\t\r\n]*+)(?![\t\r\n])")


def host_of(url: str) -> str:
    """`urlsplit(url).netloc.lower()`, without building the whole split (it is asked of every URL, twice or
    more, before any worker can start)."""
    match = _NETLOC.match(url)
    if match is None or "[" in match[1] or "]" in match[1]:  # (urlsplit checks brackets: an IPv6 address)
        return urlsplit(url).netloc.lower()
    return match[1].lower()


def hostname_of(url: str) -> str:
    """`(urlsplit(url).hostname or "").lower()`: the netloc without user, password, port or IPv6 brackets."""
    netloc = host_of(url).rpartition("@")[2]
    if "[" in netloc:
        return (urlsplit(url).hostname or "").lower()
    return netloc.partition(":")[0]


def split_by_host(urls: list[str], groups: int) -> list[list[str]]:
    """Share URLs out into at most `groups` lists so that all of a host's URLs go to one list and the lists are
    about equally long (largest host first, into the currently shortest list)."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[host_of(url)].append(url)
    count = max(1, min(groups, len(by_host)))
    buckets: list[list[list[str]]] = [[] for _ in range(count)]
    sizes = [0] * count  # URLs in each list so far (summing them for each host was quadratic in the hosts)
    for host_urls in sorted(by_host.values(), key=len, reverse=True):
        shortest = min(range(count), key=sizes.__getitem__)
        buckets[shortest].append(host_urls)
        sizes[shortest] += len(host_urls)
    return [_round_robin(bucket) for bucket in buckets if bucket]


def _round_robin(hosts: list[list[str]]) -> list[str]:
    """One URL of each host in turn: checking threads then wait on many hosts' pacing at once, not one's."""
    return [url for layer in itertools.zip_longest(*hosts) for url in layer if url is not None]


def _raw_result(record: dict) -> RawResult:
    return RawResult(
        url=record["url"],
        final_url=record.get("final_url") or record["url"],
        valid=bool(record.get("valid")),
        result=record.get("result") or "",
        warnings=[(tag or "", text or "") for tag, text in record.get("warnings") or ()],
        check_seconds=float(record.get("check_seconds") or 0.0),
    )


def parse_results(data: bytes) -> list[RawResult]:
    """Every complete record of a worker's output (one JSON object a line), even when the file stops mid-way (a
    worker stopped at the budget, or killed): the whole lines before the break are kept, the rest is left out."""
    results = []
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            results.append(_raw_result(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            continue  # the unfinished last line of a stopped worker
    return results


def read_results(path: Path) -> list[RawResult]:
    """A worker's output file; raises EngineError if it cannot be read."""
    try:
        return parse_results(path.read_bytes())
    except OSError as err:
        raise EngineError(f"linkchecker's output {path} cannot be read: {err}") from None


# A URL that engine_key would return unchanged: lower-case ASCII host, a port without leading zeros, path
# segments of letters, digits and `_-.~` that start with neither a dot nor `~` (no `.`/`..` to collapse, no
# empty segment), no query, no fragment, nothing to percent-encode. Most URLs are like this; normalising 10 000
# of them cost 0.6 s of CPU before any worker could start.
_ALREADY_NORMAL = re.compile(
    r"(https?)://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::([1-9][0-9]{0,4}))?(?:/[\w-][\w.~-]*)*/?", re.A
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def already_normal(url: str) -> bool:
    """Whether linkchecker's normalising leaves `url` as it is (see _ALREADY_NORMAL; a default port would go)."""
    plain = _ALREADY_NORMAL.fullmatch(url)
    return plain is not None and plain[2] != _DEFAULT_PORTS[plain[1]]


def engine_key(url: str) -> str:
    """The URL as linkchecker itself keys its cache: its url_norm (percent-encoding, IDNA, case, `..`), the path's
    segments collapsed, the default port and the fragment dropped. Two input URLs with one key get one check."""
    return url if already_normal(url) else _normalised_key(url)


def _normalised_key(url: str) -> str:
    from linkcheck import url as lc_url  # (linkcheck.url only: the checker package costs 0.2 s to import)

    try:
        normed = lc_url.url_norm(url, encoding=None)[0]
        parts = urlsplit(normed)
        path = lc_url.url_fix_wayback_query(lc_url.collapse_segments(parts.path)) if parts.path else parts.path
        port = parts.port
    except (ValueError, UnicodeError):
        return url
    host = (parts.hostname or "").lower()
    if port and port != lc_url.default_ports.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    return lc_url.urlunsplit([parts.scheme.lower(), host, path, parts.query, ""])


class _ProgressCounter:
    """Results written so far by all workers: reads only what each output file gained since the last call."""

    def __init__(self, paths: list[Path]) -> None:
        self.offsets = dict.fromkeys(paths, 0)
        self.done = 0

    def __call__(self) -> int:
        for path, offset in self.offsets.items():
            try:
                with path.open("rb") as handle:
                    handle.seek(offset)
                    data = handle.read()
            except OSError:
                continue
            self.offsets[path] = offset + len(data)
            self.done += data.count(b"\n")
        return self.done


URLS_PER_WORKER = 2000
GRACE_SECONDS = 3.0  # after the budget: time for linkchecker to stop its threads and close its output
MIN_THREADS = 10
PASS_GAP = 0.35  # the worker's per-host gap (the mean of linkchecker's range): also kept between two passes
_last_pass_end = 0.0
# Per worker: past this, thread switching costs more CPU than the extra overlap saves. At 10 000 URLs on 1 000
# hosts (two workers, CPU-bound, bench/links.py) 100 a worker ended in 7.8-8.1 s where 64 took 9.0-9.7 s and 150
# took 9.8-10.2 s (more futex wake-ups than overlap gained); at 1 000 URLs on 100 hosts 64 and 100 kept one pace.
MAX_THREADS = 100


def workers_for(urls: int, workers: int = 0) -> int:
    """Worker processes for `urls` URLs: `workers` if given. Each costs ~0.6 s of CPU to start (Python and
    linkchecker's imports): below URLS_PER_WORKER URLs a second process costs more than it saves; above, one per
    core shares the work out. (split_by_host makes no more groups than there are hosts.)"""
    return workers or max(1, min(os.cpu_count() or 1, -(-urls // URLS_PER_WORKER)))


def threads_for(group: list[str], total: int, groups: int) -> int:
    """Checking threads for one worker. Given `total` (threads in all), its share. Otherwise one per host in the
    group, between MIN_THREADS and MAX_THREADS: a host is paced (one request per gap), so threads beyond one per
    host only wait, while fewer leave hosts idle — with 50 threads and 50 ms answers a worker could not go faster
    than 1 000 URLs/s however many hosts it had."""
    if total:
        return max(1, total // groups)
    hosts = len({host_of(url) for url in group})
    return max(1, min(len(group), MAX_THREADS, max(MIN_THREADS, hosts)))


def run_engine(
    urls: list[str],
    options: EngineOptions,
    progress: Callable[[int, int], None] | None = None,
    deadline: float | None = None,
) -> dict[str, RawResult]:
    """Check every URL once (by time.monotonic() `deadline` at the latest). Returns exactly one result per URL
    of `urls`: URLs the engine treats as one (see engine_key) share one check, and a URL left without a result
    (budget spent, worker lost) gets one with `unchecked` saying why, so nothing is silently dropped."""
    global _last_pass_end
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    # A host asked at the end of one pass (first pass, re-check, 404 probes) is not asked sooner than the gap.
    time.sleep(max(0.0, _last_pass_end + PASS_GAP - time.monotonic()))
    deadline = deadline if deadline is not None else time.monotonic() + options.budget
    keys = {url: engine_key(url) for url in unique}
    representative = {}
    for url in unique:
        representative.setdefault(keys[url], url)
    to_send = list(representative.values())
    sent_key = {url: key for key, url in representative.items()}
    workers = workers_for(len(to_send), options.workers)
    groups = split_by_host(to_send, workers)
    by_key: dict[str, RawResult] = {}
    lost: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="linkhealth-") as folder:
        jobs = []
        try:
            for number, group in enumerate(groups):
                job = Path(folder) / f"job-{number}.json"
                out = Path(folder) / f"out-{number}.jsonl"
                job.write_text(
                    json.dumps(
                        {
                            "urls": group,
                            "out": str(out),
                            "timeout": options.timeout,
                            "threads": threads_for(group, options.threads, len(groups)),
                            "user_agent": options.user_agent,
                            "budget": max(1.0, deadline - time.monotonic()),
                            "public_only": options.public_only,
                            "allow_networks": list(options.allow_networks),
                            "max_body_bytes": options.max_body_bytes,
                            "fingerprint_errors": options.fingerprint_errors,
                        }
                    ),
                    encoding="utf-8",
                )
                process = start_worker(str(job))
                jobs.append((process, out, group))
            processes = [process for process, _, _ in jobs]
            counter = _ProgressCounter([out for _, out, _ in jobs])
            while running := [process for process in processes if process.poll() is None]:
                if time.monotonic() > deadline + GRACE_SECONDS:
                    break
                if progress:
                    progress(counter(), len(to_send))
                wait_for_any(running, timeout=0.1)  # the moment a worker ends, at least every 0.1 s
            overran = any(process.poll() is None for process in processes)
        finally:
            stop_workers([process for process, _, _ in jobs])
        for process, out, group in jobs:
            error = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            try:
                data = out.read_bytes()
            except OSError:
                data = b""
            for result in parse_results(data):
                # `url` is the string this engine sent (a representative): its key is known already.
                by_key.setdefault(sent_key.get(result.url) or engine_key(result.url), result)
            if overran or time.monotonic() > deadline:
                why = f"not checked: the run's budget of {options.budget:.0f} s was spent first"
            elif process.returncode not in (0, 1):
                why = f"not checked: its linkchecker worker failed (exit {process.returncode}): {error[-300:]}"
            else:
                why = "not checked: linkchecker returned no result for it"
            for url in group:
                lost.setdefault(keys[url], why)
    _last_pass_end = time.monotonic()
    if progress:
        progress(len(by_key), len(to_send))
    results = {}
    for url in unique:
        found = by_key.get(keys[url])
        if found is None:
            results[url] = RawResult(url, url, False, "", unchecked=lost.get(keys[url], "not checked"))
        else:
            results[url] = dataclasses.replace(found, url=url)
    return results


def one_result_per_url(urls: list[str], results: dict[str, RawResult]) -> dict[str, RawResult]:
    """The results in the order of `urls`; raises EngineError, naming the URLs, unless there is exactly one for
    each URL."""
    missing = [url for url in urls if url not in results]
    extra = [url for url in results if url not in set(urls)]
    if missing or extra:
        raise EngineError(
            f"linkchecker returned {len(results)} results for {len(urls)} URLs"
            + (f"; missing: {', '.join(missing[:5])}" if missing else "")
            + (f"; unexpected: {', '.join(extra[:5])}" if extra else "")
        )
    return {url: results[url] for url in urls}

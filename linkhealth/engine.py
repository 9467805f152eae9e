"""Run linkchecker over a list of URLs and return one parsed result per URL.

linkchecker is the engine; this module configures it for link-rot monitoring (no robots.txt, no recursion,
no content download, timeouts, an identifying user agent), runs it in worker processes that each own a disjoint
set of hosts, and parses the XML each worker writes. Its exit code is never read as a verdict.

Why worker processes: linkchecker paces requests to each host (0.1-0.6 s apart at its default rate), but it
sleeps for that pause while holding a lock that every other host's request waits on. Each worker here replaces
that wait with one that books the host's next slot under the lock and sleeps outside it, and the hosts are split
across processes so both cores do the parsing and logging. Each host's pacing is unchanged.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

USER_AGENT = "ml-interview-playbook-linkcheck/1.0 (+https://github.com/ml-interview-playbook/ml-interview-playbook)"


class EngineError(RuntimeError):
    """linkchecker did not produce one result per URL (crash, timeout, unreadable output)."""


@dataclass(frozen=True)
class EngineOptions:
    timeout: float = 20.0  # seconds per request
    threads: int = 50  # checking threads in all, shared out between workers
    workers: int = 0  # processes; 0 = one per core, never more than there are hosts
    user_agent: str = USER_AGENT
    budget: float = 1800.0  # seconds for the whole run, all workers together
    public_only: bool = True  # refuse requests and redirects to non-public addresses (off only for local tests)


@dataclass
class RawResult:
    """What linkchecker reported for one URL."""

    url: str
    final_url: str
    valid: bool
    result: str  # linkchecker's result text, e.g. "404 Not Found" or "ConnectionError: …"
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text)
    check_seconds: float = 0.0

    @property
    def http_status(self) -> int | None:
        head = self.result.split(" ", 1)[0]
        return int(head) if head.isdigit() and len(head) == 3 else None

    @property
    def redirects(self) -> list[str]:
        return [text for tag, text in self.warnings if tag == "http-redirected"]

    def warning(self, tag: str) -> str | None:
        return next((text for t, text in self.warnings if t == tag), None)


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def split_by_host(urls: list[str], groups: int) -> list[list[str]]:
    """Share URLs out into at most `groups` lists so that all of a host's URLs go to one list and the lists are
    about equally long (largest host first, into the currently shortest list)."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[host_of(url)].append(url)
    count = max(1, min(groups, len(by_host)))
    buckets: list[list[list[str]]] = [[] for _ in range(count)]
    for host_urls in sorted(by_host.values(), key=len, reverse=True):
        min(buckets, key=lambda bucket: sum(map(len, bucket))).append(host_urls)
    return [_round_robin(bucket) for bucket in buckets if bucket]


def _round_robin(hosts: list[list[str]]) -> list[str]:
    """One URL of each host in turn: checking threads then wait on many hosts' pacing at once, not one's."""
    return [url for layer in itertools.zip_longest(*hosts) for url in layer if url is not None]


def parse_xml(path: Path) -> list[RawResult]:
    """Read linkchecker's XML output; raises EngineError if it is not well-formed."""
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as err:
        raise EngineError(f"linkchecker's XML output {path} cannot be read: {err}") from None
    results = []
    for item in root.iter("urldata"):
        valid = item.find("valid")
        results.append(
            RawResult(
                url=item.findtext("url", ""),
                final_url=item.findtext("realurl", "") or item.findtext("url", ""),
                valid=valid is not None and valid.text == "1",
                result=valid.get("result", "") if valid is not None else "",
                warnings=[(w.get("tag", ""), w.text or "") for w in item.iter("warning")],
                check_seconds=float(item.findtext("checktime", "0") or 0),
            )
        )
    return results


def _progress_counter(paths: list[Path]) -> int:
    done = 0
    for path in paths:
        try:
            done += path.read_bytes().count(b"</urldata>")
        except OSError:
            pass
    return done


def run_engine(
    urls: list[str], options: EngineOptions, progress: Callable[[int, int], None] | None = None
) -> dict[str, RawResult]:
    """Check every URL once. Returns exactly one result per distinct URL, or raises EngineError."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    workers = options.workers or os.cpu_count() or 1
    groups = split_by_host(unique, workers)
    threads = max(1, options.threads // len(groups))
    with tempfile.TemporaryDirectory(prefix="linkhealth-") as folder:
        jobs = []
        for number, group in enumerate(groups):
            job = Path(folder) / f"job-{number}.json"
            out = Path(folder) / f"out-{number}.xml"
            job.write_text(
                json.dumps(
                    {
                        "urls": group,
                        "xml": str(out),
                        "timeout": options.timeout,
                        "threads": threads,
                        "user_agent": options.user_agent,
                        "budget": options.budget,
                        "public_only": options.public_only,
                    }
                ),
                encoding="utf-8",
            )
            process = subprocess.Popen(
                [sys.executable, "-m", "linkhealth.worker", str(job)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                cwd=Path(__file__).resolve().parent.parent,
            )
            jobs.append((process, out, len(group)))
        deadline = time.monotonic() + options.budget + 30
        while any(process.poll() is None for process, _, _ in jobs):
            if time.monotonic() > deadline:
                for process, _, _ in jobs:
                    process.kill()
                raise EngineError(f"linkchecker did not finish within the budget of {options.budget:.0f} s")
            if progress:
                progress(_progress_counter([out for _, out, _ in jobs]), len(unique))
            time.sleep(0.1)
        results: dict[str, RawResult] = {}
        for process, out, _ in jobs:
            error = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            if process.returncode not in (0, 1):
                raise EngineError(f"linkchecker worker failed (exit {process.returncode}): {error[-2000:]}")
            for result in parse_xml(out):
                results.setdefault(result.url, result)
    if progress:
        progress(len(results), len(unique))
    return one_result_per_url(unique, results)


def one_result_per_url(urls: list[str], results: dict[str, RawResult]) -> dict[str, RawResult]:
    """The results in the order of `urls`; raises EngineError unless there is exactly one for each URL."""
    missing = [url for url in urls if url not in results]
    extra = [url for url in results if url not in set(urls)]
    if missing or extra:
        raise EngineError(
            f"linkchecker returned {len(results)} results for {len(urls)} URLs"
            + (f"; missing: {', '.join(missing[:5])}" if missing else "")
            + (f"; unexpected: {', '.join(extra[:5])}" if extra else "")
        )
    return {url: results[url] for url in urls}

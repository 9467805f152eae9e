"""One linkchecker run over a group of hosts: `python -m linkhealth.worker JOB.json`.

Configured for link-rot monitoring: start URLs only (no recursion), robots.txt not consulted (a disallow rule
must not hide a dead link), every result logged to XML (not just errors), content never downloaded.
Runs linkchecker through the same functions as its command line, without that command's privilege drop, so it
works the same as root and as a normal user.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.parse
from pathlib import Path


def _install_host_pacing() -> None:
    """Keep linkchecker's per-host request rate, but sleep outside the lock that all hosts share.

    linkchecker's Aggregate.wait_for_host computes a host's next slot and sleeps until it while holding a global
    lock, so one slow host stalls requests to every other host. Here the slot is booked under a lock of our own
    and the sleep happens after it is released.

    The gap between two requests to one host is the mean of linkchecker's range (0.35 s at its default rate,
    which draws each gap at random between 0.1 and 0.6 s): the same average load on every host, and never a gap
    shorter than that mean. Without the random tail, the run no longer waits for whichever host drew the longest
    gaps.
    """
    from linkcheck.director import aggregator

    booking = threading.Lock()

    def wait_for_host(self, host):
        with booking:
            now = time.time()
            due = max(now, self.times.get(host, now))
            if host in self.maxrated:
                low, high = self.wait_time_min, self.wait_time_max
            else:
                low = max(self.wait_time_min, self.wait_time_min_default)
                high = max(self.wait_time_max, self.wait_time_max_default)
            self.times[host] = due + (low + high) / 2
        if due > now:
            time.sleep(due - now)

    aggregator.Aggregate.wait_for_host = wait_for_host


def _install_lock_free_finish() -> None:
    """Stop and join the checking threads without holding linkchecker's thread lock.

    Aggregate.finish joins every thread (1 s timeout each) while holding the lock that a thread needs to set up
    its HTTP session; a thread still starting when the queue runs dry then costs a full second, and a run of a
    few URLs could stall for 10-20 s. Same steps, lock released before waiting.
    """
    from linkcheck.director import aggregator

    def finish(self):
        with aggregator._threads_lock:
            if not self.urlqueue.empty():
                self.cancel()
            threads = list(self.threads)
        for thread in threads:
            thread.stop()
        for thread in threads:
            thread.join(timeout=5.0)

    aggregator.Aggregate.finish = finish


def _install_public_only() -> None:
    """Every request linkchecker sends — the first and each redirect hop — must pass the dataset's URL rule
    (macros/urlpolicy.py) and resolve only to public addresses; otherwise it is refused, never sent."""
    import requests

    from macros import urlpolicy

    send = requests.Session.send

    def guarded_send(self, request, **kwargs):
        reason = urlpolicy.url_problem(request.url)
        if reason is None:
            parts = urllib.parse.urlsplit(request.url)
            try:
                urlpolicy.resolve_public(parts.hostname, parts.port or urlpolicy.DEFAULT_PORTS[parts.scheme])
            except urlpolicy.UrlRefusedError as err:
                reason = str(err)
        if reason:
            raise requests.exceptions.InvalidURL(f"not requested: {reason}")
        return send(self, request, **kwargs)

    requests.Session.send = guarded_send


def run(job: dict) -> None:
    from linkcheck import configuration, director
    from linkcheck.cmdline import aggregate_url
    from linkcheck.director import checker

    _install_host_pacing()
    _install_lock_free_finish()
    if job.get("public_only", True):
        _install_public_only()
    # Idle threads poll the queue every second, so stopping them took up to a second; a twentieth is plenty.
    checker.QUEUE_POLL_INTERVALL_SECS = 0.05
    config = configuration.Configuration()
    config["recursionlevel"] = 0
    config["robotstxt"] = False
    config["checkextern"] = True
    config["verbose"] = True  # log every URL, not only failures
    config["complete"] = True  # log URLs met twice (e.g. one redirects to another) too
    config["status"] = False
    config["timeout"] = max(1, round(job["timeout"]))
    config["aborttimeout"] = max(1, round(job["timeout"]))
    config["threads"] = max(1, min(job["threads"], len(job["urls"])))
    config["useragent"] = job["user_agent"]
    config["maxrunseconds"] = max(1, round(job["budget"]))
    config["logger"] = config.logger_new("none")
    config["fileoutput"].append(config.logger_new("xml", fileoutput=1, filename=job["xml"], encoding="utf-8"))
    config.sanitize()
    aggregate = director.get_aggregate(config)
    for url in job["urls"]:
        aggregate_url(aggregate, url)
    director.check_urls(aggregate)


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))

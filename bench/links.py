"""Link-checker benchmark (`make bench-links`): our checker against lychee on the same local URLs.

1000 live URLs spread over 100 loopback hosts (127.0.1.1-127.0.1.100, 10 URLs each), every answer delayed by
50 ms. Both checkers keep the same per-host politeness: linkchecker's default rate spaces requests to one host
by 0.1-0.6 s (mean 0.35 s); our worker spaces them by that mean, and lychee runs with
--host-request-interval 350ms. Prints both wall times,
their ratio, the politeness floor (the busiest host's URL count x 0.35 s) and whether the verdicts agree.
Prints figures only; it never fails on a time.
"""

from __future__ import annotations

import argparse
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEAN_INTERVAL = 0.35


class _SlowOk(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    delay = 0.05

    def do_GET(self):
        time.sleep(self.delay)
        body = b"<html><title>ok</title><body>fine</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address):
        pass


def start_hosts(count: int) -> list[_Server]:
    servers = []
    for number in range(count):
        server = _Server((f"127.0.1.{number + 1}", 0), _SlowOk)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
    return servers


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--per-host", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each checker; the median is reported")
    args = parser.parse_args(argv)
    lychee = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
    if not Path(lychee).exists():
        print("lychee is not installed: run `make bench-links` (it installs requirements-bench.txt)", file=sys.stderr)
        return 2

    servers = start_hosts(args.hosts)
    try:
        urls = [
            f"http://{s.server_address[0]}:{s.server_address[1]}/page/{i}"
            for s in servers
            for i in range(args.per_host)
        ]
        work = Path(tempfile.mkdtemp(prefix="bench-links-"))
        url_file = work / "urls.txt"
        url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
        ours_json, lychee_json = work / "ours.json", work / "lychee.json"
        ours_cmd = [
            sys.executable,
            "scripts/check_links.py",
            "--urls",
            str(url_file),
            "--json",
            str(ours_json),
            "--no-progress",
            "--allow-host",  # the benchmark's hosts live on 127.x
            "127.0.0.0/8",
            "--hosts",
            str(work / "no-policy.yml"),
            "--timeout",
            "10",
        ]
        # lychee's concurrency slots wait out the host interval too, so give it one per URL: its best time.
        lychee_cmd = [
            lychee,
            "--no-progress",
            "--host-request-interval",
            f"{int(MEAN_INTERVAL * 1000)}ms",
            "--max-concurrency",
            str(len(urls)),
            "--timeout",
            "10",
            "--max-retries",
            "0",
            "--format",
            "json",
            "--output",
            str(lychee_json),
            str(url_file),
        ]
        ours_times, lychee_times = [], []
        for _ in range(args.repeat):
            seconds, result = timed(ours_cmd)
            if result.returncode != 0:
                print(result.stdout, result.stderr, file=sys.stderr)
                return 2
            ours_times.append(seconds)
            seconds, result = timed(lychee_cmd)
            lychee_times.append(seconds)
        ours = {item["url"]: item["verdict"] for item in json.loads(ours_json.read_text(encoding="utf-8"))}
        report = json.loads(lychee_json.read_text(encoding="utf-8"))
        lychee_failed = {entry["url"] for entries in report.get("error_map", {}).values() for entry in entries}
        lychee_ok = report.get("successful", 0)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()

    ours_median, lychee_median = statistics.median(ours_times), statistics.median(lychee_times)
    floor = args.per_host * MEAN_INTERVAL
    ours_ok = sum(v == "ok" for v in ours.values())
    agree = ours_ok == len(urls) and lychee_ok == len(urls) and not lychee_failed
    print(f"URLs: {len(urls)} on {args.hosts} hosts ({args.per_host} each), 50 ms latency, {args.repeat} run(s) each")
    print(f"ours (linkchecker engine): {ours_median:6.2f} s median   runs: {', '.join(f'{t:.2f}' for t in ours_times)}")
    print(
        f"lychee {'(reference)':17} {lychee_median:6.2f} s median   runs: {', '.join(f'{t:.2f}' for t in lychee_times)}"
    )
    print(f"ratio ours / lychee: {ours_median / lychee_median:.2f}x   (target: at most 1.5x)")
    print(f"politeness floor: {args.per_host} URLs x {MEAN_INTERVAL} s = {floor:.2f} s")
    print(
        f"verdicts: ours {ours_ok}/{len(urls)} ok, lychee {lychee_ok}/{len(urls)} ok -> "
        f"{'agree' if agree else 'DISAGREE'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

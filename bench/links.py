"""Link-checker benchmark (`make bench-links`): our checker against lychee on the same local URLs, two sizes.

Case 1: 1 000 URLs on 100 loopback hosts; case 2: 10 000 URLs on 1 000 hosts (10 URLs a host, every answer
delayed by 50 ms). Both checkers keep the same per-host politeness: our worker spaces requests to one host by
0.35 s (the mean of linkchecker's 0.1-0.6 s range), lychee runs with --host-request-interval 350ms. For each
case and checker: the median wall time, the CPU time (user + system of the checker and its workers), the
smallest gap between two requests to one host as the host saw them (kernel arrival stamps), and whether the
verdicts agree. The
politeness floor is the busiest host's (URLs - 1) x 0.35 s + one answer's latency: 9 x 0.35 + 0.05 = 3.2 s.
Each page has its own words and other paths answer 404, as on a real site; with --catch-all every path answers
one page, so our checker probes each host's 404 page (linkhealth.notfound) and the run shows what that costs.
Prints figures only; it never fails on a time. Figures on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import resource
import selectors
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
MEAN_INTERVAL = 0.35
LATENCY = 0.05
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()


def _answer(status: int, body: bytes) -> bytes:
    reason = {200: "OK", 404: "Not Found"}[status]
    head = (
        f"HTTP/1.0 {status} {reason}\r\nServer: bench-links\r\nContent-Type: text/html\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def answer_for(path: str, catch_all: bool) -> bytes:
    """The whole HTTP answer to a GET of `path`."""
    if catch_all:
        return _answer(200, b"<html><title>ok</title><body>fine</body></html>")
    # Like a real site: each page its own words (so pages tell apart), 404 for paths that do not exist.
    number = path.rsplit("/", 1)[-1]
    if path.startswith("/page/") and number.isdigit():
        words = " ".join(WORDS[(int(number) * 7 + k) % len(WORDS)] for k in range(3))
        return _answer(200, f"<html><title>{words}</title><body>notes on {words}</body></html>".encode())
    return _answer(404, b"<html><title>Not found</title><body>no such page</body></html>")


SO_TIMESTAMPNS = 35  # Linux (socket does not name it): each read comes with the kernel's time of arrival


def _arrival(ancillary: list[tuple[int, int, bytes]]) -> float:
    """When a read's data reached the machine, on time.monotonic()'s clock: the kernel's stamp (CLOCK_REALTIME,
    a timespec) carried by recvmsg, so a server busy with other hosts does not stamp it late; else now."""
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
            seconds, nanoseconds = struct.unpack("qq", data[:16])
            return seconds + nanoseconds / 1e9 - (time.time() - time.monotonic())
    return time.monotonic()


class Hosts:
    """`count` listening sockets on distinct loopback addresses (127.1.x.y), all served by one thread: a selector
    loop that accepts, reads each request's head, and sends the answer LATENCY later (one request per connection,
    as HTTP/1.0), then closes. Each request is stamped with the kernel's time of arrival of its first bytes
    (`arrivals`, per host), so the gaps are what the host saw, however busy the loop was.

    The server shares the machine's cores with the checker under test, which a real site never does. So it does
    as little as it can: no thread per connection, no request object, answers made once per path. A thread pool
    of http.server handlers cost 0.37 ms of CPU a request, more CPU than lychee itself at 10 000 URLs, and so
    slowed a CPU-bound checker twice over."""

    arrivals: ClassVar[dict[str, list[float]]] = defaultdict(list)
    catch_all: ClassVar[bool] = False

    def __init__(self, count: int) -> None:
        self.selector = selectors.DefaultSelector()
        self.sockets = []
        for number in range(count):
            listener = socket.create_server((f"127.1.{number // 250}.{number % 250 + 1}", 0), backlog=1024)
            listener.setblocking(False)
            host = "{}:{}".format(*listener.getsockname()[:2])
            self.selector.register(listener, selectors.EVENT_READ, ("listen", host))
            self.sockets.append(listener)
        self.answers: dict[str, bytes] = {}
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        due: list[tuple[float, int, socket.socket, bytes]] = []  # (when, tie-breaker, connection, answer)
        heads: dict[socket.socket, bytes] = {}
        arrived: dict[socket.socket, float] = {}  # when the request's first bytes reached the machine
        order = itertools.count()
        while self.running:
            timeout = 0.1 if not due else max(0.0, min(0.1, due[0][0] - time.monotonic()))
            for key, _ in self.selector.select(timeout=timeout):
                kind, host = key.data
                if kind == "listen":
                    while True:
                        try:
                            connection, _ = key.fileobj.accept()
                        except OSError:  # nothing more to accept now
                            break
                        connection.setblocking(False)
                        connection.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
                        heads[connection] = b""
                        self.selector.register(connection, selectors.EVENT_READ, ("read", host))
                    continue
                connection = key.fileobj
                try:
                    data, ancillary, _, _ = connection.recvmsg(65536, socket.CMSG_SPACE(16))
                except BlockingIOError:
                    continue
                except OSError:
                    data, ancillary = b"", []
                if connection not in arrived:
                    arrived[connection] = _arrival(ancillary)
                head = heads[connection] + data
                if data and b"\r\n\r\n" not in head:
                    heads[connection] = head
                    continue
                del heads[connection]
                arrival = arrived.pop(connection)
                self.selector.unregister(connection)
                if not data and not head:  # closed before asking anything
                    connection.close()
                    continue
                now = time.monotonic()
                self.arrivals[host].append(arrival)
                parts = head.split(b" ", 2)
                path = parts[1].decode("latin-1") if len(parts) > 2 else "/"
                answer = self.answers.get(path)
                if answer is None:
                    answer = self.answers[path] = answer_for(path, self.catch_all)
                heapq.heappush(due, (now + LATENCY, next(order), connection, answer))
            now = time.monotonic()
            while due and due[0][0] <= now:
                _, _, connection, answer = heapq.heappop(due)
                try:
                    connection.setblocking(True)  # a few hundred bytes: the socket buffer takes them at once
                    connection.sendall(answer)
                except OSError:
                    pass
                finally:
                    connection.close()
        for connection in heads:
            connection.close()
        arrived.clear()
        for _, _, connection, _ in due:
            connection.close()

    def urls(self, per_host: int) -> list[str]:
        return [
            f"http://{h}:{p}/page/{i}" for h, p in (s.getsockname()[:2] for s in self.sockets) for i in range(per_host)
        ]

    def close(self) -> None:
        self.running = False
        self.thread.join()
        for listener in self.sockets:
            self.selector.unregister(listener)
            listener.close()
        self.selector.close()


def smallest_gap() -> float:
    gaps = [b - a for times in Hosts.arrivals.values() for a, b in itertools.pairwise(sorted(times))]
    return min(gaps, default=float("nan"))


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the command and its children, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=900)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def run_case(lychee: str, hosts: int, per_host: int, repeat: int) -> dict:
    Hosts.arrivals.clear()
    server = Hosts(hosts)
    work = Path(tempfile.mkdtemp(prefix="bench-links-"))
    try:
        urls = server.urls(per_host)
        url_file = work / "urls.txt"
        url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
        ours_json, lychee_json = work / "ours.json", work / "lychee.json"
        ours_cmd = [
            *(sys.executable, "scripts/check_links.py", "--urls", str(url_file), "--json", str(ours_json)),
            "--no-progress",
            *("--allow-host", "127.0.0.0/8"),  # the benchmark's hosts live on 127.x (test-only switch)
            *("--hosts", str(work / "no-policy.yml"), "--timeout", "10", "--budget", "600"),
        ]
        # lychee's concurrency slots wait out the host interval too, so give it one per URL: its best time.
        lychee_cmd = [
            *(lychee, "--no-progress", "--host-request-interval", f"{int(MEAN_INTERVAL * 1000)}ms"),
            *("--max-concurrency", str(len(urls)), "--timeout", "10", "--max-retries", "0"),
            *("--format", "json", "--output", str(lychee_json), str(url_file)),
        ]
        figures: dict[str, dict] = {
            "ours": {"wall": [], "cpu": [], "gap": []},
            "lychee": {"wall": [], "cpu": [], "gap": []},
        }
        for _ in range(repeat):
            for name, command in (("ours", ours_cmd), ("lychee", lychee_cmd)):
                Hosts.arrivals.clear()
                wall, cpu, result = timed(command)
                if name == "ours" and result.returncode != 0:
                    raise SystemExit(f"our checker failed (exit {result.returncode}): {result.stderr[-2000:]}")
                figures[name]["wall"].append(wall)
                figures[name]["cpu"].append(cpu)
                figures[name]["gap"].append(smallest_gap())
        ours = {item["url"]: item["verdict"] for item in json.loads(ours_json.read_text(encoding="utf-8"))}
        report = json.loads(lychee_json.read_text(encoding="utf-8"))
        lychee_failed = {entry["url"] for entries in report.get("error_map", {}).values() for entry in entries}
        figures["ours_ok"] = sum(v == "ok" for v in ours.values())
        figures["lychee_ok"] = report.get("successful", 0) if not lychee_failed else len(urls) - len(lychee_failed)
        figures["urls"] = len(urls)
        return figures
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-host", type=int, default=10)
    parser.add_argument(
        "--cases", default="100,1000", help="comma-separated host counts, one case each (default: 100,1000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each checker per case; medians are reported")
    parser.add_argument(
        "--catch-all",
        action="store_true",
        help="every host answers one page for every path (so our checker probes each host's 404 page: its cost)",
    )
    args = parser.parse_args(argv)
    Hosts.catch_all = args.catch_all
    lychee = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
    if not Path(lychee).exists():
        print("lychee is not installed: run `make bench-links` (it installs requirements-bench.txt)", file=sys.stderr)
        return 2
    floor = (args.per_host - 1) * MEAN_INTERVAL + LATENCY
    print(
        f"{args.per_host} URLs a host, {LATENCY * 1000:.0f} ms latency, {MEAN_INTERVAL} s per-host spacing, "
        f"{args.repeat} run(s) each; politeness floor {args.per_host - 1} x {MEAN_INTERVAL} + {LATENCY} = {floor:.2f} s"
    )
    print("| URLs / hosts | checker | wall (median) | CPU (median) | CPU / URL | smallest same-host gap | ok |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for hosts in (int(n) for n in args.cases.split(",")):
        figures = run_case(lychee, hosts, args.per_host, args.repeat)
        walls = {}
        for name in ("ours", "lychee"):
            wall, cpu = statistics.median(figures[name]["wall"]), statistics.median(figures[name]["cpu"])
            walls[name] = wall
            print(
                f"| {figures['urls']} / {hosts} | {name} | {wall:.2f} s | {cpu:.2f} s | "
                f"{cpu / figures['urls'] * 1000:.2f} ms | {min(figures[name]['gap']):.3f} s | "
                f"{figures[name + '_ok']}/{figures['urls']} |"
            )
        print(f"| {figures['urls']} / {hosts} | ratio ours / lychee | {walls['ours'] / walls['lychee']:.2f}x | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

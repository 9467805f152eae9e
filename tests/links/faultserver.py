"""A fault-injection web server for the link-checker tests: every way a link can rot, on 127.x addresses.

Each route is served from its own loopback address (127.0.0.10, .11, …) so that the checker's per-host pacing
does not serialise the tests. Nothing here leaves the machine.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import socket
import ssl
import struct
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Faults:
    """Shared, thread-safe counters and switches the handler reads."""

    hits: Counter = field(default_factory=Counter)
    bytes_sent: Counter = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)
    alive: set[str] = field(default_factory=set)  # routes switched to answer 200
    lock: threading.Lock = field(default_factory=threading.Lock)
    hosts: dict[str, str] = field(default_factory=dict)  # route -> "http://127.0.0.x:port"

    def hit(self, route: str) -> int:
        with self.lock:
            self.hits[route] += 1
            self.times.setdefault(route, []).append(time.monotonic())
            return self.hits[route]


EVIL_REASON = "Not Found <img src=x onerror=alert(1)> | forged | cell | [click](https://evil.example) @octocat #1"


def gzip_bomb(members: int = 200, member_mb: int = 10) -> bytes:
    """About 2 MB of gzip that inflates to members × member_mb MB (2 GB): concatenated gzip members of zeros."""
    member = gzip.compress(bytes(member_mb * 1024 * 1024), compresslevel=9)
    return member * members


_BOMB: list[bytes] = []


def bomb() -> bytes:
    if not _BOMB:
        _BOMB.append(gzip_bomb())
    return _BOMB[0]


def make_handler(faults: Faults):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, status: int, location: str) -> None:
            self.reply(status, headers={"Location": location})

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                return self.reply(200, b"User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"})
            if path == "/wayback/available":
                snapshot = {"available": True, "url": "http://web.archive.org/web/20260101000000/x", "status": "200"}
                return self.reply(200, json.dumps({"archived_snapshots": {"closest": snapshot}}).encode())
            me = "{}:{}".format(*self.server.server_address[:2])
            if path.startswith("/linkhealth-probe-"):  # the checker asking for the site's own 404 page
                faults.hit(f"probe@{me}")
            if faults.hosts.get("catchall", "").endswith(me):  # 200 and one page for every path, probes too
                faults.hit("catchall")
                return self.reply(200, b"<html><head><title>Welcome</title></head><body>Welcome!</body></html>")
            route = path.strip("/").split("/")[0]
            count = faults.hit(route)
            if route in faults.alive:
                return self.reply(200, b"<html>alive again</html>")
            match route:
                case "" | "ok" | "landing":
                    return self.reply(200, b"<html><title>fine</title></html>")
                case "chain":
                    return self.redirect(301, f"{faults.hosts['chain']}/chain2")
                case "chain2":
                    return self.redirect(308, f"{faults.hosts['chain']}/ok")
                case "cross":
                    return self.redirect(301, f"{faults.hosts['landing']}/landing")
                case "deep":
                    return self.redirect(302, "/")
                case "missing":
                    return self.reply(404, b"not here")
                case "gone":
                    return self.reply(410, b"gone")
                case "botwall":
                    return self.reply(403, b"are you a robot?")
                case "ratelimited":
                    return self.reply(429, headers={"Retry-After": "1"})
                case "ratelimited-once":
                    return self.reply(429, headers={"Retry-After": "1"}) if count == 1 else self.reply(200, b"ok")
                case "li":
                    return self.reply(999)
                case "error500":
                    return self.reply(500, b"oops")
                case "unavailable":
                    return self.reply(503, b"later")
                case "flap":
                    return self.reply(503, b"later") if count == 1 else self.reply(200, b"ok")
                case "hang":
                    time.sleep(8)
                    return self.reply(200, b"too late")
                case "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    return None
                case "hidden":
                    return self.reply(404, b"robots.txt disallows me, but I am a 404")
                case "huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(2 * 1024**3))
                    self.end_headers()
                    chunk = b"x" * 65536
                    try:
                        for _ in range(2 * 1024**3 // len(chunk)):
                            self.wfile.write(chunk)
                            with faults.lock:
                                faults.bytes_sent["huge"] += len(chunk)
                    except OSError:
                        pass
                    self.close_connection = True
                    return None
                case "loop":
                    return self.redirect(302, f"{faults.hosts['loop']}/loop")
                case "drip":  # the status line and headers, one byte every half second, for up to 60 s
                    try:
                        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"z" * 120:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(0.5)
                    except OSError:
                        pass
                    with faults.lock:
                        faults.times.setdefault("drip-end", []).append(time.monotonic())
                    self.close_connection = True
                    return None
                case "bomb-redirect":  # a redirect whose gzip body inflates to 2 GB
                    body = bomb()
                    self.send_response(302)
                    self.send_header("Location", f"{faults.hosts['bomb-redirect']}/ok")
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    try:
                        for start in range(0, len(body), 65536):
                            self.wfile.write(body[start : start + 65536])
                            with faults.lock:
                                faults.bytes_sent["bomb-redirect"] += 65536
                    except OSError:
                        pass
                    self.close_connection = True
                    return None
                case "evil-reason":
                    self.send_response(404, EVIL_REASON)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                case "internal":  # a redirect into the private network (a host the tests do not allow)
                    return self.redirect(302, f"http://127.0.0.99:{self.server.server_address[1]}/ok")
                case "soft404":
                    return self.reply(200, b"<html><head><title>Page not found | Example</title></head></html>")
                case "meta-refresh":  # a client-side redirect to another site
                    target = f"{faults.hosts['landing']}/landing"
                    page = f'<html><head><meta http-equiv="Refresh" content="0; URL=\'{target}\'"></head></html>'
                    return self.reply(200, page.encode())
                case "refresh-header":
                    return self.reply(200, b"<html>moved</html>", {"Refresh": "1; url=/ok"})
                case "self-reload":  # refreshes itself every 5 minutes: not a redirect
                    return self.reply(200, b'<html><head><meta http-equiv="refresh" content="300"></head></html>')
                case "legal":
                    return self.reply(451, b"blocked here")
                case "choices":
                    return self.reply(300, b"<html>pick one</html>")
                case "not-modified":
                    self.send_response(304)
                    self.end_headers()
                    return None
                case "many-headers":
                    return self.reply(200, b"<html>ok</html>", {f"X-Header-{n}": "v" for n in range(150)})
                case "big-header":
                    return self.reply(200, b"<html>ok</html>", {"X-Big": "v" * 100_000})
                case "huge-headers":
                    return self.reply(200, b"<html>ok</html>", {f"X-Header-{n}": "v" for n in range(1500)})
                case "bomb-page":  # a 200 page whose gzip body inflates to 2 GB
                    body = bomb()
                    self.send_response(200)
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    with contextlib.suppress(OSError):
                        self.wfile.write(body)
                    self.close_connection = True
                    return None
                case "tls":
                    return self.reply(200, b"<html>secret</html>")
                case "articles":  # a normal site: a different page at each path, 404 elsewhere
                    name = path.rsplit("/", 1)[-1]
                    words = {"one": "gradient descent momentum", "two": "attention transformers heads"}.get(name)
                    if not words:
                        return self.reply(404, b"<html><title>Not here</title></html>")
                    return self.reply(200, f"<html><title>{words}</title><body>{words}</body></html>".encode())
                case "script-redirect":  # a stub page whose script sends the reader to another site
                    target = f"{faults.hosts['landing']}/landing"
                    return self.reply(200, f'<html><script>location.href = "{target}";</script></html>'.encode())
                case "script-replace":  # the same with location.replace, on the same site
                    return self.reply(200, b"<html><script>window.location.replace('/ok')</script>Moved.</html>")
                case "script-internal":  # a script redirect into the private network: never followed
                    target = f"http://127.0.0.99:{self.server.server_address[1]}/ok"
                    return self.reply(200, f"<html><script>window.location = '{target}'</script></html>".encode())
                case "script-in-page":  # a real page whose script only sets location on a click
                    text = "<p>" + "A long article about regularisation and its many uses. " * 30 + "</p>"
                    script = "<script>button.onclick = () => { location.href = '/elsewhere' }</script>"
                    return self.reply(200, f"<html><title>Article</title>{text}{script}</html>".encode())
                case "cookie-wall":  # sets a cookie and redirects to itself; answers 200 once the cookie comes back
                    if "seen=1" in (self.headers.get("Cookie") or ""):
                        return self.reply(200, b"<html><title>past the cookie wall</title></html>")
                    return self.reply(302, headers={"Location": "/cookie-wall", "Set-Cookie": "seen=1; Path=/"})
                case "folded-header":  # an obsolete folded header line (RFC 9112 §5.2): read as before
                    return self.reply(200, b"<html><title>folded</title></html>", {"X-Folded": "first\r\n second"})
                case "slow":
                    time.sleep(1.5)
                    return self.reply(200, b"<html><title>slow but fine</title></html>")
            return self.reply(404)

    return Handler


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # do not wait for /hang to finish sleeping

    def handle_error(self, request, client_address):
        pass  # clients hanging up on /hang and /huge are expected


ROUTES = [
    "ok",
    "landing",
    "chain",
    "cross",
    "deep",
    "missing",
    "gone",
    "botwall",
    "ratelimited",
    "ratelimited-once",
    "li",
    "error500",
    "unavailable",
    "flap",
    "hang",
    "reset",
    "hidden",
    "huge",
    "loop",
    "wayback",
    "drip",
    "bomb-redirect",
    "evil-reason",
    "internal",
    "slow",
    "articles",
    "catchall",
    "script-redirect",
    "script-replace",
    "script-internal",
    "script-in-page",
    "soft404",
    "meta-refresh",
    "refresh-header",
    "self-reload",
    "legal",
    "choices",
    "not-modified",
    "many-headers",
    "big-header",
    "huge-headers",
    "bomb-page",
    "tls",
    "cookie-wall",
    "folded-header",
]
TLS_ROUTES = {"tls"}  # served over HTTPS with a self-signed certificate


class FaultServer:
    """Start with `with FaultServer() as server:`; `server.url(route)` gives the URL to check."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.servers: list[_QuietServer] = []

    def __enter__(self) -> FaultServer:
        handler = make_handler(self.faults)
        self.folder = tempfile.TemporaryDirectory(prefix="faultserver-")
        for number, route in enumerate(ROUTES):
            server = _QuietServer((f"127.0.0.{10 + number}", 0), handler)
            scheme = "http"
            if route in TLS_ROUTES:
                server.socket = self._tls_context().wrap_socket(server.socket, server_side=True)
                scheme = "https"
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
            self.servers.append(server)
            self.faults.hosts[route] = f"{scheme}://127.0.0.{10 + number}:{server.server_address[1]}"
        return self

    def _tls_context(self) -> ssl.SSLContext:
        """A self-signed certificate made with the openssl command (so the checker's verification fails)."""
        key, cert = Path(self.folder.name) / "key.pem", Path(self.folder.name) / "cert.pem"
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
                *("-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=fault.test"),
            ],
            check=True,
            capture_output=True,
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        return context

    def __exit__(self, *exc) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()
        self.folder.cleanup()

    def url(self, route: str, path: str = "") -> str:
        suffix = {"deep": "/deep/article/42", "chain": "/chain", "catchall": "/catchall/lecture/7"}.get(
            route, f"/{route}"
        )
        return self.faults.hosts[route] + (path or suffix)

"""Hostile pages and hosts for `make new`'s fetch, and non-public URLs for the link checker (issue 9).

The pages are served on 127.0.0.1; the fetch is pointed at them through its resolver, so the public-address
check itself stays on unless a test says otherwise. Each case asserts what was (not) requested.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import socket
import subprocess
import sys
import threading
import time
from typing import ClassVar

import pytest

from tests.conftest import ROOT

LOOPBACK = "url host 127.0.0.1 is a loopback address, not a public one — use the site's public name"

_spec = importlib.util.spec_from_file_location("new_resource", ROOT / "scripts" / "new_resource.py")
new_resource = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(new_resource)


class _Pages(http.server.BaseHTTPRequestHandler):
    """Routes: /title, /latin1, /huge, /slow, /to-private, /loop, /json. Every request path is recorded."""

    requests: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        route = self.path.split("?")[0]
        if route == "/to-private":
            self._redirect("http://127.0.0.1/secret")
        elif route == "/to-metadata-name":
            self._redirect("http://metadata.google.internal/computeMetadata/v1/")
        elif route == "/loop":
            self._redirect("/loop")
        elif route == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                self.wfile.write(b"<html><head><title>")
                for _ in range(40):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        else:
            bodies = {
                "/title": ("text/html; charset=utf-8", "<title>\x1b[1mReal\u202e  Title\u200b</title>".encode()),
                "/latin1": ("text/html; charset=iso-8859-1", "<title>Caf\xe9 cr\xe8me</title>".encode("latin-1")),
                "/huge": ("text/html", b"<html>" + b"x" * 2_000_000 + b"<title>Too far</title>"),
                "/json": ("application/json", b'{"title": "x"}'),
            }
            content_type, body = bodies.get(route, ("text/html", b"<title>Other</title>"))
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def pages(monkeypatch):
    """A local page server, reached as the public-looking name pages.example.com."""
    _Pages.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    def resolver(host, _port, **kwargs):
        if host == "pages.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        raise socket.gaierror(f"unknown host {host}")

    monkeypatch.setattr(new_resource, "RESOLVER", resolver)
    # The local server's address is loopback; only that one address is let through, nothing else.
    real = new_resource.ADDRESS_PROBLEM
    monkeypatch.setattr(new_resource, "ADDRESS_PROBLEM", lambda a: None if a == "127.0.0.1" else real(a))
    yield "http://pages.example.com"
    server.shutdown()
    server.server_close()


def test_title_is_fetched_and_cleaned(pages):
    assert new_resource.fetch_title(f"{pages}/title") == "Real Title"


def test_declared_charset_is_honoured(pages):
    assert new_resource.fetch_title(f"{pages}/latin1") == "Café crème"


FETCH_CASES = [
    pytest.param(
        "/to-private", "not fetched: url host 127.0.0.1 is a loopback address", ["/to-private"], id="redir-ip"
    ),
    pytest.param(
        "/to-metadata-name",
        "not fetched: url host 'metadata.google.internal' is a private or reserved name",
        ["/to-metadata-name"],
        id="redirect-to-internal-name",
    ),
    pytest.param("/loop", "more than 5 redirects", ["/loop"] * 6, id="redirect-loop"),
    pytest.param("/json", "the page is not HTML (application/json)", ["/json"], id="not-html"),
]


@pytest.mark.parametrize(("route", "message", "requested"), FETCH_CASES)
def test_fetch_refuses_with_the_exact_message(pages, route, message, requested):
    with pytest.raises(new_resource.FetchError) as caught:
        new_resource.fetch_page(f"{pages}{route}")
    assert str(caught.value).startswith(message)
    assert _Pages.requests == requested  # the refused hop was never requested


def test_a_name_resolving_to_a_private_address_is_not_fetched(pages, monkeypatch):
    monkeypatch.setattr(new_resource, "ADDRESS_PROBLEM", new_resource.urlpolicy.address_problem)
    with pytest.raises(new_resource.FetchError) as caught:
        new_resource.fetch_page(f"{pages}/title")
    assert str(caught.value) == (
        "host 'pages.example.com' resolves to 127.0.0.1 is a loopback address, not a public one — not fetched"
    )
    assert _Pages.requests == []


def test_fetch_has_one_deadline_for_the_whole_page(pages):
    started = time.monotonic()
    with pytest.raises(new_resource.FetchError) as caught:
        new_resource.fetch_page(f"{pages}/slow", deadline_s=1.0)
    assert str(caught.value) == "the page did not arrive within 1 s"
    assert time.monotonic() - started < 2.0  # each byte came within a read timeout; the total is still capped


def test_fetch_reads_at_most_the_byte_cap(pages):
    final, text = new_resource.fetch_page(f"{pages}/huge", max_bytes=10_000)
    assert final.endswith("/huge") and len(text) == 10_000 and "Too far" not in text


def test_make_new_reads_the_title_through_the_checked_fetch(pages, mini, capsys):
    code = new_resource.main(
        [
            *("--root", str(mini), "--yes", "--url", f"{pages}/title", "--type", "course", "--topics", "one"),
            *(
                "--cost",
                "free",
                "--level",
                "beginner",
                "--description",
                "A careful walk through the topic, with examples.",
            ),
        ]
    )
    assert code == 0, capsys.readouterr()
    text = (mini / "data/resources/real-title.yml").read_text(encoding="utf-8")
    assert "title: Real Title\n" in text


# --- The link checker: non-public URLs are never requested ---------------------------------------------------
def test_link_checker_refuses_non_public_urls_without_requesting_them(tmp_path):
    _Pages.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"http://127.0.0.1:{server.server_address[1]}/title\nhttp://[::ffff:127.0.0.1]/x\n", "utf-8")
        out = tmp_path / "out.json"
        (tmp_path / "no-policy.yml").write_text("hosts: []\n", encoding="utf-8")
        result = subprocess.run(
            [
                *(sys.executable, str(ROOT / "scripts" / "check_links.py"), "--urls", str(urls), "--json", str(out)),
                *("--no-progress", "--timeout", "2", "--hosts", str(tmp_path / "no-policy.yml")),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _Pages.requests == []
    results = {item["url"]: item for item in json.loads(out.read_text(encoding="utf-8"))}
    port = server.server_address[1]
    assert {url: (item["verdict"], item["detail"]) for url, item in results.items()} == {
        f"http://127.0.0.1:{port}/title": (
            "blocked",
            f"not checked: url names port {port} — link the site's public address on the default port",
        ),
        "http://[::ffff:127.0.0.1]/x": ("blocked", f"not checked: {LOOPBACK}"),
    }


def test_link_checker_redirect_guard_refuses_private_hops():
    """The worker's guard on every request (first and each redirect hop) refuses non-public targets."""
    import requests

    from linkhealth import worker

    original = requests.Session.send
    try:
        worker._install_public_only()
        with pytest.raises(requests.exceptions.InvalidURL) as caught:
            requests.Session().get("http://127.0.0.1/never", timeout=1)
        assert str(caught.value).startswith("not requested: url host 127.0.0.1 is a loopback address")
    finally:
        requests.Session.send = original

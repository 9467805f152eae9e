"""The worker's lean parts: header blocks parsed the fast way give what the email parser gives; modules linkchecker
imports but this checker never uses load only when used."""

from __future__ import annotations

import email.parser
import http.client
import io
import subprocess
import sys

import pytest

from linkhealth import worker
from tests.conftest import ROOT

PLAIN = [
    pytest.param(b"Content-Type: text/html\r\nContent-Length: 5\r\n\r\n", id="two-headers"),
    pytest.param(b"Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n", id="repeated-name-kept-in-order"),
    pytest.param(b"X-Pad:   \t spaced value  \r\n\r\n", id="leading-blanks-dropped-trailing-kept"),
    pytest.param(b"X-Empty:\r\n\r\n", id="empty-value"),
    pytest.param(b"X-Latin: caf\xe9 \x80\r\n\r\n", id="latin-1-bytes"),
    pytest.param(b"X-Colons: a:b:c\r\n\r\n", id="colons-in-value"),
    pytest.param(b"Location: /next\n\n", id="bare-lf-line-ends"),
    pytest.param(b"\r\n", id="no-headers"),
]
ODD = [
    pytest.param(b"X-Folded: first\r\n second\r\n\r\n", id="folded-line"),
    pytest.param(b"not a header line\r\nX-A: b\r\n\r\n", id="line-without-colon"),
    pytest.param(b"X-Next: a\x85b\r\n\r\n", id="latin-1-next-line-byte"),
    pytest.param(b"X-Cr: a\rb\r\n\r\n", id="lone-cr"),
    pytest.param(b"X-Vt: a\x0bb\r\n\r\n", id="vertical-tab"),
    pytest.param(b"X Space: v\r\n\r\n", id="space-in-name"),
    pytest.param(b": no name\r\n\r\n", id="empty-name"),
    pytest.param(b"From someone\r\nX-A: b\r\n\r\n", id="unix-from-line"),
    pytest.param(b"X-A: b\r\n", id="end-of-input-before-blank-line"),
]


def email_message(block: bytes) -> http.client.HTTPMessage:
    return email.parser.Parser(_class=http.client.HTTPMessage).parsestr(block.decode("iso-8859-1"))


def lines_of(block: bytes) -> list[bytes]:
    return http.client._read_headers(io.BytesIO(block))


@pytest.mark.parametrize("block", PLAIN)
def test_plain_header_lines_parse_as_the_email_parser_does(block):
    fast = worker.parse_header_lines(lines_of(block), http.client.HTTPMessage)
    slow = email_message(block)
    assert fast is not None
    assert fast.items() == slow.items()
    assert fast.defects == slow.defects == []
    assert fast.get_all("Set-Cookie") == slow.get_all("Set-Cookie")


@pytest.mark.parametrize("block", ODD)
def test_odd_header_lines_are_left_to_the_email_parser(block):
    assert worker.parse_header_lines(lines_of(block), http.client.HTTPMessage) is None


@pytest.mark.parametrize("block", PLAIN + ODD)
def test_installed_parser_answers_like_http_clients_own(block, monkeypatch):
    monkeypatch.setattr(http.client, "parse_headers", http.client.parse_headers)  # restored after the test
    original = http.client.parse_headers
    own = original(io.BytesIO(block))
    worker._install_fast_header_parsing()
    assert http.client.parse_headers is not original
    fast = http.client.parse_headers(io.BytesIO(block))
    assert (fast.items(), [type(d) for d in fast.defects]) == (own.items(), [type(d) for d in own.defects])
    # urllib3 reports text left after the headers (a malformed block): the same text, or none, either way.
    assert (fast.get_payload() or "") == (own.get_payload() or "")


def test_installed_parser_keeps_http_clients_limits(monkeypatch):
    monkeypatch.setattr(http.client, "parse_headers", http.client.parse_headers)
    monkeypatch.setattr(http.client, "_MAXHEADERS", 3)
    worker._install_fast_header_parsing()
    with pytest.raises(http.client.HTTPException, match="got more than 3 headers"):
        http.client.parse_headers(io.BytesIO(b"".join(b"X-%d: v\r\n" % n for n in range(5)) + b"\r\n"))


DEFERRED_SCRIPT = """
import sys
from linkhealth import worker

worker.defer_unused_imports(("heavy", "pkg.sub", "not_installed_anywhere"))
import heavy
from pkg import sub
import pkg.sub
print("loaded before use:", sorted(name for name in ("heavy", "pkg.sub") if name in LOADED))
print("values:", heavy.VALUE, sub.twice(21))
print("loaded after use:", sorted(LOADED))
print("real modules now:", type(sys.modules["heavy"]).__name__, type(sys.modules["pkg.sub"]).__name__)
print("absent left alone:", "not_installed_anywhere" not in sys.modules)
"""


def test_deferred_imports_load_only_when_used(tmp_path):
    (tmp_path / "record.py").write_text("LOADED = []\n")
    (tmp_path / "heavy.py").write_text("import record\nrecord.LOADED.append('heavy')\nVALUE = 7\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "sub.py").write_text(
        "import record\nrecord.LOADED.append('pkg.sub')\ndef twice(n):\n    return 2 * n\n"
    )
    script = "from record import LOADED\n" + DEFERRED_SCRIPT
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "loaded before use: []",
        "values: 7 42",
        "loaded after use: ['heavy', 'pkg.sub']",
        "real modules now: module module",
        "absent left alone: True",
    ]


def test_worker_start_up_skips_the_unused_modules():
    script = (
        "import sys\nfrom linkhealth import worker\nworker._preload()\n"
        "print(*(type(sys.modules[n]).__name__ for n in worker.DEFERRED_IMPORTS))\n"
        "from linkcheck.checker import mailtourl\nimport bs4\n"
        "print(bs4.BeautifulSoup('<p class=a>x</p>', 'html.parser').select('p.a'), mailtourl.resolver.resolve.__name__)\n"
        "from linkcheck import mimeutil\nfrom linkcheck.htmlutil import htmlsoup\nimport pydoc\n"
        "print(htmlsoup.make_soup('<p>y</p>').p.text, mimeutil.guess_mimetype('a.pdf'), callable(pydoc.pager))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        " ".join(["_DeferredModule"] * len(worker.DEFERRED_IMPORTS)),
        '[<p class="a">x</p>] resolve',
        "y application/pdf True",
    ]


def test_result_lines_from_many_threads_are_each_written_once(tmp_path, monkeypatch):
    """Eight threads adding while the writer thread writes every millisecond: every line lands, once, whole."""
    import threading

    monkeypatch.setattr(worker, "RESULT_WRITE_SECONDS", 0.001)
    lines = worker.ResultLines(str(tmp_path / "out.jsonl"))

    def add(thread: int) -> None:
        for n in range(500):
            lines.add(f'{{"thread": {thread}, "n": {n}}}\n')

    threads = [threading.Thread(target=add, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines.close()
    written = (tmp_path / "out.jsonl").read_text().splitlines()
    assert sorted(written) == sorted(f'{{"thread": {t}, "n": {n}}}' for t in range(8) for n in range(500))
    lines.add("late\n")  # after close: kept out of a closed file, no error
    assert lines.write() and "late" not in (tmp_path / "out.jsonl").read_text()


def test_result_lines_writer_gives_way_to_a_write_in_progress(tmp_path):
    lines = worker.ResultLines(str(tmp_path / "out.jsonl"))
    lines.add("one\n")
    with lines.writing:  # as if another thread were writing
        assert lines.write(wait=0.05) is False
    assert lines.write(wait=0.05) is True
    lines.close()
    assert (tmp_path / "out.jsonl").read_text() == "one\n"


SIGTERM_SCRIPT = """
import sys, time
from linkhealth import worker
worker.RESULT_WRITE_SECONDS = 3600  # the writer thread never gets to them: only SIGTERM writes them out
opened = []
worker._write_on_sigterm(opened)
lines = worker.ResultLines(sys.argv[1])
opened.append(lines)
for n in range(100):
    lines.add(f"line {n}\\n")
print("ready", flush=True)
time.sleep(60)
"""


def test_results_in_memory_are_written_when_the_worker_is_terminated(tmp_path):
    import signal

    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-c", SIGTERM_SCRIPT, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline() == "ready\n"
        assert out.read_text() == "", "nothing written before the signal"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == -signal.SIGTERM, "it still dies of the signal"
    finally:
        process.kill()
    assert out.read_text().splitlines() == [f"line {n}" for n in range(100)]


def test_settimeout_reaches_the_socket_only_when_the_timeout_changes():
    import socket

    calls = []

    def plain(sock, value):
        calls.append(value)
        socket.socket.settimeout(sock, value)

    class Counted(socket.socket):
        settimeout = worker.settimeout_when_changed(plain)

    with Counted() as sock:
        for value in (10, 10, 10.0, None, None, 2.5, 2.5, 0, 0):
            sock.settimeout(value)
            assert sock.gettimeout() == (None if value is None else float(value))
        assert calls == [10, None, 2.5, 0]
        for bad in (-1, "5", float("nan")):
            with pytest.raises((ValueError, TypeError)):
                sock.settimeout(bad)

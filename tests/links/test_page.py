"""The page inspection's pure parts: capped reading and decompression, refresh targets, soft-404 signals."""

from __future__ import annotations

import gzip
import io
import zlib

import pytest

from linkhealth.engine import RawResult
from linkhealth.notfound import pages_to_compare, soft_404_reason
from linkhealth.page import (
    INSPECT_BYTES,
    fingerprint,
    meta_refresh,
    read_capped,
    refresh_target,
    same_page,
    script_redirect,
    soft_404,
)


class Raw:
    """Stands in for urllib3's response: counts what is read off the wire."""

    def __init__(self, data: bytes) -> None:
        self.stream = io.BytesIO(data)
        self.read_bytes = 0

    def read(self, amount: int, decode_content: bool = True) -> bytes:
        assert decode_content is False, "the capped reader decompresses itself"
        chunk = self.stream.read(amount)
        self.read_bytes += len(chunk)
        return chunk


class CountedRaw(Raw):
    """urllib3's response for a body with a Content-Length: counts it down in `length_remaining`."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.length_remaining = len(data)
        self.reads = 0

    def read(self, amount: int, decode_content: bool = True) -> bytes:
        self.reads += 1
        chunk = super().read(amount, decode_content)
        self.length_remaining -= len(chunk)
        return chunk


@pytest.mark.parametrize(
    ("body", "encoding", "reads"),
    [
        pytest.param(b"<html><title>short</title></html>", "", 1, id="short-page-one-read"),
        pytest.param(gzip.compress(b"<html>" + b"words " * 5000 + b"</html>"), "gzip", 1, id="short-gzip-one-read"),
        pytest.param(b"y" * 40_000, "", 3, id="long-page-every-chunk-no-empty-read"),
    ],
)
def test_a_counted_body_is_read_without_a_last_empty_read(body, encoding, reads):
    raw = CountedRaw(body)
    assert read_capped(raw, encoding) == read_capped(Raw(body), encoding)
    assert raw.reads == reads


def test_gzip_bomb_is_inflated_only_up_to_the_cap():
    bomb = gzip.compress(bytes(200 * 1024 * 1024), compresslevel=9)  # 200 MB of zeros in about 200 KB
    raw = Raw(bomb)
    data = read_capped(raw, "gzip")
    assert len(data) == INSPECT_BYTES
    assert raw.read_bytes <= 32 * 1024, "reads only what it needs off the wire"


def test_deflate_identity_and_unknown_encodings():
    page = b"<html><title>x</title></html>" * 10
    assert read_capped(Raw(zlib.compress(page)), "deflate") == page
    assert read_capped(Raw(page), "") == page
    assert read_capped(Raw(page), "br") is None  # not inspected rather than read uncapped
    assert read_capped(Raw(b"x" * 10**6), "identity", limit=1000) == b"x" * 1000


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ("0; url=https://example.org/new", "https://example.org/new"),
        ("5;URL='/moved'", "/moved"),
        ("0", None),  # reload, no target
        ("600; url=/later", None),  # too slow to be a redirect
        ("junk", None),
    ],
)
def test_refresh_target(value, target):
    assert refresh_target(value) == target


def test_meta_refresh_in_any_attribute_order():
    page = '<head><meta content="0;url=https://example.org/x" http-equiv="REFRESH"></head>'
    assert meta_refresh(page) == "https://example.org/x"
    assert meta_refresh('<meta name="refresh" content="0;url=/x">') is None


@pytest.mark.parametrize(
    ("page", "flagged"),
    [
        ("<title>Page Not Found</title>", True),
        ("<title>404 - Example</title>", True),
        ("<title>Oops</title><h1>This page doesn't exist</h1>", True),
        ("<title>Error 404 (Not Found)!!1</title>", True),
        ("<title>Attention Is All You Need</title><h1>Abstract</h1>", False),
        ("<title>Found: the best notes on ranking</title>", False),
    ],
)
def test_soft_404(page, flagged):
    assert (soft_404(page) is not None) is flagged


@pytest.mark.parametrize(
    ("page", "target"),
    [
        pytest.param('<script>location.href = "https://b.example/x"</script>', "https://b.example/x", id="href"),
        pytest.param("<script>window.location='/a';</script>", "/a", id="window-location"),
        pytest.param('<script>location.replace("https://b.example/")</script>', "https://b.example/", id="replace"),
        pytest.param("<script>document.location.assign(`/c`)</script>", "/c", id="assign"),
        pytest.param('<script>mylocation = "/x"; location2 = "/y"</script>', None, id="other-names"),
        pytest.param('<script>if (location.href == "/x") go()</script>', None, id="comparison"),
        pytest.param('<script>location.href = base + "/x"</script>', None, id="computed"),
        pytest.param('<script src="/app.js">location = "/x"</script>', None, id="external-script"),
        pytest.param("<p>" + "words " * 200 + '</p><script>location = "/x"</script>', None, id="a-real-page"),
    ],
)
def test_script_redirect(page, target):
    assert script_redirect(page) == target


def _page(title: str, text: str) -> str:
    return f"<html><head><title>{title}</title></head><body>{text}</body></html>"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param(
            (_page("Not found", "We could not find /a/b, request 123"), "http://x/a/b"),
            (_page("Not found", "We could not find /c/d, request 987"), "http://x/c/d"),
            True,
            id="paths-and-ids-left-out",
        ),
        pytest.param(
            (_page("Welcome", "Welcome to the site"), "http://x/a"),
            (_page("Welcome", "Welcome to the site"), "http://x/b"),
            True,
            id="catch-all",
        ),
        pytest.param(
            (_page("Momentum", "gradient descent with momentum"), "http://x/a"),
            (_page("Attention", "attention and transformer heads"), "http://x/b"),
            False,
            id="different-pages",
        ),
        pytest.param(
            (_page("Docs", "one two three four five six seven eight"), "http://x/a"),
            (_page("Docs", "one two nine ten eleven twelve thirteen fourteen"), "http://x/b"),
            False,
            id="same-title-other-words",
        ),
        pytest.param((_page("", ""), "http://x/a"), (_page("", "ok"), "http://x/b"), False, id="no-words"),
    ],
)
def test_fingerprints_tell_one_page_from_another(first, second, same):
    assert same_page(fingerprint(*first), fingerprint(*second)) is same


def _result(url: str, page: str | None, status: str = "200 OK") -> RawResult:
    warnings = [("page-fingerprint", fingerprint(page, url))] if page is not None else []
    return RawResult(url, url, status.startswith("2"), status, warnings)


def test_only_suspicious_hosts_are_probed():
    article = _page(
        "Backpropagation",
        " ".join(f"w{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(60)) + " backpropagation explained",
    )
    results = {
        "http://one.example/a": _result("http://one.example/a", _page("Welcome", "Welcome")),  # thin, alone
        "http://rich.example/a": _result("http://rich.example/a", article),  # a real page, alone
        "http://same.example/a": _result("http://same.example/a", _page("Hi", "hello there")),
        "http://same.example/b": _result("http://same.example/b", _page("Hi", "hello there")),  # one page, 2 paths
        "http://diff.example/a": _result("http://diff.example/a", _page("A", "alpha beta")),
        "http://diff.example/b": _result("http://diff.example/b", _page("B", "gamma delta")),
        "http://home.example/": _result("http://home.example/", _page("Home", "home")),  # home pages: never
        "http://gone.example/a": _result("http://gone.example/a", None, "404 Not Found"),
    }
    verdicts = {url: ("ok" if result.valid else "failing") for url, result in results.items()}
    assert pages_to_compare(results, verdicts) == {
        "http://one.example": ["http://one.example/a"],
        "http://same.example": ["http://same.example/a", "http://same.example/b"],
    }


def test_soft_404_reason_needs_a_matching_probe():
    page = _result("http://x.example/a/b", _page("Welcome", "Welcome"))
    probe_url = "http://x.example/linkhealth-probe-1-no-such-page"
    assert "for a path that does not exist" in soft_404_reason(page, _result(probe_url, _page("Welcome", "Welcome")))
    assert soft_404_reason(page, _result(probe_url, _page("Not found", "Sorry"), "404 Not Found")) is None
    assert soft_404_reason(page, RawResult(probe_url, probe_url, False, "", unchecked="budget")) is None

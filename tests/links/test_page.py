"""The page inspection's pure parts: capped reading and decompression, refresh targets, soft-404 signals."""

from __future__ import annotations

import gzip
import io
import zlib

import pytest

from linkhealth.page import INSPECT_BYTES, meta_refresh, read_capped, refresh_target, soft_404


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

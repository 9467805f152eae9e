"""What the start of a page says about itself: a client-side redirect (meta refresh, `Refresh:` header) or a
"not found" page served with 200 (a soft 404). Pure functions over capped bytes, plus the capped reader.

Only the first INSPECT_BYTES of a page are read (after decompression, which is capped too, so a gzip bomb
costs at most that much memory), and only for 2xx HTML answers.
"""

from __future__ import annotations

import html
import re
import zlib

INSPECT_BYTES = 64 * 1024  # the start of a page holds its <title>, <meta refresh> and first heading
MAX_RAW_BYTES = 256 * 1024  # compressed bytes read to get them, at most
MAX_REFRESH_DELAY = 10  # seconds: a longer Refresh is a page that reloads itself, not a redirect

_REFRESH = re.compile(r"^\s*(?P<delay>\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(?P<url>.*?))?\s*$", re.I | re.S)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_SOFT_404 = re.compile(
    r"^(?:error\s*)?404\b|\b(?:page|file|document|article|resource|content)s?\s+(?:was\s+|could\s+not\s+be\s+)?"
    r"not\s+found\b|^not\s+found\b|\bpage\s+(?:does\s+not|doesn't|no\s+longer)\s+exists?\b|"
    r"\b(?:page|content)\s+(?:is\s+)?no\s+longer\s+available\b|\b404\s*(?:[-:|–—]\s*)?(?:error|not\s+found)\b",
    re.I,
)


def refresh_target(value: str | None) -> str | None:
    """The URL a `Refresh` value (header or meta content) sends the reader to soon, or None."""
    match = _REFRESH.match(value or "")
    if not match or not match.group("url"):
        return None
    if float(match.group("delay")) > MAX_REFRESH_DELAY:
        return None
    target = match.group("url").strip().strip("'\"").strip()
    return target or None


def meta_refresh(page: str) -> str | None:
    """The target of the page's `<meta http-equiv="refresh">`, if it sends the reader on soon."""
    for tag in _META.findall(page):
        attrs = {k.lower(): html.unescape(v.strip("'\"")) for k, v in _ATTR.findall(tag)}
        if attrs.get("http-equiv", "").lower() == "refresh":
            return refresh_target(attrs.get("content"))
    return None


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def soft_404(page: str) -> str | None:
    """Why a 200 page looks like a 'not found' page (its title or first heading says so), or None."""
    for name, pattern in (("title", _TITLE), ("heading", _H1)):
        found = pattern.search(page)
        if found:
            text = _text(found.group(1))[:120]
            if text and _SOFT_404.search(text):
                return f"its {name} says '{text}'"
    return None


def decode(data: bytes, charset: str | None) -> str:
    try:
        return data.decode(charset or "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def read_capped(raw, content_encoding: str, limit: int = INSPECT_BYTES, raw_limit: int = MAX_RAW_BYTES) -> bytes | None:
    """At most `limit` bytes of a body, decompressed here with a cap on the output (gzip, deflate or none), from
    at most `raw_limit` bytes read off the wire. None when the encoding is one this reader does not know."""
    encoding = (content_encoding or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("", "identity"):
        inflater = None
    else:
        return None
    out = bytearray()
    read = 0
    pending = b""
    while len(out) < limit and read < raw_limit:
        if inflater is not None and pending:
            chunk, pending = pending, b""
        else:
            chunk = raw.read(min(16384, raw_limit - read), decode_content=False)
            if not chunk:
                break
            read += len(chunk)
        if inflater is None:
            out += chunk
            continue
        try:
            out += inflater.decompress(chunk, limit - len(out))  # never more than the room left
        except zlib.error:
            break
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return bytes(out[:limit])

"""What the start of a page says about itself: a client-side redirect (meta refresh, `Refresh:` header, a script
that sets `location`) or a "not found" page served with 200 (a soft 404), and a fingerprint to compare it with
the site's own 404 page. Pure functions over capped bytes, plus the capped reader.

Only the first INSPECT_BYTES of a page are read (after decompression, which is capped too, so a gzip bomb
costs at most that much memory), and only for 2xx HTML answers.
"""

from __future__ import annotations

import heapq
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
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<code>.*?)</script\s*>", re.I | re.S)
_STYLE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
# `location = "…"`, `location.href = "…"`, `window.location = "…"`, `location.replace("…")`, `.assign("…")`,
# with window/document/top/self in front or not; the target must be a string literal (a computed one is unknown).
_SCRIPT_REDIRECT = re.compile(
    r"""(?<![\w$.])(?:(?:window|document|top|self|parent)\s*\.\s*)?location\s*"""
    r"""(?:\.\s*href\s*)?(?:=(?!=)\s*|\.\s*(?:replace|assign)\s*\(\s*)(?P<q>["'`])(?P<url>[^"'`\\\s]{1,2000})(?P=q)"""
)
SCRIPT_REDIRECT_MAX_TEXT = 600  # visible characters: a page with more to read is a page, not a redirect stub
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


def script_redirect(page: str) -> str | None:
    """The target of a script that sends the reader on at once (`location.href = "…"`, `window.location = "…"`,
    `location.replace("…")`), in a small page only: a stub whose visible text is at most SCRIPT_REDIRECT_MAX_TEXT
    characters. A real page's scripts often assign `location` in a click handler; a stub has nothing else."""
    scripts = [m.group("code") for m in _SCRIPT.finditer(page) if "src=" not in m.group("attrs").lower()]
    if not scripts or len(visible_text(page)) > SCRIPT_REDIRECT_MAX_TEXT:
        return None
    for code in scripts:
        found = _SCRIPT_REDIRECT.search(code)
        if found:
            return html.unescape(found.group("url")).strip() or None
    return None


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: scripts, styles, comments and tags removed, spaces collapsed."""
    return _text(_SCRIPT.sub(" ", _STYLE.sub(" ", _COMMENT.sub(" ", page))))


SKETCH_WORDS = 16


def fingerprint(page: str, url: str = "") -> str:
    """What a page looks like, to compare it with the site's own 404 page: its title, how many distinct words
    its visible text has, and a sketch of them (the SKETCH_WORDS smallest CRC-32s), as `title|words|crc,crc,…`.
    Digits, and the words of `url` (the address asked for), are left out first: a "not found" page often repeats
    the path or a request id. Cheap on purpose: it is taken of every 2xx HTML page a run sees."""
    asked = set(_WORD.findall(_DIGITS.sub(" ", url.lower())))
    title = _TITLE.search(page)
    title_words = _DIGITS.sub(" ", _text(title.group(1)) if title else "").lower().split()
    title_text = " ".join(word for word in title_words if word.strip(".,:;!?-–—|/()") not in asked)[:120]
    words = set(_WORD.findall(_DIGITS.sub(" ", visible_text(page).lower()))) - asked
    sketch = heapq.nsmallest(SKETCH_WORDS, {zlib.crc32(word.encode()) for word in words})
    return f"{title_text.replace('|', ' ')}|{len(words)}|{','.join(f'{crc:x}' for crc in sketch)}"


def fingerprint_words(fingerprint: str) -> int:
    """How many distinct words the fingerprinted page has."""
    try:
        return int(fingerprint.rsplit("|", 2)[1])
    except (ValueError, IndexError):
        return 0


def same_page(first: str, second: str) -> bool:
    """Whether two fingerprints are of one page: the same title, as many distinct words within 10 % (or 5), and
    word sketches that mostly agree (three quarters of the smaller one). A page without words is never the same
    as another: there is nothing to compare."""
    try:
        title_a, words_a, sketch_a = first.rsplit("|", 2)
        title_b, words_b, sketch_b = second.rsplit("|", 2)
        counts = int(words_a), int(words_b)
    except ValueError:
        return False
    crcs_a, crcs_b = set(filter(None, sketch_a.split(","))), set(filter(None, sketch_b.split(",")))
    if not crcs_a or not crcs_b:
        return False
    close = abs(counts[0] - counts[1]) <= max(5, 0.1 * max(counts))
    common = len(crcs_a & crcs_b) >= 0.75 * min(len(crcs_a), len(crcs_b))
    return title_a == title_b and close and common


def _text(fragment: str) -> str:
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", fragment))).strip()


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
    body_done = False
    while len(out) < limit and read < raw_limit:
        if inflater is not None and pending:
            chunk, pending = pending, b""
        else:
            if body_done:
                break
            chunk = raw.read(min(16384, raw_limit - read), decode_content=False)
            if not chunk:
                break
            read += len(chunk)
            # urllib3 counts down a Content-Length: at 0 the body is all here, and one more read would only
            # return b"" (most pages fit in one read, so that was half the reads).
            body_done = getattr(raw, "length_remaining", None) == 0
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

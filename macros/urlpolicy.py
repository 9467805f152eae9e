"""The one rule for which URLs the playbook accepts, shared by the validator, `make new` and the link checker.

A resource URL must name a public web page: http(s), a registered host name (at least two labels, no
trailing dot, ASCII only — an internationalised name is written in its punycode `xn--` form so homographs
show), no user name or password, no IP literal outside public unicast space in any spelling (dotted,
integer, octal, hex, IPv4-mapped IPv6…), nothing invisible (control, zero-width, bidi characters).

`url_problem` judges the text of a URL; `address_problem` and `resolve_public` judge where it really points
once resolved (at fetch time, and on every redirect); `normalise_url` is the form two URLs share when they name
the same page (for duplicate and shortener checks).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

# Hosts whose links hide their destination and can be re-pointed later (a common route to spam).
SHORTENER_HOSTS = frozenset(
    """bit.ly bitly.com tinyurl.com t.co goo.gl ow.ly is.gd buff.ly rebrand.ly cutt.ly shorturl.at tiny.cc
    lnkd.in rb.gy t.ly bl.ink s.id v.gd amzn.to fb.me trib.al dlvr.it shorte.st adf.ly bit.do mcaf.ee
    youtu.be tiny.one clck.ru qr.ae""".split()
)
# Query parameters that track a visitor and never change the page.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|si|_hsenc|_hsmi)$"
)
# Names that never reach the public web (RFC 6761, RFC 8375 and common private suffixes).
PRIVATE_SUFFIXES = frozenset(
    "localhost local localdomain internal intranet lan home corp private test invalid example onion arpa".split()
)
# Public DNS services that answer any name with the address written inside it (127.0.0.1.nip.io …).
WILDCARD_DNS = frozenset("nip.io sslip.io xip.io localtest.me lvh.me traefik.me fbi.com 1u.ms".split())
# Control (C0, DEL, C1), zero-width, bidi, line-separator, filler and tag characters: invisible, or reorder text.
INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\u2800\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
DEFAULT_PORTS = {"http": 80, "https": 443}


class UrlRefusedError(ValueError):
    """A URL (or the address it resolves to) is not a public web address; the message says why."""


def invisible_character(text: str) -> str | None:
    """The first control, zero-width or bidi character of `text`, named for a message (e.g. 'U+202E'), or None."""
    found = INVISIBLE.search(text)
    if not found:
        return None
    char = found.group()
    return f"U+{ord(char):04X}" + (f" {unicodedata.name(char)}" if unicodedata.name(char, "") else "")


def address_problem(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an IP address is not a public unicast address (loopback, private, link-local, reserved…), or None."""
    try:
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    except ValueError:
        return f"'{address}' is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and not (ip.is_loopback or ip.is_unspecified):
        # An IPv6 form that carries an IPv4 address is judged by the address it carries.
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is None and ip.packed[:12] == bytes(12):  # IPv4-compatible ::a.b.c.d (deprecated)
            inner = ipaddress.IPv4Address(ip.packed[12:])
        if inner is not None:
            return address_problem(inner)
        if ip.packed[:12] == bytes.fromhex("0064ff9b0000000000000000"):  # NAT64 64:ff9b::/96
            return address_problem(ipaddress.IPv4Address(ip.packed[12:]))
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address, not a public one"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def _ip_literal(host: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address | None, bool]:
    """(address, canonical) when `host` is an IP literal in any spelling the resolver accepts, else (None, True)."""
    try:
        ip = ipaddress.ip_address(host)
        return ip, True
    except ValueError:
        pass
    try:  # inet_aton reads 127.1, 2130706433, 0x7f.0.0.1, 0177.0.0.1 … just as curl and the C library do
        return ipaddress.IPv4Address(socket.inet_aton(host)), False
    except (OSError, ValueError):
        return None, True


def host_problem(host: str) -> str | None:
    """Why `host` (as written in a URL, lower-cased) is not a public host name, or None."""
    if not host:
        return "has no host name"
    if host.startswith("[") or ":" in host:
        host = host.strip("[]")
    ip, canonical = _ip_literal(host)
    if ip is not None:
        if not canonical:
            return f"host '{host}' is an IP address in an unusual spelling ({ip}) — use the site's name"
        reason = address_problem(ip)
        return f"host {reason} — use the site's public name" if reason else None
    if not host.isascii():
        try:
            puny = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"host '{host}' is not a valid internationalised name — copy the address again"
        return f"host '{host}' is not ASCII — write it in punycode as '{puny}' so look-alike letters show"
    if host.endswith("."):
        return f"host '{host}' ends in a dot — remove the trailing dot"
    labels = host.split(".")
    if len(labels) < 2:
        return f"host '{host}' is a single name, not a public domain — use the full address"
    bad = next((label for label in labels if not _LABEL.match(label)), None)
    if bad is not None:
        return f"host '{host}' has an invalid part '{bad}' (letters, digits and inner hyphens only)"
    if _NUMERIC_LABEL.match(labels[-1]):
        return f"host '{host}' looks like a number, not a domain name — use the site's name"
    if labels[-1] in PRIVATE_SUFFIXES or ".".join(labels[-2:]) == "home.arpa":
        return f"host '{host}' is a private or reserved name, not a public site"
    if ".".join(labels[-2:]) in WILDCARD_DNS:
        return f"host '{host}' is a wildcard-DNS name that can point anywhere — use the site's own name"
    return None


def url_problem(url: str) -> str | None:
    """Why `url` may not be a resource link (as one sentence with the fix), or None if it may."""
    if not isinstance(url, str):
        return "url must be text"
    return _url_problem(url)


@lru_cache(maxsize=65536)
def _url_problem(url: str) -> str | None:
    # Cached: a pure function of the text, asked by the validator and again for every card a URL appears on.
    invisible = invisible_character(url)
    if invisible:
        return f"url contains an invisible or control character ({invisible}) — retype the address"
    if any(ch.isspace() for ch in url):
        return "url contains a space — remove it or encode it as %20"
    if "\\" in url:
        return "url contains a backslash — browsers read it as '/'; copy the address again"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"url '{url}' cannot be parsed — copy it again from the browser's address bar"
    if parts.scheme not in ("http", "https") or not url[: len(parts.scheme) + 3].lower().endswith("://"):
        return (
            f"url must start with https:// (or http://), not '{parts.scheme}'"
            if parts.scheme
            else "url must start with https:// (or http://); it is not an absolute address"
        )
    if "@" in parts.netloc:
        return "url contains a user name or password — remove the part before '@'"
    if port is not None and port != DEFAULT_PORTS[parts.scheme]:
        return f"url names port {port} — link the site's public address on the default port"
    if "%" in parts.netloc:
        return "url host is percent-encoded — write the host name as plain text"
    host = parts.hostname or ""
    reason = host_problem(host)
    if reason:
        return f"url {reason}"
    short = host.removeprefix("www.")
    if short in SHORTENER_HOSTS:
        return f"'{short}' is a link shortener — use the full address the short link leads to"
    return None


def check_url(url: str) -> None:
    """Raise UrlRefusedError when `url_problem` finds a problem."""
    reason = url_problem(url)
    if reason:
        raise UrlRefusedError(reason)


def resolve_public(host: str, port: int, resolver=socket.getaddrinfo) -> list[str]:
    """The addresses `host` resolves to, all of them public; raises UrlRefusedError if any is not (DNS rebinding and
    names pointing into the private network are refused at fetch time, where the text check cannot see)."""
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise UrlRefusedError(f"host '{host}' cannot be resolved ({err})") from None
    addresses = sorted({info[4][0] for info in infos})
    if not addresses:
        raise UrlRefusedError(f"host '{host}' has no address")
    for address in addresses:
        reason = address_problem(address)
        if reason:
            raise UrlRefusedError(f"host '{host}' resolves to {reason} — not fetched")
    return addresses


def normalise_url(url: str) -> str:
    """The form two URLs share when they name the same page: scheme, `www.`, host case and trailing dot, default
    port, `//` runs and trailing slash in the path, percent-encoding of unreserved characters, fragment and
    tracking parameters do not count."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().lower()
    host = unquote(parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    if port and port not in DEFAULT_PORTS.values():
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", _decode_unreserved(parts.path)).rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k.lower())
    )
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def _decode_unreserved(path: str) -> str:
    """Decode %XX escapes of unreserved characters (letters, digits, -._~); upper-case the rest."""

    def fix(match: re.Match) -> str:
        char = chr(int(match.group(1), 16))
        return char if re.match(r"[A-Za-z0-9\-._~]", char) else match.group().upper()

    return re.sub(r"%([0-9A-Fa-f]{2})", fix, path)


def url_host(url: str) -> str:
    """The normalised host of `url` ('' when it has none): what shortener and host-policy checks compare."""
    return normalise_url(url).split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]

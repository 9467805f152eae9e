"""Turn one linkchecker result into one verdict from a fixed vocabulary, and explain it.

Verdicts (also documented in docs/about/link-health.md):
- ok          the page answered 2xx, with no redirect;
- redirected  it answered 2xx after one or more redirects (final_url says where); `suspect` when the redirect
              leaves the site, or sends a deep link to a home, login or search page;
- failing     404, 410, a name that no longer resolves, or a redirect loop — not yet for long enough to be dead;
- dead        failing for long enough (see macros of linkhealth.state) — decided from history, never from one run;
- failing     also a soft 404 (a 200 page whose title or first heading says "not found", or that looks the same
              as the site's own answer for a path that cannot exist) and a redirect into a non-public address
              (never followed) — heuristics, so never `hard`;
- transient   5xx, timeouts (including the total per-request deadline), refused or reset connections: may well
              recover;
- tls         the secure connection failed (expired, self-signed or wrong-name certificate, old protocol…), with
              the cause kept; counts towards dead like a transient failure, since readers hit it too;
- legal       451 Unavailable For Legal Reasons: blocked where the checker runs, says nothing about elsewhere,
              so never counted towards dead;
- blocked     401, 403 bot walls, 429 rate limits, 999, headers too large for the checker, and hosts the
              policy file names: says nothing about the page, so never counted towards dead.
300 Multiple Choices and 304 Not Modified say the page exists (RFC 9110 §15.4.1, §15.4.5): ok, with the
status kept. Client-side redirects (meta refresh, `Refresh:` header, a script setting `location` in a small page)
are followed and judged like HTTP ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from linkhealth.engine import RawResult, hostname_of

VERDICTS = ("ok", "redirected", "failing", "dead", "transient", "tls", "legal", "blocked")
MAX_DETAIL = 500
PROBLEM_VERDICTS = ("dead", "failing", "transient", "blocked")

_DNS_FAILURE = re.compile(
    r"NameResolutionError|Failed to resolve|Name or service not known|nodename nor servname|getaddrinfo failed|"
    r"No address associated with hostname|Temporary failure in name resolution",
    re.IGNORECASE,
)
_REDIRECT_LOOP = re.compile(r"TooManyRedirects|Exceeded \d+ redirects", re.IGNORECASE)
_LANDING_PATH = re.compile(
    r"^/?(index\.\w+)?$|/(log-?in|sign-?in|sign_in|auth|account|session|search)\b", re.IGNORECASE
)
_RETRY_AFTER = re.compile(r"Retry-After: ([^)]*)\)")
_TLS = re.compile(
    r"SSLError|SSLCertVerificationError|CERTIFICATE_VERIFY_FAILED|\[SSL[:\]]|TLSV1_ALERT|WRONG_VERSION", re.I
)
# linkchecker cuts long error texts ("…(_ssl.c:1..."), so a cause ends at "(", a quote, "..." or the end.
_END = r"\s*(?:\(|['\"]|\.\.\.|$)"
_TLS_CAUSE = re.compile(
    rf"(?P<verify>certificate verify failed: [^()\"']+?){_END}|"
    rf"(?P<name>[Hh]ostname mismatch, certificate is not valid for [^()\"]+?){_END}|"
    rf"\[SSL: [A-Z0-9_]+\] (?P<text>[^()\"']+?){_END}"
)
_OVERSIZED_HEADERS = re.compile(r"got more than \d+ headers|LineTooLong|header line|line too long", re.I)
BLOCKING_STATUSES = {401, 403, 429, 999}


@dataclass
class HostRule:
    host: str
    action: str  # "blocked": failures count as blocked; "skip": not requested at all
    reason: str


@dataclass
class HostPolicy:
    rules: dict[str, HostRule] = field(default_factory=dict)
    # url -> its rule: a run asks for each URL's rule twice or more (0.2 s of CPU at 10 000 URLs)
    _found: dict[str, HostRule | None] = field(default_factory=dict, repr=False, compare=False)

    def rule_for(self, url: str) -> HostRule | None:
        try:
            return self._found[url]
        except KeyError:
            pass
        host = hostname_of(url)
        rule = None
        while host:
            if host in self.rules:
                rule = self.rules[host]
                break
            host = host.partition(".")[2]
        self._found[url] = rule
        return rule


class PolicyError(ValueError):
    pass


def load_policy(path: Path | None) -> HostPolicy:
    """Read the host policy file: a list of {host, action, reason}. Every entry must give its reason."""
    if path is None or not path.exists():
        return HostPolicy()
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise PolicyError(f"{path}: not valid YAML: {err}") from None
    rules = {}
    for number, entry in enumerate(document.get("hosts", []), 1):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("host", "action", "reason")):
            raise PolicyError(f"{path}: entry {number} needs text fields host, action and reason")
        if entry["action"] not in ("blocked", "skip"):
            raise PolicyError(f"{path}: entry {number}: action must be 'blocked' or 'skip', not '{entry['action']}'")
        if len(entry["reason"].strip()) < 10:
            raise PolicyError(f"{path}: entry {number} ({entry['host']}): give the reason in a sentence")
        rules[entry["host"].lower()] = HostRule(entry["host"].lower(), entry["action"], entry["reason"].strip())
    return HostPolicy(rules)


@dataclass
class Check:
    """The verdict on one URL from one run (before history turns `failing` into `dead`)."""

    url: str
    verdict: str
    http_status: int | None
    final_url: str
    detail: str
    suspect: bool = False
    retry_after: float | None = None
    hard: bool = False  # failing for a reason that history can turn into dead quickly (404/410/DNS/loop)


def _site(host: str) -> str:
    parts = host.lower().removeprefix("www.").split(".")
    return ".".join(parts[-2:])


def suspect_reason(url: str, final_url: str) -> str | None:
    """Why a redirect looks like the resource is gone, or None if it looks like a plain move."""
    start, end = urlsplit(url), urlsplit(final_url)
    if _site(start.hostname or "") != _site(end.hostname or ""):
        return f"redirects to another site ({end.hostname})"
    deep = start.path.strip("/") != ""
    if deep and _LANDING_PATH.search(end.path or "/") and end.path.rstrip("/") != start.path.rstrip("/"):
        return "a deep link now lands on a home, login or search page"
    return None


def _retry_after(raw: RawResult) -> float | None:
    text = raw.warning("http-rate-limited") or ""
    match = _RETRY_AFTER.search(text)
    if not match:
        return None
    value = match.group(1).strip()
    return float(value) if re.fullmatch(r"\d+(\.\d+)?", value) else None


def tls_cause(text: str) -> str:
    """The reason a TLS handshake failed, as OpenSSL put it (e.g. 'certificate verify failed: self-signed
    certificate'), or the start of the error when no reason can be picked out."""
    found = _TLS_CAUSE.search(text)
    if found:
        return (found.group("verify") or found.group("name") or found.group("text")).strip()
    return text.split("(Caused by")[-1].strip(" ()")[:300] or "TLS handshake failed"


def classify(raw: RawResult, policy: HostPolicy | None = None) -> Check:
    if raw.unchecked:
        return Check(raw.url, "unchecked", None, raw.url, raw.unchecked)
    status = raw.http_status
    rule = policy.rule_for(raw.url) if policy else None

    def check(verdict: str, detail: str, **extra) -> Check:
        if rule and rule.action == "blocked" and verdict in ("failing", "transient") and not extra.get("dns"):
            return Check(raw.url, "blocked", status, raw.final_url, f"{detail} (host policy: {rule.reason})")
        extra.pop("dns", None)
        return Check(raw.url, verdict, status, raw.final_url, detail, **extra)

    soft = raw.warning("soft-404")
    if soft and status is not None and 200 <= status < 300 and raw.valid:
        where = f" (after redirects, at {raw.final_url})" if raw.redirects and raw.final_url != raw.url else ""
        return check("failing", soft[:MAX_DETAIL] + where)
    if status in (300, 304) and raw.valid:
        meaning = "several versions are offered" if status == 300 else "the server says the page is unchanged"
        return check("ok", f"{raw.result.strip()[:200]} — {meaning}: the page exists")
    if status is not None and 200 <= status < 300 and raw.valid:
        if raw.redirects and raw.final_url != raw.url:
            reason = suspect_reason(raw.url, raw.final_url)
            detail = f"redirected to {raw.final_url}" + (f" — suspect: {reason}" if reason else "")
            return check("redirected", detail, suspect=reason is not None)
        return check("ok", raw.result)
    if status in BLOCKING_STATUSES:
        return Check(raw.url, "blocked", status, raw.final_url, raw.result.strip(), retry_after=_retry_after(raw))
    if status == 451:
        return Check(
            raw.url,
            "legal",
            status,
            raw.final_url,
            f"{raw.result.strip()[:200]} — blocked for legal reasons where the checker runs",
        )
    if status in (404, 410):
        return check("failing", raw.result.strip()[:MAX_DETAIL], hard=True)
    if status is not None and status >= 500:
        return check("transient", raw.result.strip()[:MAX_DETAIL])
    if status is not None:
        return check("transient", f"unexpected status {raw.result.strip()[:MAX_DETAIL]}")
    if _DNS_FAILURE.search(raw.result):
        return check("failing", "the host name does not resolve (DNS failure)", hard=True, dns=True)
    if _REDIRECT_LOOP.search(raw.result):
        return check("failing", "redirect loop", hard=True)
    if _TLS.search(raw.result):
        return Check(raw.url, "tls", None, raw.final_url, f"TLS failed: {tls_cause(raw.result)}"[:MAX_DETAIL])
    if _OVERSIZED_HEADERS.search(raw.result):
        detail = "the server's headers are too large for the checker (not counted against the link)"
        return Check(raw.url, "blocked", None, raw.final_url, detail)
    if "InvalidURL: not requested: " in raw.result:
        reason = raw.result.split("InvalidURL: not requested: ", 1)[1].strip()
        return check("failing", f"leads to a non-public address, not requested: {reason[:200]}", suspect=True)
    return check("transient", raw.result.split("(Caused by")[0].strip()[:200] or "no answer")

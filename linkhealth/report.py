"""The outputs of a run: JSON results (one object per URL) and a Markdown report for people."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from urllib.parse import quote

from linkhealth.state import UrlState, state_fields
from linkhealth.verdict import VERDICTS

SECTIONS = [
    ("dead", "Dead", "Failing for long enough to count as gone. Replace the URL, or link the archived copy."),
    ("failing", "Failing", "404, 410, soft 404, DNS failure or redirect loop, not yet for long enough to be dead."),
    ("redirected", "Redirected", "Update these to their final address; suspect ones may no longer be the resource."),
    ("transient", "Transient", "Server errors and timeouts; usually recover by themselves."),
    ("tls", "TLS failures", "The secure connection fails (certificate expired, self-signed or for another name)."),
    ("legal", "Unavailable for legal reasons", "451 where the checker runs. Says nothing about elsewhere."),
    ("blocked", "Blocked", "The site refused the checker (bot wall, rate limit). Says nothing about the page."),
    ("unchecked", "Unchecked", "The run ended (budget spent) before these were checked; their history is unchanged."),
]


MAX_DETAIL = 300
# Every character that can start Markdown (CommonMark + GitHub): emphasis, code, links, images, tables, headings,
# HTML, entities, task lists, strikethrough, autolinks. `@` and `#` are defused too: GitHub turns `@name` into a
# notification and `#12` into a cross-reference when the report lands in the tracking issue.
# Bare `http://…` and `www.…` are defused because GitHub would make them links.
_MARKDOWN = re.compile(r"[\\`*_{}\[\]<>#+|~&$@]|(?<=[a-zA-Z]):(?=//)|(?i:(?<=www)\.)")
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def md_text(text: object, limit: int = MAX_DETAIL) -> str:
    """A string from a server (reason phrase, error text, URL) as inert Markdown on one line: control, bidi and
    zero-width characters dropped, line breaks made spaces, every Markdown/HTML metacharacter written as a
    numeric character reference (it then shows as itself, in a table cell too), at most `limit` characters."""
    clean = "".join(
        " " if char in "\r\n\t\v\f\u2028\u2029\x85" else char
        for char in str(text)
        if char in "\r\n\t\v\f\u2028\u2029\x85" or unicodedata.category(char) not in _HIDDEN
    )
    clean = re.sub(r" {2,}", " ", clean).strip()
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return _MARKDOWN.sub(lambda m: f"&#{ord(m.group())};", clean)


def md_url(url: str) -> str:
    """A URL as a Markdown autolink that cannot break out: anything outside the URL-safe set is %-encoded, so
    `>`, spaces, quotes and backticks from a server cannot end the link or start markup."""
    if not re.match(r"(?i)^https?://", url or ""):
        return md_text(url or "—")
    safe = quote(url[:2000], safe="/:?&=%#;,+-._~!$'()*[]@")
    return f"<{safe.replace('@', '%40')}>"


def results_json(results: dict[str, UrlState], resources: dict[str, str]) -> list[dict]:
    return [{"url": url, "resource": resources.get(url), **state_fields(state)} for url, state in results.items()]


def markdown_report(results: dict[str, UrlState], resources: dict[str, str], checked_at: str, seconds: float) -> str:
    counts = Counter(state.verdict for state in results.values())
    lines = [
        "# Link health report",
        "",
        f"Checked {len(results)} URL(s) at {md_text(checked_at)} in {seconds:.0f} s.",
        "",
        "| Verdict | URLs |",
        "| --- | ---: |",
        *(f"| {verdict} | {counts.get(verdict, 0)} |" for verdict in VERDICTS),
        *([f"| unchecked | {counts['unchecked']} |"] if counts.get("unchecked") else []),
        "",
    ]
    for verdict, title, explanation in SECTIONS:
        rows = [(url, state) for url, state in results.items() if state.verdict == verdict]
        if verdict == "redirected":
            rows.sort(key=lambda row: not row[1].suspect)
        if not rows:
            continue
        lines += [f"## {title} ({len(rows)})", "", explanation, "", "| Resource | URL | Status | Details |"]
        lines.append("| --- | --- | --- | --- |")
        for url, state in rows:
            details = md_text(state.detail)
            if state.archive_url:
                details += f" — archived copy: {md_url(state.archive_url)}"
            if state.first_failure_at:
                details += f" — failing since {md_text(state.first_failure_at)}"
            resource = md_text(resources[url]) if resources.get(url) else "—"
            status = state.http_status if isinstance(state.http_status, int) else "—"
            lines.append(f"| {resource} | {md_url(url)} | {status} | {details} |")
        lines.append("")
    if not any(state.verdict in ("dead", "failing", "redirected") for state in results.values()):
        lines += ["No link needs attention.", ""]
    return "\n".join(lines)

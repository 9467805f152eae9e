"""The outputs of a run: JSON results (one object per URL) and a Markdown report for people."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from linkhealth.state import UrlState
from linkhealth.verdict import VERDICTS

SECTIONS = [
    ("dead", "Dead", "Failing for long enough to count as gone. Replace the URL, or link the archived copy."),
    ("failing", "Failing", "404, 410, DNS failure or redirect loop, not yet for long enough to be dead."),
    ("redirected", "Redirected", "Update these to their final address; suspect ones may no longer be the resource."),
    ("transient", "Transient", "Server errors and timeouts; usually recover by themselves."),
    ("blocked", "Blocked", "The site refused the checker (bot wall, rate limit). Says nothing about the page."),
]


def results_json(results: dict[str, UrlState], resources: dict[str, str]) -> list[dict]:
    return [{"url": url, "resource": resources.get(url), **asdict(state)} for url, state in results.items()]


def markdown_report(results: dict[str, UrlState], resources: dict[str, str], checked_at: str, seconds: float) -> str:
    counts = Counter(state.verdict for state in results.values())
    lines = [
        "# Link health report",
        "",
        f"Checked {len(results)} URL(s) at {checked_at} in {seconds:.0f} s.",
        "",
        "| Verdict | URLs |",
        "| --- | ---: |",
        *(f"| {verdict} | {counts.get(verdict, 0)} |" for verdict in VERDICTS),
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
            details = state.detail.replace("|", "\\|")
            if state.archive_url:
                details += f" — [archived copy]({state.archive_url})"
            if state.first_failure_at:
                details += f" — failing since {state.first_failure_at}"
            resource = f"`{resources[url]}`" if url in resources else "—"
            lines.append(f"| {resource} | <{url}> | {state.http_status or '—'} | {details} |")
        lines.append("")
    if not any(state.verdict in ("dead", "failing", "redirected") for state in results.values()):
        lines += ["No link needs attention.", ""]
    return "\n".join(lines)

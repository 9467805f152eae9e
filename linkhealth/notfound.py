"""Soft 404s that only show against the site's own "not found" page.

A site that answers 200 for every path (a catch-all) gives no status and often no words to go by: the page a
dead link lands on is whatever the site shows for a path that does not exist. So, for a host whose pages look
suspicious, one probe asks for a path that cannot exist, and a checked page that looks the same as that answer
(page.same_page: title, size and words, the asked-for path left out) is a soft 404.

Suspicious, so that the probe costs one request per host only where there is something to find:
- two different deep links of the host landed on one page (a catch-all shows this directly), or
- the host's only deep link in the run landed on a thin page (fewer than THIN_WORDS distinct words): a real
  article, course or paper page has more to say than a "Welcome" or "not found" page.
A host whose deep links landed on different pages is never probed, nor is a home page ever a soft 404.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from urllib.parse import urlsplit

from linkhealth import page
from linkhealth.engine import RawResult

THIN_WORDS = 40
FINGERPRINT_TAG = "page-fingerprint"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def pages_to_compare(results: dict[str, RawResult], verdicts: dict[str, str]) -> dict[str, list[str]]:
    """origin -> the URLs (answered ok or redirected, with a fingerprint) to compare with that origin's 404 page,
    for the suspicious origins only."""
    by_origin: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for url, result in results.items():
        found = result.warning(FINGERPRINT_TAG)
        if not found or verdicts.get(url) not in ("ok", "redirected"):
            continue
        landed = urlsplit(result.final_url)
        if not landed.path.strip("/"):
            continue  # a home page is never a soft 404
        by_origin[_origin(result.final_url)].append((url, landed.path, found))
    chosen = {}
    for origin, pages in by_origin.items():
        if len(pages) == 1:
            suspicious = page.fingerprint_words(pages[0][2]) < THIN_WORDS
        else:
            by_title: dict[str, list[tuple[str, str]]] = defaultdict(list)  # one page has one title: compare within
            for _, path, found in pages:
                by_title[found.rsplit("|", 2)[0]].append((path, found))
            suspicious = any(
                a_path != b_path and page.same_page(a_print, b_print)
                for group in by_title.values()
                for number, (a_path, a_print) in enumerate(group)
                for b_path, b_print in group[number + 1 :]
            )
        if suspicious:
            chosen[origin] = [url for url, _, _ in pages]
    return chosen


def probe_url(origin: str) -> str:
    """A path on `origin` that cannot exist (random, and says what it is to anyone reading the server's log)."""
    return f"{origin}/linkhealth-probe-{secrets.token_hex(6)}-no-such-page"


def soft_404_reason(result: RawResult, probe: RawResult) -> str | None:
    """Why the page of `result` is the site's own 404 page, or None when it is not (or the probe told nothing)."""
    mine, theirs = result.warning(FINGERPRINT_TAG), probe.warning(FINGERPRINT_TAG)
    if probe.unchecked or not mine or not theirs or not page.same_page(mine, theirs):
        return None
    answer = f"answers {probe.http_status}" if probe.http_status else "answers"
    return (
        f"Soft 404: the page answers 200 but looks the same as what the site {answer} for a path that does not "
        f"exist ({urlsplit(probe.url).path})"
    )

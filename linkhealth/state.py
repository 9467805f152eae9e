"""Per-URL history, kept in a machine-maintained JSON file apart from what contributors write.

A URL becomes `dead` only after consecutive failures that span at least DEAD_AFTER (404/410/DNS/loop) or
TRANSIENT_DEAD_AFTER (5xx, timeouts…), and it recovers by itself the first time it answers again. `blocked`
results neither extend nor break a streak: they say nothing about the page. When a URL newly turns dead, the
address of an archived copy (Wayback Machine) is recorded so the site can offer it.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from linkhealth.verdict import Check

DEAD_AFTER = timedelta(days=1)
DEAD_AFTER_CHECKS = 2
TRANSIENT_DEAD_AFTER = timedelta(days=7)
TRANSIENT_DEAD_AFTER_CHECKS = 3
STATE_VERSION = 1
WAYBACK_API = "https://archive.org/wayback/available"


class StateError(ValueError):
    pass


@dataclass
class UrlState:
    verdict: str
    http_status: int | None
    final_url: str
    checked_at: str
    detail: str
    suspect: bool = False
    first_failure_at: str | None = None
    failures: int = 0
    last_ok_at: str | None = None
    archive_url: str | None = None


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def load_state(path: Path | None) -> dict[str, UrlState]:
    if path is None or not path.exists():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return {url: UrlState(**entry) for url, entry in document.get("urls", {}).items()}
    except (ValueError, TypeError) as err:
        raise StateError(f"{path}: not a link-state file ({err}) — delete it to start afresh") from None


def save_state(path: Path, urls: dict[str, UrlState], now: datetime) -> None:
    document = {
        "version": STATE_VERSION,
        "updated_at": iso(now),
        "urls": {url: asdict(urls[url]) for url in sorted(urls)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def wayback_address(url: str, when: datetime, api: str | None = WAYBACK_API, timeout: float = 10.0) -> str:
    """The archived copy closest to `when`: asked of the availability API when one is given, else (or if it
    fails) the Wayback Machine's timestamped address, which redirects to the nearest snapshot."""
    stamp = when.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    if api:
        query = urllib.parse.urlencode({"url": url, "timestamp": stamp})
        try:
            with urllib.request.urlopen(f"{api}?{query}", timeout=timeout) as response:
                closest = json.load(response).get("archived_snapshots", {}).get("closest", {})
            if closest.get("available") and str(closest.get("url", "")).startswith(("http://", "https://")):
                return str(closest["url"]).replace("http://web.archive.org/", "https://web.archive.org/")
        except (OSError, ValueError):
            pass
    return f"https://web.archive.org/web/{stamp}/{url}"


def update(previous: UrlState | None, check: Check, now: datetime, wayback_api: str | None = WAYBACK_API) -> UrlState:
    """The URL's new state after this run's check."""
    stamp = iso(now)
    base: dict[str, Any] = {
        "http_status": check.http_status,
        "final_url": check.final_url,
        "checked_at": stamp,
        "detail": check.detail,
        "suspect": check.suspect,
        "last_ok_at": previous.last_ok_at if previous else None,
    }
    if check.verdict in ("ok", "redirected"):
        return UrlState(verdict=check.verdict, **{**base, "last_ok_at": stamp})
    if check.verdict == "blocked":
        keep = {k: getattr(previous, k) for k in ("first_failure_at", "failures", "archive_url")} if previous else {}
        return UrlState(verdict="blocked", **base, **keep)
    first = previous.first_failure_at if previous and previous.first_failure_at else stamp
    failures = (previous.failures if previous else 0) + 1
    span = now - parse_time(first)
    if check.hard:
        dead = failures >= DEAD_AFTER_CHECKS and span >= DEAD_AFTER
    else:
        dead = failures >= TRANSIENT_DEAD_AFTER_CHECKS and span >= TRANSIENT_DEAD_AFTER
    verdict = "dead" if dead else check.verdict
    archive = previous.archive_url if previous else None
    if dead and not archive:
        seen = parse_time(previous.last_ok_at) if previous and previous.last_ok_at else parse_time(first)
        archive = wayback_address(check.url, seen, wayback_api)
    return UrlState(verdict=verdict, first_failure_at=first, failures=failures, archive_url=archive, **base)

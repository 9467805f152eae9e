"""Per-URL history, kept in a machine-maintained JSON file apart from what contributors write.

A URL becomes `dead` only after consecutive failures that span at least DEAD_AFTER (404/410/DNS/loop) or
TRANSIENT_DEAD_AFTER (5xx, timeouts…), and it recovers by itself the first time it answers again. `blocked`
results neither extend nor break a streak: they say nothing about the page. When a URL newly turns dead, the
address of an archived copy (Wayback Machine) is recorded so the site can offer it.

The file is read tolerantly (an unusable entry is reported and reset, never the whole history; the rule is
macros/linkstate.py's, the one the site uses) and written atomically under a lock: a temporary file, fsync,
rename, with the entries another run saved meanwhile merged in, so a crash never truncates the history and two
runs never lose each other's results.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from linkhealth.verdict import Check
from macros.linkstate import read_state_document

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


_STATE_FIELDS = set(UrlState.__dataclass_fields__)


def state_fields(state: UrlState) -> dict:
    """The fields of `state` as a dict, in field order: dataclasses.asdict without its deep copy, which finds only
    scalars here (a third of a 10 000-URL run's output time)."""
    return dict(vars(state))


def load_state(
    path: Path | None, now: datetime | None = None, warnings: list[str] | None = None
) -> dict[str, UrlState]:
    """The history by URL. Unusable entries are left out (so the URL starts afresh) and described in
    `warnings`; StateError only when the file as a whole is not a state file (not JSON, not an object)."""
    if path is None or not (path.exists() or path.is_symlink()):
        return {}
    document, reasons = read_state_document(path, str(path), now or datetime.now(UTC))
    if document is None:
        raise StateError(f"{path}: not a link-state file ({reasons[0]}) — move it aside to start afresh")
    if warnings is not None:
        warnings.extend(reasons)
    return {url: _entry(entry) for url, entry in document["urls"].items()}


def _entry(entry: dict[str, Any]) -> UrlState:
    values = {key: entry.get(key) for key in _STATE_FIELDS}
    values.update(
        detail=entry.get("detail", ""),
        final_url=entry.get("final_url") or "",
        suspect=entry.get("suspect", False),
        failures=entry.get("failures", 0),
    )
    return UrlState(**values)


@contextlib.contextmanager
def state_lock(path: Path):
    """An exclusive lock on `path` for a read-merge-write (a sibling `.lock` file; released on exit)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once: a temporary file in the same folder, fsync, rename, fsync."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def save_state(path: Path, urls: dict[str, UrlState], now: datetime, keep=None) -> None:
    """Write the history: `urls` merged, under the lock, with what is on disk now (for a URL in both, the newer
    check wins). `keep(url)` says which URLs only on disk stay (default: all; a full run keeps only the URLs
    still in the dataset)."""
    with state_lock(path):
        try:
            current = load_state(path, now)
        except StateError:
            current = {}
        merged = {url: state for url, state in current.items() if keep is None or keep(url)}
        for url, state in urls.items():
            other = merged.get(url)
            if other is None or _newer_or_same(state.checked_at, other.checked_at):
                merged[url] = state
        document = {
            "version": STATE_VERSION,
            "updated_at": iso(now),
            "urls": {url: state_fields(merged[url]) for url in sorted(merged)},
        }
        write_atomic(path, json.dumps(document, indent=1, ensure_ascii=False) + "\n")


def _newer_or_same(ours: str, theirs: str) -> bool:
    try:
        return parse_time(ours) >= parse_time(theirs)
    except (TypeError, ValueError):
        return True


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
    if check.verdict in ("blocked", "legal"):  # says nothing about the page: the streak neither grows nor breaks
        keep = {k: getattr(previous, k) for k in ("first_failure_at", "failures", "archive_url")} if previous else {}
        return UrlState(verdict=check.verdict, **base, **keep)
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

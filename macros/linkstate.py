"""Read the link checker's state file (state/link-health.json) for display: the site shows when each link was
last checked and what was found. The file is machine-maintained; the site never writes it.

The file is checked against data/schema/link-state.schema.json one entry at a time (the same rule the checker
uses when it reads its history): an entry with a wrong-typed or unknown field, or a time in the future, is
reported and left out, never the whole history, and never a traceback at build time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.source import MAX_FILE_BYTES, Problem, printable, read_capped

STATE_FILE = "state/link-health.json"
STATE_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "schema" / "link-state.schema.json"
MAX_STATE_BYTES = 64 * MAX_FILE_BYTES  # 16 MB: ~40 000 URLs
CLOCK_SKEW = timedelta(hours=1)  # a time later than now by more than this is refused
TIME_FIELDS = ("checked_at", "first_failure_at", "last_ok_at")
REFRESH = "the entry is ignored; the next `make links` run re-checks the URL and rewrites it"


@dataclass(frozen=True)
class LinkStatus:
    verdict: str
    checked_at: str
    http_status: int | None = None
    detail: str = ""
    suspect: bool = False
    first_failure_at: str | None = None
    archive_url: str | None = None
    final_url: str | None = None

    @property
    def checked_on(self) -> str:
        return self.checked_at[:10]


@dataclass(frozen=True)
class LinkState:
    updated_at: str | None
    urls: dict[str, LinkStatus]


@cache
def _schema() -> dict[str, Any]:
    return json.loads(STATE_SCHEMA.read_text(encoding="utf-8"))


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


@cache
def _entry_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # 70 ms to import: only when a state file is read

    schema = _schema()
    return Draft202012Validator({**schema["$defs"]["entry"], "$defs": schema["$defs"]})


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def future_time(text: object, now: datetime) -> bool:
    moment = _parse_time(text) if isinstance(text, str) else None
    return moment is not None and moment > now + CLOCK_SKEW


def entry_problems(entry: object, now: datetime) -> list[str]:
    """Why one URL's entry cannot be used (wrong-typed or unknown fields, times in the future); [] if it can."""
    found = []
    for error in sorted(_entry_validator().iter_errors(entry), key=lambda e: list(map(str, e.absolute_path))):
        where = ".".join(map(str, error.absolute_path))
        if error.validator == "additionalProperties":
            extra = sorted(set(entry) - set(error.schema.get("properties", {})))  # type: ignore[arg-type]
            found.append(f"unknown field '{printable(extra[0])}'")
        elif error.validator == "required":
            found.append(f"missing field '{next(k for k in error.validator_value if k not in error.instance)}'")
        else:
            found.append(f"{where or 'entry'}: {printable(repr(error.instance))[:60]} is not valid ({error.validator})")
    if isinstance(entry, dict):
        for field in TIME_FIELDS:
            if future_time(entry.get(field), now):
                found.append(f"{field} {printable(entry[field])[:40]} is in the future")
    return found


def read_state_document(path: Path, shown: str, now: datetime) -> tuple[dict[str, Any] | None, list[str]]:
    """The state file as (updated_at, {url: entry}) parts with unusable entries removed, and the reasons.
    Returns (None, [reason]) when the file as a whole cannot be read (not JSON, too large, not an object)."""
    raw, problem = read_capped(path, shown, MAX_STATE_BYTES)
    if raw is None:
        return None, [problem.message if problem else "cannot be read"]
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        return None, [f"is not valid JSON ({printable(err)[:80]})"]
    if not isinstance(document, dict):
        return None, ["must be a JSON object with `urls`"]
    reasons = []
    unknown = sorted(set(document) - set(_schema()["properties"]))
    reasons += [f"unknown top-level field '{printable(key)[:40]}' ignored" for key in unknown]
    version = document.get("version")
    if version is not None and (type(version) is not int or version < 1):
        reasons.append(f"version {printable(repr(version))[:20]} is not a whole number; ignored")
    updated = document.get("updated_at")
    if updated is not None and (not isinstance(updated, str) or _parse_time(updated) is None):
        reasons.append("updated_at is not an ISO-8601 time; ignored")
        updated = None
    elif future_time(updated, now):
        reasons.append(f"updated_at {printable(updated)[:40]} is in the future; ignored")
        updated = None
    urls = document.get("urls")
    if not isinstance(urls, dict):
        reasons.append(f"urls must be an object of URL → entry, not {type(urls).__name__}; no history kept")
        urls = {}
    kept = {}
    for url, entry in urls.items():
        found = entry_problems(entry, now)
        if found:
            reasons.append(f"entry for {printable(url)[:100]}: {'; '.join(found)} — {REFRESH}")
        else:
            kept[url] = entry
    return {"updated_at": updated, "urls": kept}, reasons


def load_link_state(root: Path, now: datetime | None = None) -> tuple[LinkState, list[Problem]]:
    """The checker's findings by URL; an absent file means no run yet. Every unusable part is a Problem naming
    the state file, and is left out of what the site shows."""
    path = root / STATE_FILE
    if not (path.exists() or path.is_symlink()):
        return LinkState(None, {}), []
    document, reasons = read_state_document(path, STATE_FILE, now or datetime.now(UTC))
    problems = [Problem(STATE_FILE, 1, f"link state {reason}") for reason in reasons]
    if document is None:
        problems = [Problem(STATE_FILE, 1, f"link state file {reasons[0]} — delete it; `make links` writes a new one")]
        return LinkState(None, {}), problems
    fields = set(LinkStatus.__dataclass_fields__)
    urls = {
        url: LinkStatus(**{k: v for k, v in entry.items() if k in fields}) for url, entry in document["urls"].items()
    }
    return LinkState(document["updated_at"], urls), problems

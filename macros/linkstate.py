"""Read the link checker's state file (state/link-health.json) for display: the site shows when each link was
last checked and what was found. The file is machine-maintained; the site never writes it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from macros.source import Problem

STATE_FILE = "state/link-health.json"


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


def load_link_state(root: Path) -> tuple[LinkState, list[Problem]]:
    """The checker's findings by URL; an absent file means no run yet, a broken one is a Problem."""
    path = root / STATE_FILE
    if not path.exists():
        return LinkState(None, {}), []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        fields = set(LinkStatus.__dataclass_fields__)
        urls = {
            url: LinkStatus(**{k: v for k, v in entry.items() if k in fields})
            for url, entry in document.get("urls", {}).items()
        }
        return LinkState(document.get("updated_at"), urls), []
    except (ValueError, TypeError, AttributeError) as err:
        return LinkState(None, {}), [
            Problem(STATE_FILE, 1, f"link state file cannot be read ({err}) — delete it; `make links` writes a new one")
        ]

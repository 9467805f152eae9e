"""MkDocs hook used only by bench/site.py for its "before" figures: the site as it was built before the search
index was shaped from data (issue 10). It puts the pre-rendered HTML blocks back, as macros/hooks.py does, but
gives Material's search plugin no entries and keeps nothing between rebuilds, so the plugin parses every
generated page, with its default word separator and field boosts."""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    for token, block in getattr(page, "playbook_blocks", {}).items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html

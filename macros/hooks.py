"""MkDocs hook (mkdocs.yml `hooks:`): put the HTML blocks that macros kept out of the Markdown parser back into
each page. A resource list is finished HTML already; sending it through Python-Markdown's HTML block parser
cost most of a large build. See `stash` in macros/main.py."""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    for token, block in getattr(page, "playbook_blocks", {}).items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html

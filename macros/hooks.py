"""MkDocs hook (mkdocs.yml `hooks:`): finish each page's HTML once Markdown is done.

1. The formulas of Markdown pages, marked by pymdownx.arithmatex, become MathML (macros/mathml.py), so pages need
   no maths JavaScript.
2. The HTML blocks that macros kept out of the Markdown parser go back into the page. A resource list is finished
   HTML already; sending it through Python-Markdown's HTML block parser cost most of a large build. See `stash`
   in macros/main.py. They come back after step 1, so data text is never scanned for page formulas."""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    # Imported here: MkDocs loads this file before mkdocs-macros puts the project on sys.path.
    from macros.mathml import render_page_maths

    html = render_page_maths(html)
    for token, block in getattr(page, "playbook_blocks", {}).items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html

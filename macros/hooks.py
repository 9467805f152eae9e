"""MkDocs hooks (mkdocs.yml `hooks:`), run after the plugins.

1. The formulas of Markdown pages, marked by pymdownx.arithmatex, become MathML (macros/mathml.py), so pages need
   no maths JavaScript.
2. Put the HTML blocks that macros kept out of the Markdown parser back into each page. A resource list is
   finished HTML already; sending it through Python-Markdown's HTML block parser cost most of a large build.
   See `stash` in macros/main.py. They come back after step 1, so data text is never scanned for page formulas.
3. Give Material's search plugin the entries of the pages generated from data (topic pages, resources, worked
   cases, rubric, listing pages) straight from the dataset, and keep its HTML parser off those pages
   (macros/search.py says why), and pack the index it writes (`search.pack`), with the rules the search worker
   rewrites queries by (`search.query_rules`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SEARCH_PLUGIN = "material/search"


def _dataset(config: Any):
    macros_plugin = config.plugins.get("macros")
    return getattr(macros_plugin, "playbook_dataset", None)


def on_config(config: Any, **kwargs: Any) -> Any:
    """Material's search splits words and weighs fields as macros/search.py says (one place for the rules)."""
    from macros import search

    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is not None and getattr(plugin, "search_index", None) is not None:
        for settings in (plugin.config, plugin.search_index.config):
            settings["separator"] = search.SEPARATOR
            settings["fields"] = {name: dict(spec) for name, spec in search.FIELDS.items()}
            settings["pipeline"] = list(search.PIPELINE)
    return config


def on_env(env: Any, config: Any, **kwargs: Any) -> Any:
    """Reuse the compiled theme templates between `make serve` rebuilds (see macros/cache.py)."""
    from macros.cache import THEME_TEMPLATES

    THEME_TEMPLATES.attach(env)
    return env


def on_page_content(html: str, page: Any, config: Any, **kwargs: Any) -> str:
    from macros import search  # importable once mkdocs-macros has loaded the package (hooks load first)
    from macros.mathml import render_page_maths

    html = render_page_maths(html)

    dataset = _dataset(config)
    if dataset is not None and SEARCH_PLUGIN in config.plugins and search.builds_entries(dataset, page.url):
        lead = search.lead_paragraph(html)  # before the data blocks go back in: the page's own prose
        title = search.heading(html) or page.title or ""
        page.playbook_search = search.page_entries(dataset, page.url, title, lead)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    for token, block in getattr(page, "playbook_blocks", {}).items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    return html


def on_page_context(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    entries = getattr(page, "playbook_search", None)
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if entries and plugin is not None and getattr(plugin, "search_index", None) is not None:
        plugin.search_index.entries.extend(entries)
    return context


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Pack the search index Material has just written (hooks run after the plugins)."""
    from macros import search

    path = Path(config.site_dir) / "search" / "search_index.json"
    if SEARCH_PLUGIN in config.plugins and path.is_file():
        index = search.query_rules(json.loads(path.read_text(encoding="utf-8")), _dataset(config))
        packed = search.pack(index)
        path.write_text(json.dumps(packed, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

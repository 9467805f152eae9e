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
4. In `make serve`, reuse every page whose inputs did not change since the last rebuild (macros/pagecache.py).
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

SEARCH_PLUGIN = "material/search"
# What a page's finished HTML is made from besides the page itself and the site configuration: our theme
# overrides and this package's code (the hooks below, the renderers), by contents; the installed theme and
# Markdown packages, by version (they do not change while `make serve` runs).
SITE_INPUTS = ("overrides", "macros")
THEME_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "mkdocs-macros-plugin")


def _dataset(config: Any):
    macros_plugin = config.plugins.get("macros")
    return getattr(macros_plugin, "playbook_dataset", None)


_serving = False
# Whether the loaded dataset may be kept for the next build (macros/cache.py reads it): "1" in `make serve`, "0"
# in a one-off build. An environment variable, because mkdocs-macros loads the dataset in its own `on_config`,
# which runs before this file's, and the package is not importable at `on_startup`.
REUSE_DATASET_ENV = "PLAYBOOK_REUSE_DATASET"


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    """Pages and the dataset are reused between rebuilds in `make serve` only (macros/pagecache.py,
    macros/cache.py). The package is not importable yet (mkdocs-macros puts it on the path in its `on_config`),
    so note the command here."""
    global _serving
    _serving = command == "serve"
    os.environ[REUSE_DATASET_ENV] = "1" if _serving else "0"


def on_config(config: Any, **kwargs: Any) -> Any:
    """Material's search splits words and weighs fields as macros/search.py says (one place for the rules)."""
    from macros import search
    from macros.cache import folders_digest
    from macros.pagecache import PAGES, digest, reuse_search_entries, reuse_theme_listing

    PAGES.enabled = _serving
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is not None and getattr(plugin, "search_index", None) is not None:
        for settings in (plugin.config, plugin.search_index.config):
            settings["separator"] = search.SEPARATOR
            settings["fields"] = {name: dict(spec) for name, spec in search.FIELDS.items()}
            settings["pipeline"] = list(search.PIPELINE)
        if PAGES.enabled:
            reuse_search_entries(plugin.search_index)
        _strip_only_where_needed(config.plugins, plugin)
    if PAGES.enabled:
        PAGES.start_build()
        from importlib.metadata import version

        reuse_theme_listing(config.theme, config.theme.custom_dir)

        root = Path(config.config_file_path).parent
        PAGES.site = digest(
            Path(config.config_file_path).read_bytes(),
            str(config.site_url),
            *(f"{name}=={version(name)}" for name in THEME_PACKAGES),
            folders_digest(root, SITE_INPUTS),
        )
    return config


# Material's search strips `data-search-…="…"` attributes from every page after indexing it, with a pattern that
# starts with an optional space, so the regex engine tries it at every character: a sixth of a `make serve`
# rebuild. The same pattern without the space starts with a literal, which the engine finds twenty times faster;
# where it finds nothing, Material's substitution would change nothing.
_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")


def _strip_only_where_needed(plugins: Any, plugin: Any) -> None:
    """Run Material's search `on_page_context` as it is on a page with an attribute to strip; on any other page
    do only its indexing step. Same entries, same HTML."""
    original = plugin.on_page_context

    def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if _SEARCH_ATTRIBUTE.search(page.content or ""):
            return original(context, page=page, config=config, nav=nav)
        if plugin.config.enabled:
            plugin.search_index.add_entry_from_context(page)
        return None

    events = plugins.events["page_context"]
    if original in events:
        events[events.index(original)] = on_page_context
        plugins._event_origins[on_page_context] = SEARCH_PLUGIN


# Site URL -> the names a page's front matter gives it for search (`search_names`), gathered as pages are built.
_PAGE_NAMES: dict[str, list[str]] = {}
_SECTION_BOOSTS: dict[str, float] = {}  # site URL -> its sections' search boost (`search_section_boost`)


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from macros.pagecache import PAGES, digest

    _PAGE_NAMES.clear()
    _SECTION_BOOSTS.clear()
    if PAGES.enabled:
        PAGES.files = digest(*sorted(file.src_uri for file in files))
    return files


def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    from macros.pagecache import PAGES

    PAGES.navigation = nav
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    """In `make serve`, a page whose Markdown (after the macros) and inputs are unchanged skips Python-Markdown."""
    from macros.pagecache import PAGES, restore

    if PAGES.enabled:
        macros_plugin = config.plugins.get("macros")
        nonce = getattr(macros_plugin, "playbook_nonce", "")
        blocks = getattr(page, "playbook_blocks", {})
        key = PAGES.body_key(page.file.src_uri, markdown, page.meta, blocks, nonce)
        body = PAGES.get_body(key)
        page.playbook_body_key = key
        if body is not None:
            page.playbook_body = body
            page.render = lambda config, files: restore(page, body, files)
    return markdown


def on_env(env: Any, config: Any, **kwargs: Any) -> Any:
    """Reuse the compiled theme templates between `make serve` rebuilds (see macros/cache.py), and in `make serve`
    the finished HTML of every page whose inputs did not change (macros/pagecache.py)."""
    from macros.cache import THEME_TEMPLATES
    from macros.pagecache import PAGES, CachedTemplate, nav_text

    THEME_TEMPLATES.attach(env)
    if PAGES.enabled:
        navigation = getattr(PAGES, "navigation", None)
        PAGES.nav = nav_text(navigation.items if navigation is not None else ())
        get_template = env.get_template

        def get_page_template(name: Any, *args: Any, **kwargs: Any) -> Any:
            template = get_template(name, *args, **kwargs)
            # Only MkDocs asks for a page's template by name; Jinja's own extends and includes never name main.html.
            return CachedTemplate(template, name) if name == "main.html" else template

        env.get_template = get_page_template
    return env


def on_page_content(html: str, page: Any, config: Any, **kwargs: Any) -> str:
    from macros import search  # importable once mkdocs-macros has loaded the package (hooks load first)
    from macros.mathml import render_page_maths
    from macros.pagecache import PAGES, Body

    body = getattr(page, "playbook_body", None)
    if body is not None:  # reused (on_page_markdown): the HTML below, as this hook made it last time
        if body.search is not None:
            page.playbook_search = body.search
        if body.meta_search is not None:
            page.meta["search"] = body.meta_search
        return body.content

    html = render_page_maths(html)

    dataset = _dataset(config)
    if dataset is not None and SEARCH_PLUGIN in config.plugins and search.builds_entries(dataset, page.url):
        lead = search.lead_paragraph(html)  # before the data blocks go back in: the page's own prose
        title = search.heading(html) or page.title or ""
        page.playbook_search = search.page_entries(dataset, page.url, title, lead)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    for token, block in getattr(page, "playbook_blocks", {}).items():
        html = html.replace(f"<p>{token}</p>", block, 1)
    key = getattr(page, "playbook_body_key", None)
    if PAGES.enabled and key is not None:
        links = page.links_to_anchors
        PAGES.put_body(
            key,
            Body(
                content=html,
                toc=copy.deepcopy(page.toc),
                title_from_render=page._title_from_render,
                present_anchor_ids=page.present_anchor_ids,
                links_to_anchors={file.src_uri: dict(v) for file, v in links.items()} if links is not None else None,
                search=getattr(page, "playbook_search", None),
                meta_search=page.meta.get("search"),
            ),
        )
    return html


def on_page_context(context: Any, page: Any, config: Any, **kwargs: Any) -> Any:
    from macros import search

    names = page.meta.get("search_names")
    boost = page.meta.get("search_section_boost")
    if names is not None or boost is not None:
        from mkdocs.exceptions import PluginError

        try:
            if names is not None:
                _PAGE_NAMES[page.url] = search.page_names(names, page.file.src_uri)
            if boost is not None:
                _SECTION_BOOSTS[page.url] = search.section_boost(boost, page.file.src_uri)
        except search.SearchFrontMatterError as err:
            raise PluginError(str(err)) from None
    entries = getattr(page, "playbook_search", None)
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if entries and plugin is not None and getattr(plugin, "search_index", None) is not None:
        plugin.search_index.entries.extend(entries)
    return context


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Pack the search index Material has just written (hooks run after the plugins)."""
    from macros import search
    from macros.pagecache import PAGES

    if PAGES.enabled:
        PAGES.end_build()
    path = Path(config.site_dir) / "search" / "search_index.json"
    if SEARCH_PLUGIN in config.plugins and path.is_file():
        index = search.apply_page_settings(json.loads(path.read_text(encoding="utf-8")), _PAGE_NAMES, _SECTION_BOOSTS)
        index = search.choose_keywords(index)
        index = search.query_rules(index, _dataset(config))
        packed = search.pack(index)
        path.write_text(json.dumps(packed, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")

"""Reuse whole pages between the rebuilds of one `make serve` (issue 10: a rebuild after a data edit under 1 s).

A data edit changes one or two pages, but MkDocs converts every page's Markdown and renders every page's theme
template again. This keeps, per page, three results, each under a digest of everything it is made from:

1. **The page's HTML body** (what Python-Markdown and macros/hooks.py make of it), keyed by the page's Markdown
   after the macros ran, its front matter, the blocks macros kept aside (`stash`), the list of files in the site
   (links resolve against it), the site configuration and the code of this package. A hit skips Python-Markdown
   and the formula conversion, and restores what MkDocs reads off a render (table of contents, title, anchors,
   links to other pages' anchors, so MkDocs still checks them) and the search entries the hook built.
2. **The finished HTML page** (the theme's template output), keyed by the body above and every other thing the
   theme shows: the page's title, address, front matter, table of contents, edit and canonical links, the pages
   before and after it, its tags, the whole navigation, and the theme's files (overrides/ included).
3. **Material's search entries** of a page its parser indexes (a hand-written page), keyed by the page's HTML,
   title, table of contents and front matter.

Only `make serve` (MkDocs' `serve` command) uses it; `make build` and every test build render everything, so
what CI publishes never depends on a cache. Nothing here imports MkDocs (STYLE.md): macros/hooks.py wires it in.
The build tests prove that a rebuild with the cache writes the same bytes as a fresh build of the edited sources.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def digest(*parts: str | bytes) -> str:
    """One digest of several parts (each length-prefixed, so no two different lists of parts collide)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little") + data)
    return hasher.hexdigest()


def meta_text(meta: dict[str, Any]) -> str:
    """Front matter as text for a key (values MkDocs did not parse from YAML are shown by their repr)."""
    return json.dumps(meta, sort_keys=True, default=repr)


@dataclass
class Body:
    """What a page's render and macros/hooks.py `on_page_content` left on the page."""

    content: str
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    search: Any
    meta_search: Any


@dataclass
class PageCache:
    """The two stores, and the parts of their keys that are the same for every page of one build."""

    enabled: bool = False
    site: str = ""  # site configuration, theme files and this package's code
    files: str = ""  # the site's file list
    nav: str = ""  # the navigation: every title and address, in order
    bodies: dict[str, Body] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    navigation: Any = None  # this build's Navigation (MkDocs' on_nav), read in on_env once titles are known
    used: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0

    def start_build(self) -> None:
        self.used = set()
        self.hits = self.misses = 0

    def end_build(self) -> None:
        """Forget what this build did not use (edited pages' old versions), so memory stays one site's worth."""
        self.bodies = {key: value for key, value in self.bodies.items() if key in self.used}
        self.pages = {key: value for key, value in self.pages.items() if key in self.used}
        self.search = {key: value for key, value in self.search.items() if key in self.used}
        self.navigation = None

    def body_key(self, src_uri: str, markdown: str, meta: dict[str, Any], blocks: dict[str, str], nonce: str) -> str:
        # The placeholders of kept-aside blocks carry a nonce that is new in every build: key without it.
        stable = markdown.replace(nonce, "") if nonce else markdown
        block_parts = [part for token, block in sorted(blocks.items()) for part in (token.replace(nonce, ""), block)]
        return digest("body", self.site, self.files, src_uri, stable, meta_text(meta), *block_parts)

    def page_key(self, template: str, page: Any, tags: Any) -> str:
        neighbours = [(p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page)]
        return digest(
            "page",
            self.site,
            self.nav,
            template,
            page.url,
            str(page.title),
            page.content or "",
            toc_text(page.toc),
            meta_text(page.meta),
            str(page.edit_url),
            str(page.canonical_url),
            repr(neighbours),
            repr([(getattr(tag, "name", tag), getattr(tag, "url", None)) for tag in tags or ()]),
        )

    def _get(self, store: dict[str, Any], key: str) -> Any:
        value = store.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def _put(self, store: dict[str, Any], key: str, value: Any) -> None:
        store[key] = value
        self.used.add(key)

    def get_body(self, key: str) -> Body | None:
        body = self._get(self.bodies, key)
        if body is not None:
            self.hits += 1
        else:
            self.misses += 1
        return body

    def put_body(self, key: str, body: Body) -> None:
        self._put(self.bodies, key, body)

    def get_page(self, key: str) -> str | None:
        return self._get(self.pages, key)

    def put_page(self, key: str, html: str) -> None:
        self._put(self.pages, key, html)

    def get_search(self, key: str) -> list[dict[str, Any]] | None:
        entries = self._get(self.search, key)
        return [dict(entry) for entry in entries] if entries is not None else None

    def put_search(self, key: str, entries: list[dict[str, Any]]) -> None:
        self._put(self.search, key, [dict(entry) for entry in entries])


def reuse_search_entries(index: Any) -> None:
    """Material's search parses each page's HTML into entries (`index`: its SearchIndex); a page whose HTML,
    contents and metadata did not change gives the same entries as last time."""
    parse = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        key = digest("search", page.url, str(page.title), page.content or "", toc_text(page.toc), meta_text(page.meta))
        entries = PAGES.get_search(key)
        if entries is not None:
            index.entries.extend(entries)
            return
        before = len(index.entries)
        parse(page)
        PAGES.put_search(key, index.entries[before:])

    index.add_entry_from_context = add_entry_from_context


def restore(page: Any, body: Body, files: Any) -> None:
    """Stand-in for `Page.render` on a reused page: set what a render sets, from the kept body."""
    page.content = body.content
    page.toc = copy.deepcopy(body.toc)  # plugins change a table of contents in place (Material's tags plugin)
    page._title_from_render = body.title_from_render
    page.present_anchor_ids = set(body.present_anchor_ids) if body.present_anchor_ids is not None else None
    if body.links_to_anchors is not None:
        linked = ((files.get_file_from_path(uri), links) for uri, links in body.links_to_anchors.items())
        page.links_to_anchors = {file: dict(links) for file, links in linked if file is not None}


class CachedTemplate:
    """The theme's page template, answering from PAGES for a page whose every shown input is unchanged. Anything
    but `render` goes to the real template."""

    def __init__(self, template: Any, name: str) -> None:
        self.template = template
        self.name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.template, attribute)

    def render(self, context: Any) -> str:
        page = context.get("page")
        if page is None or not PAGES.enabled:
            return self.template.render(context)
        key = PAGES.page_key(self.name, page, context.get("tags"))
        html = PAGES.get_page(key)
        if html is None:
            html = self.template.render(context)
            PAGES.put_page(key, html)
        return html


def toc_text(toc: Iterable[Any]) -> str:
    """A table of contents as text: every entry's title, anchor and level, nested."""

    def walk(items: Iterable[Any]) -> list[Any]:
        return [[item.title, item.url, item.level, walk(item.children)] for item in items]

    return json.dumps(walk(toc or ()))


def nav_text(items: Iterable[Any]) -> str:
    """The navigation as text: every section's and page's title and address, in order."""

    def walk(entries: Iterable[Any]) -> list[Any]:
        return [
            [
                type(entry).__name__,
                str(entry.title),
                getattr(entry, "url", None),
                walk(getattr(entry, "children", None) or ()),
            ]
            for entry in entries
        ]

    return json.dumps(walk(items))


def reuse_theme_listing(theme: Any, custom_dir: str | None) -> None:
    """MkDocs lists every file of the theme on every build to copy its static files (Material ships some 15 000
    icons, so the walk was a tenth of a rebuild). Keep the listing while the installed theme is the same and the
    names under our overrides folder are the same (a file added there is listed again)."""
    get_env = theme.get_env

    def get_env_reusing_listing() -> Any:
        env = get_env()
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            # MkDocs' filter is made from the theme's settings (static templates), part of the key.
            names = sorted(
                os.path.relpath(os.path.join(folder, name), custom_dir)
                for folder, _, files in os.walk(custom_dir or "")
                for name in files
            )
            settings = repr((sorted(theme.static_templates), extensions, filter_func is None))
            key = digest("theme", settings, *map(str, theme.dirs), *names)
            if key not in THEME_LISTINGS:
                THEME_LISTINGS[key] = list_templates(extensions=extensions, filter_func=filter_func)
            return list(THEME_LISTINGS[key])

        env.list_templates = listed
        return env

    theme.get_env = get_env_reusing_listing


THEME_LISTINGS: dict[str, list[str]] = {}
PAGES = PageCache()

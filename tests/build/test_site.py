"""Build level: a strict build of the real site, then assertions on its HTML and its search index."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros import render, richtext, search
from macros.dataset import load_dataset
from tests.build.htmlpage import card_anchors, catalogue, read_page, text_of


@pytest.fixture(scope="module")
def ds(real_root):
    return load_dataset(real_root)


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def test_every_round_page_lists_its_topics(built_site, ds):
    for round_ in ds.rounds:
        page = read_page(page_file(built_site, round_.url))
        assert page.h1 == [round_.title]
        hrefs = {link["href"] for link in page.links}
        for topic in ds.topics_by_round[round_.id]:
            assert f"{topic.id}/" in hrefs, f"{round_.id} does not link {topic.id}"


def test_every_topic_page_shows_its_summary_and_resources(built_site, ds):
    for topic in ds.topics.values():
        page = read_page(page_file(built_site, topic.url))
        assert page.h1 == [topic.title]
        assert text_of(richtext.render_block(topic.summary)) in page.text
        assert all(text_of(richtext.render_inline(probe)) in page.text for probe in topic.probes)
        hrefs = [link["href"] for link in page.links]
        for resource in ds.resources_by_topic[topic.id]:
            assert resource.url in hrefs, f"{topic.id} is missing {resource.id}"


def test_resources_page_holds_every_resource_with_an_anchor(built_site, ds):
    """The first page of cards is in the HTML; every card, those included, is in the page's card data, A–Z."""
    page = read_page(built_site / "resources" / "index.html")
    hrefs = [link["href"] for link in page.links]
    cards = catalogue(built_site)["cards"]
    assert [card["id"] for card in cards] == list(ds.resources)
    for resource, card in zip(ds.resources.values(), cards, strict=True):
        assert card["url"] == resource.url and card["title"] == resource.title
        assert card["recommended"] == resource.recommended
    first_page = list(ds.resources.values())[: render.RESOURCE_PAGE_SIZE]
    assert {i for i in page.ids if i.startswith("res-")} == {f"res-{r.id}" for r in first_page}
    assert all(r.url in hrefs for r in first_page)
    html = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert html.count("mip-badge--recommended") == sum(r.recommended for r in first_page)
    assert len(html) < 200_000, "the page ships one page of cards, not the whole list"


def test_quick_revision_and_further_reading(built_site, ds):
    quick = read_page(built_site / "resources" / "quick-revision" / "index.html")
    reading = read_page(built_site / "resources" / "further-reading" / "index.html")
    for resource in ds.resources.values():
        assert (resource.url in {lnk["href"] for lnk in quick.links}) is resource.quick_revision
        if resource.type == "paper" and not resource.quick_revision:
            assert resource.url in {lnk["href"] for lnk in reading.links}


def test_search_index_holds_every_topic_and_resource(built_site, ds):
    index = search.read_index(built_site)
    docs = index["docs"]
    titles_by_location = {d["location"]: d["title"] for d in docs}
    for topic in ds.topics.values():
        assert titles_by_location.get(topic.url) == topic.title, topic.id
    missing = [r.id for r in ds.resources.values() if f"resources/#res-{r.id}" not in titles_by_location]
    assert missing == []
    assert {"suggest", "highlight", "share"} <= {
        f.split(".")[1]
        for f in json.loads(
            re.search(
                r'<script id="__config" type="application/json">(.*?)</script>',
                (built_site / "index.html").read_text(encoding="utf-8"),
            ).group(1)
        )["features"]
        if f.startswith("search.")
    }


def test_navigation_lists_topics_in_data_order(built_site, ds):
    html = (built_site / "breadth" / "index.html").read_text(encoding="utf-8")
    positions = [html.find(f'href="{t.id}/"') for t in ds.topics_by_round["breadth"]]
    assert -1 not in positions and positions == sorted(positions)


def test_home_page_chart_is_drawn_from_data(built_site, ds):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
    assert svg.count('class="mip-chart__bar') == len(ds.rounds)
    for round_ in ds.rounds:
        assert f"{round_.title}: {round_.share_label}" in svg


def test_topic_pages_are_tagged_and_edit_their_data_file(built_site, ds):
    mappings = json.loads((built_site / "tags.json").read_text(encoding="utf-8"))["mappings"]
    tags_by_url = {m["item"]["url"]: set(m["tags"]) for m in mappings}
    for topic in ds.topics.values():
        assert ds.round(topic.round).title in tags_by_url[topic.url], topic.id
    tags_page = read_page(built_site / "about" / "tags" / "index.html")
    assert all(r.title in tags_page.text for r in ds.rounds if ds.topics_by_round[r.id])
    page = read_page(built_site / "breadth" / "nlp" / "index.html")
    edits = [link["href"] for link in page.links if "/edit/" in link["href"]]
    assert edits and edits[0].endswith("/edit/main/data/topics/nlp.yml")


def test_every_internal_link_and_anchor_resolves(built_site):
    # 404.html links with absolute site_url paths, since it is served at any depth.
    pages = {path: read_page(path) for path in built_site.rglob("*.html") if path.name != "404.html"}
    pages[built_site / "resources" / "index.html"].ids |= card_anchors(built_site)  # cards built on demand
    broken = []
    for path, page in pages.items():
        for link in page.links:
            href = link["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = path if not parts.path else (path.parent / unquote(parts.path))
            target = target / "index.html" if target.is_dir() else target
            target = Path(posixpath.normpath(target))
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} → {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(built_site)} → {href} (no such anchor)")
    assert broken == []


def test_pages_make_no_third_party_requests(built_site):
    """System fonts and no CDN scripts: the site works offline and leaks nothing to third parties."""
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(
            r'<script[^>]+src="https?://|<link[^>]+rel="(stylesheet|preconnect)"[^>]+href="https?://', html
        ), path


def test_pages_start_light_scripts_deferred_palette_and_search_index_ours(built_site):
    """The start-up work the theme overrides take off a page's first load (overrides/main.html, partials/palette.html):
    a Material upgrade that changes the markup they rely on fails here, not silently in the Lighthouse figures."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script src=\"([^\"]+)\"([^>]*)>", html)
    assert any("assets/javascripts/bundle." in src for src, _ in scripts)
    assert all("defer" in attrs for _, attrs in scripts), scripts
    assert 'data-md-component="palette"' not in html and '<form class="md-header__option" data-mip-palette>' in html
    assert "search_index" in html and "XMLHttpRequest.prototype" in html

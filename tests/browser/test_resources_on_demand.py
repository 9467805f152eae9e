"""Browser level: the resources page ships one page of cards and builds the rest from resources/cards.json.

The built cards must be the server template's cards (same elements, attributes and text), hostile card data must
stay text, and the page must stay light on a phone; the search index waits until the reader reaches for search.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from playwright.sync_api import Page, expect

from macros import render
from macros.dataset import load_dataset

# Set by the page script once a card is enabled or marked; not part of the card's markup.
SCRIPT_STATE = {"data-enabled", "data-status", "hidden"}


class _Shape(HTMLParser):
    """Markup as a list of elements, attributes and text with whitespace runs collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.items.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs if k not in SCRIPT_STATE))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.items.append((">", tag))

    def handle_endtag(self, tag):
        self.items.append((">", tag))

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data).strip()
        if text:
            self.items.append(("text", text))


def shape(html: str) -> list[tuple]:
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser.items


def open_catalogue(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#mip-catalogue[data-ready]")).to_be_attached()


def show_all(page: Page) -> None:
    for _ in range(40):  # bounded: a "Show more" that never hides fails the test instead of hanging it
        if not page.locator("#mip-show-more").is_visible():
            break
        page.click("#mip-show-more")


def test_first_load_is_one_page_of_cards_and_light_on_a_phone(phone: Page, site_url: str, built_site: Path):
    html = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    total = len(json.loads((built_site / "resources" / "cards.json").read_text(encoding="utf-8"))["cards"])
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(site_url + "resources/")
    assert phone.evaluate("document.getElementsByTagName('*').length") <= 2000
    assert len(re.findall(r'class="mip-resource[ "]', html)) == render.RESOURCE_PAGE_SIZE
    expect(phone.locator("#mip-filter-status")).to_have_text(
        f"Showing {render.RESOURCE_PAGE_SIZE} of {total} matching resources ({total} in all)."
    )
    expect(phone.locator("#mip-show-more")).to_be_visible()


def test_every_built_card_is_the_server_templates_card(page: Page, site_url: str, real_root: Path):
    ds = load_dataset(real_root)
    expected = render.render_resource_cards(ds, list(ds.resources.values()), "resources/", anchors=True)
    expected_cards = re.split(r'(?=<div class="mip-resource[ "])', expected.split(">", 1)[1].rsplit("</div>", 1)[0])
    expected_cards = [card for card in expected_cards if card.strip()]
    open_catalogue(page, site_url + "resources/")
    show_all(page)
    built = page.locator("#mip-results .mip-resource").evaluate_all("cards => cards.map(c => c.outerHTML)")
    assert len(built) == len(ds.resources) == len(expected_cards)
    for server, script in zip(expected_cards, built, strict=True):
        assert shape(script) == shape(server)


def test_a_built_card_works_in_place(page: Page, site_url: str, built_site: Path):
    cards = json.loads((built_site / "resources" / "cards.json").read_text(encoding="utf-8"))["cards"]
    late = [c for c in cards[render.RESOURCE_PAGE_SIZE :] if c["prepares"]][-1]
    open_catalogue(page, site_url + f"resources/#res-{late['id']}")
    card = page.locator(f"#res-{late['id']}")
    expect(card).to_be_in_viewport()
    card.locator("details.mip-prepares summary").click()
    expect(card.locator("details.mip-prepares")).to_have_attribute("open", "")
    expect(card.locator("details.mip-prepares li a").first).to_be_visible()
    card.locator("select").select_option("done")
    page.reload()
    expect(page.locator(f"#res-{late['id']} select")).to_have_value("done")
    expect(page.locator(f"#res-{late['id']} .mip-track")).to_have_attribute("data-status", "done")


def test_hostile_card_data_stays_text(page: Page, site_url: str, built_site: Path):
    data = json.loads((built_site / "resources" / "cards.json").read_text(encoding="utf-8"))
    payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    hostile = dict(data["cards"][0])
    hostile.update(
        id="zz-hostile",
        title=payload,
        url="javascript:window.pwned=3",
        description=payload,
        by=payload,
        topicLinks=[["javascript:window.pwned=4", payload]],
        prepares=["evil"],
        link={"verdict": "dead", "suspect": True, "text": payload, "archive": "javascript:window.pwned=5"},
    )
    data["cards"] = [hostile, *data["cards"]]
    data["questions"]["evil"] = [
        "javascript:window.pwned=6",
        [
            "x",
            ["script", {}, "window.pwned=7"],
            ["img", {"src": "x", "onerror": "window.pwned=8"}],
            ["a", {"href": "javascript:window.pwned=9", "onclick": "window.pwned=10"}, "a"],
            payload,
        ],
    ]
    page.route("**/resources/cards.json", lambda route: route.fulfill(json=data))
    open_catalogue(page, site_url + "resources/#res-zz-hostile")
    card = page.locator("#res-zz-hostile")
    expect(card).to_be_attached()
    card.locator("details.mip-prepares summary").click()
    assert card.locator("img, script, [onerror], [onclick]").count() == 0
    hrefs = card.locator("[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if not re.match(r"(https?://|\.\./)", h)], hrefs
    assert payload in card.locator(".mip-resource__title").inner_text()
    assert page.evaluate("window.pwned") is None


def test_the_search_index_waits_for_the_reader(page: Page, site_url: str):
    requested = []
    page.on("request", lambda r: requested.append(r.url) if "search_index.json" in r.url else None)
    page.goto(site_url + "breadth/nlp/")
    page.wait_for_timeout(500)
    assert requested == [], "no search index before the reader reaches for search"
    page.locator("input.md-search__input").click()
    page.keyboard.type("attention")
    expect(page.locator(".md-search-result__item").first).to_be_attached()
    assert len(requested) == 1

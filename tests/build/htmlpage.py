"""A small reader of built HTML pages for the build tests (standard library only)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[dict[str, str]] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self._in_h1 = False
        self._chunks: list[str] = []
        self._h1: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.page.links.append(values)
        if tag == "h1":
            self._in_h1, self._h1 = True, []
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.page.h1.append("".join(self._h1).strip().rstrip("¶").strip())
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._chunks.append(data)
        if self._in_h1:
            self._h1.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(" ".join(self._chunks).split())


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def text_of(fragment: str) -> str:
    """The text of an HTML fragment exactly as `read_page` reports a page's text, to look for it in a page."""
    reader = _Reader()
    reader.feed(str(fragment))
    reader.close()
    return reader.page.text


def catalogue(site: Path) -> dict:
    """The resources page's card data (resources/cards.json), from which the page script builds the cards that
    are not in its HTML."""
    return json.loads((site / "resources" / "cards.json").read_text(encoding="utf-8"))


def card_anchors(site: Path) -> set[str]:
    """Every resource card's anchor on the resources page: those in its HTML and those the script builds."""
    return {f"res-{card['id']}" for card in catalogue(site)["cards"]}

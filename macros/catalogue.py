"""The resources page's card data as JSON (resources/cards.json), so the page ships a dozen cards and the page
script builds the rest when the reader filters, pages or follows a link to one (docs/javascripts/playbook.js).

The data holds text, never markup: the script sets it with textContent and setAttribute, as autoescape does for
the server-rendered cards (macros/templates/resource_cards.html, the reference the browser tests compare with).
Practice-question titles are rich text; they travel as the element tree of their sanitised HTML
(richtext.render_inline), which the script rebuilds node by node. Only http(s) URLs are given as links.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from macros import mathml, richtext
from macros.dataset import Dataset
from macros.render import CARDS_FILE, COST_LABELS, TYPE_LABELS, is_http_url, link_label, relative_url

# The inline HTML richtext.render_inline produces; MathML's elements and attributes are macros/mathml.py's.
INLINE_ELEMENTS = ("a", "code", "em", "strong")
INLINE_ATTRIBUTES = ("href",)

PAGE_URL = "resources/"
__all__ = ["CARDS_FILE", "PAGE_URL", "catalogue_json", "inline_tree", "resource_catalogue"]

Tree = list  # [tag, {attr: value}, *children]; a child is a Tree or a text string


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Tree = ["", {}]
        self.stack: list[Tree] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node: Tree = [tag, {name: value or "" for name, value in attrs}]
        self.stack[-1].append(node)
        self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].append([tag, {name: value or "" for name, value in attrs}])

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(data)


def inline_tree(text: object) -> list:
    """Rich inline text as the children of its sanitised HTML: text strings and [tag, attrs, *children]."""
    builder = _TreeBuilder()
    builder.feed(str(richtext.render_inline(text)))
    builder.close()
    return builder.root[2:]


def _http_or_none(value: object) -> str | None:
    return value if is_http_url(value) else None


def resource_catalogue(dataset: Dataset) -> dict:
    """Every resource card's content, in the page's A–Z order, with the links relative to the resources page: what
    macros/templates/resource_cards.html shows, the labels and link-check phrase already worded."""

    def link(target: str) -> str:
        return relative_url(PAGE_URL, target)

    questions: dict[str, list] = {}
    cards = []
    for r in dataset.resources.values():
        status = dataset.links.urls.get(r.url)
        prepares = dataset.practice.questions_by_resource.get(r.id, ())
        for q in prepares:
            if q.id not in questions:
                questions[q.id] = [link(dataset.topics[q.topic].url + "#q-" + q.id), inline_tree(q.question)]
        by = (r.authors or "") + (", " if r.authors and r.year else "") + (str(r.year) if r.year else "")
        cards.append(
            {
                "id": r.id,
                "type": r.type,
                "cost": r.cost,
                "level": r.level,
                "typeLabel": TYPE_LABELS.get(r.type, r.type),
                "costLabel": COST_LABELS.get(r.cost, r.cost),
                "levelLabel": str(r.level).capitalize(),
                "rounds": [x.id for x in dataset.rounds_by_resource[r.id]],
                "topics": list(r.topics),
                "recommended": bool(r.recommended),
                "title": r.title,
                "url": _http_or_none(r.url),
                "by": by if (r.authors or r.year) else None,
                "description": r.description,
                "link": None
                if not status
                else {
                    "verdict": status.verdict,
                    "suspect": bool(status.suspect),
                    "text": f"{link_label(status)} · checked {status.checked_on}",
                    "archive": _http_or_none(status.archive_url) if status.verdict == "dead" else None,
                },
                "prepares": [q.id for q in prepares],
                "topicLinks": [
                    [link(dataset.topics[t].url), dataset.topics[t].title] for t in r.topics if t in dataset.topics
                ],
            }
        )
    return {
        # What the page script may rebuild from `questions`' trees (it refuses any other element or attribute).
        "markup": {
            "elements": sorted(INLINE_ELEMENTS),
            "mathml": sorted(mathml.ELEMENTS),
            "attributes": sorted({*INLINE_ATTRIBUTES, *mathml.ATTRIBUTES}),
        },
        "questions": questions,
        "cards": cards,
    }


def catalogue_json(dataset: Dataset) -> str:
    return json.dumps(resource_catalogue(dataset), ensure_ascii=False, separators=(",", ":"))

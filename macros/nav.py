"""Put every topic page in the site navigation, under its round, in the order data gives."""

from __future__ import annotations

from typing import Any

from macros.dataset import Dataset
from macros.render import theme_text


class NavError(ValueError):
    """mkdocs.yml's nav has no section for a round."""


def _section_items(entry: Any, index_page: str) -> list[Any] | None:
    """The item list of a nav section `{title: [...]}` whose items include `index_page`, else None."""
    if isinstance(entry, dict) and len(entry) == 1:
        items = next(iter(entry.values()))
        if isinstance(items, list) and index_page in items:
            return items
    return None


def add_topics_to_nav(nav: list[Any], dataset: Dataset) -> list[Any]:
    """Return a copy of `nav` where each round section (the one listing `<round>/index.md`) also lists the
    round's topic pages after the pages already there. mkdocs.yml stays short; adding a topic needs no nav edit."""
    result = []
    placed = set()
    for entry in nav:
        for round_ in dataset.rounds:
            items = _section_items(entry, f"{round_.id}/index.md")
            if items is not None:
                listed = {item for item in items if isinstance(item, str)}
                topics = [
                    {theme_text(t.title): t.page} for t in dataset.topics_by_round[round_.id] if t.page not in listed
                ]
                entry = {next(iter(entry)): [*items, *topics]}
                placed.add(round_.id)
                break
        result.append(entry)
    missing = [r.id for r in dataset.rounds if r.id not in placed]
    if missing:
        raise NavError(
            "mkdocs.yml: nav has no section for round(s) "
            + ", ".join(missing)
            + " — add e.g. `- ML Depth: [depth/index.md]`"
        )
    return result

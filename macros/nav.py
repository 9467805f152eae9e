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
    result = [_add_cases(entry, dataset) for entry in result]
    missing = [r.id for r in dataset.rounds if r.id not in placed]
    if missing:
        raise NavError(
            "mkdocs.yml: nav has no section for round(s) "
            + ", ".join(missing)
            + " — add e.g. `- ML Depth: [depth/index.md]`"
        )
    return result


CASES_INDEX = "system-design/cases/index.md"


def _add_cases(entry: Any, dataset: Dataset) -> Any:
    """Within `entry`, the section listing the worked-cases index also lists each case's page, in data order."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return entry
    title, items = next(iter(entry.items()))
    if not isinstance(items, list):
        return entry
    if CASES_INDEX in items:
        listed = {item for item in items if isinstance(item, str)}
        cases = [{theme_text(c.title): c.page} for c in dataset.practice.cases if c.page not in listed]
        return {title: [*items, *cases]}
    return {title: [_add_cases(item, dataset) for item in items]}

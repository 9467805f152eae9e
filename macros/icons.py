"""Icons from the SVG set bundled with the Material theme (templates/.icons/), inlined at build time: no emoji,
no font, no request. Only the package's files are read; nothing here imports MkDocs."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

from markupsafe import Markup

# What each resource type is drawn with (names in Material's bundled `material/` icon set).
TYPE_ICONS = {
    "course": "school",
    "book": "book-open-variant",
    "article": "file-document-outline",
    "video": "play-box-outline",
    "paper": "file-document-multiple-outline",
    "repo": "source-repository",
    "cheatsheet": "card-text-outline",
    "practice": "dumbbell",
    "tool": "tools",
}


class IconError(LookupError):
    """No icon of that name in the bundled set."""


@cache
def icon_folder() -> Path:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise IconError("the mkdocs-material package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"


@cache
def icon(name: str, set_name: str = "material") -> Markup:
    """The inline <svg> of icon `name`, decorative (aria-hidden), sized by CSS through class mip-icon."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        raise IconError(f"not an icon name: {name!r}")
    path = icon_folder() / set_name / f"{name}.svg"
    if not path.is_file():
        raise IconError(f"no icon {set_name}/{name} in {icon_folder()}")
    svg = path.read_text(encoding="utf-8").strip()
    return Markup(svg.replace("<svg ", '<svg class="mip-icon" aria-hidden="true" focusable="false" ', 1))


def type_icon(resource_type: str) -> Markup:
    return icon(TYPE_ICONS.get(resource_type, "file-document-outline"))

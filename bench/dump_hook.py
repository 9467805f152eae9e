"""MkDocs hook used only by bench/site.py: writes each page exactly as the Markdown parser receives it (macros
expanded, pre-rendered HTML blocks put back), and the final navigation, into BENCH_DUMP_DIR. Those files are the
"same pages written out as plain Markdown" that the macros build is compared with."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

DUMP = Path(os.environ["BENCH_DUMP_DIR"])


def on_config(config: Any, **kwargs: Any) -> None:
    DUMP.mkdir(parents=True, exist_ok=True)
    (DUMP / "nav.json").write_text(json.dumps(config["nav"]), encoding="utf-8")


@event_priority(-100)  # after mkdocs-macros has expanded the page
def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    text = markdown
    for token, block in getattr(page, "playbook_blocks", {}).items():
        text = text.replace(token, block, 1)
    meta = {key: value for key, value in page.meta.items() if key != "render_macros"}
    target = DUMP / "docs" / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\n{json.dumps(meta)}\n---\n\n" if meta else ""
    target.write_text(front + text, encoding="utf-8")
    return markdown

#!/usr/bin/env python3
"""Per-query report of the search query table on a built site: for each query, whether the expected result
came first or in the top five, the expected result and the five best results Chromium's real search shows.

    .venv/bin/mkdocs build --strict -d /tmp/site
    .venv/bin/python scripts/search_report.py /tmp/site [table.tsv ...] [--misses]

Judged exactly as tests/browser/test_search.py judges it (same reader, same rules)."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, QUIET_FLAGS  # noqa: E402
from tests.browser.test_search import TABLES, judge, query_table, run_query  # noqa: E402


def top_five(results: list[list[tuple[str, float]]]) -> list[str]:
    """The first five results as a reader sees them: each page with its best-scored entry."""
    shown = []
    for item in results[:5]:
        loc, score = max(item, key=lambda link: link[1])
        shown.append(f"{loc} ({score:.3g})")
    return shown


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site directory")
    parser.add_argument(
        "tables",
        type=Path,
        nargs="*",
        default=[path for path, _, _ in reversed(TABLES.values())],
        help="query tables (TSV)",
    )
    parser.add_argument("--misses", action="store_true", help="print only queries not right first")
    args = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        page.goto(url)
        page.locator("input.md-search__input").click()
        for table in args.tables:
            rows = query_table(table)
            first = five = 0
            for query, expected in rows:
                try:
                    results = run_query(page, query, url)
                except AssertionError:  # no result at all within the wait
                    results = []
                at_first, in_five = judge(results, expected)
                first += at_first
                five += in_five
                if args.misses and at_first:
                    continue
                mark = "1" if at_first else ("5" if in_five else "x")
                print(f"[{mark}] {query!r}  expected {' | '.join(expected)}")
                for n, shown in enumerate(top_five(results), 1):
                    print(f"      {n}. {shown}")
            print(
                f"== {table.name}: {first}/{len(rows)} first ({first / len(rows):.1%}), "
                f"{five}/{len(rows)} top five ({five / len(rows):.1%})\n"
            )
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

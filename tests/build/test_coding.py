"""Coding problems on the built site: each on its topic page with its anchor, highlighted code with the copy
button's markup, collapsed hints and solution, progress control and downloads; the downloads are written at
their stable URLs and listed on the Downloads page; the search index has an entry per problem."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from macros import search
from macros.dataset import load_dataset
from tests.build.htmlpage import read_page


@pytest.fixture(scope="module")
def ds(real_root):
    return load_dataset(real_root)


def _block(html: str, problem_id: str) -> str:
    """The HTML of one problem: from its heading to the next problem's heading (or the end)."""
    start = html.index(f'id="p-{problem_id}"')
    following = html.find('<h3 id="p-', start + 10)
    return html[start : following if following > 0 else len(html)]


def test_every_problem_is_on_its_coding_topic_page(built_site, ds):
    assert ds.problems
    for problem in ds.problems.values():
        page_file = built_site / problem.url.split("#")[0] / "index.html"
        assert problem.round == "coding"
        assert f"p-{problem.id}" in read_page(page_file).ids
        block = _block(page_file.read_text(encoding="utf-8"), problem.id)
        # Starter, solution and tests, each through Pygments as a fenced block would be (Material adds the copy
        # button to every `pre > code`).
        assert block.count('<div class="language-python highlight"><pre><span></span><code>') == 3, problem.id
        assert re.search(r'<details class="tip mip-problem__hints">\s*<summary>Hints', block)
        assert re.search(r'<details class="success mip-problem__solution">\s*<summary>Reference solution', block)
        assert f'data-track="problem:{problem.id}"' in block
        assert f'href="../../exports/coding/{problem.id}.py"' in block
        assert f'href="../../exports/coding/{problem.id}.ipynb"' in block
        assert '<span class="ne">NotImplementedError</span>' in block  # the starter, highlighted


def test_code_copy_is_enabled(real_root):
    assert "content.code.copy" in (real_root / "mkdocs.yml").read_text(encoding="utf-8")


def test_downloads_are_written_at_stable_urls(built_site, ds):
    for problem in ds.problems.values():
        starter = built_site / "exports" / "coding" / f"{problem.id}.py"
        assert starter.read_text(encoding="utf-8") == problem.starter
        notebook = nbformat.read(built_site / "exports" / "coding" / f"{problem.id}.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert notebook.cells[2].source == problem.starter.rstrip("\n")


def test_downloads_page_lists_every_problem(built_site, ds):
    html = (built_site / "resources" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'id="coding-problems"' in html
    for problem in ds.problems.values():
        assert f'href="../../exports/coding/{problem.id}.ipynb"' in html
        assert f'href="../../{problem.url}"' in html


def test_search_index_has_an_entry_per_problem(built_site, ds):
    index = search.read_index(built_site)
    locations = {doc["location"] for doc in index["docs"]}
    for problem in ds.problems.values():
        assert problem.url in locations, problem.id


def test_dataset_export_lists_the_problems(built_site, ds):
    exported = json.loads((built_site / "exports" / "dataset.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in exported["problems"]] == list(ds.problems)
    first = exported["problems"][0]
    assert first["url"].startswith("coding/") and first["starter"] and first["follow_ups"][0]["question"]


def test_coding_page_documents_local_practice(built_site):
    page = read_page(built_site / "coding" / "index.html")
    assert "practise-locally" in page.ids
    assert "make practice-check" in page.text and "make practice " in page.text

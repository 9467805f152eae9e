"""What the site shows and ships for each coding problem: code highlighted by the same Pygments path as the
Markdown's fenced blocks (pymdownx.highlight), and the downloads written at build time — the starter file and a
Jupyter notebook (nbformat) whose last cell runs the problem's tests against the functions defined in it."""

from __future__ import annotations

from functools import cache, lru_cache

import nbformat
from markupsafe import Markup
from nbformat import v4
from pymdownx.highlight import Highlight

from macros.coding import CodingProblem

# The notebook's tests take `impl` like the repository's; here it is the notebook's own namespace.
NOTEBOOK_CONFTEST = '''import sys

import pytest


@pytest.fixture
def impl():
    """The functions defined in the notebook (its __main__ module)."""
    return sys.modules["__main__"]
'''
PASS_MESSAGE = "All tests pass."
FAIL_MESSAGE = "Some tests fail: read the report above, edit your code and run this cell again."


@cache
def _highlighter() -> Highlight:
    # Same options as `pymdownx.highlight` in mkdocs.yml (its defaults), so the theme's CSS and copy button apply.
    return Highlight(None, language_prefix="language-")


@lru_cache(maxsize=1024)
def highlight_python(source: str) -> Markup:
    """A Python source file as the same highlighted HTML a ```python fenced block gets (Pygments escapes it).
    Cached: Pygments is the slowest step of a `make serve` rebuild, and the sources rarely change."""
    return Markup(_highlighter().highlight(source, "python", classes=["language-python"]))


def _literal(text: str) -> str:
    """A Python literal for `text` that reads like the file it holds: a raw triple-quoted string when that is
    exact, else repr()."""
    if "'''" not in text and text.endswith("\n") and "\r" not in text:
        return "r'''" + text + "'''"
    return repr(text)


def notebook_test_cell(problem: CodingProblem) -> str:
    """Source of the notebook cell that runs the problem's pytest file against the notebook's functions."""
    return f"""# Runs the tests of {problem.source_dir}/ against the functions defined above (needs numpy and pytest).
import pathlib
import tempfile

import pytest

TESTS = {_literal(problem.tests)}
CONFTEST = {_literal(NOTEBOOK_CONFTEST)}

with tempfile.TemporaryDirectory() as folder:
    pathlib.Path(folder, "conftest.py").write_text(CONFTEST, encoding="utf-8")
    pathlib.Path(folder, {problem.test_file!r}).write_text(TESTS, encoding="utf-8")
    exit_code = pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", folder, folder])
print({PASS_MESSAGE!r} if exit_code == 0 else {FAIL_MESSAGE!r})
"""


@lru_cache(maxsize=1024)  # a problem is a frozen value: an unchanged one is not rebuilt on `make serve` rebuilds
def problem_notebook(problem: CodingProblem, page_url: str = "") -> str:
    """The problem as a Jupyter notebook (nbformat 4, validated): statement, starter cell, test cell."""
    intro = f"# {problem.title}\n\n*{problem.difficulty.capitalize()} · about {problem.minutes} minutes*"
    if page_url:
        intro += f" · [hints, solution and follow-ups on ML Interview Playbook]({page_url})"
    notebook = v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    notebook.cells = [
        v4.new_markdown_cell(f"{intro}\n\n{problem.statement}"),
        v4.new_markdown_cell("## Your code\n\nFill in the functions below, then run the test cell."),
        v4.new_code_cell(problem.starter.rstrip("\n")),
        v4.new_markdown_cell("## Tests\n\nThe same tests the repository runs against the reference solution."),
        v4.new_code_cell(notebook_test_cell(problem).rstrip("\n")),
    ]
    # Stable cell ids (nbformat's are random), so every build writes the same bytes.
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"{problem.id}-{number}"[-64:]
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def coding_exports(problems: dict[str, CodingProblem], site_url: str = "") -> dict[str, str]:
    """Relative path under the site → content: each problem's starter file and notebook."""
    files = {}
    for problem in problems.values():
        files[problem.starter_download] = problem.starter
        files[problem.notebook_download] = problem_notebook(problem, site_url + problem.url if site_url else "")
    return files

"""macros.coding_site: code is highlighted like a fenced block, and the generated notebook is valid and its test
cell really runs the problem's tests against the notebook's own functions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import latex2mathml.converter
import nbformat
import pytest

from macros import richtext
from macros.coding_site import FAIL_MESSAGE, PASS_MESSAGE, coding_exports, highlight_python, problem_notebook
from macros.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def problems():
    return load_dataset(ROOT).problems


def test_highlighted_code_is_escaped_and_styled_like_a_fenced_block():
    html = highlight_python('x = "<script>alert(1)</script>"\n\n\ny = 2\n')
    assert html.startswith('<div class="language-python highlight"><pre><span></span><code>')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\n\n\n" in html  # blank lines inside the code survive


def test_notebook_is_valid_and_holds_statement_starter_and_tests(problems):
    problem = next(iter(problems.values()))
    notebook = nbformat.reads(problem_notebook(problem, "https://example.org/x/"), as_version=4)
    nbformat.validate(notebook)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "markdown", "code", "markdown", "code"]
    assert problem.title in notebook.cells[0].source and "https://example.org/x/" in notebook.cells[0].source
    assert notebook.cells[2].source == problem.starter.rstrip("\n")
    assert "pytest.main" in notebook.cells[4].source


def run_notebook_with(problem, code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Execute the notebook's code cells as one script (its functions live in __main__, as in Jupyter), with the
    starter cell replaced by `code`."""
    notebook = json.loads(problem_notebook(problem))
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    cells[0] = code
    script = tmp_path / "notebook.py"
    script.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_notebook_test_cell_passes_for_the_solution_and_fails_for_the_starter(problems, tmp_path):
    problem = problems["linear-regression-closed-form"]
    solved = run_notebook_with(problem, problem.solution, tmp_path)
    assert PASS_MESSAGE in solved.stdout, solved.stdout + solved.stderr
    unsolved = run_notebook_with(problem, problem.starter, tmp_path)
    assert FAIL_MESSAGE in unsolved.stdout and "NotImplementedError" in unsolved.stdout


def test_test_source_survives_the_notebook_literal(problems):
    # The test cell embeds the test file as a string literal; evaluating it must give the file back exactly.
    for problem in problems.values():
        cell = json.loads(problem_notebook(problem))["cells"][4]
        namespace: dict = {}
        source = "".join(cell["source"])
        literal = source.split("TESTS = ", 1)[1].split("\nCONFTEST = ", 1)[0]
        exec(f"TESTS = {literal}", namespace)
        assert namespace["TESTS"] == problem.tests, problem.id


def test_exports_hold_a_starter_and_a_notebook_per_problem(problems):
    files = coding_exports(problems, "https://example.org/")
    assert len(files) == 2 * len(problems)
    for problem in problems.values():
        assert files[f"exports/coding/{problem.id}.py"] == problem.starter
        assert f"https://example.org/{problem.url}" in files[f"exports/coding/{problem.id}.ipynb"]


def test_notebooks_are_the_same_bytes_every_build(problems):
    # nbformat gives new cells random ids; ours are stable, unique within a notebook and valid (nbformat.validate).
    for problem in problems.values():
        first = problem_notebook.__wrapped__(problem)
        assert problem_notebook.__wrapped__(problem) == first, problem.id
        ids = [cell["id"] for cell in json.loads(first)["cells"]]
        assert len(set(ids)) == len(ids), problem.id


def _formulas(text: str):
    """Every $…$ and $$…$$ formula of a rich-text field, as the site's parser finds them."""
    for token in richtext._parser(False).parse(text):
        for child in [token, *(token.children or [])]:
            if child.type.startswith("math"):
                yield child.content


def test_every_formula_in_the_problems_converts_to_mathml(problems):
    failures = []
    for problem in problems.values():
        texts = [problem.statement, *problem.hints, problem.time, problem.space]
        texts += [t for f in problem.follow_ups for t in (f.question, f.answer)]
        for text in texts:
            for tex in _formulas(text):
                try:
                    latex2mathml.converter.convert(tex)
                except Exception as err:  # the converter raises several exception types
                    failures.append(f"{problem.source_dir}/problem.yml: {tex!r}: {err}")
    assert failures == []
    assert sum(1 for p in problems.values() for _ in _formulas(p.statement)) > 20  # the walk does find formulas

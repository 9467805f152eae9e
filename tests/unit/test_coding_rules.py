"""macros.coding_rules: every rule for coding problem folders, table-driven, each asserting its exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.coding_rules import check_coding
from macros.dataset import read_raw

ROOT = Path(__file__).resolve().parents[2]
PROBLEM = "linear-regression-closed-form"
FOLDER = f"coding/problems/{PROBLEM}"
META = f"{FOLDER}/problem.yml"
TESTS = f"{FOLDER}/test_linear_regression_closed_form.py"
SOLUTION = f"{FOLDER}/solution.py"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: the schemas, three real topics (two in the Coding round), the cited resources and one
    real problem folder."""
    shutil.copytree(ROOT / "data" / "schema", tmp_path / "data" / "schema")
    (tmp_path / "data" / "topics").mkdir()
    for topic in ("models-from-scratch", "coding-practice", "statistics"):
        shutil.copy(ROOT / f"data/topics/{topic}.yml", tmp_path / "data" / "topics")
    (tmp_path / "data" / "resources").mkdir()
    for resource in ("stanford-cs229-machine-learning", "the-elements-of-statistical-learning"):
        shutil.copy(ROOT / f"data/resources/{resource}.yml", tmp_path / "data" / "resources")
    shutil.copytree(ROOT / FOLDER, tmp_path / FOLDER, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def coding_problems(root: Path) -> list[str]:
    raw = read_raw(root)
    return [str(p) for p in check_coding(raw)] + [str(p) for p in raw.problems if p.path.startswith("coding/")]


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_real_problem_is_valid(project):
    assert coding_problems(project) == []


BAD_INPUTS = [
    pytest.param(
        META,
        "topic: models-from-scratch",
        "topic: statistics",
        "topic: statistics",
        "topic 'statistics' is not in the Coding round — use one of: coding-practice, models-from-scratch",
        id="topic-outside-coding",
    ),
    pytest.param(
        META,
        "topic: models-from-scratch",
        "topic: models-from-scrach",
        "topic: models-from-scrach",
        "unknown topic 'models-from-scrach' — did you mean 'models-from-scratch'?",
        id="unknown-topic",
    ),
    pytest.param(
        META,
        f"id: {PROBLEM}",
        "id: linear-regression",
        "id: linear-regression",
        f"id 'linear-regression' must equal the folder name '{PROBLEM}'",
        id="id-not-folder",
    ),
    pytest.param(
        META,
        "difficulty: easy",
        "difficulty: trivial",
        "difficulty: trivial",
        "difficulty: 'trivial' is not allowed (use one of: easy, medium, hard)",
        id="bad-difficulty",
    ),
    pytest.param(
        META,
        "resources: [stanford-cs229-machine-learning,",
        "resources: [stanford-cs229-machine-learnin,",
        "resources: [",
        "unknown resource 'stanford-cs229-machine-learnin' — did you mean 'stanford-cs229-machine-learning'?",
        id="unknown-resource",
    ),
    pytest.param(
        META,
        "minutes: 15",
        "minutes: 15\nhint: more",
        "hint: more",
        "unknown field 'hint' — did you mean 'hints'?",
        id="unknown-field",
    ),
    pytest.param(
        META,
        "# yaml-language-server: $schema=../../../data/schema/coding-problem.schema.json",
        "# no schema",
        None,
        "first line must be `# yaml-language-server: $schema=../../../data/schema/coding-problem.schema.json`",
        id="schema-line",
    ),
    pytest.param(
        TESTS,
        "import pytest\n",
        "import pytest\nimport scipy.linalg\n",
        "import scipy",
        "imports 'scipy' — use only numpy, pytest and the standard library",
        id="test-imports-scipy",
    ),
    pytest.param(
        TESTS,
        "import pytest\n",
        "import pytest\nfrom solution import fit\n",
        "from solution",
        "test imports 'solution' by name — take the `impl` fixture instead",
        id="test-imports-solution",
    ),
    pytest.param(
        TESTS,
        "import pytest\n",
        "import pytest\nfrom . import helpers\n",
        "from . import",
        "relative import — import only numpy, pytest and the standard library",
        id="relative-import",
    ),
    pytest.param(
        SOLUTION,
        "import numpy as np\n",
        "import numpy as np\nfrom sklearn.linear_model import Ridge\n",
        "sklearn",
        "imports 'sklearn' — use only numpy and the standard library",
        id="solution-imports-sklearn",
    ),
    pytest.param(
        SOLUTION,
        "    return np.asarray(X, dtype=float) @ w + b",
        "    return (np.asarray(X) @ w + b",
        "return (np",
        "Python syntax error: '(' was never closed — fix the code so it parses",
        id="syntax-error",
    ),
]


@pytest.mark.parametrize(("relative", "old", "new", "needle", "expected"), BAD_INPUTS)
def test_bad_input_is_reported_with_file_line_and_fix(project, relative, old, new, needle, expected):
    edit(project, relative, old, new)
    line = line_of(project, relative, needle) if needle else 1
    assert f"{relative}:{line}: {expected}" in "\n".join(coding_problems(project))


def test_statement_with_raw_html_is_refused(project):
    edit(project, META, "Implement ordinary", "Implement <b>ordinary</b>")
    assert any("statement contains HTML" in p for p in coding_problems(project))


@pytest.mark.parametrize("part", ["starter.py", "solution.py", "test_linear_regression_closed_form.py", "problem.yml"])
def test_missing_part_is_named(project, part):
    (project / FOLDER / part).unlink()
    expected = f"{FOLDER}/{part}:1: problem is missing {part} — add it (see coding/README.md)"
    assert expected in coding_problems(project)


def test_tests_that_never_take_impl_are_refused(project):
    path = project / TESTS
    path.write_text(path.read_text(encoding="utf-8").replace("(impl)", "()"), encoding="utf-8")
    assert f"{TESTS}:1: no test takes the `impl` fixture — add `impl` as an argument and call `impl.<function>`" in (
        coding_problems(project)
    )


def test_folder_name_must_be_kebab_case(project):
    (project / FOLDER).rename(project / "coding/problems/Linear_Regression")
    assert "coding/problems/Linear_Regression:1: folder name is the problem id and must be kebab-case — rename it" in (
        coding_problems(project)
    )


def test_two_problems_cannot_share_an_id(project):
    copy = project / "coding/problems/linear-regression-copy"
    shutil.copytree(project / FOLDER, copy)
    (copy / "test_linear_regression_closed_form.py").rename(copy / "test_linear_regression_copy.py")
    found = coding_problems(project)
    assert (
        f"coding/problems/linear-regression-copy/problem.yml:2: problem id '{PROBLEM}' is already used by {META}"
        in found
    )


def test_stdlib_imports_are_allowed(project):
    edit(project, TESTS, "import pytest\n", "import pytest\nimport math\nfrom itertools import product\n")
    assert coding_problems(project) == []


def test_a_linked_code_file_is_refused_and_never_read(project, tmp_path):
    secret = tmp_path / "outside.py"
    secret.write_text("SECRET = 'not for the site'\n", encoding="utf-8")
    (project / SOLUTION).unlink()
    (project / SOLUTION).symlink_to(secret)
    raw = read_raw(project)
    assert (
        f"{SOLUTION}:1: is a symbolic link — data files must be real files in the repository; replace it with the file"
        in (coding_problems(project))
    )
    assert all("SECRET" not in code for folder in raw.coding.values() for code in folder.code.values())


def test_a_linked_problem_folder_is_refused(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / FOLDER, elsewhere)
    (project / FOLDER).symlink_to(elsewhere, target_is_directory=True)
    assert any(p.startswith(f"{FOLDER}:1: is a symbolic link") for p in coding_problems(project))
    assert read_raw(project).coding == {}


def test_an_oversized_code_file_is_refused(project):
    (project / SOLUTION).write_text("x = 1\n" * 60_000, encoding="utf-8")
    assert any(p.startswith(f"{SOLUTION}:1: file is 360,000 bytes") for p in coding_problems(project))

"""pytest plumbing for the coding problems: the `impl` fixture is the module under test.

`--impl=solution` (default) loads the problem's reference `solution.py`, `--impl=starter` its `starter.py` (which
must fail), and `--impl=workspace` the learner's copy `practice/<id>.py` (see `make practice`). Tests never import
an implementation by name, so the same test file checks all three.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

CHOICES = ("solution", "starter", "workspace")
REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--impl",
        choices=CHOICES,
        default="solution",
        help="which implementation the tests load: solution.py, starter.py or practice/<id>.py (the learner's copy)",
    )
    parser.addoption(
        "--workspace",
        default=os.environ.get("PRACTICE_DIR", str(REPO / "practice")),
        help="folder holding the learner's <id>.py files for --impl=workspace (default: practice/ at the repo root)",
    )


def implementation_path(problem_dir: Path, impl: str, workspace: Path) -> Path:
    if impl == "workspace":
        return workspace / f"{problem_dir.name}.py"
    return problem_dir / f"{impl}.py"


def load_module(path: Path, problem_id: str, impl: str) -> ModuleType:
    """Import the file at `path` under a name unique to the problem and implementation."""
    name = f"mip_coding_{problem_id.replace('-', '_')}_{impl}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def impl(request: pytest.FixtureRequest) -> ModuleType:
    """The implementation under test, chosen by --impl, loaded from the test file's problem folder."""
    choice = request.config.getoption("--impl")
    problem_dir = request.path.parent
    path = implementation_path(problem_dir, choice, Path(request.config.getoption("--workspace")))
    if not path.is_file():
        hint = " — run `make practice` to create it" if choice == "workspace" else ""
        pytest.fail(f"{path} does not exist{hint}", pytrace=False)
    return load_module(path, problem_dir.name, choice)

"""Minimal pytest plumbing for the coding problems: the `impl` fixture and the `--impl` option.

Placeholder for H13's full conftest; it implements exactly the layout contract and nothing more.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_FILES = {"solution": "solution.py", "starter": "starter.py"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--impl",
        choices=["solution", "starter", "workspace"],
        default="solution",
        help="which implementation the tests load: the reference solution, the starter, or practice/<id>.py",
    )


def _module_path(which: str, folder: Path) -> Path:
    if which == "workspace":
        return folder.parents[2] / "practice" / f"{folder.name}.py"
    return folder / _FILES[which]


@pytest.fixture(scope="module")
def impl(request: pytest.FixtureRequest):
    """The module under test, loaded from the test file's problem folder."""
    which = request.config.getoption("--impl")
    folder = Path(request.path).parent
    path = _module_path(which, folder)
    if not path.is_file():
        pytest.fail(f"{path}: no such file — run `make practice` first", pytrace=False)
    name = f"coding_{which}_{folder.name.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

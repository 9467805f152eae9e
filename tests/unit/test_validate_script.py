"""scripts/validate.py (`make validate`): exit codes, plain output, and the GitHub annotations and job summary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "validate.py"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "false"}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60, env={**base, **(env or {})}
    )


def test_valid_dataset_exits_0(mini):
    result = run("--root", str(mini))
    assert result.returncode == 0
    assert result.stdout.strip() == "Dataset OK: 7 resources, 3 topics, 3 rounds."


def test_problems_exit_1_with_one_line_each(mini):
    path = mini / "data/resources/book-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: book", "type: blog"), encoding="utf-8")
    result = run("--root", str(mini))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("data/resources/book-a.yml:4: type: 'blog' is not allowed")
    assert "1 problem found" in result.stderr
    assert "::error" not in result.stdout


def test_on_github_actions_problems_are_annotated_and_summarised(mini, tmp_path: Path):
    path = mini / "data/resources/book-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("cost: free", "cost: cheap"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run("--root", str(mini), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert (
        "::error file=data/resources/book-a.yml,line=6,title=Data check::cost: 'cheap' is not allowed" in result.stdout
    )
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## ❌ Data check: 1 problem(s) in 1 file(s)")
    assert "| `data/resources/book-a.yml` | 6 | cost: 'cheap' is not allowed" in text


def test_on_github_actions_a_clean_run_says_so(mini, tmp_path: Path):
    summary = tmp_path / "summary.md"
    result = run("--root", str(mini), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0
    assert summary.read_text(encoding="utf-8").startswith("## ✅ Data check passed")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--bogus"], "unrecognized arguments: --bogus", id="unknown-flag"),
        pytest.param(["--root", "/nonexistent/place"], "no data/ folder there", id="missing-root"),
    ],
)
def test_bad_usage_exits_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_missing_schema_is_a_problem_not_a_crash(mini):
    (mini / "data/schema/topic.schema.json").unlink()
    result = run("--root", str(mini))
    assert result.returncode == 1
    assert "data/schema/topic.schema.json:1: schema is missing — restore it from the repository" in result.stdout
    assert "Traceback" not in result.stderr

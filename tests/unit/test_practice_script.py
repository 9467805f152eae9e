"""scripts/practice.py: `make practice` copies starters without overwriting edits; `make practice-check` runs a
problem's tests on the learner's file and reports pass/fail."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "practice.py"
PROBLEM = "linear-regression-closed-form"


def practice(workspace: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(SCRIPT), "--workspace", str(workspace), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_copy_creates_every_starter_and_keeps_edited_files(tmp_path):
    workspace = tmp_path / "practice"
    first = practice(workspace, "copy")
    assert first.returncode == 0
    starters = sorted(ROOT.glob("coding/problems/*/starter.py"))
    assert sorted(p.name for p in workspace.iterdir()) == sorted(f"{s.parent.name}.py" for s in starters)
    edited = workspace / f"{PROBLEM}.py"
    edited.write_text("# my work in progress\n", encoding="utf-8")
    second = practice(workspace, "copy")
    assert edited.read_text(encoding="utf-8") == "# my work in progress\n"
    assert f"0 starter(s) copied, {len(starters)} existing file(s) kept unchanged" in second.stdout


def test_check_reports_pass_for_a_solved_problem_and_fail_for_a_starter(tmp_path):
    workspace = tmp_path / "practice"
    workspace.mkdir()
    solution = ROOT / "coding" / "problems" / PROBLEM / "solution.py"
    (workspace / f"{PROBLEM}.py").write_text(solution.read_text(encoding="utf-8"), encoding="utf-8")
    solved = practice(workspace, "check", PROBLEM)
    assert solved.returncode == 0, solved.stdout + solved.stderr
    assert f"✓  {PROBLEM}" in solved.stdout and "1 of 1 problem(s) solved." in solved.stdout

    starter = ROOT / "coding" / "problems" / PROBLEM / "starter.py"
    (workspace / f"{PROBLEM}.py").write_text(starter.read_text(encoding="utf-8"), encoding="utf-8")
    unsolved = practice(workspace, "check", PROBLEM)
    assert unsolved.returncode == 1
    assert f"✗  {PROBLEM}  0/" in unsolved.stdout and "NotImplementedError" in unsolved.stdout


def test_check_names_problems_not_started_and_unknown_ids(tmp_path):
    workspace = tmp_path / "practice"
    workspace.mkdir()
    missing = practice(workspace, "check", PROBLEM)
    assert "not started: run `make practice`" in missing.stdout and missing.returncode == 1
    unknown = practice(workspace, "check", "linear-regresion-closed-form")
    assert unknown.returncode == 2
    assert f"unknown problem 'linear-regresion-closed-form' — did you mean '{PROBLEM}'?" in unknown.stderr

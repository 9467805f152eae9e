#!/usr/bin/env python3
"""Practise the coding problems locally, and run their tests against any implementation.

  practice.py copy              copy every starter to practice/<id>.py (never overwrites a file you edited)
  practice.py check [ID ...]    run each problem's tests against practice/<id>.py; print a pass/fail report

`run_suite` (one pytest subprocess with a JUnit XML report, results grouped by problem) is also what the CI test
uses to prove that every reference solution passes and every starter fails.
Exit status: 0 when everything checked passes, 1 when a test fails, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODING = ROOT / "coding"
PROBLEMS = CODING / "problems"
WORKSPACE = ROOT / "practice"


@dataclass
class Outcome:
    """The tests of one problem in one run: how many passed, and the first lines of each failure."""

    problem: str
    passed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + len(self.failures)

    @property
    def ok(self) -> bool:
        return self.total > 0 and not self.failures


def problem_ids() -> list[str]:
    return sorted(p.name for p in PROBLEMS.iterdir() if (p / "problem.yml").is_file()) if PROBLEMS.is_dir() else []


def _summary(element: ET.Element) -> str:
    message = element.get("message") or (element.text or "").strip().splitlines()[-1:] or [""]
    text = message if isinstance(message, str) else message[0]
    return " ".join(text.split())[:160]


def run_suite(impl: str, ids: list[str], workspace: Path = WORKSPACE) -> tuple[dict[str, Outcome], float, str]:
    """Run the tests of `ids` with --impl=`impl` in one pytest subprocess. Returns the outcome per problem, the
    wall time in seconds and pytest's output (for diagnosis)."""
    outcomes = {problem: Outcome(problem) for problem in ids}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "junit.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *(str(PROBLEMS / problem) for problem in ids),
            f"--impl={impl}",
            f"--workspace={workspace}",
            f"--junitxml={report}",
            "-o",
            "junit_family=xunit1",
            "-q",
        ]
        started = time.perf_counter()
        result = subprocess.run(
            command,
            cwd=CODING,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        elapsed = time.perf_counter() - started
        if not report.is_file():
            raise RuntimeError(f"pytest wrote no report:\n{result.stdout}\n{result.stderr}")
        for case in ET.parse(report).getroot().iter("testcase"):
            file = Path(case.get("file") or case.get("classname", "").replace(".", "/"))
            problem = next((part for part in file.parts if part in outcomes), None)
            if problem is None:
                continue
            bad = case.find("failure")
            if bad is None:
                bad = case.find("error")
            skipped = case.find("skipped")
            if bad is not None:
                outcomes[problem].failures.append((case.get("name", "?"), _summary(bad)))
            elif skipped is not None:
                outcomes[problem].failures.append((case.get("name", "?"), "skipped"))
            else:
                outcomes[problem].passed += 1
    return outcomes, elapsed, result.stdout + result.stderr


def copy_starters(workspace: Path = WORKSPACE) -> int:
    workspace.mkdir(exist_ok=True)
    created = kept = 0
    for problem in problem_ids():
        target = workspace / f"{problem}.py"
        if target.exists():
            kept += 1
            continue
        shutil.copyfile(PROBLEMS / problem / "starter.py", target)
        created += 1
    shown = workspace.relative_to(ROOT) if workspace.is_relative_to(ROOT) else workspace
    print(f"{shown}/: {created} starter(s) copied, {kept} existing file(s) kept unchanged.")
    print("Edit a file there, then run `make practice-check ID=<id>` (or without ID for every problem).")
    return 0


def check(ids: list[str], workspace: Path = WORKSPACE) -> int:
    known = problem_ids()
    for problem in ids:
        if problem not in known:
            match = difflib.get_close_matches(problem, known, n=1)
            hint = f" — did you mean '{match[0]}'?" if match else " — see coding/problems/ for the ids"
            print(f"unknown problem '{problem}'{hint}", file=sys.stderr)
            return 2
    chosen = ids or known
    missing = [p for p in chosen if not (workspace / f"{p}.py").is_file()]
    present = [p for p in chosen if p not in missing]
    outcomes = run_suite("workspace", present, workspace)[0] if present else {}
    width = max(map(len, chosen), default=10)
    failed = len(missing)
    for problem in chosen:
        if problem in missing:
            print(f"  -  {problem:<{width}}  not started: run `make practice` to copy the starter")
            continue
        outcome = outcomes[problem]
        mark = "✓" if outcome.ok else "✗"
        failed += not outcome.ok
        print(f"  {mark}  {problem:<{width}}  {outcome.passed}/{outcome.total} tests pass")
        for name, reason in outcome.failures[:3]:
            print(f"       {name}: {reason}")
        if len(outcome.failures) > 3:
            print(f"       … and {len(outcome.failures) - 3} more")
    done = sum(outcomes[p].ok for p in present)
    print(f"\n{done} of {len(chosen)} problem(s) solved.")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=WORKSPACE, help="the learner's folder (default: practice/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("copy", help="copy every starter into the workspace, keeping files you already have")
    checker = commands.add_parser("check", help="run the tests of the given problems (default: all) on your files")
    checker.add_argument("ids", nargs="*", metavar="ID", help="problem ids (folder names under coding/problems/)")
    args = parser.parse_args(argv)
    workspace = args.workspace.resolve()
    if args.command == "copy":
        return copy_starters(workspace)
    return check(args.ids, workspace)


if __name__ == "__main__":
    sys.exit(main())

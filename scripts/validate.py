#!/usr/bin/env python3
"""Check the whole dataset and print every problem as `path:line: message`.

On GitHub Actions it also annotates each problem on the pull request's diff and writes one readable summary
to the job page (GITHUB_STEP_SUMMARY), so a contributor sees what to fix without reading logs.
Exit status: 0 when the dataset is valid, 1 when it has problems, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.dataset import DatasetError, load_dataset
from macros.source import Problem, printable


def _annotation(problem: Problem) -> str:
    # Workflow commands need %, CR and LF escaped in the message, and also , and : in properties.
    # printable() first: no line break or control character is left for the log to act on.
    def escape(text: str, prop: bool = False) -> str:
        text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(",", "%2C").replace(":", "%3A") if prop else text

    return f"::error file={escape(problem.path, True)},line={problem.line},title=Data check::{escape(problem.message)}"


def _cell(text: str, code: bool = False) -> str:
    """One Markdown table cell of untrusted text: one line, no HTML, no column break, no code-span break."""
    if code:  # inside a code span nothing is markup; only the column separator needs escaping
        return "`" + printable(text).replace("`", "'").replace("|", "\\|") + "`"
    return html.escape(printable(text), quote=False).replace("|", "&#124;").replace("`", "&#96;")


def _summary(problems: list[Problem]) -> str:
    if not problems:
        return "## ✅ Data check passed\n\nEvery data file is valid.\n"
    files = sorted({p.path for p in problems})
    rows = "\n".join(f"| {_cell(p.path, code=True)} | {p.line} | {_cell(p.message)} |" for p in problems)
    return (
        f"## ❌ Data check: {len(problems)} problem(s) in {len(files)} file(s)\n\n"
        "Each row names the file and line, what is wrong and how to fix it. Fix them, then run "
        "`make validate` locally to confirm.\n\n"
        f"| File | Line | Problem |\n| --- | ---: | --- |\n{rows}\n\n"
        "See CONTRIBUTING.md for what each field means and what qualifies as a resource.\n"
    )


def report_to_github(problems: list[Problem]) -> None:
    """Annotations and a job summary when running on GitHub Actions; nothing elsewhere."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for problem in problems:
        print(_annotation(problem))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(_summary(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="project folder holding data/ and docs/ (default: this repository)",
    )
    args = parser.parse_args(argv)
    if not (args.root / "data").is_dir():
        parser.error(f"--root {printable(args.root)}: no data/ folder there")
    try:
        dataset = load_dataset(args.root)
    except (OSError, ValueError, RecursionError, MemoryError) as err:  # never a traceback, whatever the data
        print(f"error: the dataset could not be checked ({type(err).__name__}: {printable(err)})", file=sys.stderr)
        return 1
    except DatasetError as err:
        for problem in err.problems:
            print(problem)
        report_to_github(err.problems)
        count = len(err.problems)
        print(
            f"\n{count} problem{'s' if count != 1 else ''} found. Fix them and run `make validate` again.",
            file=sys.stderr,
        )
        return 1
    report_to_github([])
    coding = f", {len(dataset.problems)} coding problems" if dataset.problems else ""
    print(
        f"Dataset OK: {len(dataset.resources)} resources, {len(dataset.topics)} topics, {len(dataset.rounds)} rounds"
        f"{coding}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

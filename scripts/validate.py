#!/usr/bin/env python3
"""Check the whole dataset and print every problem as `path:line: message`.

Exit status: 0 when the dataset is valid, 1 when it has problems, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.dataset import DatasetError, load_dataset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="project folder holding data/ and docs/ (default: this repository)")
    args = parser.parse_args(argv)
    if not (args.root / "data").is_dir():
        parser.error(f"--root {args.root}: no data/ folder there")
    try:
        dataset = load_dataset(args.root)
    except DatasetError as err:
        for problem in err.problems:
            print(problem)
        count = len(err.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found. Fix them and run `make validate` again.",
              file=sys.stderr)
        return 1
    print(f"Dataset OK: {len(dataset.resources)} resources, {len(dataset.topics)} topics, "
          f"{len(dataset.rounds)} rounds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Command-line entry point of the link checker (`make links`); see linkhealth/cli.py or run with --help."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkhealth import spawn

if __name__ == "__main__" and spawn.run_checks_soon(sys.argv[1:]):
    # Before the checker's own imports (0.3 s): the worker's start-up then overlaps them instead of following.
    spawn.prestart_worker()

from linkhealth.cli import main

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Command-line entry point of the link checker (`make links`); see linkhealth/cli.py or run with --help."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkhealth.cli import main

if __name__ == "__main__":
    sys.exit(main())

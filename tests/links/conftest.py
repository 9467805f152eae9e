"""Fixtures for the link-checker tests: the fault server, and a runner for scripts/check_links.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.links.faultserver import FaultServer


@pytest.fixture
def faults():
    with FaultServer() as server:
        yield server


def run_checker(tmp_path: Path, urls: list[str], *extra: str, name: str = "run") -> tuple[int, dict, str]:
    """Check `urls` with the real command line; return (exit code, results by URL, stderr)."""
    url_file = tmp_path / f"{name}-urls.txt"
    url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / f"{name}.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "check_links.py"),
            "--urls",
            str(url_file),
            "--json",
            str(out),
            "--timeout",
            "2",
            "--budget",
            "120",
            "--no-progress",
            "--allow-host",  # the fault server lives on 127.0.0.10-59; nothing else private is allowed
            "127.0.0.0/26",
            "--hosts",
            str(tmp_path / "no-policy.yml"),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    results = {item["url"]: item for item in json.loads(out.read_text())} if out.exists() else {}
    return result.returncode, results, result.stdout + result.stderr

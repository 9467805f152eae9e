"""`make serve` reuses unchanged pages between rebuilds (macros/pagecache.py): a rebuild after an edit must write
exactly what a fresh build of the edited sources writes, and must have reused pages to do it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, build_site, copy_project

# Builds in one interpreter as `mkdocs serve` does: once, then once after each edit the test asks for on stdin.
SERVE_REBUILDS = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from macros.pagecache import PAGES

def once():
    config = load_config("mkdocs.yml", strict=True, site_dir=sys.argv[1])
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    print(json.dumps({"bodies_reused": PAGES.hits, "bodies_made": PAGES.misses}), flush=True)

once()
for line in sys.stdin:
    once()
"""

# Compared byte for byte, except the gzipped sitemap (its gzip header carries the time of writing).
SKIPPED = (".gz",)


def _outputs(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not path.name.endswith(SKIPPED)
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found (the test's edit is out of date)"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuilds_reuse_pages_and_write_what_a_fresh_build_writes(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "coding", project / "coding", ignore=shutil.ignore_patterns("__pycache__"))
    served = tmp_path / "served"
    env = {"NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/", "PYTHONPATH": str(project)}
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE_REBUILDS, str(served)],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    edits = [
        # A resource's description: its cards on topic pages and the resources page change; other pages do not.
        lambda: _edit(
            project / "data/resources/3blue1brown-neural-networks.yml",
            "description: >-\n",
            "description: >-\n  Edited.\n",
        ),
        # A topic's title: it is in the navigation, so every page changes; and a hand-written page's text.
        lambda: (
            _edit(
                project / "data/topics/nlp.yml",
                "title: Natural language processing",
                "title: Natural language processing (NLP)",
            ),
            (project / "docs/faq.md").write_text(
                (project / "docs/faq.md").read_text(encoding="utf-8") + "\nAn edited line.\n", encoding="utf-8"
            ),
        ),
    ]
    try:
        first = json.loads(process.stdout.readline())
        assert first["bodies_reused"] == 0, "a first build has nothing to reuse"
        for number, edit in enumerate(edits):
            edit()
            process.stdin.write("rebuild\n")
            process.stdin.flush()
            line = process.stdout.readline()
            assert line, f"the rebuild failed:\n{process.stderr.read()[-3000:]}"
            counts = json.loads(line)
            assert counts["bodies_reused"] > counts["bodies_made"], f"rebuild {number}: pages were not reused: {counts}"
            fresh = tmp_path / f"fresh-{number}"
            result = build_site(project, fresh, {"SITE_URL": "http://127.0.0.1:8000/"})
            assert result.returncode == 0, result.stderr[-3000:]
            expected, got = _outputs(fresh), _outputs(served)
            assert sorted(got) == sorted(expected)
            differing = [name for name in expected if got[name] != expected[name]]
            assert not differing, f"rebuild {number} differs from a fresh build in: {differing[:10]}"
    finally:
        process.stdin.close()
        process.wait(timeout=120)

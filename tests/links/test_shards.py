"""Sharding (issue 14, point 6): --shard I/N splits by whole hosts, --merge folds the shards into one state."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

from linkhealth.cli import shard_of, shard_plan
from linkhealth.state import UrlState, load_state, parse_time, save_state
from tests.conftest import MINI, ROOT

ROUTES = {  # resource -> (route whose host serves it, path)
    "book-a": ("ok", "/ok/book-a"),
    "course-b": ("ok", "/ok/course-b"),
    "paper-c": ("landing", "/landing"),
    "article-g": ("missing", "/missing"),
    "repo-e": ("chain", "/chain"),
    "sheet-f": ("gone", "/gone"),
    "video-d": ("botwall", "/botwall"),
}
EXPECTED = {
    "book-a": "ok",
    "course-b": "ok",
    "paper-c": "ok",
    "article-g": "failing",
    "repo-e": "redirected",
    "sheet-f": "failing",
    "video-d": "blocked",
}


def test_shards_never_split_a_host_and_are_balanced():
    urls = [f"https://h{h}.example.org/{n}" for h in range(20) for n in range(h % 5 + 1)]
    shards = [shard_of(urls, index, 3) for index in (1, 2, 3)]
    assert sorted(url for shard in shards for url in shard) == sorted(urls), "every URL in exactly one shard"
    hosts = [{urlsplit(url).netloc for url in shard} for shard in shards]
    assert not (hosts[0] & hosts[1] or hosts[0] & hosts[2] or hosts[1] & hosts[2])
    sizes = [len(shard) for shard in shards]
    assert max(sizes) - min(sizes) <= 5  # at most one host's worth apart
    assert shard_of(list(reversed(urls)), 2, 3) == [url for url in reversed(urls) if url in set(shards[1])]


def test_shard_plan_grows_with_the_dataset():
    assert shard_plan(10, 3000) == [1]
    assert shard_plan(3000, 3000) == [1]
    assert shard_plan(3001, 3000) == [1, 2]
    assert shard_plan(10**6, 3000) == list(range(1, 9))  # capped


def run(project, *args):
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "check_links.py"),
            "--root",
            str(project),
            "--no-progress",
            "--timeout",
            "2",
            "--allow-host",
            "127.0.0.0/26",
            "--wayback-api",
            "none",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_three_shards_then_merge_give_one_complete_state(tmp_path, faults):
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    urls = {}
    for resource, (route, path) in ROUTES.items():
        file = project / "data" / "resources" / f"{resource}.yml"
        text = file.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("url:"))
        urls[resource] = faults.faults.hosts[route] + path
        file.write_text(text.replace(old, f"url: {urls[resource]}"), encoding="utf-8")
    (project / "data" / "link-hosts.yml").unlink(missing_ok=True)
    main = tmp_path / "main.json"
    then = parse_time("2026-11-01T06:00:00Z")
    save_state(
        main,
        {
            urls["book-a"]: UrlState("ok", 200, urls["book-a"], "2026-11-01T06:00:00Z", "200 OK"),
            "https://example.org/removed": UrlState("ok", 200, "", "2026-11-01T06:00:00Z", "200 OK"),
        },
        then,
    )
    shard_files = []
    for index in (1, 2, 3):
        shard = tmp_path / f"shard-{index}.json"
        shutil.copy(main, shard)  # what the workflow does: every shard starts from the committed history
        started = time.monotonic()
        result = run(project, "--shard", f"{index}/3", "--state", str(shard), "--now", "2026-11-02T06:00:00Z")
        assert result.returncode == 0, result.stdout + result.stderr
        assert time.monotonic() - started < 60
        shard_files.append(shard)
    checked = [
        {url for url, state in load_state(shard).items() if state.checked_at == "2026-11-02T06:00:00Z"}
        for shard in shard_files
    ]
    assert sum(map(len, checked)) == len(urls) and set().union(*checked) == set(urls.values())
    hosts = [Counter(urlsplit(url).netloc for url in shard) for shard in checked]
    for first in range(3):
        for second in range(first + 1, 3):
            assert not set(hosts[first]) & set(hosts[second]), "a host was checked by two shards"
    report, merged_json = tmp_path / "report.md", tmp_path / "merged.json"
    result = run(
        project,
        "--merge",
        *map(str, shard_files),
        "--state",
        str(main),
        "--report",
        str(report),
        "--json",
        str(merged_json),
        "--now",
        "2026-11-02T06:05:00Z",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    merged = load_state(main)
    assert set(merged) == set(urls.values()), "every dataset URL once; the removed URL is forgotten"
    assert all(state.checked_at == "2026-11-02T06:00:00Z" for state in merged.values())
    assert {resource: merged[url].verdict for resource, url in urls.items()} == EXPECTED
    items = {item["resource"]: item["verdict"] for item in json.loads(merged_json.read_text(encoding="utf-8"))}
    assert items == EXPECTED
    assert "| failing | 2 |" in report.read_text(encoding="utf-8")

"""Hostile servers (issue 14): each case asserts the verdict, a time bound, and that no URL was lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linkhealth.state import UrlState, load_state, save_state
from tests.conftest import ROOT
from tests.links.conftest import run_checker
from tests.links.faultserver import EVIL_REASON, FaultServer

TIMEOUT = 2.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    with FaultServer() as server:
        routes = ["drip", "bomb-redirect", "evil-reason", "internal", "ok"]
        urls = {route: server.url(route) for route in routes}
        folder = tmp_path_factory.mktemp("hostile")
        started = time.monotonic()
        code, results, output = run_checker(folder, list(urls.values()), "--report", str(folder / "report.md"))
        elapsed = time.monotonic() - started
        yield server, urls, code, results, output, elapsed, (folder / "report.md").read_text(encoding="utf-8")


def test_hostile_run_completes_with_every_url(hostile):
    _, urls, code, results, output, elapsed, _ = hostile
    assert code == 0, output
    assert set(results) == set(urls.values())
    # Two passes (first check, re-check of failures), each bounded by the total deadline, plus start-up.
    assert elapsed < 2 * (TIMEOUT + 1) + 15, elapsed


def test_dripping_server_is_cut_off_at_the_total_deadline(hostile):
    server, urls, _, results, _, _, _ = hostile
    item = results[urls["drip"]]
    assert item["verdict"] == "transient" and "no complete answer within 2 s" in item["detail"], item
    starts = server.faults.times["drip"]
    end = time.monotonic() + 3
    while len(server.faults.times.get("drip-end", [])) < len(starts) and time.monotonic() < end:
        time.sleep(0.1)  # the server notices the hang-up at its next write or two (0.5 s apart)
    ends = sorted(server.faults.times["drip-end"])
    assert len(starts) == len(ends) == 2  # checked, then re-checked: both requests ended
    for start, end in zip(starts, ends, strict=True):
        # deadline + watchdog tick + the server's lag in noticing (two writes)
        assert end - start < TIMEOUT + 2.5, "the checker kept reading a server that drips one byte at a time"


def test_redirect_body_is_not_read_or_inflated(hostile):
    server, urls, _, results, _, _, _ = hostile
    item = results[urls["bomb-redirect"]]
    assert (item["verdict"], item["http_status"]) == ("redirected", 200), item
    assert item["final_url"] == server.url("bomb-redirect", "/ok")


def test_redirect_into_the_private_network_is_refused(hostile):
    server, urls, _, results, _, _, _ = hostile
    item = results[urls["internal"]]
    assert item["verdict"] == "failing" and item["suspect"], item
    assert "non-public address" in item["detail"] and "127.0.0.99" not in str(server.faults.hits)


def test_server_text_reaches_the_report_inert(hostile):
    *_, report = hostile
    row = next(line for line in report.splitlines() if "evil-reason" in line)
    assert row.count(" | ") == 3, "a | from the server must not add table cells"
    for raw in ("<img", "[click](", "@octocat", " #1", "| forged |"):
        assert raw not in row, raw
    assert "&#60;img" in row and "&#64;octocat" in row  # shown as text, not markup
    assert EVIL_REASON not in report


def test_budget_saves_what_it_has_and_marks_the_rest_unchecked(tmp_path, faults):
    """40 URLs that each take 1.5 s on one host (paced 0.35 s apart) cannot finish in a 4 s budget."""
    slow = [faults.url("slow", f"/slow/{n}") for n in range(40)]
    urls = [faults.url("ok"), *slow]
    state = tmp_path / "state.json"
    earlier = UrlState("ok", 200, slow[-1], "2026-11-01T06:00:00Z", "200 OK", last_ok_at="2026-11-01T06:00:00Z")
    save_state(state, {slow[-1]: earlier}, datetime_of("2026-11-01T06:00:00Z"))
    report = tmp_path / "report.md"
    started = time.monotonic()
    code, results, output = run_checker(
        tmp_path, urls, "--budget", "4", "--state", str(state), "--report", str(report), "--workers", "1"
    )
    elapsed = time.monotonic() - started
    assert code == 3, output
    assert "incomplete" in output and "budget" in output
    assert elapsed < 4 + 3 + 3 + 10, elapsed  # budget + grace + stopping + start-up
    assert set(results) == set(urls), "every URL has a result, checked or not"
    verdicts = {url: item["verdict"] for url, item in results.items()}
    assert verdicts[faults.url("ok")] == "ok"
    unchecked = [url for url, verdict in verdicts.items() if verdict == "unchecked"]
    assert unchecked and all(url in slow for url in unchecked)
    assert any(verdict == "ok" for url, verdict in verdicts.items() if url in slow), "finished checks are kept"
    saved = load_state(state)
    assert faults.url("ok") in saved and not (set(unchecked) - {slow[-1]}) & set(saved)
    if slow[-1] in unchecked:
        assert saved[slow[-1]].checked_at == "2026-11-01T06:00:00Z", "an unchecked URL keeps its history"
    assert f"## Unchecked ({len(unchecked)})" in report.read_text(encoding="utf-8")


def datetime_of(text: str):
    from linkhealth.state import parse_time

    return parse_time(text)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_workers_and_removes_temp_files(tmp_path, faults, signum):
    temp = tmp_path / "tmp"
    temp.mkdir()
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(faults.url("hang", f"/hang/{n}") + "\n" for n in range(4)))
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "check_links.py"),
            "--urls",
            str(urls),
            "--timeout",
            "30",
            "--no-progress",
            "--allow-host",
            "127.0.0.0/26",
            "--hosts",
            str(tmp_path / "none.yml"),
        ],
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        end = time.monotonic() + 60
        while not (faults.faults.hits["hang"] and list(temp.glob("linkhealth-*"))) and time.monotonic() < end:
            time.sleep(0.1)
        workers = _children(process.pid)
        assert workers and list(temp.glob("linkhealth-*")), "the run should be under way"
        sent = time.monotonic()
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=20)
        assert time.monotonic() - sent < 8
    finally:
        process.kill()
    assert process.returncode == 128 + signum, stderr
    assert "workers stopped" in stderr and "Traceback" not in stderr
    assert not list(temp.iterdir()), "temporary files are removed"
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)], "worker processes are stopped"


def test_option_like_ref_never_reaches_git_as_an_option(tmp_path):
    from tests.links.test_history_and_cli import committed_fixture

    project = committed_fixture(tmp_path)
    target = tmp_path / "pwned.txt"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "check_links.py"),
            "--root",
            str(project),
            f"--changed-since=--output={target}",
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "git cannot compare with it" in result.stderr, result.stderr
    assert not target.exists(), "git treated the ref as --output and wrote a file"


def test_urls_the_engine_treats_as_one_each_get_their_result(tmp_path, faults):
    pairs = [("/ok/~user", "/ok/%7Euser"), ("/ok/café", "/ok/caf%C3%A9"), ("/ok/a/../b", "/ok/b#part")]
    urls = [faults.url("ok", path) for pair in pairs for path in pair]
    started = time.monotonic()
    code, results, output = run_checker(tmp_path, urls)
    assert code == 0, output
    assert time.monotonic() - started < 30
    assert set(results) == set(urls)
    assert all(item["verdict"] == "ok" for item in results.values()), results
    assert faults.faults.hits["ok"] == len(pairs), "one request per page, not per spelling"

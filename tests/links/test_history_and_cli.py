"""State across runs days apart (--now), the command-line contract, and pull-request mode."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import MINI, ROOT
from tests.links.conftest import run_checker

DAY0 = "2026-11-01T06:00:00Z"


def test_dead_only_after_a_day_of_failures_then_recovers(tmp_path, faults):
    state = tmp_path / "state.json"
    wayback = faults.faults.hosts["wayback"] + "/wayback/available"
    urls = [faults.url("missing"), faults.url("unavailable"), faults.url("botwall"), faults.url("ok")]

    def run(now):
        code, results, output = run_checker(
            tmp_path, urls, "--state", str(state), "--now", now, "--wayback-api", wayback, name=now[:13]
        )
        assert code == 0, output
        return {url.rsplit("/", 1)[1]: item for url, item in results.items()}

    first = run(DAY0)
    assert (first["missing"]["verdict"], first["unavailable"]["verdict"]) == ("failing", "transient")
    assert first["missing"]["first_failure_at"] == DAY0
    half_day = run("2026-11-01T18:00:00Z")
    assert half_day["missing"]["verdict"] == "failing", "one failing day is not yet dead"
    next_day = run("2026-11-02T07:00:00Z")
    assert next_day["missing"]["verdict"] == "dead"
    assert next_day["missing"]["archive_url"] == "https://web.archive.org/web/20260101000000/x"
    assert next_day["unavailable"]["verdict"] == "transient", "server errors need longer"
    assert next_day["botwall"]["verdict"] == "blocked" and next_day["botwall"]["failures"] == 0
    week = run("2026-11-08T07:00:00Z")
    assert week["unavailable"]["verdict"] == "dead"
    faults.faults.alive.update({"missing", "unavailable"})
    recovered = run("2026-11-09T07:00:00Z")
    for route in ("missing", "unavailable"):
        assert recovered[route]["verdict"] == "ok"
        assert recovered[route]["first_failure_at"] is None and recovered[route]["archive_url"] is None
    saved = json.loads(state.read_text())
    assert saved["updated_at"] == "2026-11-09T07:00:00Z" and set(saved["urls"]) == set(urls)


def test_report_lists_problems_by_verdict(tmp_path, faults):
    report = tmp_path / "report.md"
    code, _, output = run_checker(
        tmp_path, [faults.url("missing"), faults.url("ok"), faults.url("cross")], "--report", str(report)
    )
    assert code == 0, output
    text = report.read_text()
    assert "| failing | 1 |" in text and "| ok | 1 |" in text and "| redirected | 1 |" in text
    assert "## Failing (1)" in text and faults.url("missing") in text
    assert "suspect: redirects to another site" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--now", "yesterday"], "is not an ISO-8601 time", id="bad-now"),
        pytest.param(["--budget", "0"], "must be positive", id="bad-budget"),
        pytest.param(["--urls", "/nonexistent/urls.txt"], "cannot read it", id="missing-url-file"),
        pytest.param(["--changed-since", "no-such-ref-xyz"], "git cannot compare with it", id="bad-ref"),
        pytest.param(["--bogus"], "unrecognized arguments", id="unknown-flag"),
    ],
)
def test_bad_usage_exits_2(args, message):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_links.py"), "--no-progress", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_url_file_with_a_bad_line_names_the_line(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("# comment\nhttps://example.org/a\nftp://example.org/b\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_links.py"), "--urls", str(urls)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"{urls}:3: not an http(s) URL: ftp://example.org/b" in result.stderr


def git(cwd, *args):
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
            "HOME": "/tmp",
        },
    )


def committed_fixture(tmp_path):
    """The fixture project as a git repository with one commit on main: the base a pull request compares with."""
    project = tmp_path / "repo"
    shutil.copytree(MINI, project)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "base")
    return project


def check_changed(project, *extra):
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "check_links.py"),
            "--root",
            str(project),
            "--changed-since",
            "main",
            "--timeout",
            "2",
            "--no-progress",
            "--allow-host",  # the fault server lives on 127.0.0.10-59
            "127.0.0.0/26",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pull_request_mode_checks_only_changed_urls(tmp_path, faults):
    project = committed_fixture(tmp_path)
    resources = project / "data" / "resources"
    book = resources / "book-a.yml"
    book.write_text(book.read_text().replace("https://example.org/book-a", faults.url("missing")))
    (resources / "new-one.yml").write_text(
        (resources / "course-b.yml").read_text().replace("https://example.org/course-b", faults.url("ok"))
    )
    sheet = resources / "sheet-f.yml"
    sheet.write_text(sheet.read_text().replace("Sheet F", "Sheet F, renamed"))  # changed, same URL: not checked
    report = tmp_path / "pr.json"
    result = check_changed(project, "--json", str(report))
    assert result.returncode == 1, result.stdout + result.stderr
    checked = {item["url"]: item for item in json.loads(report.read_text())}
    assert set(checked) == {faults.url("missing"), faults.url("ok")}
    assert checked[faults.url("missing")]["resource"] == "book-a"
    assert f"data/resources/book-a.yml: {faults.url('missing')} is dead" in result.stderr
    assert not (project / "state").exists(), "pull-request runs do not write the history"


def test_pull_request_mode_passes_when_changed_urls_are_alive_or_merely_blocked(tmp_path, faults):
    project = committed_fixture(tmp_path)
    book = project / "data" / "resources" / "book-a.yml"
    book.write_text(book.read_text().replace("https://example.org/book-a", faults.url("botwall")))
    result = check_changed(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 blocked" in result.stdout

"""The link-health state file under hostile or broken content (issue 9): read per entry, written atomically
under a lock, checked by `make validate` against its schema, never a traceback."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from linkhealth.state import StateError, UrlState, load_state, save_state
from macros.dataset import DatasetError, load_dataset
from macros.linkstate import STATE_FILE, load_link_state
from tests.conftest import ROOT

NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
GOOD = {"verdict": "ok", "checked_at": "2026-11-19T06:00:00Z", "http_status": 200, "detail": "200 OK"}
REFRESH = "the entry is ignored; the next `make links` run re-checks the URL and rewrites it"


def write_state(root: Path, document: object) -> Path:
    path = root / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def entry(**changes: object) -> dict:
    return {
        "version": 1,
        "updated_at": "2026-11-19T06:00:00Z",
        "urls": {"https://a.example.org/": GOOD, "https://b.example.org/": {**GOOD, **changes}},
    }


STATE_CASES = [
    pytest.param(
        entry(checked_at=12345),
        f"link state entry for https://b.example.org/: checked_at: 12345 is not valid (type) — {REFRESH}",
        id="checked-at-wrong-type",
    ),
    pytest.param(
        entry(checked_at="yesterday"),
        f"link state entry for https://b.example.org/: checked_at: 'yesterday' is not valid (pattern) — {REFRESH}",
        id="checked-at-not-a-time",
    ),
    pytest.param(
        entry(checked_at="2999-01-01T00:00:00Z"),
        f"link state entry for https://b.example.org/: checked_at 2999-01-01T00:00:00Z is in the future — {REFRESH}",
        id="future-checked-at",
    ),
    pytest.param(
        entry(first_failure_at="2999-01-01T00:00:00Z", verdict="failing"),
        "link state entry for https://b.example.org/: first_failure_at 2999-01-01T00:00:00Z is in the future — "
        f"{REFRESH}",
        id="future-first-failure",
    ),
    pytest.param(
        entry(failures="many"),
        f"link state entry for https://b.example.org/: failures: 'many' is not valid (type) — {REFRESH}",
        id="history-field-wrong-type",
    ),
    pytest.param(
        entry(colour="red"),
        f"link state entry for https://b.example.org/: unknown field 'colour' — {REFRESH}",
        id="unknown-entry-field",
    ),
    pytest.param(
        entry(verdict="splendid"),
        f"link state entry for https://b.example.org/: verdict: 'splendid' is not valid (enum) — {REFRESH}",
        id="unknown-verdict",
    ),
    pytest.param(
        {"urls": {"https://a.example.org/": GOOD, "https://b.example.org/": "ok"}},
        f"link state entry for https://b.example.org/: entry: 'ok' is not valid (type) — {REFRESH}",
        id="entry-not-an-object",
    ),
    pytest.param(
        {"urls": {"https://a.example.org/": GOOD}, "extra": 1},
        "link state unknown top-level field 'extra' ignored",
        id="unknown-top-level-field",
    ),
    pytest.param(
        {"urls": {"https://a.example.org/": GOOD}, "version": "one"},
        "link state version 'one' is not a whole number; ignored",
        id="version-wrong-type",
    ),
    pytest.param(
        {"urls": {"https://a.example.org/": GOOD}, "updated_at": "2999-01-01T00:00:00Z"},
        "link state updated_at 2999-01-01T00:00:00Z is in the future; ignored",
        id="future-updated-at",
    ),
]


@pytest.mark.parametrize(("document", "message"), STATE_CASES)
def test_one_bad_entry_is_reported_and_only_it_is_reset(tmp_path, document, message):
    path = write_state(tmp_path, document)
    state, problems = load_link_state(tmp_path, NOW)
    assert f"{STATE_FILE}:1: {message}" in [str(p) for p in problems]
    assert "https://a.example.org/" in state.urls  # the rest of the history is kept, for the site …
    assert "https://b.example.org/" not in state.urls
    warnings: list[str] = []
    history = load_state(path, NOW, warnings)  # … and for the checker, which resets the bad entry
    assert "https://a.example.org/" in history and "https://b.example.org/" not in history
    assert message.removeprefix("link state ") in warnings


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('{"urls": {"https://a.exa', "link state file is not valid JSON", id="truncated"),
        pytest.param("[1, 2]", "link state file must be a JSON object with `urls`", id="not-an-object"),
        pytest.param('{"urls": null}', "link state urls must be an object of URL → entry, not NoneType", id="null"),
        pytest.param('{"urls": []}', "link state urls must be an object of URL → entry, not list", id="list"),
        pytest.param("[" * 100_000, "link state file is not valid JSON", id="deep-json"),
    ],
)
def test_a_broken_file_is_a_clear_problem(tmp_path, text, message):
    write_state(tmp_path, text)
    _, problems = load_link_state(tmp_path, NOW)
    assert any(str(p).startswith(f"{STATE_FILE}:1: {message}") for p in problems), problems


def test_the_checker_says_which_file_is_broken_and_keeps_going_for_bad_urls(tmp_path):
    path = write_state(tmp_path, '{"urls": ')
    with pytest.raises(StateError, match="not a link-state file"):
        load_state(path, NOW)
    path.write_text('{"urls": null}', encoding="utf-8")
    assert load_state(path, NOW) == {}  # a run can go on and write a good file


def test_make_validate_names_the_state_file_and_build_never_tracebacks(mini):
    write_state(mini, entry(checked_at=12345))
    with pytest.raises(DatasetError) as caught:
        load_dataset(mini)
    assert [str(p) for p in caught.value.problems] == [
        f"{STATE_FILE}:1: link state entry for https://b.example.org/: checked_at: 12345 is not valid (type) — "
        f"{REFRESH}"
    ]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(mini)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{STATE_FILE}:1: link state entry for https://b.example.org/" in result.stdout


def test_entries_for_urls_no_longer_in_the_data_are_not_counted(mini):
    book = "https://example.org/book-a"
    write_state(mini, {"urls": {book: GOOD, "https://gone.example.org/": GOOD}})
    links = load_dataset(mini).links
    assert set(links.urls) == {book}


def _state(url: str, when: str = "2026-11-19T06:00:00Z") -> UrlState:
    return UrlState(verdict="ok", http_status=200, final_url=url, checked_at=when, detail="200 OK")


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    save_state(path, {"https://a.example.org/": _state("https://a.example.org/")}, NOW)
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_state(path, {"https://b.example.org/": _state("https://b.example.org/")}, NOW)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temporary file left


def _save_many(path: str, prefix: str) -> None:
    for number in range(15):
        url = f"https://{prefix}{number}.example.org/"
        save_state(Path(path), {url: _state(url)}, NOW)


def test_two_runs_at_once_keep_each_others_results(tmp_path):
    path = tmp_path / "state.json"
    context = multiprocessing.get_context("fork")
    runs = [context.Process(target=_save_many, args=(str(path), prefix)) for prefix in ("a", "b")]
    for run in runs:
        run.start()
    for run in runs:
        run.join(60)
    assert all(run.exitcode == 0 for run in runs)
    saved = json.loads(path.read_text(encoding="utf-8"))["urls"]
    assert len(saved) == 30


def test_a_newer_check_on_disk_is_not_overwritten_by_an_older_one(tmp_path):
    path = tmp_path / "state.json"
    url = "https://a.example.org/"
    save_state(path, {url: _state(url, "2026-11-19T08:00:00Z")}, NOW)
    save_state(path, {url: _state(url, "2026-11-19T07:00:00Z")}, NOW)
    assert json.loads(path.read_text())["urls"][url]["checked_at"] == "2026-11-19T08:00:00Z"


def test_a_full_run_forgets_urls_no_longer_in_the_data(tmp_path):
    path = tmp_path / "state.json"
    save_state(path, {"https://old.example.org/": _state("https://old.example.org/")}, NOW)
    save_state(path, {"https://new.example.org/": _state("https://new.example.org/")}, NOW, keep=lambda u: False)
    assert set(json.loads(path.read_text())["urls"]) == {"https://new.example.org/"}

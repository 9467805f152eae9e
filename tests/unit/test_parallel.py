"""macros.parallel: work shared with a forked child gives exactly what the serial path gives, problems included."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from macros import catalogue, exports, main, parallel
from macros.dataset import DatasetError, load_dataset, read_raw
from macros.validate import validate_raw

HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json\n"


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every split forks (threshold 1, whatever threads the test runner has); the list collects the children."""
    if not hasattr(os, "fork") or sys.platform == "darwin" or (os.cpu_count() or 1) < 2:
        pytest.skip("no fork, or one core: the serial path is the only one")
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "fork", fork)
    return started


def test_split_map_gives_the_serial_result_in_order(forks):
    items = [f"item-{n}" for n in range(101)]
    assert parallel.split_map(str.upper, items) == [item.upper() for item in items]
    assert len(forks) == 1


def test_no_fork_below_the_threshold_or_beside_other_threads(forks, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 50)
    assert parallel.split_map(str.upper, ["a"] * 49) == ["A"] * 49
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert parallel.split_map(str.upper, ["a"] * 50) == ["A"] * 50
    assert forks == []


def test_an_error_in_the_child_is_raised_here_as_without_it(forks):
    def check(n: int) -> int:
        if n == 90:  # in the child's half
            raise ValueError(f"item {n} is broken")
        return n

    with pytest.raises(ValueError, match="item 90 is broken"):
        parallel.split_map(check, list(range(100)))
    assert len(forks) == 1


def test_a_value_pickle_cannot_carry_is_made_here(forks):
    made = parallel.Forked(lambda: lambda: "made")  # a lambda does not pickle: the child fails to send it
    assert made.result()() == "made"
    assert len(forks) == 1


def test_a_child_never_waited_for_is_reaped(forks):
    pending = parallel.Forked(lambda: sum(range(10)))
    (pid,) = forks
    del pending
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _break_resources(root: Path) -> None:
    """Every kind of bad resource file the reader and the validator report, spread over both halves."""
    folder = root / "data" / "resources"
    book = (folder / "book-a.yml").read_text(encoding="utf-8")
    (folder / "a-duplicate.yml").write_text(book, encoding="utf-8")
    (folder / "zz-duplicate.yml").write_text(book, encoding="utf-8")
    (folder / "bad-syntax.yml").write_text(HEADER + "title: [unclosed\n", encoding="utf-8")
    (folder / "crlf.yml").write_bytes(HEADER.encode() + b"title: x\r\n")
    (folder / "latin1.yml").write_bytes(HEADER.encode() + b"title: caf\xe9\n")
    (folder / "empty.yml").write_text("", encoding="utf-8")
    (folder / "unknown-topic.yml").write_text(book.replace("topics: [", "topics: [nlpp, "), encoding="utf-8")
    (folder / "yes-no.yml").write_text(book.replace("recommended: true", "recommended: yes"), encoding="utf-8")
    (folder / "Bad_Name.yml").write_text(book.replace("https://", "https://other."), encoding="utf-8")
    (folder / "notes.txt").write_text("not data", encoding="utf-8")
    (folder / ".hidden.yml").write_text(book, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "link.yml").symlink_to(folder / "book-a.yml")


def _snapshot(root: Path) -> tuple:
    raw = read_raw(root)
    sources = [
        (name, s.path, s.first_line, s.value, getattr(s.value, "lines", None)) for name, s in raw.resources.items()
    ]
    return sources, raw.problems, validate_raw(raw)


def test_broken_dataset_reads_and_validates_the_same_forked(mini, forks, monkeypatch):
    _break_resources(mini)
    forked = _snapshot(mini)
    forked_count = len(forks)
    assert forked_count >= 2  # the resources at least were read, and checked, in two processes
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    serial = _snapshot(mini)
    assert len(forks) == forked_count
    assert forked == serial
    messages = [str(problem) for problem in serial[1] + serial[2]]
    for expected in (
        "data/resources/zz-duplicate.yml:3: duplicate resource: data/resources/a-duplicate.yml already links",
        "data/resources/bad-syntax.yml:3: YAML syntax error",
        "data/resources/crlf.yml:2: file has Windows (CRLF)",
        "data/resources/latin1.yml:2: file is not UTF-8",
        "data/resources/unknown-topic.yml:5: unknown topic 'nlpp'",
        "data/resources/link.yml:1: is a symbolic link",
        "data/resources/sub:1: folders inside",
    ):
        assert any(message.startswith(expected) for message in messages), (expected, messages)


def test_valid_dataset_is_the_same_forked(mini, forks, monkeypatch):
    forked = load_dataset(mini)
    assert forks
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    assert forked == load_dataset(mini)


def test_load_error_is_the_same_forked(mini, forks, monkeypatch):
    _break_resources(mini)
    with pytest.raises(DatasetError) as forked:
        load_dataset(mini)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    with pytest.raises(DatasetError) as serial:
        load_dataset(mini)
    assert str(forked.value) == str(serial.value)


def test_exports_made_in_the_background_are_the_same(mini, forks):
    dataset = load_dataset(mini)
    pending = main._derive_in_background(dataset)
    assert pending is not None
    assert pending.result() == {"exports": exports.all_exports(dataset), "catalogue": catalogue.catalogue_json(dataset)}


def test_formulas_checked_in_the_child_come_back_with_their_conversions(mini, forks, monkeypatch):
    """The formula rule runs in a forked child beside the other rules: its problems are the serial ones, in the
    same place, and the formulas it converted are this process's to reuse (the pages convert nothing again)."""
    from macros import mathml

    path = mini / "data" / "questions" / "one.yml"
    text = path.read_text(encoding="utf-8")
    good, bad = r"$\frac{a}{b} + \sqrt{n}$", r"$x^$"
    path.write_text(text.replace("in plain text.", f"in plain text, {good} and {bad}."), encoding="utf-8")
    monkeypatch.setattr(mathml, "_CONVERTED", {})
    forked = validate_raw(read_raw(mini))
    assert forks
    assert (r"\frac{a}{b} + \sqrt{n}", False) in mathml._CONVERTED  # converted in the child only
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    monkeypatch.setattr(mathml, "_CONVERTED", {})
    serial = validate_raw(read_raw(mini))
    assert forked == serial
    assert any("data/questions/one.yml" in str(p) and "formula $x^$" in str(p) for p in serial), serial

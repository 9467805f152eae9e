"""scripts/new_resource.py (`make new`): scaffolds a valid file, refuses duplicates, asks for what is missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.dataset import load_dataset
from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "new_resource.py"
DESCRIPTION = "A careful walk through the topic with worked examples, written for interview preparation."


def run(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_flags_only_writes_a_valid_file(mini):
    result = run(
        mini,
        "--yes",
        "--no-fetch",
        "--url",
        "https://arxiv.org/abs/1706.03762",
        "--title",
        "Attention: Is All You Need?",
        "--topics",
        "one,two",
        "--level",
        "advanced",
        "--description",
        DESCRIPTION,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote data/resources/attention-is-all-you-need.yml" in result.stdout
    resource = load_dataset(mini).resources["attention-is-all-you-need"]
    assert (resource.type, resource.cost, resource.topics) == ("paper", "free", ("one", "two"))  # guessed from arxiv
    assert resource.title == "Attention: Is All You Need?"
    text = (mini / "data/resources/attention-is-all-you-need.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/resource.schema.json\ntitle: ")


def test_duplicate_url_is_refused_naming_the_file(mini):
    result = run(mini, "--yes", "--url", "http://www.example.org/book-a/?utm_source=newsletter")
    assert result.returncode == 1
    assert "already in the dataset: data/resources/book-a.yml" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--url", "https://bit.ly/abc"], "link shortener", id="shortener"),
        pytest.param(["--url", "javascript:alert(1)"], "url must start with https://", id="javascript-url"),
        pytest.param(
            ["--url", "https://example.org/x", "--no-fetch"], "missing --title, --type, --topics", id="missing"
        ),
        pytest.param(["--url", "https://example.org/x", "--type", "blog"], "invalid choice: 'blog'", id="bad-type"),
    ],
)
def test_bad_usage_exits_2_with_a_message(mini, args, message):
    result = run(mini, "--yes", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_topic_is_reported_in_the_new_file(mini):
    result = run(
        mini,
        "--yes",
        "--no-fetch",
        "--url",
        "https://github.com/someone/project",
        "--title",
        "Project",
        "--topics",
        "onee",
        "--level",
        "beginner",
        "--description",
        DESCRIPTION,
    )
    assert result.returncode == 1
    assert "data/resources/project.yml:5: unknown topic 'onee' — did you mean 'one'?" in result.stdout


def test_prompts_ask_for_missing_values_and_reask_invalid_ones(mini):
    answers = "\n".join(["Interactive Course", "", "three", "", "nope", "beginner", DESCRIPTION]) + "\n"
    result = run(mini, "--no-fetch", "--url", "https://www.coursera.org/learn/interactive", stdin=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "please choose from the options" in result.stdout  # 'nope' is not a level
    resource = load_dataset(mini).resources["interactive-course"]
    assert (resource.type, resource.cost, resource.level) == ("course", "freemium", "beginner")


# Reading the title from a page (through the public-address checks) is tested in test_hostile_fetch.py.

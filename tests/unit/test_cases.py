"""System-design cases: the schema and validator require the losses, training data, capacity estimates and
follow-ups, with clear messages, and the loader turns them into Case objects the renderer can use."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.dataset import DatasetError, load_dataset
from macros.render import render_case_page, render_cases

CASE = "data/cases/tiny-case.yml"
POINTS = "\n".join(f"      - Point number {n} of this step, said aloud." for n in range(3))
STEPS = "\n".join(f"  - topic: {topic}\n    points:\n{POINTS}" for topic in ("one", "two", "three", "one", "two"))
VALID = f"""# yaml-language-server: $schema=../schema/case.schema.json
title: A tiny case
prompt: Design a tiny system that predicts one thing for the tests.
order: 1
kind: genai
steps:
{STEPS}
losses:
  - model: Tiny generator
    loss: 'Token cross-entropy, $-\\sum_{{t}} \\log p_\\theta(y_t \\mid y_{{<t}}, x)$, over the answer tokens.'
training_data:
  - Labels come from a reviewed sample of real requests.
  - Split by time so the test month follows the training months.
capacity:
  assumptions:
    - 1 million requests a day.
    - 1,000 tokens per request.
  qps: About 12 requests per second on average and 40 at peak.
  storage: About 1 GB a day of logged prompts and answers.
  latency: 2 seconds to the last token, 500 ms to the first.
  gpu_cost: One GPU at \\$2 an hour serves it, about \\$0.06 per 1k requests.
follow_ups:
  - question: What if the model makes things up?
    answer: Ground every answer in retrieved text, cite it, and refuse when nothing relevant is retrieved.
  - question: How do you evaluate it?
    answer: A golden set scored by a judge model that is calibrated against human ratings on a sample.
  - question: How do you cut the cost?
    answer: Cache repeated prompts, route easy requests to a small model, and batch requests on the GPU.
resources:
  - book-a
  - course-b
"""


def line(needle: str) -> int:
    """The 1-based line of VALID that holds `needle`."""
    return next(n for n, text in enumerate(VALID.splitlines(), 1) if needle in text)


def write_case(root: Path, text: str) -> None:
    """The case's data file and its page (every case has one)."""
    (root / "data" / "cases").mkdir(exist_ok=True)
    (root / CASE).write_text(text, encoding="utf-8")
    page = root / "docs" / "system-design" / "cases" / "tiny-case.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("{{ case_page() }}\n", encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    try:
        load_dataset(root)
    except DatasetError as err:
        return [str(p) for p in err.problems]
    return []


def test_a_complete_case_loads_with_every_field(mini):
    write_case(mini, VALID)
    case = load_dataset(mini).practice.cases[0]
    assert case.kind == "genai"
    assert [loss.model for loss in case.losses] == ["Tiny generator"]
    assert case.losses[0].loss.startswith("Token cross-entropy, $-\\sum_{t}")
    assert len(case.training_data) == 2
    assert case.capacity.qps.startswith("About 12 requests")
    assert case.capacity.gpu_cost.endswith("per 1k requests.")
    assert [f.question for f in case.follow_ups] == [
        "What if the model makes things up?",
        "How do you evaluate it?",
        "How do you cut the cost?",
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "follow_ups:",
            "follow_upz:",
            f"{CASE}:2: missing required field 'follow_ups' — add a line `follow_ups: …`",
            id="missing-follow-ups",
        ),
        pytest.param(
            "kind: genai",
            "kind: llm",
            f"{CASE}:{line('kind:')}: kind: 'llm' is not allowed (use one of: genai, classic)",
            id="unknown-kind",
        ),
        pytest.param(
            "Token cross-entropy, $-\\sum_{t} \\log p_\\theta(y_t \\mid y_{<t}, x)$, over the answer tokens.",
            "Token cross-entropy over the answer tokens, nothing more.",
            f"{CASE}:{line('    loss:')}: losses[0].loss has no formula — write the loss in TeX between `$` signs",
            id="loss-without-formula",
        ),
        pytest.param(
            "  gpu_cost: One GPU at \\$2 an hour serves it, about \\$0.06 per 1k requests.\n",
            "",
            f"{CASE}:{line('capacity:')}: a genai case must estimate its GPU cost — add `gpu_cost: …` under capacity",
            id="genai-without-gpu-cost",
        ),
        pytest.param(
            "  qps: About 12 requests per second on average and 40 at peak.\n",
            "",
            f"{CASE}:{line('capacity:')}: missing required field 'qps' — add a line `qps: …`",
            id="capacity-without-qps",
        ),
    ],
)
def test_an_incomplete_case_is_refused_with_its_line_and_fix(mini, old, new, message):
    assert old in VALID
    write_case(mini, VALID.replace(old, new, 1))
    found = problems_of(mini)
    assert any(p.startswith(message) for p in found), found


def test_a_classic_case_needs_no_gpu_cost(mini):
    classic = VALID.replace("kind: genai", "kind: classic")
    write_case(mini, classic.replace(classic[classic.index("  gpu_cost:") : classic.index("follow_ups:")], ""))
    assert problems_of(mini) == []


def test_the_case_page_shows_the_new_sections(mini):
    write_case(mini, VALID)
    dataset = load_dataset(mini)
    case = dataset.practice.cases[0]
    html = render_case_page(dataset, case, case.url)
    for section in ("losses", "training-data", "capacity", "follow-ups"):
        assert f'<details class="mip-step" id="case-tiny-case-{section}">' in html  # closed until opened
    assert "<math" in html  # the loss formula became MathML
    assert "GenAI" in html and "<dt>GPU cost</dt>" in html
    assert "<strong>How do you cut the cost?</strong>" in html
    assert 'href="tiny-case/"' in render_cases(dataset, "system-design/cases/")

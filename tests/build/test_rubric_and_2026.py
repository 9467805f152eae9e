"""The rubric's rows judged over the whole interview, the GenAI section of the System Design page, and the
"what 2026 loops add" sections of the home and round pages (issue 12), checked on the built site."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from macros import render
from macros.dataset import load_dataset
from tests.build.htmlpage import read_page

# Topic ids issue 12 reserves for new content, and the GenAI cases the System Design page should link.
NEW_TOPICS = (
    "large-language-models",
    "post-training-alignment",
    "embeddings-retrieval",
    "llm-inference",
    "llm-evaluation",
    "generative-models",
    "maths-foundations",
    "recommender-systems",
)
GENAI_CASES = ("rag-assistant", "llm-semantic-search", "llm-content-moderation", "support-agent-with-tools")


@pytest.fixture(scope="module")
def ds(real_root):
    return load_dataset(real_root)


def section(built_site, page: str, anchor: str) -> str:
    """The HTML of the section that starts at the heading with `anchor`, up to the next heading of its level."""
    html = (built_site / page).read_text(encoding="utf-8")
    found = re.search(rf'<h([23])[^>]*id="{anchor}"', html)
    assert found, f"{page}: no heading #{anchor}"
    rest = html[found.end() :]
    end = re.search(rf"<h[1-{found.group(1)}][ >]", rest)
    return rest[: end.start() if end else len(rest)]


def words(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', html))


def test_rubric_has_the_rows_issue_12_asks_for(ds):
    ids = [row.id for row in ds.practice.rubric_dimensions]
    assert {"driving-the-interview", "level-mid", "level-senior", "level-staff"} <= set(ids), ids
    genai = [row for row in ds.practice.rubric_dimensions if row.id.startswith("genai-")]
    text = " ".join(" ".join((*row.weak, *row.solid, *row.strong)) for row in genai).lower()
    for concern in ("retriev", "prompt", "judge", "guardrail", "injection", "cost", "latency", "time to first token"):
        assert concern in text, f"the GenAI rubric rows say nothing about {concern!r}"
    driving = next(row for row in ds.practice.rubric_dimensions if row.id == "driving-the-interview")
    text = " ".join((*driving.weak, *driving.solid, *driving.strong)).lower()
    for concern in ("plan", "minutes", "assumption", "ask"):
        assert concern in text, f"the driving-the-interview row says nothing about {concern!r}"


def test_rubric_page_shows_every_row_in_full(built_site, ds):
    page = read_page(built_site / "system-design" / "rubric" / "index.html")
    for row in ds.practice.rubric_dimensions:
        assert f"rubric-{row.id}" in page.ids
        assert row.title in page.text
        for item in (*row.weak, *row.solid, *row.strong):
            if "$" not in item:  # a formula becomes MathML, whose text differs from the TeX
                assert item in page.text, item


def test_system_design_page_says_what_changes_in_each_component_for_genai(built_site, ds):
    genai = section(built_site, "system-design/index.html", "what-changes-for-a-genai-system")
    assert len(re.findall(r"<h3", genai)) == len(ds.topics_by_round["system-design"]) == 5
    text = words(genai).lower()
    for idea in (
        "build or buy",
        "llm-as-judge",
        "groundedness",
        "chunking",
        "few-shot",
        "fine-tuning",
        "route",
        "time to first token",
        "tokens per second",
        "cost per request",
        "caching",
        "guardrails",
        "prompt injection",
    ):
        assert idea in text, idea
    assert "<math" in genai, "the cost per request is a formula"
    for case in (c for c in ds.practice.cases if c.id in GENAI_CASES):
        link = render.relative_url("system-design/", case.url)
        assert link in hrefs(genai), f"link the GenAI case '{case.id}' from this section"


@pytest.mark.parametrize("page", ["index.html", "breadth/index.html", "depth/index.html"])
def test_home_and_round_pages_say_what_2026_loops_add(built_site, ds, page):
    added = section(built_site, page, "what-2026-loops-add")
    assert "LLM" in words(added)
    page_url = page.removesuffix("index.html")
    for topic in (ds.topics[t] for t in NEW_TOPICS if t in ds.topics):
        if page == "index.html" or topic.round == page_url.rstrip("/"):
            link = render.relative_url(page_url, topic.url)
            assert link in hrefs(added), f"{page}: link the new topic '{topic.id}' from 'What 2026 loops add'"


def test_prep_time_shares_stay_the_seeds(ds):
    shares = {r.id: (r.share_min, r.share_max) for r in ds.rounds}
    assert shares == {"breadth": (35, 35), "depth": (25, 25), "system-design": (40, 40), "coding": (0, 10)}

"""The real dataset and docs/: valid, complete, and no resource URL typed into a page by hand."""

from __future__ import annotations

import re

import pytest

from macros.dataset import load_dataset
from macros.validate import normalise_url

SEED_PICKS = {
    "Coursera Deep Learning Specialization": "coursera.org/specializations/deep-learning",
    "The Hundred-Page Machine Learning Book": "themlbook.com",
    "100 Days of ML Code": "github.com/avik-jain/100-days-of-ml-code",
    "Kaggle": "kaggle.com",
    "Chip Huyen's ML interviews book": "huyenchip.com/ml-interviews-book",
    "Udacity Deep Learning nanodegree": "udacity.com/course/deep-learning-nanodegree--nd101",
    "Udacity Computer Vision nanodegree": "udacity.com/course/computer-vision-nanodegree--nd891",
}


@pytest.fixture(scope="module")
def ds(real_root):
    return load_dataset(real_root)


def test_dataset_size_and_coverage(ds):
    assert len(ds.resources) >= 150
    assert [r.id for r in ds.rounds] == ["breadth", "depth", "system-design", "coding"]
    for topic in ds.topics.values():
        resources = ds.resources_by_topic[topic.id]
        assert len(resources) >= 4, topic.id
        assert any(r.cost == "free" for r in resources), topic.id


@pytest.mark.parametrize("name", SEED_PICKS)
def test_seed_picks_are_in(ds, name):
    urls = {normalise_url(r.url).lower() for r in ds.resources.values()}
    assert SEED_PICKS[name] in urls


def test_breadth_topics_cover_the_fundamentals_and_the_2026_llm_block(ds):
    breadth = {t.id: t for t in ds.topics_by_round["breadth"]}
    fundamentals = {tid for tid, t in breadth.items() if t.tier == "fundamental"}
    seed_fundamentals = {
        "supervised-learning",
        "unsupervised-learning",
        "ensemble-methods",
        "deep-learning",
        "evaluation-metrics",
        "loss-functions",
        "feature-selection",
        "statistics",
    }
    assert seed_fundamentals | {"maths-foundations"} <= fundamentals, seed_fundamentals - fundamentals
    specialised = {tid for tid, t in breadth.items() if t.tier == "specialised"}
    assert {"sequence-models", "nlp", "computer-vision", "reinforcement-learning"} <= specialised
    # 2026 loops carry an LLM block in Breadth, asked at every level, not only of senior candidates.
    llm_block = {
        "large-language-models",
        "post-training-alignment",
        "embeddings-retrieval",
        "llm-inference",
        "llm-evaluation",
        "generative-models",
    }
    assert llm_block <= set(breadth), llm_block - set(breadth)
    assert all(breadth[tid].level == "all" for tid in llm_block)


def test_no_url_typed_by_hand_in_docs(real_root):
    """Resources reach pages only through macros: docs/ holds no external http(s) address at all."""
    pattern = re.compile(r"https?://[^\s)>\]\"']+")
    found = []
    for page in sorted((real_root / "docs").rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            found += [
                f"{page.relative_to(real_root)}:{number}: {url}"
                for url in pattern.findall(line)
                if not re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", url)
            ]
    assert found == []

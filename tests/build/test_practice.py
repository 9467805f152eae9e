"""Practice content on the built site: questions on topic pages (linked both ways with resources), the Depth kit,
the system-design rubric and cases, and the exports at their stable URLs."""

from __future__ import annotations

import csv
import io
import json

import pytest

from macros import richtext
from macros.dataset import load_dataset
from tests.build.htmlpage import catalogue, read_page, text_of


@pytest.fixture(scope="module")
def ds(real_root):
    return load_dataset(real_root)


def test_every_topic_has_ten_questions_and_the_bank_has_250(ds):
    counts = {t: len(ds.practice.questions_by_topic.get(t, ())) for t in ds.topics}
    assert min(counts.values()) >= 10, counts
    assert sum(counts.values()) >= 250
    assert "evaluation-metrics-rare-click-imbalance" in ds.practice.questions


def test_topic_pages_show_questions_with_collapsible_answers(built_site, ds):
    for topic in ds.topics.values():
        html = (built_site / topic.url / "index.html").read_text(encoding="utf-8")
        page = read_page(built_site / topic.url / "index.html")
        for question in ds.practice.questions_by_topic[topic.id]:
            assert f'<details class="mip-question" id="q-{question.id}">' in html
            assert text_of(richtext.render_block(question.answer)) in page.text
            for resource in question.resources:
                assert f'href="{ds.resources[resource].url}"' in html, "Learn it from opens the resource itself"


def test_resources_link_back_to_the_questions_that_cite_them(built_site, ds):
    data = catalogue(built_site)
    cards = {card["id"]: card for card in data["cards"]}
    for resource_id, questions in ds.practice.questions_by_resource.items():
        assert cards[resource_id]["prepares"] == [q.id for q in questions]
        for question in questions:
            href = data["questions"][question.id][0]
            assert href.endswith(f"#q-{question.id}") and (built_site / "resources" / href.split("#")[0]).is_dir()


def test_imbalanced_classes_answer_keeps_the_distribution(built_site):
    page = read_page(built_site / "breadth" / "evaluation-metrics" / "index.html")
    assert "calibrated" in page.text and "downsample" in page.text.lower()


def test_depth_kit_has_the_worksheet_and_a_ladder_per_specialisation(built_site, ds):
    page = read_page(built_site / "depth" / "kit" / "index.html")
    for section in ds.practice.worksheet:
        assert f"worksheet-{section.id}" in page.ids
    assert {s.id for s in ds.practice.worksheet} >= {
        "problem",
        "data",
        "metrics",
        "baselines",
        "failure-modes",
        "differently",
        "presenting",
    }
    for topic in ("nlp", "computer-vision", "reinforcement-learning", "learning-to-rank", "time-series-forecasting"):
        assert f"ladder-{topic}" in page.ids
        assert len(ds.practice.ladders[topic].rungs) >= 5


def test_rubric_and_cases_cover_the_five_components(built_site, ds):
    rubric = read_page(built_site / "system-design" / "rubric" / "index.html")
    cases = read_page(built_site / "system-design" / "cases" / "index.html")
    design = [t.id for t in ds.topics_by_round["system-design"]]
    for topic in design:
        assert f"rubric-{topic}" in rubric.ids
    assert len(ds.practice.cases) >= 12
    assert sum(case.kind == "genai" for case in ds.practice.cases) >= 4
    for case in ds.practice.cases:
        assert f"case-{case.id}" in cases.ids
        page = read_page(built_site / case.url / "index.html")
        for section in [*design, "losses", "training-data", "capacity", "follow-ups"]:
            assert f"case-{case.id}-{section}" in page.ids


def test_every_case_states_losses_data_capacity_and_follow_ups(ds):
    for case in ds.practice.cases:
        assert case.losses and all("$" in item.loss for item in case.losses), case.id
        assert len(case.training_data) >= 2 and len(case.follow_ups) >= 3, case.id
        assert case.capacity.qps and case.capacity.storage and case.capacity.latency, case.id
        if case.kind == "genai":
            assert case.capacity.gpu_cost, case.id


def test_exports_parse_and_match_the_dataset(built_site, ds):
    exported = json.loads((built_site / "exports" / "dataset.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in exported["resources"]] == list(ds.resources)
    assert {q["id"] for q in exported["questions"]} == set(ds.practice.questions)
    rows = list(csv.DictReader(io.StringIO((built_site / "exports" / "resources.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == list(ds.resources)
    assert all(row["url"] == ds.resources[row["id"]].url for row in rows)
    questions = list(csv.DictReader(io.StringIO((built_site / "exports" / "questions.csv").read_text("utf-8"))))
    assert len(questions) == len(ds.practice.questions)
    for round_ in ds.rounds:
        deck = (built_site / "exports" / "anki" / f"{round_.id}.txt").read_text(encoding="utf-8").splitlines()
        assert deck[:2] == ["#separator:tab", "#html:true"]
        cards = [line for line in deck if not line.startswith("#")]
        expected = sum(len(ds.practice.questions_by_topic[t.id]) for t in ds.topics_by_round[round_.id])
        assert len(cards) == expected and all(line.count("\t") == 2 for line in cards)


def test_downloads_page_links_every_export(built_site):
    page = read_page(built_site / "resources" / "downloads" / "index.html")
    hrefs = {link["href"] for link in page.links}
    for path in built_site.joinpath("exports").rglob("*"):
        if path.is_file():
            assert "../../" + path.relative_to(built_site).as_posix() in hrefs

"""Issue 11 on the generator side: bundled SVG icons, state chips, worked-case pages (drift rule, navigation,
pipeline diagram) and the planner's study-time data."""

from __future__ import annotations

import dataclasses
import re

import pytest

from macros import icons, render
from macros.dataset import STUDY_TIME_DEFAULTS, DatasetError, load_dataset, study_time_of
from macros.nav import add_topics_to_nav
from macros.practice import Case, CaseStep, PipelineStage, Practice


def problems_of(root) -> list[str]:
    try:
        load_dataset(root)
    except DatasetError as err:
        return [str(p) for p in err.problems]
    return []


def test_icons_come_from_materials_bundled_svgs():
    svg = icons.icon("school")
    assert svg.startswith('<svg class="mip-icon" aria-hidden="true" focusable="false" ')
    assert (icons.icon_folder() / "material" / "school.svg").read_text(encoding="utf-8").split(">", 1)[1] in svg
    for resource_type in render.TYPE_LABELS:
        assert "<svg" in icons.type_icon(resource_type), resource_type


@pytest.mark.parametrize("name", ["no-such-icon-anywhere", "../../etc/passwd", "School"])
def test_unknown_or_unsafe_icon_names_are_refused(name):
    with pytest.raises(icons.IconError):
        icons.icon(name)


def test_resource_cards_carry_no_emoji(mini):
    ds = load_dataset(mini)
    html = render.render_resource_cards(ds, list(ds.resources.values()), "")
    assert not re.search("[\U0001f300-\U0001faff\u2600-\u27bf]", html), "emoji need a font that phones may lack"
    assert html.count('<svg class="mip-icon"') >= len(ds.resources)


def test_state_chip_escapes_its_key():
    assert str(render.state_chip('topic:a"b')) == '<span class="mip-state" data-state-of="topic:a&#34;b" hidden></span>'


def _case(pipeline=()) -> Case:
    steps = tuple(CaseStep(t, ("a point to make",)) for t in ("one", "two", "three"))
    return Case("demo-case", "Demo <case>", "Design a demo.", 1, steps, ("book-a",), pipeline=pipeline)


def test_pipeline_diagram_is_inline_svg_from_the_case_data(mini):
    ds = load_dataset(mini)
    case = _case(
        (PipelineStage("Candidates", "ANN, ~1,000 items"), PipelineStage("Ranker <GBDT>"), PipelineStage("Re-rank"))
    )
    svg = render.render_pipeline(ds, case)
    assert svg.count('class="mip-pipeline__box"') == 3 and svg.count('class="mip-pipeline__arrow"') == 2
    assert "Ranker &lt;GBDT&gt;" in svg and "<GBDT>" not in svg, "data is escaped inside the SVG"
    assert 'role="img"' in svg and "Pipeline of Demo &lt;case&gt;" in svg
    assert "1. Candidates: ANN, ~1,000 items. 2. Ranker &lt;GBDT&gt;. 3. Re-rank." in svg
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_pipeline_falls_back_to_the_components(mini):
    ds = load_dataset(mini)
    svg = render.render_pipeline(ds, _case())
    assert svg.count('class="mip-pipeline__box"') == 3
    names = re.findall(r'class="mip-pipeline__name">([^<]+)<', svg)
    assert names == ["Topic One", "Topic Two", "Topic Three"]
    assert "The five components of" in svg


def test_case_page_keeps_every_step_closed(mini):
    ds = dataclasses.replace(load_dataset(mini), practice=Practice(cases=(_case(),)))
    text = render.render_case_page(ds, ds.practice.cases[0], "system-design/cases/demo-case/")
    assert text.startswith("# Demo \\&lt;case\\&gt;\n"), "the title is escaped for Markdown and HTML"
    # the three steps, then losses, training data, capacity and follow-ups: all closed until opened
    assert text.count('<details class="mip-step"') == 3 + 4 and "<details open" not in text
    assert 'data-track="case:demo-case"' in text


def test_every_case_needs_a_page_and_every_case_page_a_case(mini):
    (mini / "data" / "cases").mkdir()
    (mini / "data" / "cases" / "demo-case.yml").write_text("title: Demo case\n", encoding="utf-8")
    (mini / "docs" / "system-design" / "cases").mkdir(parents=True)
    (mini / "docs" / "system-design" / "cases" / "index.md").write_text("# Cases\n", encoding="utf-8")
    (mini / "docs" / "system-design" / "cases" / "demo-cas.md").write_text("{{ case_page() }}\n", encoding="utf-8")
    problems = problems_of(mini)
    assert (
        "data/cases/demo-case.yml:1: case has no page — create docs/system-design/cases/demo-case.md "
        "(copy any other case page)"
    ) in problems
    assert (
        "docs/system-design/cases/demo-cas.md:1: page has no case 'demo-cas' — did you mean 'demo-case'? — add "
        "data/cases/demo-cas.yml or delete the page"
    ) in problems


def test_nav_lists_each_case_under_the_cases_index(mini):
    ds = dataclasses.replace(load_dataset(mini), practice=Practice(cases=(_case(),)))
    nav = [
        {"Alpha": ["alpha/index.md"]},
        {"Beta": ["beta/index.md"]},
        {"Gamma": ["gamma/index.md", {"Worked cases": ["system-design/cases/index.md"]}]},
    ]
    result = add_topics_to_nav(nav, ds)
    assert result[2]["Gamma"][-1] == {
        "Worked cases": ["system-design/cases/index.md", {"Demo &lt;case&gt;": "system-design/cases/demo-case.md"}]
    }


def test_real_dataset_has_a_page_for_every_case(real_root):
    ds = load_dataset(real_root)
    for case in ds.practice.cases:
        page = real_root / "docs" / case.page
        assert page.read_text(encoding="utf-8").strip().endswith("{{ case_page() }}"), case.id


def test_study_time_defaults_and_overrides():
    merged = study_time_of({"minutes_per_question": 5, "minutes_per_resource": {"book": 30}})
    assert merged["minutes_per_question"] == 5 and merged["resources_per_topic"] == 2
    assert merged["minutes_per_resource"]["book"] == 30
    assert merged["minutes_per_resource"]["course"] == STUDY_TIME_DEFAULTS["minutes_per_resource"]["course"]
    assert study_time_of(None) == STUDY_TIME_DEFAULTS


def test_planner_data_budgets_each_topic(real_root):
    ds = load_dataset(real_root)
    data = render.planner_data(ds)
    assert data["minutesPerQuestion"] == ds.study_time["minutes_per_question"]
    nlp = next(t for t in data["topics"] if t["id"] == "nlp")
    leading = ds.resources_by_topic["nlp"][: ds.study_time["resources_per_topic"]]
    assert nlp["study"] == [r.id for r in leading]
    assert nlp["readMinutes"] == sum(ds.study_time["minutes_per_resource"][r.type] for r in leading)

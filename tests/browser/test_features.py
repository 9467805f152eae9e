"""Browser level, one test per feature: planner, progress (reload, export/import), filters (URL round trip),
keyboard use, the phone layout of the new pages, and axe accessibility in light and dark mode."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from macros.dataset import load_dataset

pytestmark = pytest.mark.browser


def plan_rounds(page: Page) -> set[str]:
    return set(page.locator(".mip-plan__round").evaluate_all("els => els.map(e => e.dataset.round)"))


def test_planner_respects_weeks_and_rounds(page: Page, site_url: str):
    page.goto(site_url + "planner/")
    expect(page.locator(".mip-plan__week")).to_have_count(6)  # default plan on load
    page.fill("#mip-weeks", "3")
    page.uncheck("input[name='rounds'][value='depth']")
    page.check("input[name='rounds'][value='coding']")
    page.get_by_role("button", name="Make my plan").click()
    expect(page.locator(".mip-plan__week")).to_have_count(3)
    assert plan_rounds(page) == {"breadth", "system-design", "coding"}
    topics = set(page.locator(".mip-plan [data-topic]").evaluate_all("els => els.map(e => e.dataset.topic)"))
    assert "past-projects" not in topics and "models-from-scratch" in topics
    assert "computer-vision" not in topics, "junior plans leave out senior-only topics"
    page.check("input[name='level'][value='senior']")
    page.get_by_role("button", name="Make my plan").click()
    topics = set(page.locator(".mip-plan [data-topic]").evaluate_all("els => els.map(e => e.dataset.topic)"))
    assert "computer-vision" in topics
    expect(page.locator("#your-plan")).to_have_text("Your 3-week plan")
    expect(
        page.get_by_text(re.compile(r"Time split: ML Breadth 33%, ML System Design 53%, ML Coding 13%"))
    ).to_be_visible()


def test_planner_counts_weeks_from_a_date(page: Page, site_url: str):
    page.goto(site_url + "planner/")
    in_five_weeks = page.evaluate(
        "() => { const d = new Date(Date.now() + 34 * 86400000); return d.toISOString().slice(0, 10); }"
    )
    page.fill("#mip-date", in_five_weeks)
    page.get_by_role("button", name="Make my plan").click()
    expect(page.locator(".mip-plan__week")).to_have_count(5)


def set_status(page: Page, key: str, value: str) -> None:
    page.locator(f"select[data-track-select='{key}']").select_option(value)


def test_progress_survives_reload_and_shows_per_round(page: Page, site_url: str, real_root):
    ds = load_dataset(real_root)  # counts come from the data, so adding questions does not break the test
    breadth = ds.topics_by_round["breadth"]
    questions = sum(len(ds.practice.questions_by_topic.get(t.id, ())) for t in breadth)
    page.goto(site_url + "breadth/nlp/")
    set_status(page, "topic:nlp", "done")
    page.locator("#q-nlp-word2vec-skip-gram-negative-sampling summary").click()
    set_status(page, "question:nlp-word2vec-skip-gram-negative-sampling", "done")
    page.reload()
    expect(page.locator("select[data-track-select='topic:nlp']")).to_have_value("done")
    page.goto(site_url + "progress/")
    row = page.locator("tr[data-round='breadth']")
    expect(row).to_contain_text(f"1 / {len(breadth)}")
    expect(row).to_contain_text(f"1 / {questions}")
    page.goto(site_url)
    expect(page.locator("[data-round-progress='breadth']")).to_have_text(f"1 of {len(breadth)} topics done")


def test_progress_export_and_import_round_trip(page: Page, site_url: str, tmp_path):
    page.goto(site_url + "breadth/statistics/")
    set_status(page, "topic:statistics", "learning")
    set_status(page, "resource:seeing-theory", "done")
    page.goto(site_url + "progress/")
    with page.expect_download() as download:
        page.click("#mip-export")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "ml-interview-playbook-progress"
    assert data["items"] == {"topic:statistics": "learning", "resource:seeing-theory": "done"}
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#mip-reset")
    expect(page.locator("#mip-progress-message")).to_have_text("All progress cleared.")
    assert page.evaluate("localStorage.getItem('mip-progress')") == json.dumps(
        {"version": 1, "items": {}}, separators=(",", ":")
    )
    page.set_input_files("#mip-import", str(exported))
    expect(page.locator("#mip-progress-message")).to_have_text("Imported 2 mark(s).")
    page.goto(site_url + "breadth/statistics/")
    expect(page.locator("select[data-track-select='topic:statistics']")).to_have_value("learning")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something-else", "items": {}}))
    page.goto(site_url + "progress/")
    page.set_input_files("#mip-import", str(bad))
    expect(page.locator("#mip-progress-message")).to_contain_text("not a progress export")


def visible_cards(page: Page) -> int:
    return page.locator(".mip-resource[id^='res-']:visible").count()


def test_filters_narrow_the_list_and_the_url_restores_them(page: Page, site_url: str):
    page.goto(site_url + "resources/")
    total = visible_cards(page)
    assert total >= 150
    page.check("#mip-filters input[name='cost'][value='free']")
    free = visible_cards(page)
    assert 0 < free < total
    page.check("#mip-filters input[name='type'][value='book']")
    free_books = visible_cards(page)
    assert 0 < free_books < free
    expect(page.locator("#mip-filter-status")).to_have_text(f"Showing {free_books} of {total} resources.")
    count = page.locator("[data-count-for='type:book']").inner_text()
    assert count == f"({free_books})"
    assert re.search(r"[?&]type=book", page.url) and re.search(r"[?&]cost=free", page.url)
    shared = page.url
    for card in page.locator(".mip-resource[id^='res-']:visible").all():
        assert card.get_attribute("data-cost") == "free" and card.get_attribute("data-type") == "book"
    page.goto(shared)
    expect(page.locator("#mip-filters input[name='type'][value='book']")).to_be_checked()
    assert visible_cards(page) == free_books
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#mip-filter-status")).to_have_text(f"Showing {total} of {total} resources.")
    assert "type=" not in page.url


def test_topic_filter_comes_from_the_url(page: Page, site_url: str):
    page.goto(site_url + "resources/?topic=nlp#all-resources")
    expect(page.locator("#mip-filter-topic")).to_have_value("nlp")
    cards = page.locator(".mip-resource[id^='res-']:visible")
    assert cards.count() >= 4
    for card in cards.all():
        assert "nlp" in card.get_attribute("data-topics").split()
    page.select_option("#mip-filter-topic", "statistics")
    assert "topic=statistics" in page.url


def test_keyboard_alone_reaches_and_uses_the_controls(page: Page, site_url: str):
    page.goto(site_url + "resources/")
    page.locator("#mip-filters input[name='cost'][value='paid']").focus()
    page.keyboard.press("Space")
    expect(page.locator("#mip-filters input[name='cost'][value='paid']")).to_be_checked()
    page.goto(site_url + "breadth/nlp/")
    summary = page.locator("#q-nlp-glove-vs-word2vec summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#q-nlp-glove-vs-word2vec")).to_have_attribute("open", "")
    page.goto(site_url + "planner/")
    page.locator("#mip-weeks").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    expect(page.locator(".mip-plan__week")).to_have_count(2)


@pytest.mark.parametrize("path", ["planner/", "progress/", "depth/kit/", "system-design/cases/"])
def test_new_pages_fit_a_phone(phone: Page, site_url: str, path: str):
    phone.goto(site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


AXE_PAGES = [
    "",
    "breadth/",
    "breadth/nlp/",
    "planner/",
    "resources/",
    "progress/",
    "depth/kit/",
    "system-design/rubric/",
    "coding/",
    "coding/models-from-scratch/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(browser, site_url: str, scheme: str):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    report = {}
    for path in AXE_PAGES:
        page.goto(site_url + path)
        expected = "slate" if scheme == "dark" else "default"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
        violations = axe.run(page).response["violations"]
        if violations:
            report[path or "home"] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    context.close()
    assert report == {}


def test_coding_problem_progress_counts_and_survives_export(page: Page, site_url: str, tmp_path):
    page.goto(site_url + "coding/models-from-scratch/")
    set_status(page, "problem:logistic-regression", "done")
    page.goto(site_url + "progress/")
    row = page.locator("tr[data-round='coding']")
    total = len(load_dataset(Path(__file__).resolve().parents[2]).problems)
    expect(row).to_contain_text(f"1 / {total}")
    with page.expect_download() as download:
        page.click("#mip-export")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["items"] == {"problem:logistic-regression": "done"}
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#mip-reset")
    page.set_input_files("#mip-import", str(exported))
    expect(page.locator("#mip-progress-message")).to_have_text("Imported 1 mark(s).")

"""Browser level, one test per feature: planner, progress (reload, export/import), filters (URL round trip),
keyboard use, the phone layout of the new pages, and axe accessibility in light and dark mode."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros.dataset import load_dataset

pytestmark = pytest.mark.browser


def plan_rounds(page: Page) -> set[str]:
    rounds = set(page.locator(".mip-plan__round").evaluate_all("els => els.map(e => e.dataset.round)"))
    return rounds - {"revision"}


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
    expect(page.locator("[data-round-progress='breadth']")).to_contain_text(f"1 of {len(breadth)} topics done")


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
    assert data["format"] == "ml-interview-playbook-progress" and data["version"] == 2
    assert data["items"] == {"topic:statistics": "learning", "resource:seeing-theory": "done"}
    assert set(data["times"]) == set(data["items"]), "each mark carries the time it was set"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#mip-reset")
    expect(page.locator("#mip-progress-message")).to_have_text("All progress cleared.")
    stored = json.loads(page.evaluate("localStorage.getItem('mip-progress')"))
    assert stored["version"] == 2 and stored["items"] == {}
    assert set(stored["times"]) == set(data["items"]), "a cleared mark keeps its time, so older imports lose"
    page.check("input[name='import-mode'][value='replace']")
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("#mip-import", str(exported))
    expect(page.locator("#mip-progress-message")).to_have_text("Replaced with 2 imported mark(s).")
    page.goto(site_url + "breadth/statistics/")
    expect(page.locator("select[data-track-select='topic:statistics']")).to_have_value("learning")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "something-else", "items": {}}))
    page.goto(site_url + "progress/")
    page.set_input_files("#mip-import", str(bad))
    expect(page.locator("#mip-progress-message")).to_contain_text("not a progress export")


def visible_cards(page: Page) -> int:
    return page.locator(".mip-resource[id^='res-']:visible").count()


def matching(page: Page) -> int:
    """How many resources match the filters, from the status line ("Showing 12 of 40 matching resources …")."""
    text = page.locator("#mip-filter-status").inner_text()
    return int(re.search(r"(\d+) matching", text).group(1))


def show_all(page: Page) -> None:
    for _ in range(40):  # bounded: a "Show more" that never hides fails the test instead of hanging it
        if not page.locator("#mip-show-more").is_visible():
            break
        page.click("#mip-show-more")


def test_filters_narrow_the_list_and_the_url_restores_them(page: Page, site_url: str):
    page.goto(site_url + "resources/")
    total = matching(page)
    assert total >= 150
    page.check("#mip-filters input[name='cost'][value='free']")
    free = matching(page)
    assert 0 < free < total
    page.check("#mip-filters input[name='type'][value='book']")
    free_books = matching(page)
    assert 0 < free_books < free
    show_all(page)
    assert visible_cards(page) == free_books
    expect(page.locator("#mip-filter-status")).to_have_text(
        f"Showing all {free_books} matching resources ({total} in all)."
    )
    count = page.locator("[data-count-for='type:book']").inner_text()
    assert count == f"({free_books})"
    assert re.search(r"[?&]type=book", page.url) and re.search(r"[?&]cost=free", page.url)
    shared = page.url
    for card in page.locator(".mip-resource[id^='res-']:visible").all():
        assert card.get_attribute("data-cost") == "free" and card.get_attribute("data-type") == "book"
    page.goto(shared)
    expect(page.locator("#mip-filters input[name='type'][value='book']")).to_be_checked()
    assert matching(page) == free_books
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#mip-filter-status")).to_have_text(re.compile(rf"Showing 12 of {total} matching resources"))
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
    expect(page.locator("#mip-progress-message")).to_contain_text("Merged 1 imported mark(s)")

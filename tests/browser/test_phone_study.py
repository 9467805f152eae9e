"""Browser level, issue 11 (studying on a phone): one test or more for each point — nothing hidden shown, answers,
progress where you study, phone layout of every page, the resources page, worked cases, icons, home, planner,
and axe on every page type at phone and desktop widths, light and dark, with search open and a button focused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from macros.dataset import load_dataset

pytestmark = pytest.mark.browser

EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]")


def every_page(built_site: Path) -> list[str]:
    """Every page of the built site, as a path relative to the root ('' for home)."""
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        relative = html.parent.relative_to(built_site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def new_page(browser: Browser, width: int, scheme: str = "light") -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 800 else 900},
        is_mobile=width < 800,
        has_touch=width < 800,
        color_scheme=scheme,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


# Words split across two lines: a word (letters only, 4+) whose text range spans more than one line box.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector(".md-content") || document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("svg, pre, code, .mip-sr-only, .md-search, .mip-learn__desc a")) continue;
    const re = /\\p{L}{4,}/gu;
    let m;
    while ((m = re.exec(node.data))) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      if (rects.length > 1 && Math.abs(rects[0].top - rects[rects.length - 1].top) > 2) broken.push(m[0]);
    }
  }
  return broken.slice(0, 5);
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_every_page_fits_the_phone_and_keeps_words_whole(browser: Browser, built_site: Path, site_url: str, width):
    page = new_page(browser, width)
    wide, broken = {}, {}
    pages = every_page(built_site)
    assert len(pages) >= 40
    for path in pages:
        page.goto(site_url + path)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide[path or "home"] = scroll
        words = page.evaluate(BROKEN_WORDS)
        if words:
            broken[path or "home"] = words
    page.context.close()
    assert wide == {}, f"pages wider than {width} px"
    assert broken == {}, "words broken mid-word"


def rect_width(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().width")


def test_screen_reader_text_is_not_shown(page: Page, site_url: str):
    page.goto(site_url + "breadth/nlp/")
    first = page.locator("details.mip-question").first
    first.locator("summary").click()
    label = first.locator(".mip-track label")
    assert label.inner_text().startswith("Progress")
    assert rect_width(page, "details.mip-question[open] .mip-track .mip-sr-only") <= 1
    page.goto(site_url + "progress/")
    assert rect_width(page, "#mip-import") <= 1, "the raw file input stays hidden"
    expect(page.get_by_text("Import progress…")).to_be_visible()
    page.goto(site_url + "resources/")
    expect(page.locator("#mip-filters")).to_contain_text("Topic")
    assert page.locator("#mip-filters").inner_text().count("Topic") == 1, "the topic filter is labelled once"


def test_answers_are_body_size_with_the_core_line_first(page: Page, site_url: str):
    page.goto(site_url + "breadth/nlp/")
    question = page.locator("details.mip-question").first
    question.locator("summary").click()
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")
    answer = question.locator(".mip-answer > p").first
    assert float(answer.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= body
    summary = question.locator("summary")
    text_size = summary.locator(".mip-question__text").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    badge_size = summary.locator(".mip-difficulty").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert badge_size < text_size, "the difficulty badge is smaller than the question"
    assert text_size >= body
    icon = summary.evaluate(
        "e => getComputedStyle(e, '::before').maskImage || getComputedStyle(e, '::before').webkitMaskImage"
    )
    assert "M11 18h2v-2h-2z" in icon, "a question icon (help-circle), not the admonition pencil"
    cores = page.locator(".mip-answer__core")
    if cores.count():
        core = cores.first
        assert core.evaluate("e => e === e.parentElement.firstElementChild"), "the core line comes first"
        assert int(core.evaluate("e => getComputedStyle(e).fontWeight")) >= 700


def set_status(page: Page, key: str, value: str) -> None:
    page.locator(f"select[data-track-select='{key}']").select_option(value)


def test_progress_is_visible_where_you_study(page: Page, site_url: str, real_root: Path):
    page.goto(site_url + "breadth/nlp/")
    set_status(page, "topic:nlp", "learning")
    question = page.locator("details.mip-question").first
    qid = question.get_attribute("id").removeprefix("q-")
    question.locator("summary").click()
    set_status(page, f"question:{qid}", "done")
    question.locator("summary").click()  # closed again: the mark still shows on the summary
    expect(question).not_to_have_attribute("open", "")
    expect(question.locator(f"summary [data-state-of='question:{qid}']")).to_have_text("Done")
    expect(question).to_have_attribute("data-status", "done")
    expect(page.locator("p.mip-counts")).to_contain_text("1 of")
    expect(page.locator("p.mip-counts")).to_contain_text("questions done · 0 learning · 0 skipped")
    page.goto(site_url + "breadth/")
    nav = page.locator(".md-nav__link[href$='nlp/'] .mip-nav-state").first
    expect(nav).to_have_attribute("data-status", "learning")
    expect(nav).to_have_text("(learning)")
    expect(page.locator(".mip-topic-table [data-state-of='topic:nlp']")).to_have_text("Learning")
    row = page.locator(".mip-topic-table tr", has=page.locator("[data-state-of='topic:nlp']"))
    expect(row.locator(".mip-counts")).to_contain_text("1 of")
    page.goto(site_url + "planner/?weeks=4&hours=10&level=senior&rounds=breadth")
    expect(page.locator(".mip-plan li[data-topic='nlp'] [data-state-of='topic:nlp']")).to_have_text("Learning")
    page.goto(site_url + "progress/")
    row = page.locator(".mip-progress-table tr[data-round='breadth']")
    breadth_topics = len(load_dataset(real_root).topics_by_round["breadth"])
    expect(row.locator("td").nth(0)).to_contain_text(f"0 / {breadth_topics}")
    expect(row).to_contain_text("1 learning")
    expect(row.locator("td").nth(1)).to_contain_text("1 / ")


def write_json(tmp_path: Path, name: str, value: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def test_import_merges_by_default_and_asks_before_replacing(page: Page, site_url: str, tmp_path: Path):
    page.goto(site_url + "progress/")
    page.evaluate(
        """() => localStorage.setItem('mip-progress', JSON.stringify({version: 2,
        items: {'topic:nlp': 'done', 'topic:statistics': 'learning', 'question:nlp-glove-vs-word2vec': 'skipped'},
        times: {'topic:nlp': Date.parse('2026-03-01T00:00:00Z'), 'topic:statistics': Date.parse('2026-01-01T00:00:00Z'),
                'question:nlp-glove-vs-word2vec': Date.parse('2026-02-01T00:00:00Z'),
                'topic:deep-learning': Date.parse('2026-05-01T00:00:00Z')}}))"""
    )
    page.reload()
    export = {
        "format": "ml-interview-playbook-progress",
        "version": 2,
        "exported_at": "2026-04-01T00:00:00Z",
        "items": {"topic:nlp": "learning", "topic:statistics": "done", "topic:deep-learning": "done"},
        "times": {
            "topic:nlp": "2026-02-01T00:00:00Z",  # older than the mark here: loses
            "topic:statistics": "2026-04-01T00:00:00Z",  # newer: wins
            "topic:deep-learning": "2026-04-01T00:00:00Z",  # cleared here later: stays cleared
        },
    }
    expect(page.locator("input[name='import-mode'][value='merge']")).to_be_checked()
    page.set_input_files("#mip-import", write_json(tmp_path, "export.json", export))
    expect(page.locator("#mip-progress-message")).to_contain_text("Merged 3 imported mark(s): 1 changed")
    items = json.loads(page.evaluate("localStorage.getItem('mip-progress')"))["items"]
    assert items == {"topic:nlp": "done", "topic:statistics": "done", "question:nlp-glove-vs-word2vec": "skipped"}

    # Today's (version 1) export still loads: its marks date from its export time.
    old = {
        "format": "ml-interview-playbook-progress",
        "version": 1,
        "exported_at": "2026-06-01T00:00:00Z",
        "items": {"topic:nlp": "skipped", "resource:seeing-theory": "done"},
    }
    page.set_input_files("#mip-import", write_json(tmp_path, "old.json", old))
    expect(page.locator("#mip-progress-message")).to_contain_text("Merged 2 imported mark(s)")
    items = json.loads(page.evaluate("localStorage.getItem('mip-progress')"))["items"]
    assert items["topic:nlp"] == "skipped" and items["resource:seeing-theory"] == "done"
    assert items["question:nlp-glove-vs-word2vec"] == "skipped", "merging never drops a mark the file lacks"

    # Replacing asks first; saying no changes nothing.
    page.check("input[name='import-mode'][value='replace']")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.set_input_files("#mip-import", write_json(tmp_path, "old2.json", old))
    expect(page.locator("#mip-progress-message")).to_have_text("Nothing was changed.")
    assert len(json.loads(page.evaluate("localStorage.getItem('mip-progress')"))["items"]) == 4
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("#mip-import", write_json(tmp_path, "old3.json", old))
    expect(page.locator("#mip-progress-message")).to_have_text("Replaced with 2 imported mark(s).")
    assert json.loads(page.evaluate("localStorage.getItem('mip-progress')"))["items"] == old["items"]


def test_resources_page_is_light_and_filters_everything(browser: Browser, site_url: str):
    page = new_page(browser, 390)
    page.goto(site_url + "resources/")
    nodes = page.evaluate("document.getElementsByTagName('*').length")
    assert nodes <= 2000, f"{nodes} DOM elements on first load"
    filters_top = page.locator("#mip-filters").evaluate("e => e.getBoundingClientRect().top + scrollY")
    assert filters_top < 3 * 844, "the filters are within the first screens"
    assert page.locator("#mip-filters").evaluate(
        "e => e.compareDocumentPosition(document.querySelector('.mip-resource')) & 4"
    )
    total = int(re.search(r"\((\d+) in all\)", page.locator("#mip-filter-status").inner_text()).group(1))
    page.check("#mip-filters input[name='type'][value='paper']")
    expect(page.locator("#mip-filter-status")).to_contain_text("matching resources")
    papers = int(re.search(r"(\d+) matching", page.locator("#mip-filter-status").inner_text()).group(1))
    assert 12 < papers < total
    for _ in range(40):  # bounded: a "Show more" that never hides fails the test instead of hanging it
        if not page.locator("#mip-show-more").is_visible():
            break
        page.click("#mip-show-more")
    types = page.locator(".mip-resource[id^='res-']").evaluate_all("els => els.map(e => e.dataset.type)")
    assert types == ["paper"] * papers, "every listed resource, including those shown later, obeys the filter"
    assert "type=paper" in page.url
    page.context.close()


def test_a_link_to_any_resource_card_lands_on_it(page: Page, site_url: str, built_site: Path):
    cards = json.loads((built_site / "resources" / "cards.json").read_text(encoding="utf-8"))["cards"]
    last = f"res-{cards[-1]['id']}"  # built by the page script: not in the page's HTML
    page.goto(site_url + f"resources/?type=course#{last}")
    card = page.locator(f"#{last}")
    expect(card).to_be_visible()
    assert card.evaluate("e => { const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }")


def test_learn_it_from_opens_the_resource_itself(page: Page, site_url: str):
    page.goto(site_url + "breadth/nlp/")
    links = page.locator(".mip-learn a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links and all(re.match(r"https?://", href) for href in links)
    expect(page.locator(".mip-learn .mip-learn__desc").first).to_be_attached()


def test_worked_cases_hide_each_step_until_opened(page: Page, site_url: str):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site_url) else None)
    page.goto(site_url + "system-design/cases/")
    cards = page.locator(".mip-case-card a")
    assert cards.count() >= 4
    cards.first.click()
    expect(page).to_have_url(re.compile(r"/system-design/cases/[a-z0-9-]+/$"))
    steps = page.locator("details.mip-step")
    assert steps.count() == 5 + 4  # the five components, then losses, training data, capacity and follow-ups
    for step in steps.all():
        expect(step).not_to_have_attribute("open", "")
        expect(step.locator("li").first).to_be_hidden()
    steps.first.locator("summary").click()
    expect(steps.first.locator("li").first).to_be_visible()
    expect(steps.nth(1).locator("li").first).to_be_hidden()
    diagram = page.locator(".mip-pipeline svg[role='img']")
    expect(diagram).to_be_visible()
    assert diagram.locator(".mip-pipeline__box").count() >= 2
    assert page.locator("script[src*='mermaid'], script[src^='http']").count() == 0
    assert [u for u in outside if "api.github.com" not in u] == [], "nothing loads from another host"
    nav = page.locator(".md-nav__link[href$='/search-ranking/']")
    assert nav.count() >= 1, "each case page is in the navigation"


def test_icons_are_svg_not_emoji(page: Page, site_url: str, built_site: Path):
    page.goto(site_url + "resources/")
    assert page.locator(".mip-resource__title svg.mip-icon").count() >= 12
    html = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert not EMOJI.search(html)
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not EMOJI.search(index), "no emoji in search snippets"


def test_home_starts_here_and_labels_shares(browser: Browser, site_url: str):
    page = new_page(browser, 390, "dark")
    page.goto(site_url)
    start = page.locator(".mip-start a").first
    expect(start).to_have_attribute("href", re.compile(r"planner/$"))
    share = page.locator(".mip-round-card__share").first
    expect(share).to_contain_text("of prep time")
    title_size = page.locator(".mip-round-card__title").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert float(share.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) < title_size
    label = page.locator(".mip-chart__label").first
    assert label.evaluate("e => e.getBoundingClientRect().height") >= 11, "chart labels legible on a phone"
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("form[data-mip-palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")  # the first tap changes the scheme
    page.context.close()


def week_hours(page: Page) -> list[tuple[float, float]]:
    """For each week: (hours in its heading, sum of its blocks' hours)."""
    return page.locator(".mip-plan__week").evaluate_all(
        """weeks => weeks.map(w => {
          const head = parseFloat(w.querySelector('h3').textContent.split('·')[1]);
          const parts = Array.from(w.querySelectorAll('.mip-plan__round-title')).map(
            p => parseFloat(p.textContent.split('·')[1]));
          return [head, parts.reduce((a, b) => a + b, 0)];
        })"""
    )


def test_planner_keeps_inputs_in_the_url_and_plans_revision(page: Page, site_url: str):
    page.goto(site_url + "planner/")
    page.fill("#mip-weeks", "3")
    page.fill("#mip-hours", "8")
    page.check("input[name='level'][value='senior']")
    page.uncheck("input[name='rounds'][value='depth']")
    page.get_by_role("button", name="Make my plan").click()
    assert re.search(r"weeks=3", page.url) and "level=senior" in page.url and "hours=8" in page.url
    page.reload()
    expect(page.locator("#mip-weeks")).to_have_value("3")
    expect(page.locator("#mip-hours")).to_have_value("8")
    expect(page.locator("input[name='level'][value='senior']")).to_be_checked()
    expect(page.locator("input[name='rounds'][value='depth']")).not_to_be_checked()
    expect(page.locator(".mip-plan__week")).to_have_count(3)
    expect(page.locator(".mip-plan__week").last.locator(".mip-plan__revision")).to_contain_text("mock interview")
    for head, parts in week_hours(page):
        assert head == 8 and abs(parts - head) <= 0.5, "a week's blocks add up to the hours a week"
    expect(page.locator(".mip-plan__meta")).to_contain_text("Level: senior")
    expect(page.locator(".mip-plan__meta")).to_contain_text("Made on ")
    expect(page.locator(".mip-plan__budget")).to_contain_text("min a practice question")
    page.fill("#mip-weeks", "2")
    page.get_by_role("button", name="Make my plan").click()
    expect(page.locator(".mip-plan__revision")).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.locator(".mip-plan .mip-tick").first).to_be_visible()
    expect(page.locator("#mip-planner")).to_be_hidden()
    expect(page.locator(".mip-plan__meta")).to_be_visible()


AXE_PAGE_TYPES = {
    "home": "",
    "round": "breadth/",
    "topic": "breadth/nlp/",
    "case": "system-design/cases/search-ranking/",
    "rubric": "system-design/rubric/",
    "planner": "planner/",
    "progress": "progress/",
    "resources": "resources/",
    "downloads": "resources/downloads/",
}


def axe_violations(axe: Axe, page: Page) -> list:
    # Colours are judged once transitions (a focused button, the header title on scroll) have finished: mid-way,
    # a colour is neither the one before nor the one after.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in axe.run(page).response["violations"]]


@pytest.mark.parametrize("width", [390, 1440])
def test_axe_finds_no_violations_on_any_page_type(browser: Browser, site_url: str, width: int):
    page = new_page(browser, width)
    axe = Axe()
    report = {}
    for scheme in ("default", "slate"):
        page.goto(site_url)
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            page.locator("form[data-mip-palette] label:visible").first.click()  # the site's own toggle
        for name, path in AXE_PAGE_TYPES.items():
            page.goto(site_url + path)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
            if name == "topic":
                page.locator("details.mip-question summary").first.click()
            found = axe_violations(axe, page)
            if found:
                report[f"{scheme} {name}"] = found
        page.goto(site_url + "planner/")
        page.get_by_role("button", name="Make my plan").focus()
        if found := axe_violations(axe, page):
            report[f"{scheme} planner, button focused"] = found
        page.goto(site_url + "breadth/")
        if width < 800:
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("gradient", delay=10)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        if found := axe_violations(axe, page):
            report[f"{scheme} search open"] = found
    page.context.close()
    assert report == {}

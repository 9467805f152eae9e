"""Browser level: search, colour scheme and the phone layout, as a reader uses them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_search_for_transformer_reaches_the_nlp_page(page: Page, site_url: str):
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("transformer", delay=20)
    result = page.locator(".md-search-result__list a[href*='breadth/nlp/']").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"/breadth/nlp/"))
    expect(page.locator("h1")).to_have_text(re.compile("Natural language processing"))
    # search.highlight marks the query on the page it leads to
    expect(page.locator("mark[data-md-highlight]").first).to_be_visible()


def test_dark_mode_toggle_switches_and_persists(page: Page, site_url: str):
    page.goto(site_url)
    body = page.locator("body")
    light_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for _ in range(3):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-mip-palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    dark_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_background != light_background
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_phone_menu_opens_the_navigation(phone: Page, site_url: str):
    phone.goto(site_url)
    expect(phone.locator(".md-tabs")).to_be_hidden()
    menu = phone.locator("label.md-header__button[for='__drawer']")
    expect(menu).to_be_visible()
    menu.click()
    expect(phone.locator("#__drawer")).to_be_checked()
    link = phone.locator(".md-nav--primary > .md-nav__list > .md-nav__item a.md-nav__link[href$='depth/']").first
    expect(link).to_be_visible()
    link.click()
    expect(phone).to_have_url(re.compile(r"/depth/$"))
    expect(phone.locator("h1")).to_have_text(re.compile(r"^ML Depth"))

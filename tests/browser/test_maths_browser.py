"""Browser level, maths: formulas render as MathML in Chromium (laid out, no raw TeX on screen), and a long display
formula scrolls inside its own box on a 390 px phone without widening the page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

VISIBLE_TEX = r"""() => {
  // Text a reader sees outside code: any TeX command there means a formula was not converted.
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("code, pre, math")) continue;
    if (/\\(frac|mathbf|hat|lVert|sum|text|operatorname)\b|\$\$/.test(node.textContent)) found.push(node.textContent);
  }
  return found;
}"""


@pytest.mark.parametrize("path", ["about/notation/", "breadth/", "system-design/rubric/"])
def test_formulas_render_as_mathml_with_a_layout_box(page: Page, site_url: str, path: str):
    page.goto(site_url + path)
    formulas = page.locator("article math")
    expect(formulas.first).to_be_attached()
    boxes = page.evaluate(
        """() => [...document.querySelectorAll("article math")].map(m => {
             const r = m.getBoundingClientRect();
             return [m.namespaceURI, r.width, r.height, m.constructor.name];
           })"""
    )
    assert boxes, path
    for namespace, width, height, kind in boxes:
        assert namespace == "http://www.w3.org/1998/Math/MathML"
        assert kind == "MathMLElement"  # Chromium lays it out as MathML, not as unknown inline HTML
        assert width > 0 and height > 0
    assert page.evaluate(VISIBLE_TEX) == []


def test_a_fraction_is_laid_out_as_a_fraction(page: Page, site_url: str):
    page.goto(site_url + "breadth/")
    frac = page.locator(".mip-math-display mfrac").first
    numerator, denominator = (
        frac.evaluate("(f, i) => f.children[i].getBoundingClientRect().toJSON()", i) for i in (0, 1)
    )
    assert numerator["bottom"] <= denominator["top"] + 1, "the numerator should sit above the denominator"


def test_long_display_formula_scrolls_in_its_box_on_a_phone(browser: Browser, site_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(site_url + "about/notation/")
        widest = phone.evaluate(
            "() => { const w = [...document.querySelectorAll('.mip-math-display')].map(b => b.scrollWidth);"
            " return w.indexOf(Math.max(...w)); }"
        )
        box = phone.locator(".mip-math-display").nth(widest)
        box.scroll_into_view_if_needed()
        sizes = box.evaluate(
            "b => ({scroll: b.scrollWidth, client: b.clientWidth, right: b.getBoundingClientRect().right})"
        )
        assert sizes["scroll"] > sizes["client"], sizes  # the formula is wider than the screen…
        assert sizes["right"] <= 390, sizes  # …but its box is not
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # and the page does not widen
        box.evaluate("b => { b.scrollLeft = 1000; }")
        assert box.evaluate("b => b.scrollLeft") > 0  # the reader can scroll to the end of it
        assert box.evaluate("b => getComputedStyle(b).overflowX") == "auto"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_formula_page_passes_axe_on_a_phone(browser: Browser, site_url: str, scheme: str):
    # at 390 px the display boxes really scroll, so axe checks they can be reached from the keyboard
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    phone = context.new_page()
    try:
        phone.goto(site_url + "about/notation/")
        # Material's drawer repeats a navigation landmark at phone width; that is the theme's, not the maths'
        options = {"resultTypes": ["violations"], "rules": {"landmark-unique": {"enabled": False}}}
        violations = Axe().run(phone, options=options).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations] == []
    finally:
        context.close()

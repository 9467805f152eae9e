"""Build level, maths: formulas in data and pages become MathML at build time, with no maths JavaScript; and a site
built from data poisoned with maths payloads (validation skipped) holds nothing but allowlisted MathML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros import mathml
from tests.build.test_poisoned import _Audit
from tests.conftest import ROOT, build_site, copy_project

# Each piece is refused or escaped; MATH-XSS / onerror appear in the output only as text if all goes well.
MATH_PAYLOAD = (
    r"$\href{javascript:alert(1)}{x}$ $\url{javascript:alert(2)}$ $\style{color:red}{s}$ "
    r"$\class{md-header}{c}$ $\cssId{top}{i}$ $\html{<b>bold</b>}$ $\htmlClass{x}{y}$ $\data{z}$ "
    r"$\unicode{x3C}$ $\text{<script>alert('MATH-XSS')</script>}$ $a<b & c$ "
    r"$</math><img src=x onerror=alert(3)>$ $\color{red}{r}$ $$\frac{1}{2}$$ costs \$5 "
)
KEEP = {"id", "round", "type", "cost", "level", "tier", "rarity", "taken_from", "topic", "topics", "resources"}
KEEP |= {"difficulty", "url"}


def poison(value, key=""):
    if isinstance(value, str) and key not in KEEP:
        return MATH_PAYLOAD + value
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def maths_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("maths"))
    data = project / "data"
    poisoned = [data / "rounds.yml", data / "rubric.yml", data / "worksheet.yml"]
    for kind in ("topics", "questions", "ladders", "cases"):
        poisoned += sorted((data / kind).glob("*.yml"))
    poisoned += sorted((data / "resources").glob("*.yml"))[:5]
    for path in poisoned:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(value), allow_unicode=True), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site, env={"PLAYBOOK_UNSAFE_SKIP_VALIDATION": "1"})
    assert result.returncode == 0, f"the maths-poisoned build failed:\n{result.stdout}\n{result.stderr}"
    return site


class _MathAudit(HTMLParser):
    """Everything inside <math> must come from the allowlist; counts formulas and error fallbacks."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.formulas = 0
        self.fallbacks = 0
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "math":
            self.formulas += 1
        if tag == "code" and ("class", "mip-tex mip-tex--error") in attrs:
            self.fallbacks += 1
        if tag == "math" or self.depth:
            if tag not in mathml.ELEMENTS:
                self.findings.append(f"<{tag}> inside <math>")
            for name, value in attrs:
                rule = mathml.ATTRIBUTES.get(name)
                if rule is None or not rule.match(value or ""):
                    self.findings.append(f"<{tag} {name}={value!r}> inside <math>")
            if tag not in mathml.VOID_ELEMENTS:
                self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if (tag == "math" or self.depth) and tag not in mathml.VOID_ELEMENTS:
            self.depth -= 1

    def handle_endtag(self, tag):
        if self.depth and tag not in mathml.VOID_ELEMENTS:
            self.depth -= 1


def audit(html: str) -> _MathAudit:
    found = _MathAudit()
    found.feed(html)
    found.close()
    return found


def test_maths_payloads_in_data_produce_nothing_but_mathml(maths_site):
    pages = sorted(maths_site.rglob("*.html"))
    problems, formulas, fallbacks = [], 0, 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(maths_site)
        general = _Audit()
        general.feed(html)
        maths = audit(html)
        problems += [f"{name}: {finding}" for finding in general.findings + maths.findings]
        formulas += maths.formulas
        fallbacks += maths.fallbacks
        for unsafe in (
            "<img src=x",
            "<b>bold</b>",
            "MATH-XSS')</script>",
            'href="javascript:alert',
            'class="arithmatex"',
        ):
            if unsafe in html:
                problems.append(f"{name}: {unsafe!r} in the output")
        if re.search(r"<math[^>]*>(?:(?!</math>).)*\b(href|style|class)=", html, re.DOTALL):
            problems.append(f"{name}: a link, style or class inside <math>")
    assert problems == []
    # Every rich field of every kind got the payload: the valid formula converted, the refused ones fell back.
    assert formulas > 500, formulas
    assert fallbacks > 2 * formulas, (fallbacks, formulas)  # 11 refused pieces, 3 valid formulas per payload


@pytest.mark.parametrize(
    "page",
    ["system-design/rubric/index.html", "depth/kit/index.html", "system-design/cases/index.html"],
)
def test_every_kind_of_rich_field_renders_the_payload_formula(maths_site, page):
    html = (maths_site / page).read_text(encoding="utf-8")
    display = '<span class="mip-math-display" tabindex="0"><math display="block"><mrow><mfrac>'
    assert display in html
    assert "costs $5" in html


def test_pages_with_formulas_hold_mathml_and_no_maths_script(built_site):
    expected = {
        "about/notation/index.html": 20,  # conventions, macros and a long display formula
        "breadth/index.html": 3,  # the negative-downsampling correction in the worked example
        "system-design/rubric/index.html": 2,  # the same correction in the rubric
    }
    for page, at_least in expected.items():
        html = (built_site / page).read_text(encoding="utf-8")
        assert html.count("<math") >= at_least, page
        assert audit(html).findings == [], page
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site)
        assert "mip-tex--error" not in html, f"{name}: a formula did not convert"
        assert 'class="arithmatex"' not in html, f"{name}: a page formula was not converted"
        assert not re.search(r"<script[^>]+(mathjax|katex)", html, re.IGNORECASE), name


def test_notation_page_display_formulas_are_boxed(built_site):
    html = (built_site / "about" / "notation" / "index.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<span class="mip-math-display" tabindex="0"><math display="block">.*?</math></span>', html)
    assert len(boxes) == 2
    assert "<mi>λ</mi>" in boxes[0] and "<mi>γ</mi>" in boxes[0]  # the split gain
    assert "<mo>∑</mo>" in boxes[1] and "<mi>log</mi>" in boxes[1]  # the log loss


def test_docs_sources_have_formulas_to_convert():
    # guards the tests above: the pages they read really hold TeX in their sources
    assert "$$" in (ROOT / "docs" / "about" / "notation.md").read_text(encoding="utf-8")
    assert "$p = \\frac{q}{q + (1 - q)/w}$" in (ROOT / "data" / "rubric.yml").read_text(encoding="utf-8")

"""macros.mathml, macros.texcheck and the maths of macros.richtext: TeX becomes MathML and nothing else; bad TeX is
reported with its fix; text between dollars stays escaped; a dollar sign can be written."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import mathml, richtext, texcheck
from macros.dataset import DatasetError, load_dataset
from macros.source import parse_yaml


class _Elements(HTMLParser):
    """Every element and attribute in a fragment, to compare with the allowlist."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def parts(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_only_mathml(html: str) -> None:
    """`html` is MathML from the allowlist (inside the display box), or the escaped-source fallback."""
    found = parts(html)
    if found.tags == ["code"]:
        assert found.attributes == [("class", "mip-tex mip-tex--error")]
        return
    wrapper = {"span"} if found.tags[0] == "span" else set()
    assert set(found.tags) - wrapper <= mathml.ELEMENTS, found.tags
    assert "math" in found.tags
    for name, value in found.attributes:
        if (name, value) in (("class", "mip-math-display"), ("tabindex", "0")):
            continue
        assert name in mathml.ATTRIBUTES, (name, value)
        assert mathml.ATTRIBUTES[name].match(value), (name, value)
    lowered = html.lower()  # text such as `\text{javascript:x}` is harmless; an element would not be
    for forbidden in ("<script", "<style", "<a ", "<svg", "<img", "<iframe"):
        assert forbidden not in lowered, forbidden


# --- Conversion ------------------------------------------------------------------------------------------


def test_inline_formula_is_mathml_without_a_box():
    html = mathml.tex_to_mathml(r"\frac{a}{b}", display=False)
    assert html == (
        '<math display="inline"><mrow><mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac></mrow></math>'
    )


def test_display_formula_sits_in_a_focusable_scrolling_box():
    html = mathml.tex_to_mathml(r"x^2", display=True)
    assert html.startswith('<span class="mip-math-display" tabindex="0"><math display="block">')
    assert html.endswith("</math></span>")


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        pytest.param(r"\E[X]", "<mi>\U0001d53c</mi>", id="expectation"),
        pytest.param(r"\argmax_\theta", "<msub><mi>arg\u2009max</mi><mi>θ</mi></msub>", id="argmax"),
        pytest.param(r"\operatorname{arg\,max}_x", "<mi>arg\u2009max</mi>", id="operatorname-thin-space"),
        pytest.param(r"\Var(X)", "<mi>Var</mi><mo stretchy", id="variance-upright-no-spaces"),
        pytest.param(r"\R^d", "<msup><mi>ℝ</mi><mi>d</mi></msup>", id="reals"),
        pytest.param(r"\mathbf{x}^\top", "<msup><mi>\U0001d431</mi><mo>⊤</mo></msup>", id="transpose"),
    ],
)
def test_playbook_macros_and_conventions(tex, expected):
    assert expected in mathml.tex_to_mathml(tex, display=False)


def test_every_macro_expands_to_tex_that_converts():
    for name, expansion in mathml.MACROS.items():
        assert mathml.expand_macros(f"\\{name}") == mathml.expand_macros(expansion)
        assert mathml.tex_problem(f"\\{name}") is None, name


def test_macro_names_are_matched_whole_and_line_breaks_are_left_alone():
    assert mathml.expand_macros(r"\Exp \Ebar \E") == r"\Exp \Ebar \mathbb{E}"
    assert mathml.expand_macros(r"a \\E") == r"a \\E"


def test_dollar_sign_inside_a_formula_is_a_character_reference():
    html = mathml.tex_to_mathml(r"\$5", display=False)
    assert "<mi>&#36;</mi>" in html
    assert "$" not in html


# --- Refused TeX and the sanitiser -------------------------------------------------------------------------

PAYLOADS = [
    pytest.param(r"\href{javascript:alert(1)}{x}", r"\href is not allowed: formulas cannot hold links", id="href"),
    pytest.param(r"\url{https://example.org}", r"\url is not allowed", id="url"),
    pytest.param(r"\style{color:red}{x}", r"\style is not allowed: formulas cannot be styled", id="style"),
    pytest.param(r"\class{evil}{x}", r"\class is not allowed", id="class"),
    pytest.param(r"\cssId{evil}{x}", r"\cssId is not allowed", id="cssid"),
    pytest.param(r"\htmlClass{a}{x}", r"\htmlClass is not allowed", id="htmlclass"),
    pytest.param(r"\html{<b>x</b>}", r"\html is not allowed", id="html"),
    pytest.param(r"\data{x}", r"\data is not allowed", id="data"),
    pytest.param(r"\unicode{x3C}", r"\unicode is not allowed: write the character itself", id="unicode"),
    pytest.param(r"\color{red}{x}", r"\color is not allowed", id="color"),
    pytest.param(r"\newcommand{\x}{y}\x", r"\newcommand is not allowed: define macros once", id="newcommand"),
    pytest.param(r"\def\x{y}", r"\def is not allowed", id="def"),
    pytest.param(r"\text{<script>alert(1)</script>}", "would produce <script>, which is not MathML", id="text-script"),
    pytest.param(r"\text{<img src=x onerror=alert(1)>}", "would produce <img", id="text-img"),
    pytest.param(r"\foo", r"unknown TeX command \foo", id="unknown-command"),
    pytest.param(r"\frac{a", "1 `{` never closed", id="unclosed-brace"),
    pytest.param(r"a}", "a `}` closes nothing", id="stray-brace"),
    pytest.param(r"\frac{a}", "<mfrac> needs 2 parts but got 1", id="frac-one-argument"),
    pytest.param(r"x^", "a `^` or `_` has nothing after it", id="dangling-superscript"),
    pytest.param(r"x_1_2", "two subscripts in a row", id="double-subscript"),
    pytest.param(r"\left( x", "a \\left has no matching \\right", id="left-without-right"),
    pytest.param(r"\begin{matrix} a", "no matching \\end", id="begin-without-end"),
    pytest.param(" ", "empty formula", id="empty"),
    pytest.param("x" * 2001, "formula is 2001 characters long; the limit is 2000", id="huge"),
    pytest.param("{" * 990 + "x" + "}" * 990, "nested too deeply", id="deep-nesting"),
]


@pytest.mark.parametrize(("tex", "message"), PAYLOADS)
def test_refused_tex_is_reported_and_rendered_as_escaped_source(tex, message):
    problem = mathml.tex_problem(tex)
    assert problem is not None and message in problem, problem
    html = mathml.tex_to_mathml(tex, display=True)
    assert html.startswith('<code class="mip-tex mip-tex--error">')
    assert_only_mathml(html)
    assert "<script" not in html and "<img" not in html and "<b>" not in html


@pytest.mark.parametrize(
    ("tex", "shown"),
    [
        pytest.param("a<b", "<mo>&lt;</mo>", id="raw-less-than"),
        pytest.param("a & b", "<mi>&amp;</mi>", id="raw-ampersand"),
        pytest.param(r"\text{R&D}", "<mtext>R&amp;D</mtext>", id="ampersand-in-text"),
        pytest.param(r"\text{a < b}", "<mtext>a\u00a0&lt;\u00a0b</mtext>", id="spaced-less-than-in-text"),
        pytest.param("</math><script>alert(1)</script>", "<mo>&lt;</mo><mo>/</mo><mi>m</mi>", id="close-math"),
        pytest.param(r'\text{" onmouseover="x}', "<mtext>&#34;\u00a0onmouseover=&#34;x</mtext>", id="quotes"),
    ],
)
def test_markup_characters_in_tex_stay_text(tex, shown):
    html = mathml.tex_to_mathml(tex, display=False)
    assert shown in html
    assert_only_mathml(html)
    assert html.count("<math") == 1 and html.count("</math>") == 1


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        pytest.param('<math><mrow href="javascript:alert(1)"><mi>x</mi></mrow></math>', "attribute 'href'", id="href"),
        pytest.param('<math><mrow style="color:red"><mi>x</mi></mrow></math>', "attribute 'style'", id="style"),
        pytest.param('<math><mi onclick="alert(1)">x</mi></math>', "attribute 'onclick'", id="event"),
        pytest.param('<math><mi mathvariant="expression(x)">x</mi></math>', "value 'expression(x)'", id="bad-value"),
        pytest.param('<math><mspace width="url(x)"/></math>', "value 'url(x)'", id="bad-length"),
        pytest.param("<math><mtext><script>alert(1)</script></mtext></math>", "<script>", id="script"),
        pytest.param("<math><mi>x</mi></math><b>bold</b>", "<b>", id="after-math"),
        pytest.param("<math><mi>x</mi></math><math><mi>y</mi></math>", "nested <math>", id="two-roots"),
        pytest.param("<math><mrow><mi>x</mi></math>", "stray </math>", id="unbalanced"),
        pytest.param("<math><merror><mtext>bad</mtext></merror></math>", "converts to an error", id="merror"),
        pytest.param("<math><semantics><annotation-xml>x</annotation-xml></semantics></math>", "<semantics>", id="sem"),
        pytest.param("<math><mi>x</mi><!-- c --></math>", "comment", id="comment"),
        pytest.param("text<math><mi>x</mi></math>", "text outside <math>", id="leading-text"),
    ],
)
def test_sanitiser_refuses_anything_outside_the_allowlist(markup, message):
    with pytest.raises(mathml.TexError) as caught:
        mathml.sanitise(markup)
    assert message in str(caught.value)


def test_sanitiser_rebuilds_text_escaped_and_drops_the_namespace():
    markup = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mi>&lt;b&gt; & "</mi></math>'
    assert mathml.sanitise(markup) == '<math display="inline"><mi>&lt;b&gt; &amp; &#34;</mi></math>'


TEX_PIECES = st.sampled_from(
    [
        *"abxy012+-=<>&\"'{}[]()^_$%#/ ",
        *[f"\\{name}" for name in ("frac", "sqrt", "text", "mathbf", "hat", "sum", "left", "right", "begin")],
        *[f"\\{name}" for name in ("href", "url", "style", "class", "html", "unicode", "color", "def", "\\", "$")],
        "{matrix}",
        "{javascript:alert(1)}",
        "<script>",
        "</math>",
        "&lt;",
        "\\E",
        "\\argmax",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEX_PIECES, max_size=25).map("".join), st.booleans())
def test_any_tex_becomes_allowlisted_mathml_or_escaped_source(tex, display):
    html = mathml.tex_to_mathml(tex, display=display)
    assert_only_mathml(html)
    assert (mathml.tex_problem(tex) is None) == ("<math" in html)


def test_huge_inputs_are_refused_quickly():
    start = time.perf_counter()
    for tex in ("x^{" * 600 + "}" * 600, r"\frac{a}{b}" * 400, "{" * 5000, "a" * 100_000):
        assert mathml.tex_problem(tex) is not None
        mathml.tex_to_mathml(tex, display=True)
    assert time.perf_counter() - start < 5


# --- Rich text and pages ------------------------------------------------------------------------------------


def test_rich_text_turns_dollars_into_mathml_and_keeps_written_dollars():
    html = str(richtext.render_block("It costs \\$5; the loss is $\\mathcal{L}$.\n\n$$\\sum_{i=1}^{n} x_i$$"))
    assert 'It costs $5; the loss is <math display="inline">' in html
    assert '<span class="mip-math-display" tabindex="0"><math display="block">' in html
    assert html.count("<math") == 2


def test_text_between_dollars_is_escaped_in_rich_text():
    html = str(richtext.render_inline(r"see $\text{<img src=x onerror=alert(1)>}$ and $a<b$"))
    assert "<img" not in html
    assert '<code class="mip-tex mip-tex--error">\\text{&lt;img src=x onerror=alert(1)&gt;}</code>' in html
    assert "<mo>&lt;</mo>" in html


def test_page_formulas_marked_by_arithmatex_become_mathml():
    page = (
        '<p>Inline <span class="arithmatex">\\(a &lt; b\\)</span>.</p>\n'
        '<div class="arithmatex">\\[\n\\frac{1}{2}\n\\]</div>\n<p>$ not maths $</p>'
    )
    html = mathml.render_page_maths(page)
    assert '<p>Inline <math display="inline"><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow></math>.</p>' in html
    assert '<span class="mip-math-display" tabindex="0"><math display="block"><mrow><mfrac>' in html
    assert "arithmatex" not in html and "<p>$ not maths $</p>" in html


# --- Validator ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Fine: $x^2$ and \\$5.", [], id="valid"),
        pytest.param("It costs $5 in total.", [(0, texcheck.LONE_DOLLAR)], id="lone-dollar"),
        pytest.param("Code `$x` is not maths.", [], id="dollar-in-code"),
        pytest.param(
            "Line one.\n\nThen $\\frac{a$ here.",
            [(2, "formula $\\frac{a$: 1 `{` never closed — add the missing `}`, or write `\\{` for a literal brace")],
            id="second-paragraph",
        ),
        pytest.param(
            "- first\n- second $\\href{javascript:x}{y}$",
            [(1, "formula $\\href{javascript:x}{y}$: " + "\\href is not allowed: " + mathml._NO_LINKS)],
            id="list-item",
        ),
        pytest.param(
            "$$\n\\foo\n$$",
            [
                (
                    0,
                    "formula $$\n\\foo\n$$: unknown TeX command \\foo — see the notation page for the commands that work",
                )
            ],
            id="display",
        ),
    ],
)
def test_text_problems_name_the_line_and_the_fix(text, expected):
    assert texcheck.text_problems(text) == expected


def test_check_source_reports_the_file_line_of_the_formula():
    yaml_text = (
        "questions:\n"
        "  - id: q\n"
        "    core: 'Short core with a lone $ sign in it, long enough.'\n"
        "    answer: |-\n"
        "      First paragraph, fine $x$.\n"
        "\n"
        "      Second paragraph with $\\foo$.\n"
        "    resources: [a]\n"
        "    difficulty: easy\n"
        "    id_like: $\\foo$\n"
    )
    value, problems = parse_yaml(yaml_text, "data/questions/x.yml")
    assert problems == []
    from macros.source import Source

    found = [str(p) for p in texcheck.check_source(Source("data/questions/x.yml", "", value))]
    assert found == [
        f"data/questions/x.yml:3: questions[0].core: {texcheck.LONE_DOLLAR}",
        "data/questions/x.yml:7: questions[0].answer: formula $\\foo$: unknown TeX command \\foo — see the notation "
        "page for the commands that work",
    ]


def _problems(root) -> list[str]:
    try:
        load_dataset(root)
    except DatasetError as err:
        return [str(p) for p in err.problems]
    return []


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        pytest.param(
            "data/questions/one.yml",
            "    answer: >-\n      A fixture answer that",
            "    answer: |-\n      A fixture answer with $\\url{https://x.org}$ that",
            "data/questions/one.yml:7: questions[0].answer: formula $\\url{https://x.org}$: \\url is not allowed",
            id="question-answer",
        ),
        pytest.param(
            "data/topics/one.yml",
            "  - Explain the second thing.",
            "  - Explain the second $x_1_2$ thing.",
            "data/topics/one.yml:13: probes[1]: formula $x_1_2$: two subscripts in a row",
            id="topic-probe",
        ),
        pytest.param(
            "data/topics/one.yml",
            "blurb: A fixture topic called topic one.",
            "blurb: A fixture topic that costs $5.",
            f"data/topics/one.yml:8: blurb: {texcheck.LONE_DOLLAR}",
            id="topic-blurb",
        ),
        pytest.param(
            "data/ladders/two.yml",
            "  - question: Third rung question for the fixture",
            "  - question: Third rung $\\style{color:red}{x}$ question",
            "data/ladders/two.yml:10: rungs[2].question: formula $\\style{color:red}{x}$: \\style is not allowed",
            id="ladder-rung",
        ),
        pytest.param(
            "docs/alpha/index.md",
            "\n",
            "\nA formula $\\frac{a}$ on a page.\n",
            "docs/alpha/index.md:2: formula $\\frac{a}$: <mfrac> needs 2 parts but got 1",
            id="docs-page",
        ),
    ],
)
def test_validator_reports_formulas_in_every_kind_of_file(mini, relative, old, new, expected):
    path = mini / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = _problems(mini)
    assert len(found) == 1 and found[0].startswith(expected), found


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\t\r\x00*_`[]\\$!#-1.()h:/")), max_size=30))
def test_inline_fast_path_renders_exactly_as_the_parser(text):
    # text without inline syntax skips markdown-it; the page must not change for it
    assert str(richtext.render_inline(text)) == richtext._parser(True).renderInline(text).strip()

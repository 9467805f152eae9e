"""macros.render: links, escaping and each renderer on the fixture dataset."""

from __future__ import annotations

import re

import pytest

from macros import catalogue, render
from macros.dataset import load_dataset


@pytest.fixture
def ds(mini):
    return load_dataset(mini)


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        pytest.param("", "breadth/nlp/", "breadth/nlp/", id="home-to-topic"),
        pytest.param("breadth/nlp/", "breadth/", "../", id="topic-to-round"),
        pytest.param("breadth/nlp/", "depth/ltr/", "../../depth/ltr/", id="topic-to-other-round"),
        pytest.param("resources/", "resources/#res-x", "./#res-x", id="same-page-anchor"),
        pytest.param("breadth/nlp/", "", "../../", id="to-home"),
        pytest.param("faq.html", "breadth/nlp/", "breadth/nlp/", id="file-url"),
    ],
)
def test_relative_url(page, target, expected):
    assert render.relative_url(page, target) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Plain title", "Plain title", id="plain"),
        pytest.param("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)", id="markdown-link"),
        pytest.param("<script>", r"\&lt;script\&gt;", id="html"),
        pytest.param("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`", id="emphasis-and-code"),
    ],
)
def test_markdown_text_escapes_syntax(text, expected):
    assert str(render.markdown_text(text)) == expected


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://a.org/x", True),
        ("HTTP://a.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//a.org/x", False),
        ('https://a.org/"onmouseover=x', False),
        ("/relative", False),
    ],
)
def test_only_http_urls_become_links(url, ok):
    assert render.is_http_url(url) is ok


def test_resource_cards_show_every_field(ds):
    html = render.render_resource_cards(ds, [ds.resources["book-a"]], "alpha/one/", anchors=True)
    assert 'id="res-book-a"' in html
    assert '<a href="https://example.org/book-a" rel="noopener">Book A</a>' in html
    assert (
        'class="mip-icon"' in html
        and "Recommended</span>" in html
        and ">Free<" in html
        and ">Book<" in html
        and ">Beginner<" in html
    )
    assert '<a href="./">Topic One</a>' in html and '<a href="../../beta/three/">Topic Three</a>' in html
    assert "\n\n" not in html, "blank lines would end the HTML block in Markdown"


def test_card_of_unsafe_url_is_not_a_link(ds):
    bad = ds.resources["book-a"].__class__(
        **{**ds.resources["book-a"].__dict__, "url": "javascript:alert(1)", "title": "<img src=x onerror=alert(1)>"}
    )
    html = render.render_resource_cards(ds, [bad], "")
    assert "javascript:" not in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_topic_page_orders_resources_recommended_first(ds):
    text = render.render_topic_page(ds, ds.topics["one"], "alpha/one/")
    assert text.startswith("# Topic One\n")
    assert "## What interviewers probe" in text and "<li>Explain the second thing.</li>" in text
    titles = re.findall(r'rel="noopener">([^<]+)</a>', text.split("## Resources")[1])
    assert titles == ["Book A", "Video D", "Article G", "Course B", "Paper C"]
    assert '<a class="mip-badge mip-badge--round" href="../">Alpha Round</a>' in text


def test_round_topics_table_filters_by_tier(ds):
    html = render.render_round_topics(ds, ds.round("alpha"), "alpha/", tier="specialised")
    assert 'href="two/"' in html and "Topic One" not in html
    assert '<td data-label="Resources">4</td>' in html  # topic two has four resources
    assert '<span class="mip-state" data-state-of="topic:two" hidden></span>' in html


def test_prep_chart_bars_follow_shares(ds):
    svg = render.render_prep_chart(ds)
    widths = {
        m[0]: float(m[1]) for m in re.findall(r'mip-chart__bar--(\d)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)
    }
    assert widths["0"] / widths["1"] == pytest.approx(60 / 40)
    assert "Gamma Round: 0–10%, taken from Alpha Round." in svg
    assert 'role="img"' in svg and "<figcaption>Fixture note under the chart.</figcaption>" in svg


def test_resource_index_holds_one_page_of_cards_and_the_catalogue_all(ds, monkeypatch):
    monkeypatch.setattr(render, "RESOURCE_PAGE_SIZE", 3)
    text = render.render_resource_index(ds, "resources/")
    first = list(ds.resources)[:3]
    assert re.findall(r'id="res-([a-z0-9-]+)"', text) == first, "only one page of cards is in the document"
    assert f'data-total="{len(ds.resources)}"' in text and 'data-cards="cards.json"' in text
    assert text.index('id="mip-filters"') < text.index('id="res-'), "filters come first"
    parts = text.split('<template id="mip-card-parts">')[1].split("</template>")[0]
    assert 'data-track="resource:x"' in parts and all(f'data-icon-for="{t}"' in parts for t in render.TYPE_LABELS)
    cards = catalogue.resource_catalogue(ds)["cards"]
    assert [card["id"] for card in cards] == list(ds.resources), "every resource, in the page's A–Z order"
    for topic in ds.topics:
        assert f'href="?topic={topic}#all-resources"' in text


def test_selection_of_quick_revision_and_reading(ds):
    quick = render.render_resource_selection(ds, "resources/quick-revision/", quick_revision=True)
    reading = render.render_resource_selection(ds, "resources/further-reading/", types=("paper", "article"))
    assert "Sheet F" in quick and "Book A" not in quick
    assert "Paper C" in reading and "Article G" in reading and "Sheet F" not in reading


def test_theme_text_neutralises_markup_and_templates():
    assert render.theme_text('<b>"x"</b> {{ 1 }}') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt; &#123;&#123; 1 &#125;&#125;"


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        pytest.param("Plain <b>text</b> & more", ["Plain <b>text</b> & more"], id="markup-is-text"),
        pytest.param(
            "Use **bold** and `code`", ["Use ", ["strong", {}, "bold"], " and ", ["code", {}, "code"]], id="inline"
        ),
        pytest.param("[a](javascript:alert(1))", ["[a](javascript:alert(1))"], id="script-link-stays-text"),
        pytest.param("[a](https://example.org/)", [["a", {"href": "https://example.org/"}, "a"]], id="web-link"),
    ],
)
def test_rich_inline_text_travels_as_its_sanitised_tree(text, tree):
    assert catalogue.inline_tree(text) == tree


def test_rich_inline_maths_becomes_a_mathml_tree():
    assert catalogue.inline_tree("$x^2$") == [
        ["math", {"display": "inline"}, ["mrow", {}, ["msup", {}, ["mi", {}, "x"], ["mn", {}, "2"]]]]
    ]

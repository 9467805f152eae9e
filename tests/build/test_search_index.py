"""Build level: the search index of the real site lands on answers. Every question, worked case, case step,
rubric row and resource has its own entry at an anchor that exists on its page; listing pages are indexed once;
no description is indexed twice; and the index is small enough for a phone."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from macros import search
from macros.dataset import load_dataset
from tests.build.htmlpage import card_anchors

MAX_INDEX_BYTES = 500_000  # the 500 KB, in bytes as served


@pytest.fixture(scope="module")
def ds(real_root):
    return load_dataset(real_root)


@pytest.fixture(scope="module")
def index(built_site):
    return search.read_index(built_site)


@pytest.fixture(scope="module")
def by_location(index):
    return {doc["location"]: doc for doc in index["docs"]}


def ids_on_page(site: Path, url: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', (site / url / "index.html").read_text(encoding="utf-8")))


def test_every_question_has_its_own_entry_and_anchor(built_site, ds, by_location):
    assert len(ds.practice.questions) > 100
    for topic in ds.topics.values():
        anchors = ids_on_page(built_site, topic.url)
        for question in ds.practice.questions_by_topic.get(topic.id, ()):
            document = by_location.get(f"{topic.url}#q-{question.id}")
            assert document is not None, question.id
            assert document["title"] == question.question.replace("&", "&amp;").replace("<", "&lt;")
            assert f"q-{question.id}" in anchors, question.id


def test_topic_pages_hold_exactly_their_own_entries(ds, index):
    """Material's parser no longer indexes the generated pages: one entry per topic page, one per question and
    one per coding problem."""
    counts = Counter(doc["location"].split("#")[0] for doc in index["docs"])
    for topic in ds.topics.values():
        items = len(ds.practice.questions_by_topic.get(topic.id, ())) + len(ds.problems_by_topic.get(topic.id, ()))
        assert counts[topic.url] == 1 + items, topic.id


def test_every_coding_problem_has_its_own_entry_and_anchor(built_site, ds, by_location):
    assert len(ds.problems) >= 40
    for problem in ds.problems.values():
        document = by_location.get(problem.url)
        assert document is not None, problem.id
        assert document["title"] == problem.title.replace("&", "&amp;").replace("<", "&lt;")
        assert problem.anchor in ids_on_page(built_site, problem.url.split("#")[0]), problem.id


def test_every_case_step_and_rubric_row_has_an_entry_and_anchor(built_site, ds, by_location):
    for case in ds.practice.cases:
        on_page = ids_on_page(built_site, case.url)
        assert case.url in by_location, case.id
        for step in case.steps:
            anchor = f"case-{case.id}-{step.topic}"
            assert anchor in on_page and f"{case.url}#{anchor}" in by_location, anchor
        sections = {"losses": case.losses, "training-data": case.training_data, "follow-ups": case.follow_ups}
        sections["capacity"] = case.capacity.assumptions or case.capacity.qps
        for name, content in sections.items():
            anchor = f"case-{case.id}-{name}"
            assert anchor in on_page, anchor
            assert (f"{case.url}#{anchor}" in by_location) == bool(content), anchor  # indexed when it says something
    rubric = ids_on_page(built_site, "system-design/rubric")
    assert ds.practice.rubric
    for row in ds.practice.rubric:
        assert f"rubric-{row.topic}" in rubric and f"system-design/rubric/#rubric-{row.topic}" in by_location
    assert ds.practice.rubric_dimensions, "the rows judged over the whole interview (driving it, each level)"
    for dimension in ds.practice.rubric_dimensions:
        anchor = f"rubric-{dimension.id}"
        assert anchor in rubric and f"system-design/rubric/#{anchor}" in by_location, anchor
        assert by_location[f"system-design/rubric/#{anchor}"]["title"] == f"Rubric: {dimension.title}"


def test_every_resource_has_one_small_entry_and_anchor(built_site, ds, by_location):
    anchors = ids_on_page(built_site, "resources") | card_anchors(built_site)
    for resource in ds.resources.values():
        document = by_location.get(f"resources/#res-{resource.id}")
        assert document is not None and f"res-{resource.id}" in anchors, resource.id
        assert document["title"] == resource.title.replace("&", "&amp;").replace("<", "&lt;")
        assert len(json.dumps(document)) < 300


def test_listing_pages_are_indexed_once_and_repeat_no_description(ds, index):
    pages = Counter(doc["location"].split("#")[0] for doc in index["docs"])
    for url in search.LISTING_PAGES:
        assert pages[url] == 1, url
    texts = [" ".join(str(doc.get(field, "")) for field in ("title", "text", "keywords")) for doc in index["docs"]]
    for resource in ds.resources.values():
        start = " ".join(resource.description.split()[:8])
        holders = [doc["location"] for doc, text in zip(index["docs"], texts, strict=True) if start in text]
        assert len(holders) <= 1, (resource.id, holders)


def test_index_is_small_enough_for_a_phone(built_site, index):
    size = (built_site / "search" / "search_index.json").stat().st_size
    assert size <= MAX_INDEX_BYTES, f"search index is {size / 1024:.0f} KB"
    assert index["config"]["separator"] == search.SEPARATOR
    assert set(index["config"]["fields"]) == set(search.FIELDS)


def test_every_page_entry_comes_before_its_sections(index):
    """Material takes the first entry of a page as the page itself: a section first would orphan the rest."""
    seen: set[str] = set()
    for doc in index["docs"]:
        path, _, anchor = doc["location"].partition("#")
        if anchor:
            assert path in seen, doc["location"]
        seen.add(path)


def test_every_page_runs_search_in_the_worker_that_unpacks_the_index(built_site):
    """overrides/main.html names docs/javascripts/search-worker.js as the search worker, and passes it the file
    name of Material's own worker: both must exist, on every page, or search would silently hold nothing."""
    packed = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(packed["config"][search.PACKED_KEY]) > 30  # one table per topic page and kind, and the resources
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
        worker, _, query = config["search"].partition("?worker=")
        assert (page.parent / worker).resolve() == (built_site / "javascripts" / "search-worker.js").resolve(), page
        assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", query), page
        assert (built_site / "assets" / "javascripts" / "workers" / query).is_file(), query


def test_the_index_gives_the_worker_its_query_rules(ds, index):
    from macros import search

    config = index["config"]
    assert config[search.FILLER_KEY] == sorted(search.QUERY_FILLER)
    vocabulary = config[search.VOCABULARY_KEY]
    assert vocabulary == search.vocabulary(ds)
    names = [name for group in vocabulary for name in group]
    assert "support vector machine" in names and "retrieval augmented generation" in names  # data/vocabulary.yml
    assert "latent semantic analysis" in names  # defined in the content only: "latent semantic analysis (LSA)"
    assert len(names) == len(set(names))  # a name in one group only


def test_search_attributes_are_stripped_as_material_strips_them(real_root, monkeypatch):
    """macros/hooks.py runs Material's attribute strip only on pages that carry a `data-search-…="…"` attribute:
    such a page loses it exactly as Material's own regex removes it, a page without one keeps its HTML, and both
    are indexed."""
    from types import SimpleNamespace

    from mkdocs.config import load_config

    monkeypatch.chdir(real_root)
    config = load_config(str(real_root / "mkdocs.yml"), strict=True)
    config = config.plugins.on_config(config)
    plugin = config.plugins["material/search"]

    def page(url: str, content: str) -> SimpleNamespace:
        return SimpleNamespace(url=url, title="T", toc=[], meta={}, content=content, file=None)

    marked = '<p>a</p>\n<div data-search-exclude="yes" class="x">b</div><i data-search-boost="2">c</i>'
    plain = '<p>a <code>data-search-exclude</code> and data-search-x="" stay</p><div data-search-exclude>b</div>'
    pages = [page("marked/", marked), page("plain/", plain)]
    (event,) = [
        m for m in config.plugins.events["page_context"] if config.plugins._event_origins[m] == "material/search"
    ]
    for item in pages:
        event({}, page=item, config=config, nav=None)
    assert pages[0].content == re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", marked)
    assert pages[0].content == '<p>a</p>\n<div class="x">b</div><i>c</i>'
    assert pages[1].content == plain
    assert {entry["location"] for entry in plugin.search_index.entries} >= {"marked/", "plain/"}


def test_pages_named_in_their_front_matter_carry_their_names(real_root, by_location):
    """Every page whose front matter gives `search_names` has them first in its entry's subject."""
    import yaml

    named = 0
    for path in sorted((real_root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text[4 : text.index("\n---", 4)]) or {}
        if "search_names" not in meta:
            continue
        rel = path.relative_to(real_root / "docs").as_posix()
        url = "" if rel == "index.md" else rel.removesuffix("index.md").removesuffix(".md")
        url = url if not url or url.endswith("/") else url + "/"
        doc = by_location[url]
        names = meta["search_names"]
        assert doc["subject"].split(search.SUBJECT_NAMES)[: len(names)] == names, url
        assert doc[search.NAMES_KEY] == len(names), url
        named += 1
    assert named >= 10, "the tool, listing and round pages are named"


def test_guide_pages_weigh_their_sections_like_questions(index):
    """The FAQ, the round pages and the Depth kit: every section at BOOST_GUIDE, the page's own entry at the default."""
    for page in ("faq/", "breadth/", "depth/", "system-design/", "coding/", "depth/kit/"):
        sections = [doc for doc in index["docs"] if doc["location"].startswith(page + "#")]
        assert len(sections) >= 2, page
        assert all(doc.get("boost") == search.BOOST_GUIDE for doc in sections), page
        (own,) = [doc for doc in index["docs"] if doc["location"] == page]
        assert own.get("boost", 1) == 1, page

"""macros.search: the search index shaped from data (entries, anchors, words, sizes) on the fixture dataset."""

from __future__ import annotations

import json
import re

import pytest

from macros import search
from macros.dataset import load_dataset


@pytest.fixture
def ds(mini):
    return load_dataset(mini)


def test_topic_page_has_its_entry_then_one_per_question(ds):
    topic = ds.topics["one"]
    entries = search.page_entries(ds, topic.url, "ignored")
    assert entries[0]["location"] == "alpha/one/" and entries[0]["title"] == "Topic One"
    questions = ds.practice.questions_by_topic["one"]
    assert [e["location"] for e in entries[1:]] == [f"alpha/one/#q-{q.id}" for q in questions]
    assert [e["title"] for e in entries[1:]] == [q.question for q in questions]
    # the answer's words are searchable, but no teaser gives the model answer away
    first = search.choose_keywords({"docs": entries})["docs"][1]
    assert first["text"] == ""
    assert {"fixture", "schema's", "eighty", "characters"} <= set(first["keywords"].split())
    assert first["subject"] == "first question"


def test_every_entry_has_the_fields_materials_result_list_reads(ds):
    for url in [t.url for t in ds.topics.values()] + ["resources/", *sorted(search.LISTING_PAGES)]:
        for document in search.page_entries(ds, url, "Page title", "<p>Lead.</p>"):
            assert isinstance(document["location"], str) and isinstance(document["title"], str)
            assert isinstance(document["text"], str), document  # Material reads text.length on every result


def test_resources_get_one_small_entry_each_without_descriptions(ds):
    entries = search.page_entries(ds, "resources/", "Resources", "<p>Every resource.</p>")
    assert entries[0] == {"location": "resources/", "title": "Resources", "text": "<p>Every resource.</p>"}
    by_location = {e["location"]: e for e in entries[1:]}
    assert set(by_location) == {f"resources/#res-{r}" for r in ds.resources}
    for resource in ds.resources.values():
        document = by_location[f"resources/#res-{resource.id}"]
        assert document["title"] == resource.title and document["text"] == ""
        assert resource.description[:30] not in json.dumps(document)


def test_listing_pages_are_indexed_once_by_title_and_lead(ds):
    for url in search.LISTING_PAGES:
        assert search.builds_entries(ds, url)
        (only,) = search.page_entries(ds, url, "Quick revision", "<p>Cheat sheets for the last days.</p>")
        assert only["location"] == url and only["title"] == "Quick revision"
        assert only["text"] == "<p>Cheat sheets for the last days.</p>"


def test_prose_pages_are_left_to_materials_parser(ds):
    assert not search.builds_entries(ds, "faq/")
    assert search.page_entries(ds, "faq/", "FAQ") is None
    assert search.page_entries(ds, "alpha/", "Alpha") is None  # a round index page, not a topic


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        pytest.param("What is a p-value?", ["pvalue"], id="hyphen"),
        pytest.param("Run k-means, then t-SNE", ["kmeans", "tsne"], id="two-terms"),
        pytest.param("An A/B test", ["ab"], id="slash"),
        pytest.param("The bias–variance trade-off", ["biasvariance", "tradeoff"], id="en-dash"),
        pytest.param("No compound here", [], id="none"),
    ],
)
def test_hyphenated_terms_are_also_indexed_joined_up(text, joined):
    assert search.joined_forms(text) == joined
    keywords = search.entry("x/", text).get("keywords", "").split()
    assert keywords == joined


@pytest.mark.parametrize(
    ("query", "text"),
    [
        pytest.param("p-value", "Interpret the p-value."),
        pytest.param("p value", "Interpret the p-value."),
        pytest.param("pvalue", "Interpret the p-value."),
        pytest.param("A/B", "Run an A/B test."),
        pytest.param("ab", "Run an A/B test."),
        pytest.param("t-SNE", "Plot t-SNE."),
        pytest.param("tsne", "Plot t-SNE."),
    ],
)
def test_each_spelling_of_a_term_finds_the_text(query, text):
    """Query words as Material's query parser makes them (split at the separator and, always, at hyphens) are
    each the start of a word of the entry."""
    document = search.entry("x/", "Title", f"<p>{text}</p>")
    indexed = {
        w.lower()
        for field in ("title", "text", "keywords")
        for w in re.split(search.SEPARATOR, document.get(field, ""))
        if w
    }
    indexed = {re.sub(r"^\W+|\W+$", "", w.replace("<p>", "").replace("</p>", "")) for w in indexed}
    for word in re.split(r"[\s\-]+", query.lower()):
        if len(word) > 1 or query.lower() == word:
            assert any(token.startswith(word) for token in indexed), (query, word, indexed)


def test_index_text_keeps_only_materials_tags_and_drops_formulas():
    text = search.index_text("A **bold** claim with `code`, [a link](https://example.org) and $x^2$.\n\n- one\n- two")
    assert "<strong>" not in text and "<a" not in text and "href" not in text
    assert "<code>code</code>" in text and "<li>one</li>" in text
    assert "x^2" not in text and "<math" not in text and "mip-tex" not in text


def test_markup_in_data_reaches_the_index_escaped():
    document = search.entry(
        "x/", "<script>alert(1)</script>", "", extra="&lt;img src=x onerror=alert(1)&gt; a&lt;b", limit=10
    )
    (chosen,) = search.choose_keywords({"docs": [document]})["docs"]
    serialised = json.dumps(chosen)
    assert "<script" not in serialised and "<img" not in serialised
    assert document["title"] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_keywords_are_the_most_frequent_words_then_words_no_other_entry_holds():
    pool = ["latency", "cache", "sample", "samples", "mixup", "budget", "cutmix"]  # most frequent first
    holders = {"latency": 9, "cache": 4, "sample": 5, "samples": 5, "mixup": 1, "budget": 3, "cutmix": 1}
    # the plural kept, "sample" dropped (a prefix search finds "samples"); then the words only this entry holds
    assert search.pick_keywords(pool, 10, holders) == ["latency", "cache", "samples", "mixup", "budget", "cutmix"]
    assert search.pick_keywords(pool, 2, holders) == ["latency", "cache", "mixup", "cutmix"]
    many = [f"only{n}" for n in range(30)]
    assert len(search.pick_keywords(many, 2, {})) == 2 + search.RARE_KEYWORDS


def test_keywords_drop_words_most_entries_hold_and_the_pools_go():
    topics = [f"topic{n}" for n in range(search.COMMON_LEAST + 4)]
    entries = [
        search.entry(f"x/#q-{n}", f"Question {n}", extra=f"<p>Follow-up: the {word} and the model.</p>", limit=5)
        for n, word in enumerate(topics)
    ]
    assert all(search.POOL_KEY in e for e in entries)  # chosen once the whole index is there
    docs = search.choose_keywords({"docs": [{"location": "y/", "title": "Page", "text": ""}, *entries]})["docs"]
    assert docs[0] == {"location": "y/", "title": "Page", "text": ""}
    for document, word in zip(docs[1:], topics, strict=True):
        assert document["keywords"].split() == [word]  # "followup", "follow", "up", "model": in every entry
        assert search.POOL_KEY not in document and search.LIMIT_KEY not in document
    # in a small index the same words stay: a few entries share most of their words
    few = search.choose_keywords({"docs": entries[:3]})["docs"]
    assert set(few[0]["keywords"].split()) == {"followup", "follow", "up", "model", "topic0"}


def test_heading_and_lead_paragraph_of_a_page():
    page = '<h1 id="x">System design <em>rubric</em><a class="headerlink" href="#x">¶</a></h1><p>What <a href="y">separates</a> <code>a</code>.</p><p>More.</p>'
    assert search.heading(page) == "System design rubric"
    assert search.lead_paragraph(page) == "<p>What separates <code>a</code>.</p>"
    assert search.heading("<p>none</p>") == "" and search.lead_paragraph("<div></div>") == ""


def test_topic_sections_take_new_kinds_of_items_with_one_line(ds, monkeypatch):
    def problems(dataset, topic):
        yield search.Section("p-two-sum", "Two sum", subject="two sum")

    monkeypatch.setattr(search, "TOPIC_SECTIONS", (*search.TOPIC_SECTIONS, problems))
    entries = search.page_entries(ds, ds.topics["one"].url, "")
    assert entries[-1]["location"] == "alpha/one/#p-two-sum" and entries[-1]["title"] == "Two sum"


def fixture_index(ds) -> dict:
    docs = [{"location": "", "title": "Home", "text": "<p>Welcome.</p>"}]
    for url in [t.url for t in ds.topics.values()] + ["resources/"]:
        docs += search.page_entries(ds, url, "Page title", "<p>Lead.</p>")
    return search.choose_keywords({"config": {"lang": ["en"], "separator": search.SEPARATOR}, "docs": docs})


def by_location(index: dict) -> dict[str, dict]:
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations))
    return {doc["location"]: doc for doc in index["docs"]}


def test_packing_loses_nothing_and_keeps_each_page_before_its_sections(ds):
    index = fixture_index(ds)
    packed = search.pack(index)
    assert len(packed["docs"]) < len(index["docs"])  # questions and resources went into the packed tables
    assert all("#" not in doc["location"] for doc in packed["docs"])
    unpacked = search.unpack(packed)
    assert search.PACKED_KEY not in unpacked["config"] and unpacked["config"] == index["config"]
    assert by_location(unpacked) == by_location(index)
    seen: set[str] = set()
    for doc in unpacked["docs"]:
        page, _, anchor = doc["location"].partition("#")
        assert not anchor or page in seen, doc["location"]
        seen.add(page)


def test_packed_rows_drop_the_repeated_keys_and_what_the_id_says(ds):
    groups = {(g["page"], g["prefix"]): g for g in search.pack(fixture_index(ds))["config"][search.PACKED_KEY]}
    questions = groups[("alpha/one/", "q-")]
    assert questions["subject_from_id"] == "one" and "subject" not in questions["fields"]
    assert questions["boost"] == search.BOOST_QUESTION
    first = ds.practice.questions_by_topic["one"][0]
    assert questions["rows"][0][:2] == [first.id, first.question]
    resources = groups[("resources/", "res-")]
    assert "boost" not in resources and resources["fields"] == ["title"]
    resource = next(iter(ds.resources.values()))
    assert f"{resource.id} {resource.title}" in resources["rows"]


@pytest.mark.parametrize(
    "doc",
    [
        {"location": "x/#q-one", "title": "Teaser", "text": "<p>shown under the title</p>"},
        {"location": "x/#q-one", "title": "Tagged", "text": "", "tags": ["a"]},
        {"location": "x/#Odd Anchor", "title": "Hand-written heading", "text": ""},
        {"location": "x/#q-", "title": "No id", "text": ""},
    ],
)
def test_entries_that_do_not_fit_a_row_stay_whole(doc):
    index = {"config": {}, "docs": [{"location": "x/", "title": "X", "text": ""}, doc]}
    assert search.pack(index)["docs"] == index["docs"]
    assert search.unpack(search.pack(index)) == index


def test_a_subject_the_id_does_not_say_is_kept():
    docs = [
        {"location": "x/", "title": "X", "text": ""},
        {"location": "x/#q-x-bias", "title": "Bias?", "text": "", "subject": "bias"},
        {"location": "x/#q-x-odd", "title": "Odd?", "text": "", "subject": "something else"},
    ]
    packed = search.pack({"config": {}, "docs": docs})
    (group,) = packed["config"][search.PACKED_KEY]
    assert "subject_from_id" not in group and group["rows"][1] == ["x-odd", "Odd?", "something else"]
    assert by_location(search.unpack(packed)) == by_location({"docs": docs})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("Use support vector machines (SVMs) here.", [("svm", "support vector machine")], id="plural"),
        pytest.param("A mixture of experts (MoE) layer.", [("moe", "mixture of experts")], id="small-word"),
        pytest.param("Latent semantic analysis (LSA) helps.", [("lsa", "latent semantic analysis")], id="not-plural"),
        pytest.param("Retrieval-augmented generation (RAG).", [("rag", "retrieval augmented generation")], id="hyphen"),
        pytest.param("Then tensor parallelism (TP) splits it.", [], id="too-short"),
        pytest.param("Train it on a GPU (CUDA) cluster.", [], id="initials-differ"),
        pytest.param("We saw (see AUC) nothing.", [], id="no-long-name"),
    ],
)
def test_definitions_in_the_content_become_vocabulary(text, found):
    assert search.defined_terms([text]) == found


def test_vocabulary_is_the_data_groups_joined_by_the_contents_definitions(ds, monkeypatch):
    import dataclasses

    ds = dataclasses.replace(ds, vocabulary=(("svm", "support vector machine"), ("kl", "kullback leibler")))
    texts = ["Support vector machines (SVMs) and k nearest neighbours (KNN).", "Also SVMs (SVMs)."]
    monkeypatch.setattr(search, "_definition_texts", lambda dataset: texts)
    assert search.vocabulary(ds) == [
        ["svm", "support vector machine"],  # the definition says what the data says: nothing added
        ["kl", "kullback leibler"],
        ["knn", "k nearest neighbours"],  # found in the content only
    ]


def test_query_rules_give_the_worker_the_filler_words_and_the_vocabulary(ds):
    index = {"config": {"separator": search.SEPARATOR}, "docs": []}
    config = search.query_rules(index, ds)["config"]
    assert config[search.FILLER_KEY] == sorted(search.QUERY_FILLER)
    assert {"vs", "explain", "difference", "between"} <= set(config[search.FILLER_KEY])
    assert config[search.VOCABULARY_KEY] == search.vocabulary(ds)
    assert config["separator"] == search.SEPARATOR and index["config"] == {"separator": search.SEPARATOR}
    assert search.VOCABULARY_KEY not in search.query_rules(index)["config"]  # no dataset, no vocabulary


def test_a_topic_pages_subject_keeps_its_names_apart(ds):
    topic = ds.topics["one"]
    page = search.page_entries(ds, topic.url, "ignored")[0]
    assert page["subject"].split(search.SUBJECT_NAMES) == [search.id_words(topic.id), *topic.subtopics]
    assert re.split(search.SEPARATOR, search.SUBJECT_NAMES.strip()) == ["", ""]  # the index splits words there


def test_the_vocabulary_file_is_read_lower_case_and_a_name_in_two_groups_is_refused(mini):
    from macros.dataset import DatasetError

    vocabulary = mini / "data" / "vocabulary.yml"
    header = "# yaml-language-server: $schema=schema/vocabulary.schema.json\n"
    vocabulary.write_text(
        header + "same:\n  - [svm, support vector machine]\n  - [rag, retrieval augmented generation]\n"
    )
    assert load_dataset(mini).vocabulary == (
        ("svm", "support vector machine"),
        ("rag", "retrieval augmented generation"),
    )
    vocabulary.write_text(header + "same:\n  - [svm, support vector machine]\n  - [svm, kernel machine]\n")
    with pytest.raises(DatasetError) as error:
        load_dataset(mini)
    assert "data/vocabulary.yml:4: 'svm' is already in the group on line 3 — merge the two groups" in str(error.value)
    vocabulary.write_text(header + "same:\n  - [SVM, support vector machine]\n")
    with pytest.raises(DatasetError) as error:
        load_dataset(mini)
    assert "data/vocabulary.yml" in str(error.value)


def test_page_names_are_checked_and_kept_once():
    assert search.page_names(["cheat sheet", "c++ notes", "cheat sheet"], "x.md") == ["cheat sheet", "c++ notes"]
    for bad in (
        "cheat sheet",
        [],
        ["Cheat Sheet"],
        ["cheat  sheet"],
        [" lead"],
        [3],
        ["<b>x</b>"],
        ["a " * 7],
        ["x"] * 13,
    ):
        with pytest.raises(search.SearchFrontMatterError, match=r"^docs/x\.md: .*(such as|e\.g\.)"):
            search.page_names(bad, "x.md")


def test_named_pages_take_their_names_first_in_the_subject():
    index = {
        "config": {},
        "docs": [
            {"location": "tools/", "title": "Tools", "text": "", "subject": "tools page"},
            {"location": "tools/#a", "title": "A", "text": ""},
            {"location": "other/", "title": "Other", "text": ""},
        ],
    }
    named = search.apply_page_settings(index, {"tools/": ["cheat sheet", "c++ notes"], "missing/": ["gone"]})
    page, section, other = named["docs"]
    assert page["subject"] == "cheat sheet; c++ notes; tools page" and page[search.NAMES_KEY] == 2
    assert search.NAMES_KEY not in section and "subject" not in section  # the page's own entry only
    assert other == index["docs"][2] and "named" not in index["docs"][0], "the input is not changed"


def test_a_guide_pages_sections_are_weighed_like_questions_but_not_the_page():
    index = {
        "config": {},
        "docs": [
            {"location": "guide/", "title": "Guide", "text": ""},
            {"location": "guide/#how-to-run-the-hour", "title": "How to run the hour", "text": "<p>x</p>"},
            {"location": "guidebook/#other", "title": "Other", "text": ""},
        ],
    }
    page, section, other = search.apply_page_settings(index, {}, {"guide/": search.BOOST_GUIDE})["docs"]
    assert "boost" not in page and section["boost"] == search.BOOST_GUIDE and "boost" not in other
    assert search.section_boost(3, "g.md") == 3.0
    for bad in (0, 11, "3", True, None):
        with pytest.raises(
            search.SearchFrontMatterError, match=r"^docs/g\.md: front matter `search_section_boost` must"
        ):
            search.section_boost(bad, "g.md")

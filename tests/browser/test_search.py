"""Browser level: Material's real search UI in Chromium, on the built site. A table of queries a candidate would
type (search_queries.tsv) against the result that must come first, and a search that opens the question it
found, expanded, with the words highlighted."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros import search

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).with_name("search_queries.tsv")
# The table's own bar. The goal, on a held-out set, is 90% first and 98% in the first five.
MIN_FIRST = 0.90
MIN_TOP_FIVE = 0.98
# Queries written without looking at the ranking (a stand-in for the held-out set): 84.3% first and 94.8% in the
# top five when written, 90.4% and 100% now. Its bar is the goal.
FRESH_QUERIES = Path(__file__).with_name("search_queries_fresh.tsv")
FRESH_MIN_FIRST = 0.90
FRESH_MIN_TOP_FIVE = 0.98
# A second blind table (126 queries), measured before any change made for it: 89.7% first, 96.0% in the top five
# (92.9% and 98.4% now). Its bar is the goal.
BLIND2_QUERIES = Path(__file__).with_name("search_queries_blind2.tsv")
BLIND2_MIN_FIRST = 0.90
BLIND2_MIN_TOP_FIVE = 0.98
# A third blind table (100 queries), written from the content by someone who never ran the search: 81% first, 91%
# in the top five when written; 83% and 94% after the two rules it showed missing (an acronym the index never holds
# searches its spelled-out names; "can't" is a filler word). The closest stand-in for the held-out set, so its bar
# is where it stands, less one query: below the goal, to catch regressions. Raise it as ranking improves; never
# tune a query of it.
# Stop 21: 87/100 and 97/100 (tuned on its misses since, with blind4's).
BLIND3_QUERIES = Path(__file__).with_name("search_queries_blind3.tsv")
BLIND3_MIN_FIRST = 0.86
BLIND3_MIN_TOP_FIVE = 0.959
# 100/120 and 115/120 at stop 20; 106/120 (88.3%) and 118/120 (98.3%) at stop 21, tuned on its misses; 107/120 and
# 119/120 at stop 22.
BLIND4_QUERIES = Path(__file__).with_name("search_queries_blind4.tsv")
BLIND4_MIN_FIRST = 0.883
BLIND4_MIN_TOP_FIVE = 0.983
# A fifth blind table (150 queries), written on 2026-12-03 from the pages' content by someone who opened no search
# code, index or other table and never ran the search; measured once, with nothing changed for it: 129/150 (86.0%)
# first, 143/150 (95.3%) in the top five. No query of it tuned for (its misses were read only to name their kinds; the
# kinds it shares with blind6 were fixed as kinds at stop 21): 131/150 (87.3%) and 147/150 (98.0%); at stop 22, after
# the rule for comparisons named by their reference side (a kind it showed), 134/150 (89.3%), and after the rule for
# a page's name and a detail on it, 136/150 (90.7%); at stop 23, with the keywords chosen across the whole index,
# 137/150 (91.3%). Bar: less one.
BLIND5_QUERIES = Path(__file__).with_name("search_queries_blind5.tsv")
BLIND5_MIN_FIRST = 0.906
BLIND5_MIN_TOP_FIVE = 0.973
# A sixth, written the same way on 2026-12-03 (stop 21) and measured once at 5f0b14e before anything was changed for
# it: 138/150 (92.0%) first, 142/150 (94.7%) in the top five (at the stop's start, eae4950: 136 and 138). Its misses
# were then read, and the kinds they name fixed as kinds (rubric rows judged over the whole interview and the cases'
# capacity, loss, data and follow-up sections were not indexed; guide-page sections weighed less than any
# question; a query asking for code did not weigh the coding round more): 143/150 (95.3%) and 146/150 (97.3%).
# At stop 22, after the rule for a page's name and a detail on it: 145/150 (96.7%) and 147/150 (98.0%). Bar: that less
# one.
BLIND6_QUERIES = Path(__file__).with_name("search_queries_blind6.tsv")
BLIND6_MIN_FIRST = 0.96
BLIND6_MIN_TOP_FIVE = 0.973
# A seventh, written the same way on 2026-12-04 (stop 22) and measured once at d19b221 before anything was changed for
# it: 134/150 (89.3%) first, 140/150 (93.3%) in the top five, the same after the comparison rule (3d7d0ad). Its misses,
# read after that, are mostly details inside a worked case's steps ("adamic-adar jaccard graph features", "friends of
# friends candidates at scale"): the words are only in the step's hidden keywords, which a question title holding one
# common word of the query outweighs. Where the query also names the case, the rule for a page's name and a detail on
# it now lands on the step: 138/150 (92.0%) and 143/150 (95.3%); at stop 23, with the keywords chosen across the whole
# index, 139/150 (92.7%) and 144/150 (96.0%); with case steps weighed like questions, 140/150 (93.3%) and 146/150
# (97.3%). Bar: less one.
BLIND7_QUERIES = Path(__file__).with_name("search_queries_blind7.tsv")
BLIND7_MIN_FIRST = 0.926
BLIND7_MIN_TOP_FIVE = 0.966
# An eighth, written the same way on 2026-12-04 (stop 22), after the rules above: only its totals were ever read, never
# its misses. At d19b221 (the stop's start) 131/150 (87.3%) first, 140/150 (93.3%) in the top five; with the stop's two
# rules 135/150 (90.0%) and 143/150 (95.3%). Its misses were read at stop 23, once blind9 was there to take its place:
# six of the seven outside the top five are details of a worked case's steps, and "mixup cutmix" found nothing (each
# word said once in an answer, and lost to the keyword limit). With the keywords chosen across the whole index
# (`choose_keywords` in macros/search.py): 136/150 (90.7%) and 144/150 (96.0%); with case steps and rubric rows
# weighed like questions (`BOOST_STEP`), 137/150 (91.3%) and 148/150 (98.7%). Bar: less one.
BLIND8_QUERIES = Path(__file__).with_name("search_queries_blind8.tsv")
BLIND8_MIN_FIRST = 0.906
BLIND8_MIN_TOP_FIVE = 0.98
# A ninth, written the same way on 2026-12-04 (stop 23). Only its totals are read, never its misses: 135/150 (90.0%)
# first and 145/150 (96.7%) in the top five at 8c69671, before anything changed; 137/150 (91.3%) and 145/150 with the
# keywords chosen across the whole index; 137/150 and 146/150 (97.3%) with case steps weighed like questions. Bar:
# less one.
BLIND9_QUERIES = Path(__file__).with_name("search_queries_blind9.tsv")
BLIND9_MIN_FIRST = 0.906
BLIND9_MIN_TOP_FIVE = 0.966
# Named in the issue as searches that went wrong: each must now come first.
MUST_BE_FIRST = {
    "p-value",
    "transformer attention",
    "how to handle imbalanced data",
    "cold start",
    "design youtube recommendation",
    "kv cache",
}


def query_table(path: Path = QUERIES) -> list[tuple[str, list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected = line.split("\t")
            rows.append((query, [e.strip() for e in expected.split(" | ")]))
    return rows


# Reads Material's rendered result list: per result (one page), each link with its score, in order.
READ_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('a.md-search-result__link')].map(a => ({
    href: a.getAttribute('href'),
    score: parseFloat(a.querySelector('article').getAttribute('data-md-score'))
  })))"""


def location(href: str, root: str) -> str:
    """A result link as a site location: no site root, no ?h= highlight parameter."""
    path, _, anchor = href.removeprefix(root).partition("#")
    path = path.split("?")[0]
    return f"{path}#{anchor}" if anchor else path


def run_query(page: Page, query: str, root: str) -> list[list[tuple[str, float]]]:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    box.fill(query)
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_attached()
    previous = None
    for _ in range(20):  # results arrive from a worker: read until two reads agree
        page.wait_for_timeout(60)
        current = page.evaluate(READ_RESULTS)
        if current and current == previous:
            break
        previous = current
    return [[(location(link["href"], root), link["score"]) for link in item] for item in current]


def judge(results: list[list[tuple[str, float]]], expected: list[str]) -> tuple[bool, bool]:
    """(right first, right in the first five). A page is right first when the first result is that page; a
    question (page#anchor) when it is the best-scored entry of the first result. In the first five: among the
    first five results (pages), or the five best-scored entries (anchors)."""
    if not results:
        return False, False
    best_first = max(results[0], key=lambda link: link[1])[0]
    entries = sorted((link for item in results for link in item if link[1] > 0), key=lambda link: -link[1])
    top_entries = [loc for loc, _ in entries[:5]]
    top_pages = [item[0][0].split("#")[0] for item in results[:5]]

    def first(target: str) -> bool:
        return best_first == target if "#" in target else best_first.split("#")[0] == target

    def five(target: str) -> bool:
        return target in top_entries if "#" in target else target in top_pages

    return any(map(first, expected)), any(map(five, expected))


# Every query table with its bars (first, top five): the test below and scripts/search_report.py both read this.
TABLES = {
    "table": (QUERIES, MIN_FIRST, MIN_TOP_FIVE),
    "fresh": (FRESH_QUERIES, FRESH_MIN_FIRST, FRESH_MIN_TOP_FIVE),
    "blind2": (BLIND2_QUERIES, BLIND2_MIN_FIRST, BLIND2_MIN_TOP_FIVE),
    "blind3": (BLIND3_QUERIES, BLIND3_MIN_FIRST, BLIND3_MIN_TOP_FIVE),
    "blind4": (BLIND4_QUERIES, BLIND4_MIN_FIRST, BLIND4_MIN_TOP_FIVE),
    "blind5": (BLIND5_QUERIES, BLIND5_MIN_FIRST, BLIND5_MIN_TOP_FIVE),
    "blind6": (BLIND6_QUERIES, BLIND6_MIN_FIRST, BLIND6_MIN_TOP_FIVE),
    "blind7": (BLIND7_QUERIES, BLIND7_MIN_FIRST, BLIND7_MIN_TOP_FIVE),
    "blind8": (BLIND8_QUERIES, BLIND8_MIN_FIRST, BLIND8_MIN_TOP_FIVE),
    "blind9": (BLIND9_QUERIES, BLIND9_MIN_FIRST, BLIND9_MIN_TOP_FIVE),
}


@pytest.mark.parametrize(
    ("path", "min_first", "min_five"), [pytest.param(*bars, id=name) for name, bars in TABLES.items()]
)
def test_query_table_puts_the_right_result_first(page: Page, site_url: str, path: Path, min_first, min_five):
    table = query_table(path)
    assert len(table) >= 40
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    misses, first_hits, five_hits = [], 0, 0
    for query, expected in table:
        try:
            results = run_query(page, query, site_url)
        except AssertionError:  # no result at all within the wait: a miss, as scripts/search_report.py counts it
            results = []
        at_first, in_five = judge(results, expected)
        first_hits += at_first
        five_hits += in_five
        if not at_first:
            shown = results[0][0][0] if results else "nothing"
            misses.append(f"{query!r}: {shown} first, expected {expected[0]}{'' if in_five else ' (not in top 5)'}")
    rate_first, rate_five = first_hits / len(table), five_hits / len(table)
    print(
        f"\nsearch query table {path.name}: {first_hits}/{len(table)} first ({rate_first:.0%}), "
        f"{five_hits}/{len(table)} in the top five ({rate_five:.0%})"
    )
    print("\n".join(misses))
    assert not [m for m in misses if m.split(":")[0].strip("'") in MUST_BE_FIRST], misses
    assert rate_first >= min_first and rate_five >= min_five, "\n".join(misses)


def test_search_opens_the_question_expanded_with_the_match_highlighted(page: Page, site_url: str):
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("kv cache", delay=20)
    result = page.locator(".md-search-result__list a[href*='#q-nlp-quadratic-attention-and-kv-cache']").first
    expect(result).to_be_attached()
    href = result.get_attribute("href")
    assert "?h=" in href  # search.highlight carries the matched words to the page
    page.goto(href if href.startswith("http") else site_url + href.removeprefix("./"))
    question = page.locator("details#q-nlp-quadratic-attention-and-kv-cache")
    expect(question).to_have_attribute("open", "")
    expect(question.locator(".mip-answer")).to_be_visible()
    expect(question.locator(".mip-answer mark[data-md-highlight]").first).to_be_visible()
    assert re.search(r"#q-nlp-quadratic-attention-and-kv-cache$", page.url)  # the address can be shared
    others = page.locator("details.mip-question[open]")
    expect(others).to_have_count(1)


def test_a_shared_link_and_a_changed_hash_open_their_item(page: Page, site_url: str):
    page.goto(site_url + "breadth/statistics/#q-statistics-p-value-meaning")
    expect(page.locator("details#q-statistics-p-value-meaning")).to_have_attribute("open", "")
    page.evaluate("location.hash = '#q-statistics-confidence-interval-interpretation'")
    expect(page.locator("details#q-statistics-confidence-interval-interpretation")).to_have_attribute("open", "")


def test_the_worker_unpacks_the_index_exactly_as_python_does(page: Page, site_url: str, built_site: Path):
    """docs/javascripts/search-worker.js and macros/search.py `unpack` read the same packed index the same way."""
    packed_text = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    page.goto(site_url)
    page.add_script_tag(path=str(built_site / "javascripts" / "search-worker.js"))
    in_browser = page.evaluate("text => unpackSearchIndex(JSON.parse(text))", packed_text)
    in_python = search.unpack(json.loads(packed_text))
    assert in_browser["config"] == in_python["config"]
    assert in_browser["docs"] == in_python["docs"]
    assert len(in_python["docs"]) > len(json.loads(packed_text)["docs"]) + 500


def test_a_resource_title_finds_its_packed_entry(page: Page, site_url: str, built_site: Path):
    index = search.read_index(built_site)
    resource = next(d for d in index["docs"] if d["location"].startswith("resources/#res-") and len(d["title"]) > 20)
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    results = run_query(page, html.unescape(resource["title"]), site_url)
    assert resource["location"] in [loc for item in results[:5] for loc, _ in item], results[:3]


def test_the_worker_searches_both_spellings_and_exact_words_first(page: Page, site_url: str, built_site: Path):
    page.goto(site_url)
    page.add_script_tag(path=str(built_site / "javascripts" / "search-worker.js"))
    separator = json.dumps(search.SEPARATOR)
    rewrite = f"([query, vocabulary]) => rewriteQuery(query, new RegExp({separator}), [...vocabulary].sort())"
    vocabulary = ["batch", "normalisation", "normalization", "modelling", "p", "value", "hour", "horizon"]
    both = page.evaluate(rewrite, ["batch normalization", vocabulary])
    assert both["query"].split() == [
        *("batch^4", "batch", "normalization^4", "normalization", "normalisation^4", "normalisation")
    ]
    assert both["aliases"] == {"normalisation": "normalization"}
    assert page.evaluate(rewrite, ["modeling", vocabulary])["query"] == "modelling^4 modelling"  # only one exists
    assert page.evaluate(rewrite, ["p-value", vocabulary])["query"] == "p^4 p value^4 value"
    assert page.evaluate(rewrite, ["hour", vocabulary])["query"] == "hour^4 hour"  # not "hor", a prefix of horizon
    assert page.evaluate(rewrite, ["+required -not title:x", vocabulary])["query"] == "+required -not title:x"
    plural = page.evaluate(rewrite, ["batches values", [*vocabulary, "batches"]])  # "batch" and "value" exist
    # "batch*" finds all that "batches*" does: the plural is searched as an exact word only. No word starts with
    # "values", so only "value" is searched.
    assert plural["query"] == "batches^4 batch^4 batch value^4 value"


def test_the_worker_also_searches_the_stem_of_an_inflected_word_as_an_exact_word(
    page: Page, site_url: str, built_site: Path
):
    page.goto(site_url)
    page.add_script_tag(path=str(built_site / "javascripts" / "search-worker.js"))
    separator = json.dumps(search.SEPARATOR)
    rewrite = f"([query, vocabulary]) => rewriteQuery(query, new RegExp({separator}), [...vocabulary].sort())"
    vocabulary = ["gradient", "check", "checkpoint", "tune", "fail", "failed", "group", "grouped", "monitoring"]
    checking = page.evaluate(rewrite, ["gradient checking", vocabulary])
    assert checking["query"].split()[-1] == "check^2"  # exact: "check*" would find "checkpoint" too
    assert checking["typed"] == [["gradient"], ["checking", "check"]] and checking["aliases"] == {"check": "checking"}
    assert page.evaluate(rewrite, ["tuning", vocabulary])["query"] == "tuning^4 tuning tune^2"  # -ing → -e
    assert page.evaluate(rewrite, ["grouped", vocabulary])["query"] == "grouped^4 grouped group^2"
    assert page.evaluate(rewrite, ["failed", vocabulary])["query"] == "failed^4 failed fail^2"
    assert page.evaluate(rewrite, ["monitoring", vocabulary])["query"] == "monitoring^4 monitoring"  # no "monitor"
    assert page.evaluate(rewrite, ["bring", vocabulary])["query"] == "bring^4 bring"  # too short a stem to strip


def test_a_trailing_plus_the_index_never_holds_is_dropped(page: Page, site_url: str, built_site: Path):
    """ "kmeans++" searches "kmeans" (the index holds "k-means++" as "k", "means++" and the joined "kmeans");
    "c++", which the index holds, stays as typed."""
    _worker(page, site_url, built_site)
    separator = json.dumps(search.SEPARATOR)
    rewrite = f"([query, vocabulary]) => rewriteQuery(query, new RegExp({separator}), [...vocabulary].sort())"
    vocabulary = ["kmeans", "means++", "c++", "initialization"]
    assert page.evaluate(rewrite, ["kmeans++", vocabulary])["typed"][0][0] == "kmeans"
    hyphenated = page.evaluate(rewrite, ["k-means++ initialization", vocabulary])
    assert hyphenated["query"].startswith("kmeans^4 ") and hyphenated["typed"][0][0] == "kmeans"
    assert page.evaluate(rewrite, ["c++", vocabulary])["typed"] == [["c++"]]


def test_the_worker_also_searches_a_verb_without_its_final_e_and_a_y_as_ies(
    page: Page, site_url: str, built_site: Path
):
    _worker(page, site_url, built_site)
    separator = json.dumps(search.SEPARATOR)
    rewrite = f"([query, vocabulary]) => rewriteQuery(query, new RegExp({separator}), [...vocabulary].sort())"
    vocabulary = ["evaluation", "evaluate", "choosing", "queries", "state", "statistics", "entropy"]
    evaluate = page.evaluate(rewrite, ["evaluate", vocabulary])
    assert evaluate["query"] == "evaluate^4 evaluat^4 evaluat"  # "evaluat*" finds evaluation: no second prefix
    assert evaluate["typed"] == [["evaluate", "evaluat"]] and evaluate["aliases"] == {"evaluat": "evaluate"}
    assert page.evaluate(rewrite, ["choose", vocabulary])["query"] == "choos^4 choos"  # "choose" is not indexed
    assert page.evaluate(rewrite, ["query", vocabulary])["query"] == "queri^4 queri"
    assert page.evaluate(rewrite, ["state", vocabulary])["query"] == "state^4 state"  # too short: not "stat*"
    assert page.evaluate(rewrite, ["entropy", vocabulary])["query"] == "entropy^4 entropy"  # no "entropi…"


def test_titles_cover_the_rare_words_typed_more_than_the_common_ones(page: Page, site_url: str, built_site: Path):
    """A unit's weight is lunr's inverse entry frequency of its form found in most entries (a form is a prefix),
    so a title with the query's one rare word covers more of it than a title with its two common ones."""
    _worker(page, site_url, built_site)
    separator = json.dumps(search.SEPARATOR)
    docs = [{"title": "Lasso and sparse weights"}] + [{"title": f"Weights set to zero, case {n}"} for n in range(9)]
    weights = page.evaluate(
        f"""([docs, typed]) => {{ const vocabulary = vocabularyOf(docs, new RegExp({separator}));
        return typed.map((forms) => weightOf(forms, vocabulary)); }}""",
        [[*docs, {"title": "Modelling"}], [["lasso"], ["weights"], ["zero"], ["model"], ["absent"]]],
    )
    lasso, weight, zero, model, absent = weights
    assert lasso > zero > weight > 0  # 1, 9 and 10 of 11 entries
    assert model == lasso  # "model" is a prefix: it counts "modelling"
    assert absent > lasso  # in no entry at all

    def coverage(title: str) -> float:
        typed = [["lasso"], ["weights"], ["zero"]]
        return page.evaluate(
            f"([t, typed, w]) => titleCoverage(t, typed, new RegExp({separator}), w)", [title, typed, weights[:3]]
        )

    assert coverage("Why lasso") > 0.5 > coverage("Zero weights") > 0
    assert coverage("Lasso sets weights to zero") == 1
    assert (
        page.evaluate(
            f"([t, typed]) => titleCoverage(t, typed, new RegExp({separator}))",
            ["Zero weights", [["lasso"], ["weights"], ["zero"]]],
        )
        == 2 / 3
    )  # unweighted: every word alike


def test_the_worker_applies_entry_boosts_that_lunr_cancels(page: Page, site_url: str, built_site: Path):
    page.goto(site_url)
    page.add_script_tag(path=str(built_site / "javascripts" / "search-worker.js"))
    result = {
        "items": [
            [{"location": "a/", "title": "Alpha page", "score": 10}],
            [
                {"location": "b/", "title": "Beta", "score": 6},
                {"location": "b/#q-x", "title": "Gamma question", "score": 4, "boost": 3},
            ],
        ]
    }
    ranked = page.evaluate("([r, typed]) => applyBoosts(r, typed, /\\s+/)", [result, [["gamma"]]])
    assert [item["location"] for item in ranked["items"][0]] == ["b/#q-x", "b/"]  # 4 × 3 × (1 + 2) beats 10
    assert ranked["items"][0][0]["score"] == 36 and ranked["items"][1][0]["location"] == "a/"


def test_pages_whose_best_results_tie_are_ordered_by_all_that_matches(page: Page, site_url: str, built_site: Path):
    page.goto(site_url)
    page.add_script_tag(path=str(built_site / "javascripts" / "search-worker.js"))
    result = {
        "items": [
            [{"location": "a/#q-x", "title": "Alpha", "score": 100}],
            [
                {"location": "b/#q-y", "title": "Beta", "score": 99.5},
                {"location": "b/", "title": "Beta page", "score": 40},
            ],
            [{"location": "c/#q-z", "title": "Gamma", "score": 95}, {"location": "c/", "title": "Gamma", "score": 90}],
        ]
    }
    ranked = page.evaluate("([r, typed]) => applyBoosts(r, typed, /\\s+/)", [result, [["delta"]]])
    # a/ and b/ tie (within 1%): b/ has more that matches. c/ is 5% behind: its total does not lift it.
    assert [group[0]["location"] for group in ranked["items"]] == ["b/#q-y", "a/#q-x", "c/#q-z"]


def _worker(page: Page, site_url: str, built_site: Path) -> None:
    page.goto(site_url)
    page.add_script_tag(path=str(built_site / "javascripts" / "search-worker.js"))


def test_the_worker_searches_every_name_of_a_vocabulary_group(page: Page, site_url: str, built_site: Path):
    _worker(page, site_url, built_site)
    groups = [
        ["svm", "support vector machine"],
        ["rag", "retrieval augmented generation"],
        ["moe", "mixture of experts"],
    ]
    vocabulary = ["svm", "svms", "support", "vector", "machine", "machines", "rag", "retrieval", "mixture", "moe"]
    rewrite = f"""([query, groups, vocabulary]) => {{ vocabularyGroups = groups;
        return rewriteQuery(query, new RegExp({json.dumps(search.SEPARATOR)}), [...vocabulary].sort()); }}"""
    long = page.evaluate(rewrite, ["support vector machines kernel", groups, [*vocabulary, "kernel"]])
    assert long["query"].split()[-2:] == ["svm^4", "svm"]  # the long name typed: the short one searched too
    assert long["typed"] == [["support vector machines", "svm"], ["kernel"]]  # one unit for the name
    assert long["expansions"] == [{"words": ["support", "vector", "machines"], "terms": ["svm"]}]
    short = page.evaluate(rewrite, ["rag", groups, vocabulary])
    assert short["query"] == "rag^4 rag"  # a long name's words would outweigh the word typed
    assert short["typed"] == [["rag", "retrieval augmented generation"]]
    assert page.evaluate(rewrite, ["mixtures of experts", groups, vocabulary])["typed"][0][-1] == "moe"  # plural
    assert page.evaluate(rewrite, ["support", groups, vocabulary])["typed"] == [["support"]]  # half a name: nothing

    def coverage(title: str, typed: list) -> float:
        return page.evaluate(
            f"([t, typed]) => titleCoverage(t, typed, new RegExp({json.dumps(search.SEPARATOR)}))", [title, typed]
        )

    assert coverage("Explain the maximum-margin idea behind SVMs", long["typed"]) == 0.5  # "svm" covers the name
    assert coverage("Retrieval-augmented generation over documents", short["typed"]) == 1  # the long name covers "rag"
    assert coverage("Retrieval of documents", short["typed"]) == 0  # every word of the long name, or nothing


def test_a_name_found_makes_all_its_words_matched(page: Page, site_url: str, built_site: Path):
    _worker(page, site_url, built_site)
    result = {
        "items": [[{"location": "a/", "terms": {"support": False, "vector": False, "machines": False, "svm": True}}]]
    }
    expansions = [{"words": ["support", "vector", "machines"], "terms": ["svm"]}]
    merged = page.evaluate("([r, e]) => mergeSpellings(r, {}, e)", [result, expansions])
    assert merged["items"][0][0]["terms"] == {"support": True, "vector": True, "machines": True}


def test_the_worker_reads_the_filler_words_and_joins_hyphenated_words(page: Page, site_url: str, built_site: Path):
    _worker(page, site_url, built_site)
    separator = json.dumps(search.SEPARATOR)
    rewrite = f"""([query, filler, vocabulary]) => {{ fillerWords = new Set(filler);
        return rewriteQuery(query, new RegExp({separator}), [...vocabulary].sort()); }}"""
    filler = sorted(search.QUERY_FILLER)
    explained = page.evaluate(rewrite, ["explain difference between bagging vs boosting", filler, ["bagging"]])
    assert explained["typed"] == [["bagging"], ["boosting"]]  # how it is asked is not what a title must say
    assert "explain^4" not in explained["query"] and "explain" in explained["query"].split()
    armed = page.evaluate(rewrite, ["multi-armed bandit", filler, ["multiarmed", "multi", "armed", "bandit"]])
    assert armed["query"].split() == [
        "multiarmed^4",
        "multi",
        "armed",
        "bandit^4",
        "bandit",
    ]  # as indexed (joined_forms)
    assert armed["typed"] == [["multiarmed", "multi armed"], ["bandit"]]  # one word, not "multi" and "armed"
    absent = page.evaluate(rewrite, ["state-of-art", filler, ["state", "art"]])
    assert "stateofart" not in absent["query"]  # no indexed word starts so: not searched


def test_subjects_cover_a_query_one_name_at_a_time_and_pages_it_names_weigh_like_questions(
    page: Page, site_url: str, built_site: Path
):
    _worker(page, site_url, built_site)
    separator = json.dumps(search.SEPARATOR)
    names = search.SUBJECT_NAMES.join(["statistics", "hypothesis formulation", "common pitfalls"])
    call = f"([fn, item, typed]) => self[fn](item, typed, new RegExp({separator}))"
    guardrail = {
        "location": "s/#q-x",
        "title": "Clicks rose but load time grew",
        "subject": "primary and guardrail metrics",
    }
    assert page.evaluate(call, ["entryCoverage", guardrail, [["guardrail"], ["metrics"]]]) == 1
    topic = {"location": "s/", "title": "Statistics and probability", "subject": names}
    assert page.evaluate(call, ["entryCoverage", topic, [["hypothesis"], ["pitfalls"]]]) == 0.5  # two names
    assert page.evaluate(call, ["namesTheQuery", topic, [["statistics"]]]) is True  # its id's words
    assert page.evaluate(call, ["namesTheQuery", topic, [["common"], ["pitfalls"]]]) is False  # a subtopic
    question = {**topic, "location": "s/#q-x"}
    assert page.evaluate(call, ["namesTheQuery", question, [["statistics"]]]) is False  # pages only
    result = {
        "items": [
            [{"location": "o/#q-y", "title": "Statistics question", "score": 10, "boost": 3}],
            [{**topic, "score": 10}],
        ]
    }
    ranked = page.evaluate(
        f"([r, typed]) => applyBoosts(r, typed, new RegExp({separator}))", [result, [["statistics"]]]
    )
    assert ranked["items"][0][0]["location"] == "o/#q-y"  # a tie: named page × 3 equals question boost × 3 …
    assert ranked["items"][0][0]["score"] == ranked["items"][1][0]["score"] == 90  # … both fully covered (× 3)


def test_a_question_is_covered_by_its_page_title_too(page: Page, site_url: str, built_site: Path):
    """For "implement kmeans from scratch numpy", the k-means question on "Models from scratch" says all four words
    with its page, the self-attention question there only three."""
    _worker(page, site_url, built_site)
    separator = json.dumps(search.SEPARATOR)
    call = f"""([item, typed]) => {{ pageTitles = {{"c/": "Models from scratch"}};
        return entryCoverage(item, typed, new RegExp({separator})); }}"""
    typed = [["implement"], ["kmeans"], ["scratch"], ["numpy"]]
    kmeans = {"location": "c/#q-k", "title": "Implement k-means in NumPy", "subject": "kmeans empty cluster"}
    assert page.evaluate(call, [kmeans, typed]) == 1
    attention = {"location": "c/#q-a", "title": "Implement self-attention from scratch in NumPy"}
    assert page.evaluate(call, [attention, typed]) == 0.75
    assert page.evaluate(call, [{**kmeans, "location": "d/#q-k"}, typed]) == 0.75  # another page: not covered
    assert page.evaluate(call, [{"location": "c/", "title": "Coding"}, typed]) == 0  # a page: its own title only


def test_the_worker_finds_every_name_of_the_real_vocabulary(page: Page, site_url: str, built_site: Path):
    """Python builds the vocabulary, the worker reads it: each name of each group, typed alone, is one unit that
    every other name of its group covers."""
    index = search.read_index(built_site)
    groups = index["config"][search.VOCABULARY_KEY]
    assert len(groups) > 50
    _worker(page, site_url, built_site)
    found = page.evaluate(
        """(index) => { vocabularyGroups = index.config.playbook_vocabulary;
        const separator = new RegExp(index.config.separator);
        const vocabulary = vocabularyOf(index.docs, separator);
        return vocabularyGroups.flatMap((group) => group.map((name) => rewriteQuery(name, separator, vocabulary).typed)); }""",
        index,
    )
    named = [(name, group) for group in groups for name in group]
    for typed, (name, group) in zip(found, named, strict=True):
        assert len(typed) == 1 and set(group) - {name} <= set(typed[0]), (name, typed)


def test_a_page_is_named_by_any_name_its_front_matter_gives_it(page: Page, site_url: str, built_site: Path):
    _worker(page, site_url, built_site)
    names = "([item, typed]) => namesTheQuery(item, typed, /\\s+/)"
    downloads = {"location": "resources/downloads/", "title": "Downloads", "subject": "anki deck; flashcards; csv"}
    assert page.evaluate(names, [{**downloads, "named": 3}, [["flashcards"]]])
    assert page.evaluate(names, [{**downloads, "named": 3}, [["anki"], ["deck"]]])
    assert not page.evaluate(names, [{**downloads, "named": 3}, [["anki"], ["export"]]])  # one name, every word
    # Without `named` only the first name counts (a topic page's id; its subtopics do not name it).
    assert page.evaluate(names, [downloads, [["anki"], ["deck"]]])
    assert not page.evaluate(names, [downloads, [["flashcards"]]])
    assert not page.evaluate(names, [{**downloads, "location": "resources/downloads/#x", "named": 3}, [["csv"]]])


def test_a_query_asking_for_code_weighs_the_coding_round_more(page: Page, site_url: str, built_site: Path):
    _worker(page, site_url, built_site)
    asks = "(query) => ASKS_FOR_CODE.test(query)"
    for query in ("beam search implementation", "implement kmeans", "k-means++ in numpy", "code self attention"):
        assert page.evaluate(asks, query), query
    for query in ("why does a vit trained from scratch lose", "ml coding round", "encoder decoder"):
        assert not page.evaluate(asks, query), query
    result = {
        "items": [
            [{"location": "breadth/seq/#q-beam", "title": "Beam", "score": 10}],
            [{"location": "coding/scratch/#p-beam", "title": "Beam", "score": 6}],
        ]
    }
    rank = "([r, code]) => applyBoosts(r, [['delta']], /\\s+/, undefined, code)"
    assert page.evaluate(rank, [result, True])["items"][0][0]["location"] == "coding/scratch/#p-beam"  # 6 × 2 > 10
    assert page.evaluate(rank, [result, False])["items"][0][0]["location"] == "breadth/seq/#q-beam"


def test_a_comparison_named_by_its_reference_side_gives_way_within_its_page(
    page: Page, site_url: str, built_site: Path
):
    """A query for "word2vec": the word2vec question first, not "GloVe vs word2vec"; the page keeps its place among pages."""
    _worker(page, site_url, built_site)
    side = "([item, typed]) => namesTheReferenceSide(item, typed)"
    glove = {
        "location": "nlp/#q-glove",
        "title": "How does GloVe differ from word2vec?",
        "subject": "glove vs word2vec",
    }
    assert page.evaluate(side, [glove, [["word2vec"]]]) is True
    assert page.evaluate(side, [glove, [["glove"]]]) is False  # the side it is about
    assert page.evaluate(side, [glove, [["glove"], ["word2vec"]]]) is False  # both sides
    assert page.evaluate(side, [{**glove, "subject": "word2vec skip gram"}, [["word2vec"]]]) is False  # no "vs"
    result = {
        "items": [
            [
                {**glove, "score": 10},
                {"location": "nlp/#q-w2v", "title": "How does word2vec work?", "subject": "word2vec", "score": 7},
            ],
            [{"location": "cv/#q-x", "title": "Why word2vec?", "subject": "x", "score": 9}],
        ]
    }
    rank = "([r, compares]) => applyBoosts(r, [['word2vec']], /\\s+/, undefined, false, compares)"
    ranked = page.evaluate(rank, [result, False])
    assert [item["location"] for item in ranked["items"][0]] == ["nlp/#q-w2v", "nlp/#q-glove"]  # 10 × 0.5 < 7
    assert ranked["items"][0][1]["score"] == 5 * 3 and "rank" not in ranked["items"][0][1]
    assert ranked["items"][1][0]["location"] == "cv/#q-x"  # the page is still ranked by its best entry, 10 > 9
    asked = page.evaluate(rank, [result, True])  # "glove vs word2vec": the query compares
    assert [item["location"] for item in asked["items"][0]] == ["nlp/#q-glove", "nlp/#q-w2v"]
    compares = "(query) => COMPARES.test(query)"
    for query in ("glove vs word2vec", "difference between gru and lstm", "l1 or l2", "compare bagging boosting"):
        assert page.evaluate(compares, query), query
    for query in ("word2vec", "order statistics", "how does lstm work"):
        assert not page.evaluate(compares, query), query


def test_a_query_naming_a_page_and_a_detail_lands_on_the_detail(page: Page, site_url: str, built_site: Path):
    """ "senior level rubric": the rubric page's entry covers "rubric"; its senior row matched the rest, so it moves
    just ahead of the page's entry. A query the page covers in full, or not at all, leaves the order alone."""
    _worker(page, site_url, built_site)
    rubric = {"location": "r/", "title": "System design rubric", "subject": "rubric; grading rubric", "score": 50}
    senior = {"location": "r/#senior", "title": "Rubric: Senior", "score": 10, "terms": {"senior": True, "level": True}}
    driving = {"location": "r/#driving", "title": "Rubric: Driving", "score": 20, "terms": {"level": True}}
    lift = "([group, typed]) => liftDetail(group, typed, /\\s+/, typed.map(() => 1))"
    group = [rubric, driving, senior]
    lifted = page.evaluate(lift, [group, [["senior"], ["level"], ["rubric"]]])
    assert [item["location"] for item in lifted] == ["r/#senior", "r/", "r/#driving"]
    assert lifted[0]["score"] == 50 * 1.01  # just ahead of its page's entry (TIE)
    # More than half the rest is needed; the larger share wins over the larger score.
    assert page.evaluate(lift, [group, [["senior"], ["level"], ["staff"], ["rubric"]]])[0]["location"] == "r/#senior"
    unchanged = ["r/", "r/#driving", "r/#senior"]
    half = [["senior"], ["staff"], ["rubric"]]  # the senior row matched half of what the page does not cover
    for typed in (
        [["rubric"]],
        [["grading"], ["rubric"]],
        [["senior"], ["level"]],
        [["staff"], ["bar"], ["rubric"]],
        half,
    ):
        assert [item["location"] for item in page.evaluate(lift, [group, typed])] == unchanged, typed
    question_first = [senior, rubric]  # a group an anchored entry already leads
    assert page.evaluate(lift, [question_first, [["level"], ["rubric"]]])[0]["location"] == "r/#senior"

"""macros.validate: every rule, table-driven over the fixture project, each asserting its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import validate
from macros.dataset import DatasetError, load_dataset
from macros.validate import normalise_url, url_problem

HEADER = "# yaml-language-server: $schema=../schema/resource.schema.json\n"


def problems_of(root: Path) -> list[str]:
    try:
        load_dataset(root)
    except DatasetError as err:
        return [str(p) for p in err.problems]
    return []


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {relative} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_project_is_valid(mini):
    assert problems_of(mini) == []


BOOK = "data/resources/book-a.yml"
TOPIC = "data/topics/one.yml"

BAD_INPUTS = [
    pytest.param(BOOK, "type: book", "type: blog", f"{BOOK}:4: type: 'blog' is not allowed", id="unknown-type"),
    pytest.param(BOOK, "cost: free", "cost: gratis", f"{BOOK}:6: cost: 'gratis' is not allowed", id="unknown-cost"),
    pytest.param(
        BOOK,
        "level: beginner",
        "level: beginer",
        f"{BOOK}:7: level: 'beginer' is not allowed — did you mean 'beginner'?",
        id="typo-level",
    ),
    pytest.param(
        BOOK,
        "recommended: true",
        "recommended: yes please",
        f"{BOOK}:8: recommended must be true or false, not str 'yes please'",
        id="non-boolean",
    ),
    pytest.param(
        BOOK,
        "title: Book A\n",
        "",
        f"{BOOK}:2: missing required field 'title' — add a line `title: …`",
        id="missing-title",
    ),
    pytest.param(
        BOOK,
        "level: beginner",
        "level: beginner\nrecomended: true",
        f"{BOOK}:8: unknown field 'recomended' — did you mean 'recommended'?",
        id="unknown-field",
    ),
    pytest.param(
        BOOK,
        "topics: [one, three]",
        "topics: [one, thre]",
        f"{BOOK}:5: unknown topic 'thre' — did you mean 'three'?",
        id="unknown-topic",
    ),
    pytest.param(
        BOOK,
        "topics: [one, three]",
        "topics: []",
        f"{BOOK}:5: topics has 0 item(s); it must have at least 1",
        id="no-topics",
    ),
    pytest.param(
        BOOK,
        "https://example.org/book-a",
        "ftp://example.org/book-a",
        f"{BOOK}:3: url must start with https:// (or http://), not 'ftp'",
        id="ftp-url",
    ),
    pytest.param(
        BOOK,
        "https://example.org/book-a",
        "https://example.org/book a",
        f"{BOOK}:3: url contains a space — remove it or encode it as %20",
        id="url-with-space",
    ),
    pytest.param(
        BOOK,
        "https://example.org/book-a",
        "https://user:secret@example.org/book-a",
        f"{BOOK}:3: url contains a user name or password — remove the part before '@'",
        id="credentials",
    ),
    pytest.param(
        BOOK,
        "https://example.org/book-a",
        "https://bit.ly/3abcd",
        f"{BOOK}:3: 'bit.ly' is a link shortener — use the full address the short link leads to",
        id="shortener",
    ),
    pytest.param(
        BOOK,
        "https://example.org/book-a",
        "/relative/path",
        f"{BOOK}:3: url '/relative/path' must be an absolute http(s) address without spaces",
        id="relative-url",
    ),
    pytest.param(
        BOOK,
        "https://example.org/book-a",
        "https://www.example.org/abs/1234/?utm_source=x#top",
        "data/resources/paper-c.yml:3: duplicate resource: data/resources/book-a.yml already links to this URL — edit that file instead",
        id="duplicate-after-normalisation",
    ),
    pytest.param(
        BOOK,
        "title: Book A",
        "title: Book <b>A</b>",
        f"{BOOK}:2: title contains HTML — write plain text; the site formats it",
        id="html-in-title",
    ),
    pytest.param(
        BOOK,
        "A fixture description",
        "A {{ config }} description",
        f"{BOOK}:9: description contains template syntax",
        id="template-in-description",
    ),
    pytest.param(
        BOOK,
        "title: Book A",
        "title: AB",
        f"{BOOK}:2: title is 2 characters long; it must be between 3 and 120",
        id="title-too-short",
    ),
    pytest.param(
        BOOK,
        "A fixture description of book a that is comfortably longer than forty characters.",
        "Too short.",
        f"{BOOK}:9: description is 10 characters long; it must be between 40 and 400",
        id="description-too-short",
    ),
    pytest.param(BOOK, HEADER, "", f"{BOOK}:1: first line must be `{HEADER.strip()}`", id="missing-schema-line"),
    pytest.param(
        BOOK,
        "level: beginner\n",
        "level: beginner\nlevel: advanced\n",
        f"{BOOK}:8: key 'level' appears twice (first on line 7) — keep only one",
        id="duplicate-key",
    ),
    pytest.param(
        BOOK, "topics: [one, three]", "topics: [one, three", f"{BOOK}:6: YAML syntax error at column", id="yaml-syntax"
    ),
    pytest.param(
        TOPIC,
        "round: alpha",
        "round: alfa",
        f"{TOPIC}:3: unknown round 'alfa' — did you mean 'alpha'?",
        id="topic-unknown-round",
    ),
    pytest.param(
        TOPIC, "tier: fundamental", "tier: basic", f"{TOPIC}:4: tier: 'basic' is not allowed", id="topic-tier"
    ),
    pytest.param(
        "data/rounds.yml",
        "share: {min: 40, max: 40}",
        "share: {min: 50, max: 40}",
        "data/rounds.yml:11: share.min is larger than share.max — swap them",
        id="round-share-range",
    ),
    pytest.param(
        "data/rounds.yml",
        "share: {min: 60, max: 60}",
        "share: {min: 70, max: 70}",
        "data/rounds.yml:3: the shares of rounds add up to 110%, not 100% — adjust them",
        id="round-shares-total",
    ),
]


@pytest.mark.parametrize(("relative", "old", "new", "expected"), BAD_INPUTS)
def test_bad_input_is_refused_with_its_message(mini, relative, old, new, expected):
    edit(mini, relative, old, new)
    problems = problems_of(mini)
    assert any(p.startswith(expected) for p in problems), "\n".join(problems)


def test_file_name_must_be_kebab_case(mini):
    (mini / BOOK).rename(mini / "data/resources/Book_A.yml")
    assert (
        "data/resources/Book_A.yml:1: file name 'Book_A.yml' is the id and must be kebab-case — rename it to "
        "'book-a.yml'" in problems_of(mini)
    )


def test_yaml_extension_is_required(mini):
    (mini / BOOK).rename(mini / "data/resources/book-a.yaml")
    assert "data/resources/book-a.yaml:1: data files end in .yml — rename it to 'book-a.yml'" in problems_of(mini)


def test_file_that_is_a_list_is_refused(mini):
    (mini / BOOK).write_text(HEADER + "- title: x\n", encoding="utf-8")
    assert (
        f"{BOOK}:1: file must be a YAML mapping of `field: value` lines, not a list or a single value"
        in problems_of(mini)
    )


def test_topic_without_enough_resources(mini):
    edit(mini, "data/resources/repo-e.yml", "topics: [two, three]", "topics: [three]")
    assert (
        "data/topics/two.yml:1: topic 'two' has 3 resource(s); it needs at least 4 — add resources that list it "
        "in `topics`"
    ) in problems_of(mini)


def test_topic_without_a_free_resource(mini):
    for name in ("paper-c", "repo-e"):
        edit(mini, f"data/resources/{name}.yml", "cost: free", "cost: paid")
    assert "data/topics/two.yml:1: topic 'two' has no free resource — add one with `cost: free`" in problems_of(mini)


def test_topic_without_page_and_page_without_topic(mini):
    (mini / "docs/alpha/two.md").rename(mini / "docs/alpha/tow.md")
    problems = problems_of(mini)
    assert "data/topics/two.yml:1: topic has no page — create docs/alpha/two.md (copy any other topic page)" in problems
    assert (
        "docs/alpha/tow.md:1: page has no topic 'tow' in round 'alpha' — did you mean 'two'? — add "
        "data/topics/tow.yml or delete the page"
    ) in problems


def test_every_problem_is_reported_in_one_run(mini):
    edit(mini, BOOK, "type: book", "type: blog")
    edit(mini, "data/resources/course-b.yml", "cost: paid", "cost: cheap")
    edit(mini, TOPIC, "rarity: common", "rarity: never")
    problems = problems_of(mini)
    assert len(problems) >= 3
    assert problems == sorted(problems, key=lambda p: (p.split(":")[0], int(p.split(":")[1])))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("https://www.Example.org/page/", "http://example.org/page", id="scheme-www-case-slash"),
        pytest.param(
            "https://example.org/p?utm_source=x&id=3#frag", "https://example.org/p?id=3", id="tracking-fragment"
        ),
        pytest.param("https://example.org/p?b=2&a=1", "https://example.org/p?a=1&b=2", id="query-order"),
    ],
)
def test_normalise_url_equal(a, b):
    assert normalise_url(a) == normalise_url(b)


def test_normalise_url_keeps_meaningful_differences():
    assert normalise_url("https://example.org/watch?v=1") != normalise_url("https://example.org/watch?v=2")
    assert normalise_url("https://example.org/a") != normalise_url("https://example.org/b")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>",
        "https://t.co/x",
        "https://www.youtu.be/abc",
        "https://localhost/x",
        "https://example.org:99999/",
    ],
)
def test_url_problem_refuses(url):
    assert url_problem(url) is not None


def test_url_problem_accepts_canonical():
    assert url_problem("https://arxiv.org/abs/1706.03762") is None


QUESTIONS = "data/questions/one.yml"
LADDER = "data/ladders/two.yml"

PRACTICE_BAD_INPUTS = [
    pytest.param(
        QUESTIONS,
        "resources: [book-a, course-b]",
        "resources: [book-a, corse-b]",
        f"{QUESTIONS}:9: unknown resource 'corse-b' — did you mean 'course-b'?",
        id="question-unknown-resource",
    ),
    pytest.param(
        QUESTIONS,
        "difficulty: hard",
        "difficulty: brutal",
        f"{QUESTIONS}:12: questions[1].difficulty: 'brutal' is not allowed",
        id="question-difficulty",
    ),
    pytest.param(
        QUESTIONS,
        "id: one-second-question",
        "id: one-first-question",
        f"{QUESTIONS}:10: question id 'one-first-question' is already used in {QUESTIONS}",
        id="duplicate-question-id",
    ),
    pytest.param(
        QUESTIONS,
        "A fixture answer",
        "A <b>bold</b> fixture answer",
        f"{QUESTIONS}:7: questions.0.answer contains HTML",
        id="html-in-answer",
    ),
    pytest.param(
        QUESTIONS,
        "    core: The one-line core answer of this fixture question, said first.\n",
        "",
        f"{QUESTIONS}:3: missing required field 'core' — add a line `core: …`",
        id="question-without-core-line",
    ),
    pytest.param(
        LADDER,
        "resources: [repo-e]",
        "resources: [repoe]",
        f"{LADDER}:6: unknown resource 'repoe' — did you mean 'repo-e'?",
        id="ladder-unknown-resource",
    ),
]


@pytest.mark.parametrize(("relative", "old", "new", "expected"), PRACTICE_BAD_INPUTS)
def test_bad_practice_input_is_refused(mini, relative, old, new, expected):
    edit(mini, relative, old, new)
    problems = problems_of(mini)
    assert any(p.startswith(expected) for p in problems), "\n".join(problems)


def test_questions_file_must_name_a_topic(mini):
    (mini / QUESTIONS).rename(mini / "data/questions/onee.yml")
    assert (
        "data/questions/onee.yml:1: questions file names a topic: no topic 'onee' — did you mean 'one'?"
        in problems_of(mini)
    )


def write_rubric(root: Path, dimension_ids: list[str]) -> None:
    """A rubric with five components (all on topic 'one') and one cross-cutting row per id."""
    levels = "    weak: [Weak descriptor one, Weak descriptor two]\n" + "    solid: [Solid one here, Solid two here]\n"
    levels += "    strong: [Strong one here, Strong two here]\n"
    text = "# yaml-language-server: $schema=schema/rubric.schema.json\ncomponents:\n"
    text += "".join("  - topic: one\n" + levels for _ in range(5))
    text += "dimensions:\n" + "".join(
        f"  - id: {ident}\n    title: Row {ident}\n    summary: What the row {ident} judges.\n{levels}"
        for ident in dimension_ids
    )
    (root / "data" / "rubric.yml").write_text(text, encoding="utf-8")


def test_rubric_dimensions_are_loaded_in_order(mini):
    write_rubric(mini, ["driving-the-interview", "level-staff"])
    rows = load_dataset(mini).practice.rubric_dimensions
    assert [row.id for row in rows] == ["driving-the-interview", "level-staff"]
    assert rows[1].title == "Row level-staff" and rows[1].solid == ("Solid one here", "Solid two here")


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        pytest.param(
            ["level-mid", "level-mid"],
            "data/rubric.yml:30: dimension id 'level-mid' is already used by another dimension",
            id="duplicate-dimension",
        ),
        pytest.param(
            ["one"],
            "data/rubric.yml:24: dimension id 'one' is already a component's topic",
            id="dimension-is-a-component",
        ),
        pytest.param(
            ["Level Mid"], "data/rubric.yml:24: dimensions[0].id: 'Level Mid' must be kebab-case", id="not-kebab"
        ),
    ],
)
def test_bad_rubric_dimension_is_refused(mini, ids, expected):
    write_rubric(mini, ids)
    problems = problems_of(mini)
    assert any(p.startswith(expected) for p in problems), "\n".join(problems)


# --- The fast schema check agrees with jsonschema ---------------------------------------------------------------
SCHEMA_OF_FOLDER = {
    "resources": "resource.schema.json",
    "topics": "topic.schema.json",
    "questions": "questions.schema.json",
    "cases": "case.schema.json",
    "ladders": "ladder.schema.json",
}


def _real_values():
    import yaml

    from tests.conftest import ROOT

    for folder, schema in SCHEMA_OF_FOLDER.items():
        for path in sorted((ROOT / "data" / folder).glob("*.yml"))[:40]:
            yield schema, path.name, yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, schema in (("rounds.yml", "rounds.schema.json"), ("rubric.yml", "rubric.schema.json")):
        yield schema, name, yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
    for path in sorted((ROOT / "coding" / "problems").glob("*/problem.yml"))[:10]:
        yield "coding-problem.schema.json", path.parent.name, yaml.safe_load(path.read_text(encoding="utf-8"))


def _broken(value):
    """Variants of a valid value, each broken one way a contributor might break it."""
    for key in list(value):
        yield {k: v for k, v in value.items() if k != key}  # a field left out
        for wrong in (12345, [], {"x": 1}, "", "x" * 5000, None, True):
            yield {**value, key: wrong}
        if isinstance(value[key], list) and value[key]:
            yield {**value, key: [*value[key], value[key][0]]}  # a duplicate item
            yield {**value, key: [*value[key], {"unexpected": 1}]}
    yield {**value, "unexpected_field": "x"}


def test_the_fast_schema_check_agrees_with_jsonschema_on_data_and_broken_data():
    from tests.conftest import ROOT

    judged = 0
    for schema, name, value in _real_values():
        slow = validate._validator(schema, ROOT)
        assert validate.schema_accepts(schema, ROOT, value) is True, name
        for variant in _broken(value):
            fast = validate.schema_accepts(schema, ROOT, variant)
            assert fast is (not list(slow.iter_errors(variant))), (name, variant)
            judged += 1
    assert judged > 3000

"""Property-based tests: whatever a contributor writes, the loader answers with clean problems, never a crash."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.dataset import DatasetError, load_dataset
from macros.source import parse_yaml, read_source
from tests.conftest import MINI, ROOT

PROBLEM_LINE = re.compile(r"^[\w./-]+\.ya?ml:\d+: .+|^docs/[\w./-]+:\d+: .+|^data/[\w/]+:\d+: .+")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30), st.dates()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = [
    "title",
    "url",
    "type",
    "topics",
    "cost",
    "level",
    "description",
    "recommended",
    "quick_revision",
    "authors",
    "year",
    "unexpected",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    if not project.exists():
        shutil.copytree(MINI, project)
        shutil.copytree(ROOT / "data" / "schema", project / "data" / "schema")
    return project


def _assert_clean(project: Path) -> None:
    try:
        load_dataset(project)
    except DatasetError as err:
        assert err.problems
        for problem in err.problems:
            assert PROBLEM_LINE.match(str(problem)), str(problem)
            assert problem.line >= 1


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_text_parses_or_reports(text):
    value, problems = parse_yaml(text, "data/x.yml")
    assert all(p.line >= 1 and p.path == "data/x.yml" for p in problems)
    if value is None:
        assert problems


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_any_bytes_read_cleanly(tmp_path, raw):
    path = tmp_path / "data" / "r.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    source, problems = read_source(path, tmp_path)
    assert source.path == "data/r.yml"
    assert all(p.line >= 1 for p in problems)


@SETTINGS
@given(document=values)
def test_any_yaml_document_as_a_resource(tmp_path, document):
    project = _project(tmp_path)
    text = "# yaml-language-server: $schema=../schema/resource.schema.json\n" + yaml.safe_dump(
        document, allow_unicode=True
    )
    (project / "data" / "resources" / "random.yml").write_text(text, encoding="utf-8")
    _assert_clean(project)


TOPIC_FIELDS = ["title", "round", "tier", "order", "probes", "subtopics", "summary"]


@SETTINGS
@given(
    case=st.one_of(
        st.tuples(st.just("resources/book-a.yml"), st.sampled_from(FIELDS)),
        st.tuples(st.just("topics/one.yml"), st.sampled_from(TOPIC_FIELDS)),
    ),
    value=values,
)
def test_any_value_in_any_field(tmp_path, case, value):
    relative, field = case
    project = _project(tmp_path)
    original = (MINI / "data" / relative).read_text(encoding="utf-8")
    first_line, _, _ = original.partition("\n")
    document = yaml.safe_load(original)
    document[field] = value
    (project / "data" / relative).write_text(first_line + "\n" + yaml.safe_dump(document, allow_unicode=True), "utf-8")
    _assert_clean(project)

"""macros.source: YAML parsing with line numbers, and clean problems for unreadable files."""

from pathlib import Path

import pytest

from macros.source import LineDict, LineList, line_of, parse_yaml, read_source


def test_mapping_and_list_remember_lines():
    value, problems = parse_yaml("a: 1\nlist:\n  - x\n  - y\nnested:\n  key: v\n", "f.yml")
    assert problems == []
    assert isinstance(value, LineDict) and isinstance(value["list"], LineList)
    assert value.lines == {"a": 1, "list": 2, "nested": 5}
    assert value["list"].lines == [3, 4]
    assert line_of(value, ["list", 1]) == 4
    assert line_of(value, ["nested", "key"]) == 6
    assert line_of(value, ["missing", "deeper"]) == 1


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        pytest.param("a: 1\nb: [1, 2\n", 3, "YAML syntax error", id="unclosed-flow-list"),
        pytest.param("title: x\n  bad: indent\n", 2, "YAML syntax error", id="bad-indentation"),
        pytest.param("a: 1\na: 2\n", 2, "key 'a' appears twice (first on line 1)", id="duplicate-key"),
        pytest.param("", 1, "file is empty", id="empty-file"),
        pytest.param("# only a comment\n", 1, "file is empty", id="comment-only"),
        pytest.param("? [a, b]\n: c\n", 1, "mapping key must be a plain value", id="complex-key"),
    ],
)
def test_parse_problems_name_the_line(text, line, fragment):
    _, problems = parse_yaml(text, "data/x.yml")
    assert problems, "expected a problem"
    assert problems[0].line == line
    assert fragment in problems[0].message
    assert str(problems[0]).startswith(f"data/x.yml:{line}: ")


def test_non_utf8_file_reports_line_of_bad_byte(tmp_path: Path):
    path = tmp_path / "data" / "bad.yml"
    path.parent.mkdir()
    path.write_bytes(b"title: ok\ndescription: caf\xe9\n")
    source, problems = read_source(path, tmp_path)
    assert source.value is None
    assert [str(p) for p in problems] == ["data/bad.yml:2: file is not UTF-8 (byte 0xe9) — save it with UTF-8 encoding"]


# --- The fast paths of the YAML reader give PyYAML's own answers ----------------------------------------------------
def test_the_fast_resolver_tags_every_plain_scalar_as_pyyaml_does():
    import string

    import yaml

    from macros import source

    loader = source._LineLoader("x: 1")
    firsts = string.printable.strip() + "éÜ€中"
    for first in firsts:
        for rest in ("", "es", "o", "ull", "rue", "2", "0-01-01", ".5", "< x", " text: more", "ff"):
            value = first + rest
            expected = yaml.SafeLoader.resolve(loader, yaml.ScalarNode, value, (True, False))
            assert loader.resolve(yaml.ScalarNode, value, (True, False)) == expected, value
    assert loader.resolve(yaml.ScalarNode, "", (True, False)) == "tag:yaml.org,2002:null"


def test_the_fast_constructor_builds_what_the_generic_one_builds():
    """Every real data file read with the fast path and with PyYAML's generic constructor loop: the same values,
    the same line of every key and item, the same YAML 1.1 surprises."""
    from macros import source
    from tests.conftest import ROOT

    class Generic(source._LineLoader):
        def construct_document(self, node):
            return source._BaseLoader.construct_document(self, node)

        def resolve(self, kind, value, implicit):
            return source._BaseLoader.resolve(self, kind, value, implicit)

    def shape(value):
        if isinstance(value, dict):
            return ("map", value.line, dict(value.lines), {k: shape(v) for k, v in value.items()})
        if isinstance(value, list):
            return ("seq", value.line, list(value.lines), [shape(v) for v in value])
        return value

    paths = sorted((ROOT / "data").rglob("*.yml")) + sorted((ROOT / "coding").rglob("problem.yml"))
    assert len(paths) > 300
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fast, generic = source._LineLoader(text), Generic(text)
        try:
            assert shape(fast.get_single_data()) == shape(generic.get_single_data()), path
            assert fast.surprises == generic.surprises and fast.duplicate_keys == generic.duplicate_keys, path
        finally:
            fast.dispose()
            generic.dispose()

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

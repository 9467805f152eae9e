"""Read YAML data files into plain Python values that remember the line each key and item came from.

Nothing here judges the content: it only turns bytes into values, or into Problems that say where the bytes
could not be read (not UTF-8, YAML syntax error, duplicate key, empty file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# The C loader is several times faster; the pure-Python one is the fallback where libyaml is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the dataset, printed as `path:line: message` like a compiler error."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class LineDict(dict):
    """A mapping from YAML that knows the line of each key (`lines`) and of itself (`line`)."""

    line: int = 1
    lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML that knows the line of each item (`lines`) and of itself (`line`)."""

    line: int = 1
    lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that records line numbers and refuses duplicate keys instead of silently keeping the last."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int, int]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                )
            line = key_node.start_mark.line + 1
            if key in result:
                self.duplicate_keys.append((str(key), result.lines[key], line))
            result[key] = self.construct_object(value_node, deep=True)
            result.lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.lines = [child.start_mark.line + 1 for child in node.value]
        return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


@dataclass
class Source:
    """One data file: its path as shown in messages, its first line, and its parsed value (None if unreadable)."""

    path: str
    first_line: str
    value: Any


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(shown, line, f"file is not UTF-8 (byte 0x{raw[err.start]:02x}) — save it with UTF-8 encoding")
        ]


def parse_yaml(text: str, shown: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return (value, problems). Never raises for bad input."""
    loader = _LineLoader(text)
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        what = err.problem or err.context or "cannot be parsed"
        hint = "check the indentation, and quote values that contain ': ' or start with a special character"
        return None, [Problem(shown, line, f"YAML syntax error at column {column}: {what} — {hint}")]
    except yaml.YAMLError as err:  # e.g. a reader error for control characters
        return None, [Problem(shown, 1, f"YAML cannot be read: {err} — remove control characters")]
    finally:
        loader.dispose()
    problems = [
        Problem(shown, second, f"key '{key}' appears twice (first on line {first}) — keep only one")
        for key, first, second in loader.duplicate_keys
    ]
    if value is None:
        problems.append(Problem(shown, 1, "file is empty — fill in the fields, or delete the file"))
    return value, problems


def read_source(path: Path, root: Path) -> tuple[Source, list[Problem]]:
    """Read one data file relative to the project root; every failure becomes a Problem."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Source(shown, "", None), [Problem(shown, 1, f"cannot read file: {err.strerror}")]
    text, problems = _decode(raw, shown)
    if text is None:
        return Source(shown, "", None), problems
    first_line = text.split("\n", 1)[0].strip()
    value, problems = parse_yaml(text, shown)
    return Source(shown, first_line, value), problems


def line_of(value: Any, path: list[Any] | tuple[Any, ...]) -> int:
    """The line of the deepest element along `path` (keys and indexes) that YAML gave a line to."""
    line = getattr(value, "line", 1)
    for step in path:
        if isinstance(value, LineDict) and step in value:
            line = value.lines.get(step, line)
            value = value[step]
        elif isinstance(value, LineList) and isinstance(step, int) and 0 <= step < len(value):
            line = value.lines[step]
            value = value[step]
        else:
            break
    return line

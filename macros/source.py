"""Read YAML data files into plain Python values that remember the line each key and item came from.

Nothing here judges the content: it only turns bytes into values, or into Problems that say where the bytes
could not be read (not UTF-8, YAML syntax error, duplicate key, empty file). Hostile bytes get a Problem too,
never a traceback or an unbounded cost: files are capped in size and nesting depth, anchors and aliases (the
alias-bomb route) are refused, symbolic links and special files are never opened, and YAML 1.1 readings a
contributor did not mean (`no` → false, `20:17` → 1217, `2017.0`, dates) are reported with the fix.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# The C loader is several times faster; the pure-Python one is the fallback where libyaml is missing.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024  # the largest data file today is ~16 KB
MAX_DEPTH = 16  # lists and mappings inside each other; the data needs 5
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_TRUE_FALSE = frozenset({"true", "false"})
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the dataset, printed as `path:line: message` like a compiler error."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}: {printable(self.message)}"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    """`text` safe to print on one line of a terminal or a CI log: line breaks, control characters (ANSI
    escapes included), format characters (bidi, zero-width) and line/paragraph separators are written as
    visible escapes, so data can neither start a new line (a forged `::` workflow command) nor restyle one."""
    return "".join(
        _ESCAPES.get(char) or (f"\\u{ord(char):04x}" if unicodedata.category(char) in _HIDDEN_CATEGORIES else char)
        for char in str(text)
    )


_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


class LineDict(dict):
    """A mapping from YAML that knows the line of each key (`lines`) and of itself (`line`)."""

    line: int = 1
    lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML that knows the line of each item (`lines`) and of itself (`line`)."""

    line: int = 1
    lines: list[int]


class _RefusedTag(yaml.constructor.ConstructorError):
    """A tag that would build something other than text, numbers, lists and mappings."""


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that records line numbers and refuses duplicate keys instead of silently keeping the last."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[str, int, int]] = []
        self.surprises: list[tuple[int, str]] = []  # (line, message) for YAML 1.1 readings

    def _surprise(self, node: yaml.ScalarNode, what: str, fix: str) -> str:
        """Record a plain value YAML 1.1 reads as something else, and keep it as the text that was written."""
        text = node.value
        self.surprises.append((node.start_mark.line + 1, f"'{text}' is read by YAML as {what} — {fix}"))
        return text

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool | str:
        if node.value.lower() in _TRUE_FALSE:
            return node.value.lower() == "true"
        return self._surprise(
            node, "a yes/no value", f"write true or false, or quote it ('{node.value}') if you mean the text"
        )

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int | str:
        if _DECIMAL.match(node.value):
            return int(node.value)
        number = super().construct_yaml_int(node)
        return self._surprise(
            node, f"the number {number}", f"write {number} if you mean the number, or quote it ('{node.value}')"
        )

    def construct_yaml_float(self, node: yaml.ScalarNode) -> str:
        whole = node.value.split(".")[0].lstrip("+")
        fix = f"write the whole number {whole}" if _DECIMAL.match(whole) else "write a whole number"
        return self._surprise(node, "a decimal number", f"{fix}, or quote it ('{node.value}') if you mean the text")

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> str:
        return self._surprise(node, "a date", f"quote it ('{node.value}') to keep it as text")

    def construct_refused(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _RefusedTag(None, None, f"the tag {tag} is not allowed in data files — remove it", node.start_mark)

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

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node. A plain scalar whose first character starts no YAML 1.1 reading (a number, a
        boolean, null, a date, a merge key) is text; PyYAML would try its resolvers one by one for each."""
        if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in _SPECIAL_FIRST:
            return _STR_TAG
        return super().resolve(kind, value, implicit)

    # A fast path for what data files are made of (mappings, lists and text), the same values as the constructors
    # above; anything else (numbers, booleans, null, merge keys, refused tags) goes through them. Anchors and
    # aliases never get here (`_shape_problem` refuses them first), so no node is built twice. About twice as
    # fast as PyYAML's generic constructor loop, which is most of reading 10 000 resources.
    def construct_document(self, node: yaml.Node) -> Any:
        try:
            return self._fast(node)
        finally:
            self.constructed_objects = {}
            self.recursive_objects = {}

    def _fast(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        if tag == _MAP_TAG and not any(key.tag == _MERGE_TAG for key, _ in node.value):
            result = LineDict()
            result.line = node.start_mark.line + 1
            lines = result.lines = {}
            for key_node, value_node in node.value:
                key = key_node.value if key_node.tag == _STR_TAG else self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a mapping key must be a plain value", key_node.start_mark
                    )
                line = key_node.start_mark.line + 1
                if key in result:
                    self.duplicate_keys.append((str(key), lines[key], line))
                result[key] = self._fast(value_node)
                lines[key] = line
            return result
        if tag == _SEQ_TAG:
            result = LineList(self._fast(child) for child in node.value)
            result.line = node.start_mark.line + 1
            result.lines = [child.start_mark.line + 1 for child in node.value]
            return result
        return self.construct_object(node, deep=True)


_STR_TAG = "tag:yaml.org,2002:str"
_SPECIAL_FIRST = frozenset("yYnNtTfFoO~0123456789-+.<=!&*")  # PyYAML's implicit resolvers, by first character
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:bool", _LineLoader.construct_yaml_bool)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _LineLoader.construct_yaml_float)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)
for _tag in ("binary", "set", "omap", "pairs"):
    _LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _LineLoader.construct_refused)
_LineLoader.add_constructor(None, _LineLoader.construct_refused)


_ANCHOR_ALIAS_TAG = re.compile(r"[&*!]")


def _surely_shallow(text: str) -> bool:
    """True when the text cannot hold an anchor, alias or tag, nor nest deeper than MAX_DEPTH: a cheap upper
    bound (two levels per indentation column, plus every flow bracket and compact entry), so the event scan
    is skipped for the plain files most of the data is made of."""
    if _ANCHOR_ALIAS_TAG.search(text):
        return False
    flow = text.count("[") + text.count("{")
    block = max(
        (2 * (len(line) - len(line.lstrip(" ")) + 1) + line.count("- ") + line.count(": ") + line.count("? "))
        for line in text.split("\n")
    )
    return flow + block <= MAX_DEPTH


def _shape_problem(text: str, shown: str) -> Problem | None:
    """One pass over the YAML events, before anything is built: refuse anchors, aliases and tags, and nesting
    deeper than MAX_DEPTH, so neither an alias bomb nor deep nesting costs more than reading the file once."""
    if _surely_shallow(text):
        return None
    loader = _BaseLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else 1
            tag = getattr(event, "tag", None)
            if tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
                shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
                return Problem(shown, line, f"the tag {shown_tag} is not allowed in data files — remove it")
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Problem(
                    shown,
                    line,
                    "YAML anchors and aliases (&name, *name, <<) are not allowed in data files — write the value out",
                )
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(
                        shown, line, f"lists and mappings are nested more than {MAX_DEPTH} deep — flatten the data"
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the full parse reports the syntax error with its line and column
    finally:
        loader.dispose()
    return None


@dataclass
class Source:
    """One data file: its path as shown in messages, its first line, and its parsed value (None if unreadable)."""

    path: str
    first_line: str
    value: Any


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(shown, 1, "file starts with a byte-order mark (BOM) — save it as UTF-8 without BOM")]
    if b"\r" in raw:
        line = raw[: raw.index(b"\r")].count(b"\n") + 1
        return None, [
            Problem(shown, line, "file has Windows (CRLF) or old Mac (CR) line endings — save it with LF line endings")
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(shown, line, f"file is not UTF-8 (byte 0x{raw[err.start]:02x}) — save it with UTF-8 encoding")
        ]


def parse_yaml(text: str, shown: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return (value, problems). Never raises for bad input. Cached by text and name: a `make serve`
    rebuild after one edit parses only the edited file (the values are never modified once built)."""
    value, problems = _parse_yaml(text, shown)
    return value, list(problems)


@lru_cache(maxsize=32768)
def _parse_yaml(text: str, shown: str) -> tuple[Any, tuple[Problem, ...]]:
    value, problems = _parse_yaml_uncached(text, shown)
    return value, tuple(problems)


def _parse_yaml_uncached(text: str, shown: str) -> tuple[Any, list[Problem]]:
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text[: tab.start()].count("\n") + 1
        return None, [Problem(shown, line, "line is indented with a tab — YAML needs spaces; replace the tab")]
    shape = _shape_problem(text, shown)
    if shape:
        return None, [shape]
    loader = _LineLoader(text)
    try:
        value = loader.get_single_data()
    except _RefusedTag as err:
        return None, [Problem(shown, err.problem_mark.line + 1, str(err.problem))]
    except yaml.MarkedYAMLError as err:
        if "maximum nesting depth" in str(err.problem):
            return None, [
                Problem(shown, 1, f"lists and mappings are nested more than {MAX_DEPTH} deep — flatten the data")
            ]
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        what = err.problem or err.context or "cannot be parsed"
        hint = "check the indentation, and quote values that contain ': ' or start with a special character"
        return None, [Problem(shown, line, f"YAML syntax error at column {column}: {what} — {hint}")]
    except yaml.reader.ReaderError as err:  # a control or other non-printable character
        line = text[: err.position].count("\n") + 1 if isinstance(err.position, int) else 1
        code = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        return None, [Problem(shown, line, f"file contains the control character {code} — delete it")]
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError, AttributeError) as err:
        # A safety net: the checks above refuse what is known to reach here; nothing may end in a traceback.
        return None, [Problem(shown, 1, f"YAML cannot be read ({type(err).__name__}) — simplify the file")]
    finally:
        loader.dispose()
    problems = [
        Problem(shown, second, f"key '{key}' appears twice (first on line {first}) — keep only one")
        for key, first, second in loader.duplicate_keys
    ]
    problems += [Problem(shown, line, message) for line, message in loader.surprises]
    if value is None:
        problems.append(Problem(shown, 1, "file is empty — fill in the fields, or delete the file"))
    return value, problems


def read_source(path: Path, root: Path, *, shown: str | None = None) -> tuple[Source, list[Problem]]:
    """Read one data file relative to the project root; every failure becomes a Problem. `shown`: its path as
    messages name it, when the caller knows it."""
    if shown is None:
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    raw, problem = read_capped(path, shown)
    if raw is None:
        return Source(shown, "", None), [problem] if problem else []
    text, problems = _decode(raw, shown)
    if text is None:
        return Source(shown, "", None), problems
    first_line = text.split("\n", 1)[0].strip()
    value, problems = parse_yaml(text, shown)
    return Source(shown, first_line, value), problems


def entry_exists(path: Path) -> bool:
    """Whether a directory entry is there at all, a dangling symbolic link included (so it can be reported)."""
    return path.is_symlink() or path.exists()


def text_value(value: Any) -> str:
    """A scalar from data as stripped text; nothing for a missing value."""
    return str(value).strip() if value is not None else ""


def entry_problem(path: Path, shown: str) -> Problem | None:
    """Why the directory entry `path` must not be read as a data file (a link, a special file), or None."""
    try:
        info = path.lstat()
    except OSError as err:
        return Problem(shown, 1, f"cannot read file: {err.strerror}")
    if stat.S_ISLNK(info.st_mode):
        return Problem(
            shown, 1, "is a symbolic link — data files must be real files in the repository; replace it with the file"
        )
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return Problem(shown, 1, "is not a regular file (a device, pipe or socket) — delete it")
    return None


def read_capped(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file of at most `limit` bytes, never following a symbolic link or blocking on a
    pipe or device; (None, Problem) otherwise."""
    problem = entry_problem(path, shown)
    if problem:
        return None, problem
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as err:
        return None, Problem(shown, 1, f"cannot read file: {err.strerror}")
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(shown, 1, "is not a regular file (a device, pipe or socket) — delete it")
        if info.st_size > limit:
            return None, _too_big(shown, info.st_size, limit)
        chunks, size = [], 0
        while size <= limit:  # one read for a regular file; a loop in case the kernel returns less
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as err:
        return None, Problem(shown, 1, f"cannot read file: {err.strerror}")
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        return None, _too_big(shown, len(raw), limit)
    return raw, None


def _too_big(shown: str, size: int, limit: int) -> Problem:
    return Problem(shown, 1, f"file is {size:,} bytes; data files may be at most {limit:,} — split or shorten it")


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

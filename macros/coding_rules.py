"""The rules every coding problem folder must satisfy, reported as `path:line: message — fix`.

A folder holds all four parts; problem.yml matches its schema, names itself by its folder, cites a Coding-round
topic and existing resources; the Python files parse; tests import only NumPy, pytest and the standard library
(they reach the implementation through the `impl` fixture), and solutions and starters only NumPy and the
standard library.
"""

from __future__ import annotations

import ast
import sys
from functools import lru_cache

from macros.coding import META_FILE, ProblemFolder, tests_filename
from macros.dataset import RawData
from macros.source import LineDict, Problem, line_of
from macros.validate import KEBAB, _check_nested_text, _suggest, check_schema, check_schema_line

SCHEMA = "coding-problem.schema.json"
SCHEMA_PATH = f"../../../data/schema/{SCHEMA}"
CODING_ROUND = "coding"
STDLIB = frozenset(sys.stdlib_module_names)
ALLOWED_IN_TESTS = frozenset({"numpy", "pytest"})
ALLOWED_IN_CODE = frozenset({"numpy"})


def _imports(tree: ast.Module):
    """(line, top-level module name or None for a relative import) of every import in the file."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, (node.module or "").split(".")[0] if node.level == 0 else None


def check_python(path: str, text: str, allowed: frozenset[str], is_test: bool) -> list[Problem]:
    """Syntax, allowed imports and (for a test file) use of the `impl` fixture. Cached by the file's text."""
    return list(_check_python(path, text, allowed, is_test))


@lru_cache(maxsize=4096)
def _check_python(path: str, text: str, allowed: frozenset[str], is_test: bool) -> tuple[Problem, ...]:
    return tuple(_check_python_uncached(path, text, allowed, is_test))


def _check_python_uncached(path: str, text: str, allowed: frozenset[str], is_test: bool) -> list[Problem]:
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as err:
        return [Problem(path, err.lineno or 1, f"Python syntax error: {err.msg} — fix the code so it parses")]
    problems = []
    allowed_names = ", ".join(sorted(allowed)) + " and the standard library"
    for line, module in _imports(tree):
        if module is None:
            problems.append(Problem(path, line, f"relative import — import only {allowed_names}"))
        elif module in ("solution", "starter") and is_test:
            problems.append(Problem(path, line, f"test imports '{module}' by name — take the `impl` fixture instead"))
        elif module not in allowed and module not in STDLIB:
            problems.append(Problem(path, line, f"imports '{module}' — use only {allowed_names}"))
    if is_test:
        takes_impl = any(
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(a.arg == "impl" for a in node.args.args)
            for node in ast.walk(tree)
        )
        if not takes_impl:
            problems.append(
                Problem(
                    path, 1, "no test takes the `impl` fixture — add `impl` as an argument and call `impl.<function>`"
                )
            )
    return problems


def _check_meta(folder: ProblemFolder, raw: RawData, seen: dict[str, str]) -> list[Problem]:
    source = folder.meta
    problems = check_schema_line(source, SCHEMA_PATH) + check_schema(source, SCHEMA, raw.root)
    doc = source.value
    if problems or not isinstance(doc, LineDict):
        return problems
    problems += _check_nested_text(source)
    if doc["id"] != folder.name:
        problems.append(
            Problem(source.path, line_of(doc, ["id"]), f"id '{doc['id']}' must equal the folder name '{folder.name}'")
        )
    if doc["id"] in seen:
        problems.append(
            Problem(source.path, line_of(doc, ["id"]), f"problem id '{doc['id']}' is already used by {seen[doc['id']]}")
        )
    seen.setdefault(doc["id"], source.path)
    topics = {name.removesuffix(".yml"): src.value for name, src in raw.topics.items()}
    coding = sorted(t for t, value in topics.items() if isinstance(value, dict) and value.get("round") == CODING_ROUND)
    topic = doc["topic"]
    if topic not in topics:
        problems.append(
            Problem(source.path, line_of(doc, ["topic"]), f"unknown topic '{topic}'{_suggest(topic, coding)}")
        )
    elif topic not in coding:
        problems.append(
            Problem(
                source.path,
                line_of(doc, ["topic"]),
                f"topic '{topic}' is not in the Coding round — use one of: {', '.join(coding)}",
            )
        )
    resources = {name.removesuffix(".yml") for name in raw.resources}
    for index, ref in enumerate(doc.get("resources") or []):
        if ref not in resources:
            hint = _suggest(ref, resources) or " — see data/resources/ for the ids"
            problems.append(Problem(source.path, line_of(doc, ["resources", index]), f"unknown resource '{ref}'{hint}"))
    return problems


def check_coding(raw: RawData) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for folder in raw.coding.values():
        if not KEBAB.match(folder.name):
            problems.append(Problem(folder.path, 1, "folder name is the problem id and must be kebab-case — rename it"))
            continue
        for part in folder.parts:
            present = folder.meta is not None if part == META_FILE else part in folder.code
            if not present:
                problems.append(
                    Problem(f"{folder.path}/{part}", 1, f"problem is missing {part} — add it (see coding/README.md)")
                )
        if folder.meta is not None:
            problems += _check_meta(folder, raw, seen)
        tests = tests_filename(folder.name)
        for part, text in folder.code.items():
            is_test = part == tests
            allowed = ALLOWED_IN_TESTS if is_test else ALLOWED_IN_CODE
            problems += check_python(f"{folder.path}/{part}", text, allowed, is_test)
    return problems

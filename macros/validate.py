"""Every rule the dataset must satisfy, reported together as `path:line: message — how to fix`.

Per-file shape comes from the JSON Schemas in data/schema/ (the same files editors use for autocompletion);
rules that span files (ids, topics, duplicate URLs, coverage, pages) are written here.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from macros import mathml, richtext, texcheck
from macros.dataset import DOCS_DIR, RESOURCES_DIR, SCHEMA_DIR, TOPICS_DIR, RawData
from macros.parallel import head_start, split_map
from macros.source import LineDict, Problem, Source, line_of
from macros.urlpolicy import invisible_character, normalise_url, url_problem

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?[a-zA-Z0-9]+;")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Markdown that the rich-text subset does not allow, or that Python-Markdown would act on if text ever reached
# it: images, attribute lists, link targets, reference definitions, autolinks, script-like schemes.
MD_IMAGE = re.compile(r"!\[")
MD_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{\s*[a-zA-Z_-]+\s*=")
MD_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:", re.MULTILINE)
SCRIPT_SCHEME = re.compile(r"\b(javascript|vbscript|livescript)\s*:", re.IGNORECASE)
ONE_LINE_FIELDS = frozenset({"title", "short_title", "question", "authors", "core", "id"})
# Fields the CSV exports carry: a cell that starts like a formula runs in a spreadsheet (CSV injection).
CELL_FIELDS = ONE_LINE_FIELDS | {"description", "blurb"}
FORMULA_START = re.compile(r"^\s*[=+\-@\t\r]")

MIN_RESOURCES_PER_TOPIC = 4
MIN_FREE_RESOURCES_PER_TOPIC = 1

SCHEMA_LINE = "# yaml-language-server: $schema={schema}"


@cache
def _schema(schema_name: str, root: Path) -> dict:
    return json.loads((root / SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))


@cache
def _validator(schema_name: str, root: Path) -> Draft202012Validator:
    return Draft202012Validator(_schema(schema_name, root))


# The schemas use only keywords that mean the same in draft 7 and 2020-12 (type, properties, required, enum,
# pattern, lengths, items, anyOf, $ref into $defs). fastjsonschema compiles such a schema to Python and answers
# "valid?" about twenty times faster than jsonschema, which then runs only for a file that fails, to word the
# messages. At 10 000 resources that is most of the validation time. tests/unit/test_validate.py checks that the
# two agree on every data file and on broken variants of them.
_FAST_DRAFT = "http://json-schema.org/draft-07/schema#"


@cache
def _fast_validator(schema_name: str, root: Path):
    schema = {key: value for key, value in _schema(schema_name, root).items() if key != "$id"} | {
        "$schema": _FAST_DRAFT
    }
    try:
        return fastjsonschema.compile(schema, use_default=False, use_formats=False)
    except Exception:  # a schema it cannot compile: jsonschema alone, as before
        return None


def schema_accepts(schema_name: str, root: Path, value: Any) -> bool | None:
    """Whether the fast validator accepts `value` (None when it cannot judge this schema)."""
    fast = _fast_validator(schema_name, root)
    if fast is None:
        return None
    try:
        fast(value)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _suggest(word: Any, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{match[0]}'?" if match else ""


def _field_name(error: ValidationError) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in error.absolute_path]
    return ".".join(parts).replace(".[", "[") or "file"


def _schema_message(error: ValidationError) -> tuple[list[Any], str]:
    """A contributor-friendly sentence for one JSON Schema error, and the path whose line to report."""
    path = list(error.absolute_path)
    name = _field_name(error)
    validator, expected = error.validator, error.validator_value
    if validator == "required":
        missing = [key for key in expected if key not in error.instance]
        return path, f"missing required field '{missing[0]}' — add a line `{missing[0]}: …`"
    if validator == "additionalProperties":
        allowed = error.schema.get("properties", {}).keys()
        extra = [key for key in error.instance if key not in allowed]
        key = extra[0]
        return [
            *path,
            key,
        ], f"unknown field '{key}'{_suggest(key, allowed) or ' — remove it'} (allowed: {', '.join(allowed)})"
    if validator == "enum":
        return (
            path,
            f"{name}: '{error.instance}' is not allowed{_suggest(error.instance, expected)} (use one of: {', '.join(map(str, expected))})",
        )
    if validator == "type":
        wanted = {
            "boolean": "true or false",
            "string": "text",
            "array": "a list",
            "object": "a mapping",
            "integer": "a whole number",
        }.get(str(expected), str(expected))
        return path, f"{name} must be {wanted}, not {type(error.instance).__name__} {error.instance!r}"
    if validator in ("minLength", "maxLength"):
        return path, f"{name} is {len(error.instance)} characters long; it must be {_bounds(error)} characters"
    if validator in ("minItems", "maxItems"):
        return path, f"{name} has {len(error.instance)} item(s); it must have {_bounds(error)}"
    if validator in ("minimum", "maximum"):
        return path, f"{name} is {error.instance}; it must be {_bounds(error)}"
    if validator == "uniqueItems":
        return path, f"{name} lists the same item twice — remove the repeat"
    if validator == "pattern":
        if name == "url" or name.endswith(".url"):
            return path, f"url '{error.instance}' must be an absolute http(s) address without spaces"
        return path, f"{name}: '{error.instance}' must be kebab-case (lowercase letters, digits and hyphens)"
    return path, f"{name}: {error.message}"


def _bounds(error: ValidationError) -> str:
    schema = error.schema
    low = schema.get("minLength", schema.get("minItems", schema.get("minimum")))
    high = schema.get("maxLength", schema.get("maxItems", schema.get("maximum")))
    if low is not None and high is not None:
        return f"between {low} and {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def check_schema(source: Source, schema_name: str, root: Path) -> list[Problem]:
    """JSON Schema errors of one parsed file, each at the line of the field concerned."""
    if source.value is None:
        return []
    if not isinstance(source.value, dict):
        return [
            Problem(source.path, 1, "file must be a YAML mapping of `field: value` lines, not a list or a single value")
        ]
    try:
        validator = _validator(schema_name, root)
    except (OSError, ValueError) as err:
        reason = "is missing" if isinstance(err, OSError) else f"is not valid JSON ({err})"
        return [Problem(f"{SCHEMA_DIR}/{schema_name}", 1, f"schema {reason} — restore it from the repository")]
    if schema_accepts(schema_name, root, source.value):
        return []
    problems = []
    for error in validator.iter_errors(source.value):
        path, message = _schema_message(error)
        problems.append(Problem(source.path, line_of(source.value, path), message))
    return problems


def check_schema_line(source: Source, schema_path: str) -> list[Problem]:
    expected = SCHEMA_LINE.format(schema=schema_path)
    if source.value is None or source.first_line == expected:
        return []
    return [Problem(source.path, 1, f"first line must be `{expected}` so editors can check the file as you type")]


def check_file_name(source: Source) -> list[Problem]:
    name = Path(source.path).name
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "")
    if suffix != "yml":
        return [Problem(source.path, 1, f"data files end in .yml — rename it to '{stem}.yml'")]
    if not KEBAB.match(stem):
        fixed = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "name"
        return [
            Problem(source.path, 1, f"file name '{name}' is the id and must be kebab-case — rename it to '{fixed}.yml'")
        ]
    return []


def _outside_maths(text: str) -> str:
    """The text with its TeX formulas blanked out: `$a<b$` or `$\\sum_{i=1}$` is maths (converted to allowlisted
    MathML by macros/mathml.py), not HTML or an attribute list."""
    if "$" not in text:
        return text
    for span in richtext.math_spans(text):
        if span.tex:
            text = text.replace(span.tex, " ", 1)
    return text


def _text_problems(source: Source, line: int, where: str, text: str) -> list[Problem]:
    """Text from data is plain text, or for prose fields the small Markdown subset of macros/richtext.py: no
    HTML, no template syntax, no control or invisible characters, no images, attribute lists or links other
    than to public http(s) pages."""
    problems = []

    def report(message: str) -> None:
        problems.append(Problem(source.path, line, f"{where} {message}"))

    prose = _outside_maths(text)
    if HTML_TAG.search(prose):
        report("contains HTML — write plain text; the site formats it")
    if TEMPLATE_SYNTAX.search(text):
        report("contains template syntax ('{{', '{%' or '{#') — remove it")
    invisible = invisible_character(text.replace("\n", " ").replace("\t", " "))
    if CONTROL_CHARS.search(text) or invisible:
        report(f"contains a control or invisible character ({invisible or 'control'}) — retype the text")
    if "\n" in text.strip() and where.rsplit(".", 1)[-1] in ONE_LINE_FIELDS:
        report("must be one line — remove the line break")
    if FORMULA_START.match(text) and where.rsplit(".", 1)[-1] in CELL_FIELDS:
        report("starts with '=', '+', '-' or '@', which spreadsheets run as a formula in the CSV export — reword it")
    if MD_IMAGE.search(text):
        report("contains an image ('![') — images are not allowed; link the page instead")
    if MD_ATTR_LIST.search(prose):
        report("contains a Markdown attribute list ('{: …}') — remove it; attributes are not allowed")
    if MD_REFERENCE.search(text):
        report("contains a Markdown link definition ('[name]: …') — write the link inline as [text](https://…)")
    if SCRIPT_SCHEME.search(text):
        report("contains a script address ('javascript:') — remove it")
    for target in MD_LINK_TARGET.findall(text):
        reason = url_problem(target)
        if reason:
            report(f"links to '{target[:60]}', which is not allowed ({reason})")
    return problems


def check_plain_text(source: Source, fields: Iterable[str]) -> list[Problem]:
    """Titles and descriptions are plain text: no HTML, no template syntax, no control characters."""
    doc = source.value if isinstance(source.value, dict) else {}
    problems = []
    for key in fields:
        values = doc.get(key)
        items = values if isinstance(values, list) else [values]
        for index, value in enumerate(items):
            if not isinstance(value, str):
                continue
            path = [key, index] if isinstance(values, list) else [key]
            problems += _text_problems(source, line_of(doc, path), key, value)
    return problems


def _topic_ids(raw: RawData) -> set[str]:
    return {name.removesuffix(".yml") for name in raw.topics}


def check_rounds(raw: RawData) -> list[Problem]:
    source = raw.rounds
    problems = check_schema(source, "rounds.schema.json", raw.root) + check_schema_line(
        source, "schema/rounds.schema.json"
    )
    if problems or source.value is None:
        return problems
    problems += _check_nested_text(source)
    seen: dict[str, int] = {}
    rounds = source.value["rounds"]
    for index, item in enumerate(rounds):
        line = rounds.lines[index]
        if item["id"] in seen:
            problems.append(
                Problem(source.path, line, f"round id '{item['id']}' is used twice (first on line {seen[item['id']]})")
            )
        seen.setdefault(item["id"], line)
        share = item["share"]
        if share["min"] > share["max"]:
            problems.append(
                Problem(source.path, line_of(item, ["share"]), "share.min is larger than share.max — swap them")
            )
        taken = share.get("taken_from")
        if taken is not None and taken not in {r["id"] for r in rounds}:
            problems.append(
                Problem(
                    source.path, line_of(item, ["share", "taken_from"]), f"share.taken_from: unknown round '{taken}'"
                )
            )
    total = sum(item["share"]["max"] for item in rounds if not item["share"].get("taken_from"))
    if total != 100:
        problems.append(
            Problem(source.path, rounds.line, f"the shares of rounds add up to {total}%, not 100% — adjust them")
        )
    return problems


def round_ids(raw: RawData) -> list[str]:
    value = raw.rounds.value
    if isinstance(value, dict) and isinstance(value.get("rounds"), list):
        return [
            item.get("id") for item in value["rounds"] if isinstance(item, dict) and isinstance(item.get("id"), str)
        ]
    return []


def check_topics(raw: RawData) -> list[Problem]:
    problems: list[Problem] = []
    rounds = round_ids(raw)
    for source in raw.topics.values():
        problems += check_file_name(source)
        problems += check_schema_line(source, "../schema/topic.schema.json")
        problems += check_schema(source, "topic.schema.json", raw.root)
        problems += check_plain_text(source, ["title", "blurb", "summary", "probes", "subtopics"])
        doc = source.value
        if isinstance(doc, LineDict) and isinstance(doc.get("round"), str) and rounds and doc["round"] not in rounds:
            problems.append(
                Problem(
                    source.path,
                    line_of(doc, ["round"]),
                    f"unknown round '{doc['round']}'{_suggest(doc['round'], rounds)} (rounds: {', '.join(rounds)})",
                )
            )
    return problems


def check_resources(raw: RawData) -> list[Problem]:
    problems: list[Problem] = []
    topics = sorted(_topic_ids(raw))
    known = frozenset(topics)
    # The checks of each file alone are most of the work at 10 000 resources: split over two processes
    # (macros/parallel.py); only the duplicate-URL check needs every file, and runs here in file order.
    checked = split_map(lambda source: _resource_file(source, topics, known, raw.root), list(raw.resources.values()))
    seen_urls: dict[str, str] = {}
    for source, (found, url_line, key) in zip(raw.resources.values(), checked, strict=True):
        problems += found
        if key is None:
            continue
        if key in seen_urls:
            problems.append(
                Problem(
                    source.path,
                    url_line,
                    f"duplicate resource: {seen_urls[key]} already links to this URL — edit that file instead",
                )
            )
        else:
            seen_urls[key] = source.path
    return problems


def _resource_file(
    source: Source, topics: list[str], known: frozenset[str], root: Path
) -> tuple[list[Problem], int, str | None]:
    """The problems of one resource file alone, the line of its URL, and the URL's normalised form (None when
    it has no acceptable URL, so it takes no part in the duplicate check)."""
    problems = check_file_name(source)
    problems += check_schema_line(source, "../schema/resource.schema.json")
    problems += check_schema(source, "resource.schema.json", root)
    problems += check_plain_text(source, ["title", "description", "authors"])
    doc = source.value
    if not isinstance(doc, LineDict):
        return problems, 1, None
    listed = doc.get("topics")
    for index, topic in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(topic, str) and topic not in known:
            problems.append(
                Problem(
                    source.path,
                    line_of(doc, ["topics", index]),
                    f"unknown topic '{topic}'{_suggest(topic, topics) or ' — see data/topics/ for the ids'}",
                )
            )
    url = doc.get("url")
    if not isinstance(url, str):
        return problems, 1, None
    line = line_of(doc, ["url"])
    reason = url_problem(url)
    if reason:
        problems.append(Problem(source.path, line, reason))
        return problems, line, None
    return problems, line, normalise_url(url)


def check_coverage(raw: RawData) -> list[Problem]:
    """Every topic needs enough resources, and at least one free one."""
    counts: dict[str, int] = defaultdict(int)
    free: dict[str, int] = defaultdict(int)
    for source in raw.resources.values():
        doc = source.value
        if not isinstance(doc, dict) or not isinstance(doc.get("topics"), list):
            continue
        for topic in set(t for t in doc["topics"] if isinstance(t, str)):
            counts[topic] += 1
            free[topic] += doc.get("cost") == "free"
    problems = []
    for name, source in raw.topics.items():
        topic = name.removesuffix(".yml")
        if counts[topic] < MIN_RESOURCES_PER_TOPIC:
            problems.append(
                Problem(
                    source.path,
                    1,
                    f"topic '{topic}' has {counts[topic]} resource(s); it needs at least "
                    f"{MIN_RESOURCES_PER_TOPIC} — add resources that list it in `topics`",
                )
            )
        elif free[topic] < MIN_FREE_RESOURCES_PER_TOPIC:
            problems.append(
                Problem(source.path, 1, f"topic '{topic}' has no free resource — add one with `cost: free`")
            )
    return problems


CASE_PAGES_DIR = "system-design/cases"


def check_case_pages(raw: RawData) -> list[Problem]:
    """Worked cases in data and case pages in docs/ must match one to one: docs/system-design/cases/<case>.md."""
    folder = raw.root / DOCS_DIR / CASE_PAGES_DIR
    expected = {name.removesuffix(".yml"): source.path for name, source in raw.cases.items()}
    problems = [
        Problem(
            data_file, 1, f"case has no page — create {DOCS_DIR}/{CASE_PAGES_DIR}/{case}.md (copy any other case page)"
        )
        for case, data_file in sorted(expected.items())
        if not (folder / f"{case}.md").is_file()
    ]
    for page in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if page.name != "index.md" and page.stem not in expected:
            problems.append(
                Problem(
                    f"{DOCS_DIR}/{CASE_PAGES_DIR}/{page.name}",
                    1,
                    f"page has no case '{page.stem}'{_suggest(page.stem, list(expected))}"
                    f" — add data/cases/{page.stem}.yml or delete the page",
                )
            )
    return problems


def check_pages(raw: RawData) -> list[Problem]:
    """Topics in data and topic pages in docs/ must match one to one: docs/<round>/<topic>.md."""
    docs = raw.root / DOCS_DIR
    rounds = round_ids(raw)
    expected = {}
    for name, source in raw.topics.items():
        doc = source.value
        if isinstance(doc, dict) and doc.get("round") in rounds:
            expected[f"{doc['round']}/{name.removesuffix('.yml')}.md"] = source.path
    problems = []
    for page, data_file in sorted(expected.items()):
        if not (docs / page).is_file():
            problems.append(
                Problem(data_file, 1, f"topic has no page — create {DOCS_DIR}/{page} (copy any other topic page)")
            )
    for round_id in rounds:
        if not (docs / round_id / "index.md").is_file():
            problems.append(
                Problem(f"{DOCS_DIR}/{round_id}/index.md", 1, f"round '{round_id}' has no page — create it")
            )
        folder = docs / round_id
        for page in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            relative = f"{round_id}/{page.name}"
            if page.name != "index.md" and relative not in expected:
                stem = page.stem
                problems.append(
                    Problem(
                        f"{DOCS_DIR}/{relative}",
                        1,
                        f"page has no topic '{stem}' in round '{round_id}'{_suggest(stem, _topic_ids(raw))}"
                        f" — add {TOPICS_DIR}/{stem}.yml or delete the page",
                    )
                )
    return problems


def _walk_text(value: Any, path: list[Any]):
    """Every string inside `value` with its path (for plain-text checks of nested practice content)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_text(item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_text(item, [*path, index])


def _check_nested_text(source: Source) -> list[Problem]:
    problems = []
    for path, text in _walk_text(source.value, []):
        problems += _text_problems(source, line_of(source.value, path), ".".join(map(str, path)), text)
    return problems


def _check_refs(source: Source, refs: list[tuple[list[Any], Any]], known: set[str], kind: str) -> list[Problem]:
    problems = []
    for path, ref in refs:
        if isinstance(ref, str) and ref not in known:
            hint = _suggest(ref, known) or f" — see data/{kind}s/ for the ids"
            problems.append(Problem(source.path, line_of(source.value, path), f"unknown {kind} '{ref}'{hint}"))
    return problems


def _resource_refs(items: Any, path: list[Any]) -> list[tuple[list[Any], Any]]:
    refs = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("resources"), list):
            refs += [([*path, index, "resources", n], ref) for n, ref in enumerate(item["resources"])]
    return refs


# Checks of one file alone, kept by the file's parsed value: the parser gives an unchanged file's text the very
# same value object (macros/source.py `parse_yaml`), so a `make serve` rebuild checks only the edited files. Each
# entry holds its value, so an id is never taken for another object's.
_one_file_checks: dict[tuple[Any, ...], tuple[Any, Any]] = {}
ONE_FILE_CHECKS_KEPT = 65536


def _practice_file(source: Source, schema: str, root: Path, in_folder: bool = True) -> tuple[list[Problem], bool]:
    """File name, schema line, schema and plain text of one practice-content file; True when its shape is valid
    (so the checks that read its fields can run)."""
    key = (source.path, source.first_line, id(source.value), schema, root, in_folder)
    kept = _one_file_checks.get(key)
    if kept is not None and kept[0] is source.value:
        problems, valid = kept[1]
        return list(problems), valid
    problems, valid = _practice_file_uncached(source, schema, root, in_folder)
    if len(_one_file_checks) >= ONE_FILE_CHECKS_KEPT:
        _one_file_checks.clear()
    _one_file_checks[key] = (source.value, (tuple(problems), valid))
    return problems, valid


def _practice_file_uncached(source: Source, schema: str, root: Path, in_folder: bool) -> tuple[list[Problem], bool]:
    schema_path = f"../schema/{schema}" if in_folder else f"schema/{schema}"
    problems = (check_file_name(source) if in_folder else []) + check_schema_line(source, schema_path)
    schema_problems = check_schema(source, schema, root)
    valid = not schema_problems and isinstance(source.value, dict)
    return problems + schema_problems + (_check_nested_text(source) if valid else []), valid


def _names_a_topic(source: Source, kind: str, topics: set[str]) -> list[Problem]:
    stem = Path(source.path).stem
    if stem in topics or check_file_name(source):
        return []
    return [Problem(source.path, 1, f"{kind} file names a topic: no topic '{stem}'{_suggest(stem, topics)}")]


def _case_content(source: Source) -> list[Problem]:
    """A schema-valid case states each loss as a formula, and a GenAI case states its GPU cost."""
    problems = []
    for index, item in enumerate(source.value["losses"]):
        if not any(span.tex for span in richtext.math_spans(item["loss"])):
            message = f"losses[{index}].loss has no formula — write the loss in TeX between `$` signs"
            problems.append(Problem(source.path, line_of(source.value, ["losses", index, "loss"]), message))
    if source.value["kind"] == "genai" and "gpu_cost" not in source.value["capacity"]:
        message = (
            "a genai case must estimate its GPU cost — add `gpu_cost: …` under capacity (e.g. cost per 1k requests)"
        )
        problems.append(Problem(source.path, line_of(source.value, ["capacity"]), message))
    return problems


def _check_rubric_dimensions(source: Source) -> list[Problem]:
    """Each cross-cutting rubric row has its own anchor: its id is used once and is no component's topic."""
    taken = {c["topic"]: "a component's topic" for c in source.value["components"]}
    problems = []
    for index, row in enumerate(source.value.get("dimensions", [])):
        if row["id"] in taken:
            message = f"dimension id '{row['id']}' is already {taken[row['id']]} — give the row an id of its own"
            problems.append(Problem(source.path, line_of(source.value, ["dimensions", index, "id"]), message))
        taken.setdefault(row["id"], "used by another dimension")
    return problems


def check_practice(raw: RawData) -> list[Problem]:
    """Questions, ladders, cases, worksheet and rubric: schema, plain text, and every id they cite exists."""
    topics = _topic_ids(raw)
    resources = {name.removesuffix(".yml") for name in raw.resources}

    def order(source: Source) -> int:
        value = source.value.get("order") if isinstance(source.value, dict) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else 99

    design_topics = [
        name.removesuffix(".yml")
        for name, src in sorted(raw.topics.items(), key=lambda kv: (order(kv[1]), kv[0]))
        if isinstance(src.value, dict) and src.value.get("round") == "system-design"
    ]
    problems: list[Problem] = []
    seen_questions: dict[str, str] = {}
    for source in raw.questions.values():
        found, valid = _practice_file(source, "questions.schema.json", raw.root)
        problems += found + _names_a_topic(source, "questions", topics)
        if not valid:
            continue
        items = source.value["questions"]
        problems += _check_refs(source, _resource_refs(items, ["questions"]), resources, "resource")
        for index, item in enumerate(items):
            if item["id"] in seen_questions:
                message = (
                    f"question id '{item['id']}' is already used in {seen_questions[item['id']]} — ids must be unique"
                )
                problems.append(Problem(source.path, line_of(source.value, ["questions", index, "id"]), message))
            seen_questions.setdefault(item["id"], source.path)
    for source in raw.ladders.values():
        found, valid = _practice_file(source, "ladder.schema.json", raw.root)
        problems += found + _names_a_topic(source, "ladder", topics)
        if valid:
            problems += _check_refs(source, _resource_refs(source.value["rungs"], ["rungs"]), resources, "resource")
    for source in raw.cases.values():
        found, valid = _practice_file(source, "case.schema.json", raw.root)
        problems += found
        if not valid:
            continue
        refs = [(["resources", n], ref) for n, ref in enumerate(source.value["resources"])]
        problems += _check_refs(source, refs, resources, "resource")
        steps = [step["topic"] for step in source.value["steps"]]
        if design_topics and steps != design_topics:
            message = f"steps must follow the system-design topics in order: {', '.join(design_topics)}"
            problems.append(Problem(source.path, line_of(source.value, ["steps"]), message))
        problems += _case_content(source)
    if raw.worksheet is not None:
        problems += _practice_file(raw.worksheet, "worksheet.schema.json", raw.root, in_folder=False)[0]
    if raw.rubric is not None:
        found, valid = _practice_file(raw.rubric, "rubric.schema.json", raw.root, in_folder=False)
        problems += found
        if valid:
            refs = [(["components", n, "topic"], c["topic"]) for n, c in enumerate(raw.rubric.value["components"])]
            problems += _check_refs(raw.rubric, refs, topics, "topic")
            problems += _check_rubric_dimensions(raw.rubric)
    return problems


def check_vocabulary(raw: RawData) -> list[Problem]:
    """data/vocabulary.yml: schema, and each name in one group only (two groups would each claim it)."""
    source = raw.vocabulary
    if source is None:
        return []
    problems, valid = _practice_file(source, "vocabulary.schema.json", raw.root, in_folder=False)
    if not valid:
        return problems
    seen: dict[str, int] = {}
    for index, group in enumerate(source.value["same"]):
        for name in group:
            if name in seen and seen[name] != index:
                line = line_of(source.value, ["same", index])
                message = f"'{name}' is already in the group on line {line_of(source.value, ['same', seen[name]])}"
                problems.append(Problem(source.path, line, f"{message} — merge the two groups"))
            seen.setdefault(name, index)
    return problems


def validate_raw(raw: RawData) -> list[Problem]:
    """Run every rule over the parsed dataset. Returns all problems (empty when the dataset is valid)."""
    from macros.coding_rules import check_coding  # it builds on this module's helpers

    # Converting every formula is a second of a large build: a forked child does it while this process runs the
    # other rules, and sends back its problems and its conversions, which the pages reuse (macros/parallel.py).
    formulas = head_start(lambda: (texcheck.check_raw(raw), mathml.conversions()), len(raw.resources))
    problems = (
        check_rounds(raw)
        + check_topics(raw)
        + check_resources(raw)
        + check_coverage(raw)
        + check_pages(raw)
        + check_case_pages(raw)
        + check_practice(raw)
        + check_vocabulary(raw)
        + check_coding(raw)
    )
    formula_problems, converted = formulas.result()
    mathml.remember(converted)
    return problems + formula_problems + texcheck.check_docs(raw.root)


__all__ = ["RESOURCES_DIR", "normalise_url", "url_problem", "validate_raw"]

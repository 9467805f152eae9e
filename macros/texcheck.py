"""Formulas are data too: every `$…$` and `$$…$$` in a rich-text field of any data file must convert, and every
`$` must open or close a formula (a dollar sign is written `\\$`). Reported as `path:line: message — fix`.

The rules are macros.mathml's (the same functions the build uses), found by macros.richtext's parser (the same
one that renders the field), so the validator and the page cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pymdownx.arithmatex import RE_SMART_DOLLAR_INLINE

from macros import mathml, richtext
from macros.dataset import DOCS_DIR, RawData
from macros.source import Problem, Source, line_of

# Prose fields of every data kind (questions, topics, cases, ladders, rubric, worksheet, rounds): the fields
# rendered through macros.richtext. Identifiers, URLs and titles are not rich text and are not scanned.
RICH_FIELDS = frozenset(
    """answer core question summary blurb probes prompt points intro looking_for weak solid strong prompts tip
    loss training_data assumptions qps storage latency gpu_cost""".split()
)

LONE_DOLLAR = "a `$` opens no formula or is never closed — close the formula with `$`, or write `\\$` for a dollar sign"


def _rich_strings(value: Any, path: list[Any], rich: bool = False) -> Iterator[tuple[list[Any], str]]:
    if isinstance(value, str):
        if rich:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _rich_strings(item, [*path, key], rich or key in RICH_FIELDS)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _rich_strings(item, [*path, index], rich)


def text_problems(text: str) -> list[tuple[int, str]]:
    """(line within `text`, message) for each formula that does not convert and each lone `$`."""
    problems = []
    for span in richtext.math_spans(text):
        if span.tex is None:
            problems.append((span.line, LONE_DOLLAR))
            continue
        reason = mathml.tex_problem(span.tex, display=span.display)
        if reason:
            shown = span.tex if len(span.tex) <= 60 else span.tex[:57] + "…"
            delimiter = "$$" if span.display else "$"
            problems.append((span.line, f"formula {delimiter}{shown}{delimiter}: {reason}"))
    return problems


def check_source(source: Source) -> list[Problem]:
    """Every formula problem of one data file, at the line of the formula where YAML lets us find it."""
    problems = []
    for path, text in _rich_strings(source.value, []):
        if "$" not in text:
            continue
        line = line_of(source.value, path)
        where = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")
        for offset, message in text_problems(text):
            # A literal block (`answer: |-`) keeps its line breaks and starts on the line after its key; other
            # scalars are folded into one line, so the key's line is the closest we can name.
            at = line + 1 + offset if "\n" in text else line
            problems.append(Problem(source.path, at, f"{where}: {message}"))
    return problems


def check_raw(raw: RawData) -> list[Problem]:
    """Formula problems in every data kind that holds rich text."""
    sources = [
        raw.rounds,
        *raw.topics.values(),
        *raw.questions.values(),
        *raw.ladders.values(),
        *raw.cases.values(),
        raw.worksheet,
        raw.rubric,
    ]
    problems: list[Problem] = []
    for source in sources:
        if source is not None and source.value is not None:
            problems += check_source(source)
    return problems


# Markdown pages: pymdownx.arithmatex (mkdocs.yml) finds their formulas; code is not maths.
_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]*`", re.DOTALL | re.MULTILINE)
_PAGE_BLOCK = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_PAGE_INLINE = re.compile(RE_SMART_DOLLAR_INLINE)


def page_problems(markdown: str) -> list[tuple[int, str]]:
    """(line, message) for each formula of a Markdown page that does not convert."""
    text = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    found = []
    for match in _PAGE_BLOCK.finditer(text):
        found.append((match.start(), match.group(1).strip(), True))
    text = _PAGE_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for match in _PAGE_INLINE.finditer(text):
        if match.group(3) is not None:
            found.append((match.start(), match.group(3), False))
    problems = []
    for start, tex, display in sorted(found):
        reason = mathml.tex_problem(tex, display=display)
        if reason:
            delimiter = "$$" if display else "$"
            shown = tex if len(tex) <= 60 else tex[:57] + "…"
            problems.append((markdown.count("\n", 0, start) + 1, f"formula {delimiter}{shown}{delimiter}: {reason}"))
    return problems


def check_docs(root: Path) -> list[Problem]:
    """Formula problems in the Markdown pages under docs/."""
    problems = []
    for page in sorted((root / DOCS_DIR).rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "$" in text:
            shown = page.relative_to(root).as_posix()
            problems += [Problem(shown, line, message) for line, message in page_problems(text)]
    return problems

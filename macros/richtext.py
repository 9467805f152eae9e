"""The one path by which text written in data files becomes HTML: a deliberately small Markdown subset.

Allowed: paragraphs (blank line between), bullet and numbered lists, **bold**, *italic*, `code`, links to
http(s) addresses only, and TeX maths between `$…$` (inline) or `$$…$$` (display), written `\\$` for a
literal dollar. Everything else — raw HTML, attributes, images, headings, tables, other URL schemes — is not
syntax here: it comes out as the escaped text the contributor typed.

Every data kind's prose fields (answers, summaries, probes, cases, ladders, rubric, worksheet, rounds) reach
the page through `render_block` or `render_inline`; templates never build HTML from data by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup
from mdit_py_plugins.dollarmath import dollarmath_plugin

from macros import mathml, urlpolicy

_BLOCK_RULES = ["paragraph", "list", "emphasis", "backticks", "link", "escape", "newline"]
_INLINE_RULES = ["emphasis", "backticks", "link", "escape"]


def _only_web_links(url: str) -> bool:
    """A link survives only when its target passes the dataset's URL rule (public http(s) pages)."""
    return urlpolicy.url_problem(url) is None


def _math_inline(self, tokens, idx, options, env) -> str:
    return mathml.tex_to_mathml(tokens[idx].content, display=False)


def _math_block(self, tokens, idx, options, env) -> str:
    return mathml.tex_to_mathml(tokens[idx].content, display=True)


@cache
def _parser(inline: bool, joined: bool = True) -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(_INLINE_RULES if inline else _BLOCK_RULES)
    if not joined:  # keeps `\$` apart from plain text, so a lone `$` can be told from a written dollar
        md.core.ruler.disable("text_join")
    md.validateLink = _only_web_links
    md.use(dollarmath_plugin, allow_labels=False, allow_space=True, allow_digits=False, double_inline=True)
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_block)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    return md


def render_block(text: object) -> Markup:
    """Prose that may hold paragraphs and lists (an answer, a summary, a case step) as safe HTML."""
    if text is None:
        return Markup("")
    return _render_block(str(text))


@lru_cache(maxsize=8192)
def _render_block(text: str) -> Markup:
    # Cached: a `make serve` rebuild after one edit renders the same answers again.
    return Markup(_parser(False).render(text).strip())


def render_inline(text: object) -> Markup:
    """One line of prose (a probe, a list item, a title's subtitle) as safe inline HTML, no block markup."""
    if text is None:
        return Markup("")
    return _render_inline(str(text))


# Characters that can start inline syntax (emphasis, code, links, escapes, maths); text without them is only
# escaped, which is what the parser would do — most list items and blurbs, rendered on many pages.
_INLINE_SYNTAX = re.compile(r"[*_`\[\]\\$\r\x00]")


@lru_cache(maxsize=16384)
def _render_inline(text: str) -> Markup:
    if not _INLINE_SYNTAX.search(text):
        return Markup(escapeHtml(text.strip()))
    return Markup(_parser(True).renderInline(text).strip())


class MathSpan(NamedTuple):
    """One formula of a rich-text field (`tex` is None for a lone `$`), at `line` (0 = the field's first)."""

    tex: str | None
    display: bool
    line: int


def math_spans(text: str) -> Iterator[MathSpan]:
    """Every formula in `text` as the renderer will see it, and every `$` that opens or closes none, for the
    validator (macros/texcheck.py)."""
    return iter(_math_spans(text))


@lru_cache(maxsize=16384)
def _math_spans(text: str) -> tuple[MathSpan, ...]:
    # Cached: the validator asks twice per field (formulas, then the prose around them), and again on every
    # `make serve` rebuild.
    found: list[MathSpan] = []
    for token in _parser(False, joined=False).parse(text):
        if token.type in ("math_block", "math_block_label"):
            found.append(MathSpan(token.content, True, token.map[0] if token.map else 0))
        if token.type != "inline":
            continue
        line = token.map[0] if token.map else 0
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type in ("math_inline", "math_inline_double"):
                found.append(MathSpan(child.content, child.type == "math_inline_double", line))
            elif child.type == "text" and "$" in child.content:
                found.append(MathSpan(None, False, line))
    return tuple(found)

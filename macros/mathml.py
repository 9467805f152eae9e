"""TeX to MathML at build time, so the reader's browser runs no maths library and nothing loads from a CDN.

`tex_to_mathml` is called by macros.richtext for every `$…$` / `$$…$$` span in data, and by macros/hooks.py for
the formulas of Markdown pages. One pipeline serves both:

1. `expand_macros`: the playbook's own macros (`MACROS`, documented on docs/about/notation.md) become standard
   TeX, so the same symbol is written the same way everywhere;
2. `tex_problem` refuses what must never reach a page (links, styles, raw HTML, macro definitions, unknown
   commands, unbalanced braces, formulas too long to read) and says how to fix it;
3. latex2mathml converts the TeX;
4. `sanitise` parses the converter's output and rebuilds it from an allowlist of MathML elements and attributes,
   so no TeX command can produce a link, a script, a style or any element outside MathML, whatever the
   converter does.

The validator reports the same problems as `path:line: …` (macros/texcheck.py); a formula that still fails at
build time (only when validation is skipped) is shown as its escaped TeX source, never as markup.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from latex2mathml.converter import convert
from markupsafe import escape

MAX_TEX_CHARS = 2000

# The playbook's macros: one spelling per symbol. Expanded before conversion; listed on the notation page.
MACROS: dict[str, str] = {
    "E": r"\mathbb{E}",
    "Var": r"\operatorname{Var}",
    "Cov": r"\operatorname{Cov}",
    "R": r"\mathbb{R}",
    "KL": r"\operatorname{KL}",
    "argmax": r"\operatorname{arg\,max}",
    "argmin": r"\operatorname{arg\,min}",
    "softmax": r"\operatorname{softmax}",
    "sign": r"\operatorname{sign}",
}

# Commands refused whatever the converter would make of them, each with the fix to offer.
_NO_LINKS = "formulas cannot hold links — put the link in the text next to the formula, as [title](https://…)"
_NO_STYLE = "formulas cannot be styled or coloured (it breaks dark mode and the site's look) — remove it"
_NO_DEFS = "define macros once, in MACROS in macros/mathml.py (see the notation page), not in the data"
REFUSED_COMMANDS: dict[str, str] = {
    "href": _NO_LINKS,
    "url": _NO_LINKS,
    "style": _NO_STYLE,
    "class": _NO_STYLE,
    "cssId": _NO_STYLE,
    "color": _NO_STYLE,
    "textcolor": _NO_STYLE,
    "colorbox": _NO_STYLE,
    "fcolorbox": _NO_STYLE,
    "bbox": _NO_STYLE,
    "unicode": "write the character itself, or its TeX command such as \\alpha, instead of \\unicode",
    "def": _NO_DEFS,
    "gdef": _NO_DEFS,
    "edef": _NO_DEFS,
    "let": _NO_DEFS,
    "newcommand": _NO_DEFS,
    "renewcommand": _NO_DEFS,
    "providecommand": _NO_DEFS,
    "DeclareMathOperator": _NO_DEFS,
    "require": "extensions cannot be loaded — use the commands listed on the notation page",
    "mmlToken": "raw MathML is not allowed — write the formula in TeX",
    "operatorname*": "write \\operatorname{…}_{…} (or \\argmax, \\argmin) — the starred form does not convert",
}
_REFUSED_PREFIXES = ("html", "data")  # MathJax's \htmlClass, \htmlStyle, \htmlData…, \data…
_COMMAND = re.compile(r"\\\\|\\([A-Za-z]+\*?)|\\.", re.DOTALL)

# The MathML the converter may produce. Everything else — elements, attributes, values — is refused.
ELEMENTS = frozenset(
    """math mrow mi mn mo ms mtext mspace msub msup msubsup munder mover munderover mfrac msqrt mroot mtable
    mtr mtd mlabeledtr mstyle mpadded mphantom menclose mmultiscripts mprescripts none mfenced""".split()
)
VOID_ELEMENTS = frozenset({"mspace", "mprescripts", "none"})
_ARITY = {"msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3, "mfrac": 2, "mroot": 2}
_BOOL = re.compile(r"^(true|false)$")
_LENGTH = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)?\s*(em|ex|px|pt|mm|cm|in|mu|%)?$")
_WORDS = re.compile(r"^[a-z -]{0,80}$")
ATTRIBUTES: dict[str, re.Pattern[str]] = {
    "display": re.compile(r"^(inline|block)$"),
    "mathvariant": re.compile(
        r"^(normal|bold|italic|bold-italic|double-struck|bold-fraktur|script|bold-script|fraktur|sans-serif|"
        r"bold-sans-serif|sans-serif-italic|sans-serif-bold-italic|monospace)$"
    ),
    **dict.fromkeys(
        ["accent", "accentunder", "stretchy", "fence", "separator", "largeop", "movablelimits", "symmetric"], _BOOL
    ),
    "displaystyle": _BOOL,
    "form": re.compile(r"^(prefix|infix|postfix)$"),
    "scriptlevel": re.compile(r"^[+-]?\d$"),
    **dict.fromkeys(
        ["lspace", "rspace", "width", "height", "depth", "voffset", "minsize", "maxsize", "linethickness"], _LENGTH
    ),
    **dict.fromkeys(["columnalign", "rowalign", "columnlines", "rowlines", "frame", "notation"], _WORDS),
    **dict.fromkeys(["columnspacing", "rowspacing", "framespacing"], re.compile(r"^[0-9a-z. %+-]{0,80}$")),
    "linebreak": re.compile(r"^(newline|auto|nobreak|goodbreak|badbreak)$"),
    "columnspan": re.compile(r"^\d{1,2}$"),
    "rowspan": re.compile(r"^\d{1,2}$"),
    "open": re.compile(r"^.{0,2}$"),
    "close": re.compile(r"^.{0,2}$"),
    "separators": re.compile(r"^.{0,8}$"),
}
_DROPPED_ATTRIBUTES = {("math", "xmlns")}  # HTML puts <math> in the MathML namespace by itself
_UNKNOWN_COMMAND = re.compile(r"^\\[A-Za-z]+$")
_WORD_OPERATOR = re.compile("<mo>([A-Za-z][A-Za-z\u2009]+)</mo>")


class TexError(ValueError):
    """TeX that does not convert, or asks for something refused; the message says what to fix."""


def expand_macros(tex: str) -> str:
    """The playbook's macros (MACROS) as standard TeX; `\\\\` and other escapes are left alone."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return MACROS[name] if name in MACROS else match.group(0)

    expanded = _COMMAND.sub(replace, tex)
    # latex2mathml drops \operatorname{…} when it holds a command; `arg\,max` needs its thin space as a character.
    return re.sub(
        r"\\operatorname\{([^{}\\]*(?:\\[,;: ][^{}\\]*)+)\}",
        lambda m: r"\operatorname{" + re.sub(r"\\[,;: ]", "\u2009", m.group(1)) + "}",
        expanded,
    )


def tex_problem(tex: str, *, display: bool = False) -> str | None:
    """Why `tex` (one formula, without its dollars) may not be used, or None when it converts cleanly. Converted
    as the page will show it, so the page reuses this conversion (`_convert` is cached)."""
    try:
        _convert(tex, display)
    except TexError as err:
        return str(err)
    return None


def _check_source(tex: str) -> None:
    if len(tex) > MAX_TEX_CHARS:
        raise TexError(f"formula is {len(tex)} characters long; the limit is {MAX_TEX_CHARS} — split it")
    if not tex.strip():
        raise TexError("empty formula — write TeX between the dollars, or `\\$` for a dollar sign")
    depth = 0
    for match in re.finditer(r"\\[\\{}]|\\[A-Za-z]+\*?|[{}]", tex):
        token = match.group(0)
        if token.startswith("\\"):
            name = token[1:]
            if name in REFUSED_COMMANDS:
                raise TexError(f"\\{name} is not allowed: {REFUSED_COMMANDS[name]}")
            if name.startswith(_REFUSED_PREFIXES):
                raise TexError(f"\\{name} is not allowed: {_NO_STYLE}")
        elif token == "{":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                raise TexError("a `}` closes nothing — remove it, or write `\\}` for a literal brace")
    if depth:
        raise TexError(f"{depth} `{{` never closed — add the missing `}}`, or write `\\{{` for a literal brace")


# Every conversion of this process, by (TeX, display): the validator converts each formula once and the pages
# reuse it; a forked validator sends its conversions back (`conversions`, `remember`). Bounded like a cache.
_CONVERTED: dict[tuple[str, bool], str] = {}
MAX_CONVERTED = 8192


def _convert(tex: str, display: bool) -> str:
    key = (tex, display)
    found = _CONVERTED.get(key)
    if found is None:
        found = _convert_uncached(tex, display)
        if len(_CONVERTED) >= MAX_CONVERTED:
            _CONVERTED.clear()
        _CONVERTED[key] = found
    return found


def conversions() -> dict[tuple[str, bool], str]:
    """The formulas converted so far in this process, as MathML."""
    return dict(_CONVERTED)


def remember(found: dict[tuple[str, bool], str]) -> None:
    """Take conversions made in another process (a forked validator, macros/validate.py)."""
    for key, value in found.items():
        if len(_CONVERTED) >= MAX_CONVERTED:
            break
        _CONVERTED.setdefault(key, value)


def _convert_uncached(tex: str, display: bool) -> str:
    _check_source(tex)
    expanded = expand_macros(tex)
    try:
        raw = convert(expanded, display="block" if display else "inline")
    except RecursionError:
        raise TexError("formula is nested too deeply to convert — simplify it") from None
    except Exception as err:  # latex2mathml raises many kinds (its own, StopIteration, IndexError…)
        raise TexError(_converter_message(err)) from None
    return sanitise(raw)


_CONVERTER_MESSAGES = {
    "MissingSuperScriptOrSubscriptError": "a `^` or `_` has nothing after it — add the exponent or index",
    "DoubleSubscriptsError": "two subscripts in a row (`x_1_2`) — group them: `x_{12}` or `{x_1}_2`",
    "DoubleSuperscriptsError": "two superscripts in a row (`x^a^b`) — group them: `x^{ab}` or `{x^a}^b`",
    "NumeratorNotFoundError": "\\frac needs a numerator and a denominator: `\\frac{a}{b}`",
    "DenominatorNotFoundError": "\\frac needs a numerator and a denominator: `\\frac{a}{b}`",
    "ExtraLeftOrMissingRightError": "a \\left has no matching \\right — add it (use `\\right.` for none)",
    "MissingEndError": "a \\begin{…} has no matching \\end{…} — add it",
    "NoAvailableTokensError": "the formula ends too early (a command is missing its argument, or a \\left its "
    "\\right) — complete it",
    "StopIteration": "the formula ends too early (a command is missing its argument, or a \\left its \\right) "
    "— complete it",
    "InvalidAlignmentError": "invalid column alignment in an array — use l, c or r",
    "LimitsMustFollowMathOperatorError": "\\limits must follow an operator such as \\sum",
}


def _converter_message(err: Exception) -> str:
    name = type(err).__name__
    return _CONVERTER_MESSAGES.get(name, f"TeX does not convert ({name}: {err}) — check the commands and braces")


class _Rebuild(HTMLParser):
    """Re-emits converter output from the allowlist only; any other element or attribute is an error."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[list] = []  # [element, child count]
        self.roots = 0

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        if tag == "merror":
            raise TexError("the formula converts to an error — check its commands and braces")
        if tag not in ELEMENTS:
            raise TexError(
                f"the formula would produce <{tag}>, which is not MathML — a `<` inside \\text{{…}} reads as markup:"
                " write it outside the text, as \\lt (or `a < b` with spaces)"
            )
        if tag == "math":
            if self.stack or self.roots:
                raise TexError("the converter produced a nested <math> — rewrite the formula")
            self.roots += 1
        elif not self.stack:
            raise TexError("the converter produced markup outside <math> — rewrite the formula")
        if self.stack:
            self.stack[-1][1] += 1
        parts = [tag]
        for name, value in attrs:
            if (tag, name) in _DROPPED_ATTRIBUTES:
                continue
            value = value or ""
            rule = ATTRIBUTES.get(name)
            if rule is None:
                raise TexError(f"the formula asks for the attribute '{name}', which is not allowed — remove it")
            if not rule.match(value):
                raise TexError(f"the formula gives '{name}' the value {value!r}, which is not allowed")
            parts.append(f'{name}="{escape(value)}"')
        self.out.append(f"<{' '.join(parts)}>")
        if void:
            self.out.append(f"</{tag}>")
        else:
            self.stack.append([tag, 0])

    def handle_starttag(self, tag, attrs):
        self._open(tag, attrs, void=tag in VOID_ELEMENTS)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, attrs, void=True)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            raise TexError(f"the converter produced a stray </{tag}> — rewrite the formula")
        element, children = self.stack.pop()
        expected = _ARITY.get(element)
        if expected is not None and children != expected:
            raise TexError(f"<{element}> needs {expected} parts but got {children} — check the braces around it")
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not data:
            return
        if not self.stack:
            if data.strip():
                raise TexError("the converter produced text outside <math> — rewrite the formula")
            return
        if self.stack[-1][0] in ("mi", "mo", "mtext") and _UNKNOWN_COMMAND.match(data):
            raise TexError(f"unknown TeX command {data} — see the notation page for the commands that work")
        # `$` as a reference so no later Markdown pass can pair it with another dollar into a formula.
        self.out.append(str(escape(data)).replace("$", "&#36;"))

    def handle_comment(self, data):
        raise TexError("the converter produced an HTML comment — rewrite the formula")

    def handle_decl(self, decl):
        raise TexError("the converter produced a declaration — rewrite the formula")

    handle_pi = handle_decl
    unknown_decl = handle_decl


def sanitise(markup: str) -> str:
    """MathML rebuilt from the allowlist (elements, attributes, values); raises TexError for anything else."""
    rebuild = _Rebuild()
    rebuild.feed(markup)
    rebuild.close()
    if rebuild.stack or rebuild.roots != 1:
        raise TexError("the converter produced unbalanced markup — check the formula's braces")
    # An operator name (\operatorname{Var}, \max) as an identifier: upright, without an operator's side spaces.
    return _WORD_OPERATOR.sub(r"<mi>\1</mi>", "".join(rebuild.out))


def tex_to_mathml(tex: str, *, display: bool) -> str:
    """MathML for one formula; a display formula is wrapped in a box that scrolls sideways on a narrow screen.
    TeX that fails (only reachable when validation is skipped) is shown as its escaped source instead."""
    try:
        mathml = _convert(tex, display)
    except TexError:
        cls = "mip-tex mip-tex--error"
        return f'<code class="{cls}">{escape(tex)}</code>'.replace("$", "&#36;")
    if display:
        return f'<span class="mip-math-display" tabindex="0">{mathml}</span>'
    return mathml


# pymdownx.arithmatex (generic mode, mkdocs.yml) marks the formulas of Markdown pages; macros/hooks.py hands the
# page's HTML here once Markdown is done. Data never produces these wrappers: its text is escaped.
_PAGE_FORMULA = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>|<div class="arithmatex">\\\[(?P<block>.*?)\\\]</div>',
    re.DOTALL,
)


def render_page_maths(html: str) -> str:
    """The formulas that pymdownx.arithmatex marked in a page's HTML, as MathML."""

    def replace(match: re.Match[str]) -> str:
        if match.group("inline") is not None:
            return tex_to_mathml(unescape(match.group("inline")), display=False)
        return tex_to_mathml(unescape(match.group("block")).strip(), display=True)

    return _PAGE_FORMULA.sub(replace, html) if "arithmatex" in html else html

"""TeX to MathML at build time, so the reader's browser runs no maths library and nothing loads from a CDN.

`tex_to_mathml` is called by macros.richtext for every `$…$` / `$$…$$` span. The output is MathML only: the
converter's result is re-checked against an allowlist of MathML elements and attributes, so no TeX command can
produce a link, a script, a style or any element outside MathML.
"""

from __future__ import annotations

from markupsafe import escape


class TexError(ValueError):
    """TeX that does not convert; the message says what to fix."""


def tex_to_mathml(tex: str, *, display: bool) -> str:
    """MathML for one formula. Placeholder until the converter lands: shows the TeX source, escaped."""
    cls = "mip-tex mip-tex--display" if display else "mip-tex"
    return f'<code class="{cls}">{escape(tex)}</code>'

"""ML Interview Playbook site generator: dataset loading, validation and rendering for mkdocs-macros.

mkdocs-macros imports this package (`module_name: macros`) and looks for `define_env` here. The hooks are
loaded on first use, so that a tool needing one small module (the link checker's worker wants only
macros.urlpolicy) does not import the whole site generator (Jinja, nbformat, renderers) on every start.
"""

from __future__ import annotations

__all__ = ["define_env", "on_post_build", "on_pre_page_macros"]


def __getattr__(name: str):
    if name in __all__:
        from macros import main

        return getattr(main, name)
    raise AttributeError(f"module 'macros' has no attribute {name!r}")

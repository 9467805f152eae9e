"""ML Interview Playbook site generator: dataset loading, validation and rendering for mkdocs-macros.

mkdocs-macros imports this package (`module_name: macros`) and looks for `define_env` here.
"""

from macros.main import define_env, on_post_build, on_pre_page_macros

__all__ = ["define_env", "on_post_build", "on_pre_page_macros"]

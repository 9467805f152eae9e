"""mkdocs-macros entry point: load the dataset once per build and expose the renderers as page macros.

This is the only module of the package that knows about MkDocs; everything it calls is a pure function.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError

from macros import catalogue, coding_site, exports, render
from macros.cache import derived, is_derived, load_dataset_cached
from macros.dataset import Dataset, DatasetError
from macros.nav import NavError, add_topics_to_nav
from macros.parallel import Forked, can_fork

T = TypeVar("T")

# Only the poisoned-data tests set this: it proves rendering is safe even for data validation would refuse.
SKIP_VALIDATION_ENV = "PLAYBOOK_UNSAFE_SKIP_VALIDATION"


def _topic_of_page(env: Any, dataset: Dataset):
    """The topic whose page is being rendered (docs/<round>/<topic>.md), or None."""
    page = env.page
    if page is None:
        return None
    folder, _, name = page.file.src_path.replace(os.sep, "/").rpartition("/")
    topic = dataset.topics.get(name.removesuffix(".md"))
    return topic if topic is not None and topic.round == folder else None


def _case_of_page(env: Any, dataset: Dataset):
    """The worked case whose page is being rendered (docs/system-design/cases/<case>.md), or None."""
    page = env.page
    if page is None:
        return None
    src = page.file.src_path.replace(os.sep, "/")
    return next((case for case in dataset.practice.cases if case.page == src), None)


def define_env(env: Any) -> None:
    root = Path(env.conf["config_file_path"]).parent
    try:
        dataset = load_dataset_cached(root, validate=os.environ.get(SKIP_VALIDATION_ENV) != "1")
        env.conf["nav"] = add_topics_to_nav(env.conf["nav"] or [], dataset)
    except (DatasetError, NavError) as err:
        raise PluginError(f"{err}\nRun `make validate` for the same report.") from None
    env.playbook_dataset = dataset
    env.playbook_exports = {}  # filled once, by whichever needs it first: the downloads page or the build's end
    env.playbook_derived = _derive_in_background(dataset)

    def here() -> str:
        return env.page.url if env.page is not None else ""

    nonce = secrets.token_hex(6)
    env.playbook_nonce = nonce  # macros/pagecache.py keys a page's Markdown without it

    def stash(html_block: str) -> str:
        """Keep a finished HTML block out of the Markdown parser: macros/hooks.py swaps the returned placeholder
        paragraph for the block once the page is HTML. The nonce keeps data from forging a placeholder."""
        blocks = env.page.__dict__.setdefault("playbook_blocks", {})
        token = f"mipblock-{nonce}-{len(blocks):04d}"
        blocks[token] = str(html_block)
        return f"\n\n{token}\n\n"

    env.variables["stats"] = {
        "questions": len(dataset.practice.questions),
        "resources": len(dataset.resources),
        "topics": len(dataset.topics),
        "rounds": len(dataset.rounds),
        "free": sum(r.cost == "free" for r in dataset.resources.values()),
    }

    @env.macro
    def topic_page() -> str:
        """The whole body of the topic page being rendered (its id comes from the page's path)."""
        topic = _topic_of_page(env, dataset)
        if topic is None:
            raise ValueError(f"{env.page.file.src_path}: topic_page() is only for docs/<round>/<topic>.md pages")
        return render.render_topic_page(dataset, topic, here(), stash)

    @env.macro
    def round_topics(round_id: str, tier: str | None = None) -> str:
        return render.render_round_topics(dataset, dataset.round(round_id), here(), tier)

    @env.macro
    def topic_shortlists(*topic_ids: str) -> str:
        return render.render_topic_shortlists(dataset, [dataset.topics[t] for t in topic_ids], here())

    @env.macro
    def rounds_overview() -> str:
        return render.render_rounds_overview(dataset, here())

    @env.macro
    def prep_chart() -> str:
        return render.render_prep_chart(dataset)

    @env.macro
    def resource_index() -> str:
        return render.render_resource_index(dataset, here(), stash)

    @env.macro
    def quick_revision() -> str:
        return render.render_resource_selection(dataset, here(), quick_revision=True, stash=stash)

    @env.macro
    def depth_kit() -> str:
        return render.render_depth_kit(dataset, here(), stash)

    @env.macro
    def rubric() -> str:
        return render.render_rubric(dataset, here())

    @env.macro
    def cases() -> str:
        return render.render_cases(dataset, here())

    @env.macro
    def case_page() -> str:
        """The whole body of the worked-case page being rendered (its id comes from the page's path)."""
        case = _case_of_page(env, dataset)
        if case is None:
            raise ValueError(f"{env.page.file.src_path}: case_page() is only for docs/system-design/cases/<case>.md")
        return render.render_case_page(dataset, case, here(), stash)

    @env.macro
    def planner() -> str:
        return render.render_planner(dataset, here())

    @env.macro
    def progress() -> str:
        return render.render_progress(dataset, here())

    @env.macro
    def downloads() -> str:
        return render.render_downloads(dataset, here(), _exports(env))

    @env.macro
    def coding_downloads() -> str:
        return render.render_coding_downloads(dataset, here())

    @env.macro
    def link_health() -> str:
        return render.render_link_health(dataset, here())

    @env.macro
    def notation_macros() -> str:
        return render.render_notation_macros()

    @env.macro
    def further_reading() -> str:
        return render.render_resource_selection(dataset, here(), types=("paper", "article"), stash=stash)


def on_pre_page_macros(env: Any) -> None:
    """Topic pages get tags from data, and their "edit" button opens the topic's data file."""
    dataset = getattr(env, "playbook_dataset", None)
    topic = _topic_of_page(env, dataset) if dataset else None
    if topic is None:
        return
    round_ = dataset.round(topic.round)
    env.page.meta["tags"] = [
        render.theme_text(round_.title),
        render.TIER_LABELS[topic.tier],
        *([render.LEVEL_LABELS[topic.level]] if topic.level != "all" else []),
        *([render.RARITY_LABELS[topic.rarity]] if topic.rarity == "rare" else []),
    ]
    if env.page.edit_url:
        docs_base = env.page.edit_url[: -len(env.page.file.src_path)]
        env.page.edit_url = f"{docs_base.removesuffix('docs/')}data/topics/{topic.id}.yml"


def _derive_in_background(dataset: Dataset) -> Forked | None:
    """At 10 000 resources the exports and the resources page's card data are a second of the build, made from
    the dataset alone: a forked child makes them while this process renders the pages (macros/parallel.py)."""
    if not can_fork(len(dataset.resources)) or is_derived("exports"):
        return None
    return Forked(lambda: {"exports": exports.all_exports(dataset), "catalogue": catalogue.catalogue_json(dataset)})


def _derived(env: Any, name: str, make: Callable[[], T]) -> T:
    """`derived(name, make)`, taken from the background child when one is making it."""
    pending = getattr(env, "playbook_derived", None)
    return derived(name, (lambda: pending.result()[name]) if pending is not None else make)


def _exports(env: Any) -> dict[str, str]:
    if not env.playbook_exports:
        env.playbook_exports.update(_derived(env, "exports", lambda: exports.all_exports(env.playbook_dataset)))
    return env.playbook_exports


def on_post_build(env: Any) -> None:
    """Write the exports (dataset JSON/CSV, Anki decks, coding starters and notebooks) into the built site at their
    stable URLs, and the resources page's card data (macros/catalogue.py)."""
    dataset = getattr(env, "playbook_dataset", None)
    if dataset is None:
        return
    site = Path(env.conf["site_dir"])
    files = {**_exports(env), **coding_site.coding_exports(dataset.problems, env.conf.get("site_url") or "")}
    files[catalogue.PAGE_URL + catalogue.CARDS_FILE] = _derived(
        env, "catalogue", lambda: catalogue.catalogue_json(dataset)
    )
    for relative, content in files.items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")

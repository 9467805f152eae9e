"""Render parts of pages from the dataset through Jinja templates (macros/templates/), with autoescape.

Every function is pure: dataset and the URL of the page being rendered in, Markdown/HTML text out. Data values
only ever reach the page escaped, inside HTML blocks that the Markdown parser leaves alone, or escaped for
Markdown where they must form a heading. Only http(s) URLs become links.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros import coding_site, icons, mathml, richtext, urlpolicy
from macros.dataset import Dataset, Resource, Round, Topic
from macros.linkstate import LinkStatus
from macros.practice import CASE_SECTIONS, Case, Question

TEMPLATES = Path(__file__).with_name("templates")

# Characters Python-Markdown treats as syntax when they are not backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>&$])")

TIER_LABELS = {"fundamental": "Fundamental", "specialised": "Specialised", "core": "Core"}
LEVEL_LABELS = {"all": "All levels", "senior": "Senior roles"}
RARITY_LABELS = {"common": "Common", "occasional": "Occasional", "rare": "Rare"}
COST_LABELS = {"free": "Free", "freemium": "Freemium", "paid": "Paid"}
TYPE_LABELS = {
    "course": "Course",
    "book": "Book",
    "article": "Article",
    "video": "Video",
    "paper": "Paper",
    "repo": "Repository",
    "cheatsheet": "Cheat sheet",
    "practice": "Practice",
    "tool": "Tool",
}


def link_label(link: LinkStatus) -> str:
    """A short, reader-facing phrase for the link checker's verdict on a resource."""
    since = (link.first_failure_at or link.checked_at)[:10]
    return {
        "ok": "✓ Link OK",
        "redirected": "⚠ Link now redirects elsewhere" if link.suspect else "↪ Link redirects",
        "failing": f"⚠ Link failing since {since}",
        "dead": f"✗ Link dead since {since}",
        "transient": "Link temporarily unreachable",
        "tls": "⚠ Site's secure connection fails",
        "legal": "Blocked for legal reasons in some regions",
        "blocked": "Site blocks link checkers",
    }.get(link.verdict, link.verdict)


def markdown_text(value: object) -> Markup:
    """Escape a value for Markdown inline text (a heading): no Markdown syntax, no HTML survives."""
    return Markup(html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", str(value)), quote=False))


def theme_text(value: object) -> str:
    """Text for places the theme prints without escaping (nav titles, tags). MkDocs treats these as HTML, and
    mkdocs-macros renders any page title holding Jinja syntax, so markup characters and braces become
    character references: the reader sees the text, nothing runs."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def is_http_url(value: object) -> bool:
    """Only absolute http(s) URLs may become links; anything else (javascript:, data:, relative) stays text."""
    return (
        isinstance(value, str)
        and re.match(r"^https?://[^\s\"'<>`]+$", value, re.IGNORECASE) is not None
        and urlpolicy.url_problem(value) is None  # cached in macros/urlpolicy.py
    )


@lru_cache(maxsize=65536)
def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at site URL `from_url` to site URL `to_url` (both like 'breadth/nlp/', '' for home)."""
    to_path, _, anchor = to_url.partition("#")
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    target = posixpath.relpath(to_path or ".", base.rstrip("/") or ".")
    if to_path.endswith("/") or not to_path:
        target = "./" if target == "." else target + "/"
    return target + (f"#{anchor}" if anchor else "")


@cache
def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["md"] = markdown_text
    env.filters["rich"] = richtext.render_block
    env.filters["rich_inline"] = richtext.render_inline
    env.globals["link_label"] = link_label
    env.globals["highlight"] = coding_site.highlight_python
    env.globals["icon"] = icons.icon
    env.globals["type_icon"] = icons.type_icon
    env.globals["state"] = state_chip
    env.filters["resource_of"] = lambda resource_id, dataset: dataset.resources[resource_id]
    env.tests["http_url"] = is_http_url
    env.globals.update(
        tier_labels=TIER_LABELS,
        level_labels=LEVEL_LABELS,
        rarity_labels=RARITY_LABELS,
        cost_labels=COST_LABELS,
        type_labels=TYPE_LABELS,
    )
    return env


Stash = Callable[[str], str]


def _inline(html_block: str) -> Markup:
    return Markup(html_block)


def _render(name: str, dataset: Dataset, page_url: str, stash: Stash | None = None, **context: object) -> str:
    """Render template `name`. `stash`, when given, takes a finished HTML block and returns a placeholder for
    it, so the block skips the Markdown parser (macros/hooks.py puts it back into the page's HTML)."""
    keep = stash or _inline

    def link(target: str) -> str:
        return relative_url(page_url, target)

    def render_cards(resources, anchors: bool = False) -> Markup:
        return Markup(keep(render_resource_cards(dataset, list(resources), page_url, anchors=anchors)))

    def cards_html(resources, anchors: bool = False) -> Markup:
        return Markup(render_resource_cards(dataset, list(resources), page_url, anchors=anchors))

    def stash_block(html_block: str) -> Markup:
        return Markup(keep(str(html_block)))

    template = template_environment().get_template(name)
    text = template.render(
        ds=dataset,
        link=link,
        render_cards=render_cards,
        cards_html=cards_html,
        stash=stash_block,
        track=track,
        **context,
    )
    # Blank lines would end a raw HTML block early in Markdown; templates never need them inside blocks.
    return "\n".join(line for line in text.splitlines() if line.strip()) if name.endswith(".html") else text


def track(key: str, label: str) -> Markup:
    """A progress control for the item with stable id `key` (e.g. "topic:nlp"); the page script enables it.
    Shown only when scripts run (html.no-js hides it). Written here rather than as a template: it is on every card
    and question, ten thousand times on a large build."""
    return _TRACK.format(key=key, label=label)


_TRACK = Markup(
    '<div class="mip-track" data-track="{key}" data-search-exclude><label>Progress<span class="mip-sr-only"> for '
    '{label}</span> <select data-track-select="{key}"><option value="">Not started</option><option value="learning">'
    'Learning</option><option value="done">Done</option><option value="skipped">Skipped</option></select></label></div>'
)


def state_chip(key: str) -> Markup:
    """Where the page script shows the reader's mark (learning, done, skipped) for item `key`."""
    return Markup('<span class="mip-state" data-state-of="{}" hidden></span>').format(key)


def json_for_html(value: object) -> Markup:
    """JSON that is safe inside a <script type="application/json"> element: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def resource_anchor(resource: Resource) -> str:
    return f"resources/#res-{resource.id}"


def render_resource_cards(
    dataset: Dataset, resources: list[Resource] | tuple[Resource, ...], page_url: str, *, anchors: bool = False
) -> str:
    """Resources as cards: title link, type, cost, level, description, topics."""
    cards = "\n".join(resource_card(dataset, r, page_url, anchors) for r in resources)
    return _render("resource_cards.html", dataset, page_url, cards=Markup(cards), anchors=anchors)


class TopicLink(NamedTuple):
    title: str
    url: str


def resource_card(dataset: Dataset, resource: Resource, page_url: str, anchors: bool = False) -> str:
    """One resource card. The card is a function of the values passed to `_resource_card` only (the template
    gets no dataset), so equal values give the same card: an unchanged card is not rendered again on a rebuild."""
    topics = tuple(
        TopicLink(dataset.topics[t].title, dataset.topics[t].url) for t in resource.topics if t in dataset.topics
    )
    prepares = tuple(
        (q, f"{dataset.topics[q.topic].url}#q-{q.id}")
        for q in dataset.practice.questions_by_resource.get(resource.id, ())
    )
    rounds = tuple(r.id for r in dataset.rounds_by_resource[resource.id])
    return _resource_card(resource, page_url, anchors, rounds, dataset.links.urls.get(resource.url), prepares, topics)


@lru_cache(maxsize=65536)
def _resource_card(
    resource: Resource,
    page_url: str,
    anchors: bool,
    rounds: tuple[str, ...],
    status: LinkStatus | None,
    prepares: tuple[tuple[Question, str], ...],
    topics: tuple[TopicLink, ...],
) -> str:
    return _render(
        "resource_card.html",
        None,
        page_url,
        r=resource,
        anchors=anchors,
        rounds=rounds,
        status=status,
        prepares=prepares,
        topics=topics,
    )


TOPIC_CARD_LIMIT = 40
CARDS_FILE = "cards.json"  # the resources page's card data, beside it (macros/catalogue.py writes it)
RESOURCE_PAGE_SIZE = 12


def render_topic_page(dataset: Dataset, topic: Topic, page_url: str, stash: Stash | None = None) -> str:
    """The whole body of a topic page, heading included. At most TOPIC_CARD_LIMIT resource cards: a larger
    list links to the resources page filtered to the topic, so a page stays light enough for a phone."""
    return _render(
        "topic_page.md",
        dataset,
        page_url,
        stash,
        card_limit=TOPIC_CARD_LIMIT,
        topic=topic,
        round=dataset.round(topic.round),
        resources=dataset.resources_by_topic[topic.id],
        questions=dataset.practice.questions_by_topic.get(topic.id, ()),
        ladder=dataset.practice.ladders.get(topic.id),
        problems=dataset.problems_by_topic.get(topic.id, ()),
        question_html=lambda question: Markup(question_block(dataset, question, page_url)),
    )


def question_block(dataset: Dataset, question: Question, page_url: str) -> str:
    """One practice question with its answer, as its topic page shows it. A function of the question and the
    resources it cites only (`_question_block` gets no dataset), so an unchanged question is not rendered again
    on a rebuild."""
    learn = tuple(dataset.resources[r] for r in question.resources if r in dataset.resources)
    return _question_block(question, learn, page_url)


@lru_cache(maxsize=65536)
def _question_block(question: Question, learn: tuple[Resource, ...], page_url: str) -> str:
    return _render("_question.md", None, page_url, q=question, learn=learn)


def render_round_topics(dataset: Dataset, round_: Round, page_url: str, tier: str | None = None) -> str:
    """Table of a round's topics (optionally one tier) with level, rarity and resource count."""
    topics = [t for t in dataset.topics_by_round[round_.id] if tier is None or t.tier == tier]
    return _render("round_topics.html", dataset, page_url, topics=topics)


def render_topic_shortlists(dataset: Dataset, topics: list[Topic], page_url: str, per_topic: int = 3) -> str:
    """For each topic: its title, blurb and its first few resources (recommended first)."""
    return _render("topic_shortlists.html", dataset, page_url, topics=topics, per_topic=per_topic)


def render_rounds_overview(dataset: Dataset, page_url: str) -> str:
    return _render("rounds_overview.html", dataset, page_url)


def render_prep_chart(dataset: Dataset) -> str:
    """Inline SVG bar chart of each round's share of preparation time, drawn from data/rounds.yml."""
    scale_max = max(50, *(r.share_max for r in dataset.rounds))
    return _render("prep_chart.html", dataset, "", scale_max=scale_max)


def render_resource_index(dataset: Dataset, page_url: str, stash: Stash | None = None) -> str:
    """The resources page: filters, then every resource A–Z as a card with an anchor, RESOURCE_PAGE_SIZE of them
    in the document (the page script builds the rest on demand from macros/catalogue.py's JSON)."""
    resources = dataset.resources.values()
    counts = {
        "type": Counter(resource.type for resource in resources),
        "cost": Counter(resource.cost for resource in resources),
        "level": Counter(resource.level for resource in resources),
        "round": Counter(
            round_id
            for resource in resources
            for round_id in {r.id for r in dataset.rounds_by_resource.get(resource.id, ())}
        ),
    }
    filters = Markup(_render("filters.html", dataset, page_url, counts=counts))
    return _render(
        "resource_index.md",
        dataset,
        page_url,
        stash,
        filters=filters,
        page_size=RESOURCE_PAGE_SIZE,
        cards_file=CARDS_FILE,
    )


LINK_VERDICTS = ("ok", "redirected", "failing", "dead", "transient", "tls", "legal", "blocked")


def render_link_health(dataset: Dataset, page_url: str) -> str:
    """Counts by verdict (a bar chart) and the list of resources whose link needs attention."""
    by_url = {r.url: r for r in dataset.resources.values()}
    counts = {v: 0 for v in LINK_VERDICTS}
    problems = []
    for url, link in dataset.links.urls.items():
        if url not in by_url:
            continue
        counts[link.verdict] = counts.get(link.verdict, 0) + 1
        if link.verdict in ("dead", "failing", "transient", "tls") or link.suspect:
            problems.append((by_url[url], link))
    order = {v: i for i, v in enumerate(("dead", "failing", "redirected", "tls", "transient"))}
    problems.sort(key=lambda item: (order.get(item[1].verdict, 9), item[0].title.casefold()))
    unchecked = [r for r in dataset.resources.values() if r.url not in dataset.links.urls]
    return _render(
        "link_health.md",
        dataset,
        page_url,
        counts=counts,
        problems=problems,
        unchecked=unchecked,
        total=max(1, sum(counts.values())),
    )


def render_resource_selection(
    dataset: Dataset,
    page_url: str,
    *,
    quick_revision: bool = False,
    types: tuple[str, ...] = (),
    stash: Stash | None = None,
) -> str:
    chosen = [
        r
        for r in dataset.resources.values()
        if (quick_revision and r.quick_revision) or (types and r.type in types and not r.quick_revision)
    ]
    return (stash or _inline)(render_resource_cards(dataset, chosen, page_url))


def render_depth_kit(dataset: Dataset, page_url: str, stash: Stash | None = None) -> str:
    """The past-project worksheet and one drill-down ladder per specialisation, in topic order."""
    ladders = [(t, dataset.practice.ladders[t]) for t in dataset.topics if t in dataset.practice.ladders]
    return _render("depth_kit.md", dataset, page_url, stash, ladders=ladders)


def render_rubric(dataset: Dataset, page_url: str) -> str:
    return _render("rubric.html", dataset, page_url)


def render_cases(dataset: Dataset, page_url: str) -> str:
    """The worked-cases index: a card per case, linking to its page."""
    return _render("cases.md", dataset, page_url)


def render_pipeline(dataset: Dataset, case: Case) -> str:
    """The case's pipeline as inline SVG, drawn at build time from `pipeline:` in its data file, or from its five
    components when the file gives no pipeline."""
    if case.pipeline:
        stages = [(stage.name, stage.detail) for stage in case.pipeline]
    else:
        stages = [(dataset.topics[s.topic].title, "") for s in case.steps if s.topic in dataset.topics]
    return _render("pipeline.svg.html", dataset, "", case=case, stages=stages, fallback=not case.pipeline)


def render_case_page(dataset: Dataset, case: Case, page_url: str, stash: Stash | None = None) -> str:
    """The whole body of one case's page, heading included: prompt, pipeline diagram, steps closed until opened."""
    diagram = Markup((stash or _inline)(render_pipeline(dataset, case)))
    return _render("case_page.md", dataset, page_url, stash, case=case, diagram=diagram, sections=CASE_SECTIONS)


def planner_data(dataset: Dataset) -> dict:
    """What the study planner and the progress page need, keyed by the stable ids from data."""
    return {
        "rounds": [
            {
                "id": r.id,
                "title": r.title,
                "short": r.short_title,
                "min": r.share_min,
                "max": r.share_max,
                "takenFrom": r.taken_from,
                "url": r.url,
            }
            for r in dataset.rounds
        ],
        "topics": [
            {
                "id": t.id,
                "title": t.title,
                "round": t.round,
                "tier": t.tier,
                "level": t.level,
                "rarity": t.rarity,
                "url": t.url,
                "questions": [q.id for q in dataset.practice.questions_by_topic.get(t.id, ())],
                "problems": [p.id for p in dataset.problems_by_topic.get(t.id, ())],
                "resources": [r.id for r in dataset.resources_by_topic[t.id]],
                "study": [r.id for r in dataset.resources_by_topic[t.id][: dataset.study_time["resources_per_topic"]]],
                "readMinutes": sum(
                    dataset.study_time["minutes_per_resource"].get(r.type, 30)
                    for r in dataset.resources_by_topic[t.id][: dataset.study_time["resources_per_topic"]]
                ),
            }
            for t in dataset.topics.values()
        ],
        "minutesPerQuestion": dataset.study_time["minutes_per_question"],
    }


def render_app_data(dataset: Dataset, page_url: str) -> str:
    """The planner/progress data as an inert JSON script element, plus the site root for building links."""
    root = relative_url(page_url, "")
    return (
        f'<script type="application/json" id="mip-data" data-root="{html.escape(root)}">'
        f"{json_for_html(planner_data(dataset))}</script>"
    )


def render_planner(dataset: Dataset, page_url: str) -> str:
    return render_app_data(dataset, page_url) + "\n" + _render("planner.html", dataset, page_url)


def render_progress(dataset: Dataset, page_url: str) -> str:
    return render_app_data(dataset, page_url) + "\n" + _render("progress.html", dataset, page_url)


def render_downloads(dataset: Dataset, page_url: str, files: dict[str, str]) -> str:
    """A table of the export files with their sizes; links are relative so they work on any host."""
    rows = [(path, len(content.encode("utf-8"))) for path, content in files.items()]
    return _render("downloads.html", dataset, page_url, rows=rows)


def render_coding_downloads(dataset: Dataset, page_url: str) -> str:
    """One row per coding problem: its starter file and its notebook (written by macros/main.py at build end)."""
    return _render("coding_downloads.html", dataset, page_url, problems=list(dataset.problems.values()))


def render_notation_macros() -> str:
    """The playbook's TeX macros as a table, from the one list the converter expands (macros/mathml.py)."""
    template = template_environment().get_template("notation_macros.html")
    return template.render(macros=sorted(mathml.MACROS.items(), key=lambda item: item[0].lower()))

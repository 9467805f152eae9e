"""The search index, shaped from data: one entry per page a reader would want to land on, one per practice
question, worked-case step and rubric row (each with its stable anchor), and one small entry per resource.

Material's search plugin would otherwise re-parse every generated page, and the topic pages, the resource list
and the listing pages are generated from data: re-parsing them was a quarter of the build (half of it at 10 000
resources), put all of a topic's questions in one entry, and indexed each resource description on several
pages. Here those pages are kept away from the plugin's parser (`DATA_PAGES`), and `page_entries` gives it their
entries straight from the dataset. Every other page (the prose pages under docs/) is still parsed by Material.

Pure functions: dataset in, Material search documents (`location`, `title`, `text`, optional `keywords` and
`boost`) out. `macros/hooks.py` is the MkDocs glue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from macros import richtext
from macros.dataset import Dataset, Topic

# Pages that list what is indexed elsewhere (each resource has its own entry under resources/, each question
# under its topic): indexed once, by title and lead paragraph, so their copies never outrank the originals.
LISTING_PAGES = frozenset(
    {
        "resources/quick-revision/",
        "resources/further-reading/",
        "resources/downloads/",
        "about/link-health/",
        "about/tags/",
    }
)

# Document boosts (lunr multiplies a document's field scores by them). A topic page is where most searches
# should land; a question competes with it on its own words; the resource list and the listing pages rank last.
BOOST_TOPIC = 4.0
BOOST_SECTION = 1.0
BOOST_RESOURCE = 0.5
BOOST_LISTING = 0.2

# A question's entry holds its core answer and the start of its reasoning: enough words to find it, small
# enough that the index of the real site stays under 500 KB and that of 10 000 resources under 1 MB.
ANSWER_CHARS = 320

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_KEEP_TAGS = frozenset({"p", "code", "li", "ul", "ol"})
_SPACE = re.compile(r"\s+")
# Words joined by hyphens or slashes (p-value, k-means, t-SNE, A/B, bias–variance): also indexed joined up, so
# "pvalue" and "ab test" find them as "p-value", "p value" and "A/B test" do.
_COMPOUND = re.compile(r"\b\w+(?:[-/–]\w+)+\b")


@dataclass(frozen=True)
class Section:
    """One anchored item of a page: its anchor (without '#'), its title (plain) and its index text."""

    anchor: str
    title: str
    text: str


SectionSource = Callable[[Dataset, Topic], Iterable[Section]]


def question_sections(dataset: Dataset, topic: Topic) -> Iterable[Section]:
    for question in dataset.practice.questions_by_topic.get(topic.id, ()):
        yield Section(f"q-{question.id}", question.question, index_text(question.core) + plain(question.answer, ANSWER_CHARS))


# Items with their own anchor on a topic page, each its own search entry after the page's own. A new kind of
# item plugs in with one line here: coding problems (`#p-<id>`) add a function like `question_sections`.
TOPIC_SECTIONS: tuple[SectionSource, ...] = (question_sections,)


def index_text(rich: str) -> str:
    """Rich text from data as search-index text (see `clean`)."""
    return clean(str(richtext.render_block(rich)))


def clean(rendered: str, keep: frozenset[str] = _KEEP_TAGS) -> str:
    """Safe HTML as search-index text: only the tags Material's own parser keeps (paragraphs, lists, code),
    without attributes; formulas dropped (their symbols are no words to search); white space collapsed."""
    text = _MATH.sub(" ", rendered)
    text = _TAG.sub(lambda m: f"<{m.group(1)}{m.group(2).lower()}>" if m.group(2).lower() in keep else " ", text)
    return _SPACE.sub(" ", text).strip()


def plain(rich: str, limit: int | None = None) -> str:
    """Rich text as one paragraph of plain words, cut after about `limit` characters at a word boundary."""
    text = clean(str(richtext.render_block(rich)), frozenset())
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
    return f"<p>{text}</p>" if text else ""


def compounds(*texts: str) -> str:
    """The hyphenated and slashed terms of `texts`, written joined up (p-value → pvalue), once each."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _COMPOUND.finditer(html.unescape(_TAG.sub(" ", text))):
            seen.setdefault(re.sub(r"[-/–]", "", match.group(0)).lower(), None)
    return " ".join(seen)


def entry(location: str, title: str, text: str = "", boost: float | None = None) -> dict:
    """One Material search document; `title` is plain text, `text` index text (see `index_text`)."""
    document: dict = {"location": location, "title": html.escape(title, quote=False)}
    if text:
        document["text"] = text
    joined = compounds(title, text)
    if joined:
        document["keywords"] = joined
    if boost is not None and boost != 1.0:
        document["boost"] = boost
    return document


def topic_entries(dataset: Dataset, topic: Topic) -> list[dict]:
    """The topic page (blurb, summary, what interviewers probe, subtopics), then each anchored item on it."""
    parts = [
        index_text(topic.blurb),
        index_text(topic.summary),
        _items(topic.probes),
        _items(topic.subtopics),
    ]
    entries = [entry(topic.url, topic.title, " ".join(parts), BOOST_TOPIC)]
    for source in TOPIC_SECTIONS:
        for section in source(dataset, topic):
            entries.append(entry(f"{topic.url}#{section.anchor}", section.title, section.text))
    return entries


def resource_entries(dataset: Dataset, url: str, title: str, lead: str) -> list[dict]:
    """The resources page once, then one small entry per resource: its title and authors, at its anchor. The
    descriptions stay out: at 10 000 resources they alone would be 2 MB, and the title is what people type."""
    entries = [entry(url, title, lead, BOOST_LISTING)]
    for resource in dataset.resources.values():
        document = entry(f"{url}#res-{resource.id}", resource.title, "", BOOST_RESOURCE)
        if resource.authors:
            document["text"] = html.escape(resource.authors, quote=False)
        entries.append(document)
    return entries


def case_entries(dataset: Dataset, url: str, title: str, lead: str) -> list[dict]:
    """The worked-cases page, each case (its prompt) and each step of a case (its points) at their anchors."""
    entries = [entry(url, title, lead)]
    for case in dataset.practice.cases:
        entries.append(entry(f"{url}#case-{case.id}", case.title, index_text(case.prompt)))
        for step in case.steps:
            if step.topic not in dataset.topics:
                continue
            step_title = f"{case.title}: {dataset.topics[step.topic].title}"
            entries.append(entry(f"{url}#case-{case.id}-{step.topic}", step_title, _items(step.points)))
    return entries


def rubric_entries(dataset: Dataset, url: str, title: str, lead: str) -> list[dict]:
    """The rubric page, then one entry per component row (weak, solid and strong answers) at its anchor."""
    entries = [entry(url, title, lead)]
    for row in dataset.practice.rubric:
        if row.topic not in dataset.topics:
            continue
        text = " ".join(f"<p>{level}:</p>{_items(items)}" for level, items in _levels(row))
        entries.append(entry(f"{url}#rubric-{row.topic}", f"Rubric: {dataset.topics[row.topic].title}", text))
    return entries


# Pages whose search entries come from data (besides the topic pages): URL → builder(dataset, url, title, lead).
DATA_PAGES: dict[str, Callable[[Dataset, str, str, str], list[dict]]] = {
    "resources/": resource_entries,
    "system-design/cases/": case_entries,
    "system-design/rubric/": rubric_entries,
}


def builds_entries(dataset: Dataset, url: str) -> bool:
    """Whether `page_entries` gives this page's entries (so Material's parser should skip it)."""
    return url in DATA_PAGES or url in LISTING_PAGES or _topic_at(dataset, url) is not None


def page_entries(dataset: Dataset, url: str, title: str, lead: str = "") -> list[dict] | None:
    """The search entries of the page at site URL `url` built from data, page entry first; None for a page
    Material's parser indexes. `lead` is the page's first paragraph as index text (from its Markdown prose)."""
    topic = _topic_at(dataset, url)
    if topic is not None:
        return topic_entries(dataset, topic)
    if url in DATA_PAGES:
        return DATA_PAGES[url](dataset, url, title, lead)
    if url in LISTING_PAGES:
        return [entry(url, title, lead, BOOST_LISTING)]
    return None


_LEAD = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def lead_paragraph(page_html: str) -> str:
    """The first paragraph of a page's HTML as index text (the intro a listing page opens with)."""
    match = _LEAD.search(page_html)
    if match is None:
        return ""
    text = _TAG.sub(lambda m: m.group(0) if m.group(2).lower() == "code" else "", match.group(1))
    return f"<p>{_SPACE.sub(' ', text).strip()}</p>"


def _topic_at(dataset: Dataset, url: str) -> Topic | None:
    round_id, _, rest = url.partition("/")
    topic = dataset.topics.get(rest.removesuffix("/"))
    return topic if topic is not None and topic.round == round_id and topic.url == url else None


def _items(points: Iterable[str]) -> str:
    return clean(f"<ul>{''.join(f'<li>{richtext.render_inline(p)}</li>' for p in points)}</ul>")


def _levels(row) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (("Weak", row.weak), ("Solid", row.solid), ("Strong", row.strong))

"""The search index, shaped from data: one entry per page a reader would want to land on, one per practice
question, worked-case step and rubric row (each with its stable anchor), and one small entry per resource.

Material's search plugin would otherwise re-parse every generated page, and the topic pages, the resource list
and the listing pages are generated from data: re-parsing them was a quarter of the build (half of it at 10 000
resources), put all of a topic's questions in one entry, and indexed each resource description on several
pages. Here those pages are kept away from the plugin's parser (`DATA_PAGES`), and `page_entries` gives it their
entries straight from the dataset. Every other page (the prose pages under docs/) is still parsed by Material.

Pure functions: dataset in, Material search documents (`location`, `title`, `text`, optional `subject`,
`keywords` and `boost`) out. `macros/hooks.py` is the MkDocs glue.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros import richtext
from macros.dataset import Dataset, Topic
from macros.practice import Case

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

# Document boosts. lunr multiplies a document's words by them and then divides by the field's length, which cancels
# them out; docs/javascripts/search-worker.js applies them to the results instead. A topic page is where a broad search
# lands; a question, a worked case, a case step or a rubric row outranks it on its own words; resources and the
# listing pages (which hold little but their title) come after. Set by the query tables (tests/browser/), as a whole,
# never for one query.
BOOST_TOPIC = 1.0  # Material itself ranks a page's own entry above its sections (×5 against ×2)
BOOST_QUESTION = 3.0
BOOST_CASE = 2.5  # a worked case, "design a YouTube recommender": its subject says "design" (see case_entries)
# A case step or rubric row answers a question as a question does. At 1, a question whose title held one common word
# of the query ("features") outweighed the step that held every word ("adamic adar jaccard graph features"). Measured
# on the ten tables (1 359 queries), against 1: at 2, +3 in the top five; at 3, +2 first and +7 in the top five, none
# lost on any table; at 4 and 5, the older tables lost (5: -11 first).
BOOST_STEP = 3.0
BOOST_PROBLEM = 1.5  # a coding problem answers "implement X"; the question on X answers "X"
BOOST_RESOURCE = 1.0  # the default, so that 10 000 resource entries carry no boost key
BOOST_LISTING = 1.0
BOOST_TOOL = 3.0  # the pages people go to by name: the rubric, the list of worked cases (planner and progress too,
# in their front matter): "system design rubric" must not land on a question that says "system design"
# The sections of the guide pages Material's parser indexes (the FAQ, the round pages, the Depth kit) are weighed
# like a question, from their front matter (`search_section_boost: 3`): each answers what its heading names ("how
# to run the hour", "do all companies run every round"), and at boost 1 every question on the same words outranked
# it. The page's own entry keeps the default: "design youtube recommendation" wants the case, not the round page.
BOOST_GUIDE = 3.0

# How the index splits text into words (Material's `separator`): at white space, hyphens, dashes and
# punctuation. Queries split at hyphens whatever this says (lunr's query parser does), so the index must too:
# "p-value" is searched as "p" and "value*", and found where the text says "p-value". The joined-up form of
# each hyphenated or slashed term is indexed as well (`joined_forms`), so "pvalue", "kmeans" and "ab test" work.
SEPARATOR = r'[\s\-–—,;:!?()\[\]{}"“”‘’«»]+'

# Field boosts: a word in an entry's title (a question, a topic's name) or its subject (the words of its id, a
# topic's subtopics) says far more than one of its keywords.
FIELDS = {
    "title": {"boost": 10.0},
    "subject": {"boost": 10.0},
    "text": {"boost": 1.0},
    "keywords": {"boost": 1.0},
    "tags": {"boost": 10.0},
}

# A subject holding several names (a topic page's id and subtopics) separates them so: the worker weighs a title
# by how much of the query one name covers. SEPARATOR splits at it, so the index holds the same words.
SUBJECT_NAMES = "; "

# Words that say how a question is asked, not what it is about ("l1 vs l2", "explain dropout", "how does hnsw
# work", "difference between bagging and boosting"), the contractions of "not" ("why can't trees
# extrapolate"), and "system", which a system-design query adds to what it names ("friend recommendation
# system": the case, not the rubric whose title says "system"). docs/javascripts/search-worker.js gets them in
# the index's config (`query_rules`) and treats them as stop words: searched, but neither weighted as exact words
# nor counted as words a title must cover.
QUERY_FILLER = frozenset(
    """vs versus explain explained describe define compare comparison difference differences between work works
    working tell question questions system systems implement implementation implementing
    can't cannot don't doesn't didn't isn't aren't won't wouldn't shouldn't couldn't""".split()
)
FILLER_KEY = "playbook_filler"

# Stop words stay in the index: every query word is a prefix search that skips lunr's stop-word filter, so
# "tell me about a time" would otherwise match "mean", "measure"… and never the question that says "me".
PIPELINE: list[str] = []

# A question's entry is its question (the title) and, as keywords, the distinct telling words of its core answer
# and reasoning: the words people search for, at a fraction of the size of the prose. No teaser text: a search
# result must not give the model answer away.
KEYWORDS_PER_QUESTION = 30
KEYWORDS_PER_PAGE = 120

# lunr's English stop words (Material's index drops them too), and a few that every answer uses.
STOP_WORDS = frozenset(
    """a able about across after all almost also am among an and any are as at be because been but by can cannot
    could dear did do does either else ever every for from get got had has have he her hers him his how however i
    if in into is it its just least let like likely may me might most must my neither no nor not of off often on
    only or other our own rather said say says she should since so some than that the their them then there these
    they this tis to too twas us wants was we were what when where which while who whom why will with would yet
    you your each more one two use used using way ways both much many very well same such here""".split()
)

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
# A formula as MathML, or as the TeX-in-<code> stand-in macros/mathml.py may print.
_MATH = re.compile(r"<math\b.*?</math>|<code class=\"mip-tex[^\"]*\">.*?</code>", re.DOTALL)
_KEEP_TAGS = frozenset({"p", "code", "li", "ul", "ol"})
_SPACE = re.compile(r"\s+")
_SPLIT = re.compile(SEPARATOR)
_EDGE = re.compile(r"^[^\w$]+|[^\w+#%]+$")  # punctuation left around a word: "value." → value
_COMPOUND = re.compile(r"[^\W_]+(?:[-/–][^\W_]+)+")


@dataclass(frozen=True)
class Section:
    """One anchored item of a page: its anchor (without '#'), its title (plain text), the index text shown under
    it in results, index text whose distinct words are searchable but not shown, and the words of its id (see
    `entry`)."""

    anchor: str
    title: str
    text: str = ""
    extra: str = ""
    subject: str = ""
    boost: float = BOOST_QUESTION


SectionSource = Callable[[Dataset, Topic], Iterable[Section]]


def question_sections(dataset: Dataset, topic: Topic) -> Iterable[Section]:
    for question in dataset.practice.questions_by_topic.get(topic.id, ()):
        yield Section(
            f"q-{question.id}",
            question.question,
            # As the page renders them (core inline, answer as blocks), so each is rendered once per build.
            extra=clean(f"{richtext.render_inline(question.core)} {richtext.render_block(question.answer)}"),
            subject=id_words(question.id, topic.id),
        )


def problem_sections(dataset: Dataset, topic: Topic) -> Iterable[Section]:
    for problem in dataset.problems_by_topic.get(topic.id, ()):
        yield Section(
            problem.anchor,
            problem.title,
            extra=index_text(problem.statement),
            subject=id_words(problem.id, topic.id),
            boost=BOOST_PROBLEM,
        )


# Items with their own anchor on a topic page, each its own search entry after the page's own. A new kind of
# item plugs in with one line here.
TOPIC_SECTIONS: tuple[SectionSource, ...] = (question_sections, problem_sections)


@lru_cache(maxsize=4096)
def index_text(rich: str) -> str:
    """Rich text from data as search-index text (see `clean`). Cached: between `make serve` rebuilds most of the
    text is unchanged."""
    return clean(str(richtext.render_block(rich)))


def clean(rendered: str) -> str:
    """Safe HTML as search-index text: only the tags Material's own parser keeps (paragraphs, lists, code),
    without attributes; formulas dropped (their symbols are no words to search); white space collapsed."""
    text = _MATH.sub(" ", rendered)
    text = _TAG.sub(lambda m: f"<{m.group(1)}{m.group(2).lower()}>" if m.group(2).lower() in _KEEP_TAGS else " ", text)
    return _SPACE.sub(" ", text).strip()


def tokens(*texts: str) -> list[str]:
    """The words of index text as the search index holds them: split by SEPARATOR, lower case, no surrounding
    punctuation, no stop words, no bare numbers or single letters."""
    return [word for text in texts for word in _tokens(text)]


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for part in _SPLIT.split(html.unescape(_TAG.sub(" ", text))):
        word = _EDGE.sub("", part.lower())
        if len(word) > 1 and word not in STOP_WORDS and not word.replace(".", "").isdigit():
            found.append(word)
    return tuple(found)


def joined_forms(*texts: str) -> list[str]:
    """Hyphenated and slashed terms written joined up (p-value → pvalue, t-SNE → tsne, A/B → ab), once each."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _COMPOUND.finditer(html.unescape(_TAG.sub(" ", text))):
            found.setdefault(re.sub(r"[-/–]", "", match.group(0)).lower(), None)
    return list(found)


# An entry's hidden keywords are chosen once the whole index is built, since what makes a word telling depends on
# every other entry. Until then `entry` keeps its candidate words, most frequent first, under POOL_KEY (with the
# entry's limit under LIMIT_KEY), and `choose_keywords` turns the pools into keywords before the index is packed.
POOL_KEY = "keyword_pool"
LIMIT_KEY = "keyword_limit"
# A word that more than this share of the pooled entries hold tells nothing about any of them: "followup" (every
# answer's "Follow-up:" label, in 515 of 792 entries) and "per" were 5 KB of the index and matched every query
# that typed them. Measured on the ten query tables: +2 first, the top five the same (0.4: +1; 0.1: -5).
COMMON_SHARE = 0.25
COMMON_LEAST = 20  # and more entries than this: in a small index a few entries share most words
# Beyond its `limit` most frequent words, an entry keeps up to this many words that no other pooled entry holds.
# Such a word, said once in one answer ("mixup, CutMix" in the question on choosing augmentations), lost to the
# limit was in no entry at all, and a search for it found nothing. +16 KB; on the ten tables +3 first, +1 in the
# top five, none lost (20, or words held by two entries, gained nothing more).
RARE_KEYWORDS = 10


def choose_keywords(index: dict) -> dict:
    """The index with each pooled entry's hidden keywords chosen (`pick_keywords`) and its pool dropped."""
    pooled = [doc for doc in index["docs"] if POOL_KEY in doc]
    if not pooled:
        return index
    holders: Counter[str] = Counter()  # in how many pooled entries each word is, in any field
    for doc in pooled:
        words = set(tokens(doc["title"], doc.get("text", ""), doc.get("subject", "")))
        words.update(doc[POOL_KEY].split(), html.unescape(doc.get("keywords", "")).split())
        holders.update(words)
    most = max(COMMON_SHARE * len(pooled), COMMON_LEAST)
    docs = []
    for doc in index["docs"]:
        if POOL_KEY in doc:
            doc = dict(doc)
            pool, limit = doc.pop(POOL_KEY).split(), doc.pop(LIMIT_KEY)
            forms = [word for word in html.unescape(doc.pop("keywords", "")).split() if holders[word] <= most]
            hidden = pick_keywords([word for word in pool if holders[word] <= most], limit, holders)
            if forms or hidden:
                doc["keywords"] = html.escape(" ".join((*forms, *hidden)), quote=False)
        docs.append(doc)
    return {**index, "docs": docs}


def pick_keywords(pool: list[str], limit: int, holders: dict[str, int]) -> list[str]:
    """From `pool`, words most frequent first: the first `limit` words, then up to RARE_KEYWORDS more that no
    other entry holds (`holders`: in how many entries each word is). A word whose plural is kept is dropped: every
    query word is a prefix search, so "sample" finds "samples". A word that merely starts another stays ("mode"
    beside "model"): the exact word outweighs a prefix match."""
    chosen = pool[:limit] + [word for word in pool[limit:] if holders.get(word, 0) <= 1][:RARE_KEYWORDS]
    kept = set(chosen)
    return [word for word in chosen if word + "s" not in kept and word + "es" not in kept]


def id_words(item_id: str, prefix: str = "") -> str:
    """The words of a kebab-case id without its prefix: the curated name of what an item is about
    (statistics-p-value-meaning → "p value meaning")."""
    return item_id.removeprefix(prefix).strip("-").replace("-", " ")


def entry(
    location: str,
    title: str,
    text: str = "",
    *,
    boost: float | None = None,
    extra: str = "",
    limit: int = 0,
    subject: str = "",
) -> dict:
    """One Material search document. `title` is plain text; `text` index text shown under the title in results
    (Material needs the key, even empty); `extra` index text whose words, most frequent first, are the entry's
    keyword pool, of which `choose_keywords` makes about `limit` searchable as `keywords` but not shown; `subject`
    the few words naming what the entry is about (its id), weighed like a title. The joined-up forms of hyphenated
    terms are added to the keywords too."""
    document: dict = {"location": location, "title": html.escape(title, quote=False), "text": text}
    if subject:
        document["subject"] = html.escape(subject, quote=False)
    shown = set(tokens(title, text, subject))
    forms = joined_forms(title, text, extra) if extra and limit else joined_forms(title, text)
    extra_words = dict.fromkeys(w for w in forms if w not in shown)
    if extra_words:
        document["keywords"] = html.escape(" ".join(extra_words), quote=False)
    if extra and limit:
        counts = Counter(word for word in tokens(extra) if word not in shown and word not in extra_words)
        document[POOL_KEY] = " ".join(word for word, _ in counts.most_common())
        document[LIMIT_KEY] = limit
    if boost is not None and boost != 1.0:
        document["boost"] = boost
    return document


def topic_entries(dataset: Dataset, topic: Topic) -> list[dict]:
    """The topic page (blurb, summary, what interviewers probe, subtopics), then each anchored item on it."""
    extra = " ".join((index_text(topic.summary), _items(topic.probes), _items(topic.subtopics)))
    subject = SUBJECT_NAMES.join((id_words(topic.id), *topic.subtopics))
    entries = [
        entry(
            topic.url,
            topic.title,
            index_text(topic.blurb),
            boost=BOOST_TOPIC,
            extra=extra,
            limit=KEYWORDS_PER_PAGE,
            subject=subject,
        )
    ]
    for source in TOPIC_SECTIONS:
        for section in source(dataset, topic):
            location = f"{topic.url}#{section.anchor}"
            entries.append(
                entry(
                    location,
                    section.title,
                    section.text,
                    boost=section.boost,
                    extra=section.extra,
                    limit=KEYWORDS_PER_QUESTION,
                    subject=section.subject,
                )
            )
    return entries


def resource_entries(dataset: Dataset, url: str, title: str, lead: str) -> list[dict]:
    """The resources page once, then one small entry per resource: its title, at its anchor. The descriptions stay
    out: at 10 000 resources they alone would be 2 MB, they are the topic pages' words, and the title is what
    people type when they look for a resource."""
    return [entry(url, title, lead, boost=BOOST_LISTING)] + [
        entry(f"{url}#res-{resource.id}", resource.title, boost=BOOST_RESOURCE)
        for resource in dataset.resources.values()
    ]


def cases_index_entries(dataset: Dataset, url: str, title: str, lead: str) -> list[dict]:
    """The list of worked cases: indexed once by its own words; each case is indexed on its own page."""
    return [entry(url, title, lead, boost=BOOST_TOOL)]


# A case section's subject: the names people search it by.
CASE_SECTION_SUBJECTS = {
    "losses": "losses loss functions",
    "training-data": "training data labels",
    "capacity": "capacity estimates qps storage latency cost back of the envelope",
    "follow-ups": "follow ups",
}


def case_entries(dataset: Dataset, case: Case) -> list[dict]:
    """One worked case's page (its prompt), then each step of the case (its points) at its anchor, then each of its
    sections on losses, training data, capacity and follow-ups that has content."""
    entries = [
        entry(case.url, case.title, index_text(case.prompt), boost=BOOST_CASE, subject=f"design {id_words(case.id)}"),
    ]
    for step in case.steps:
        if step.topic not in dataset.topics:
            continue
        entries.append(
            entry(
                f"{case.url}#case-{case.id}-{step.topic}",
                f"{case.title}: {dataset.topics[step.topic].title}",
                boost=BOOST_STEP,
                extra=_items(step.points),
                limit=KEYWORDS_PER_QUESTION,
                subject=id_words(step.topic),
            )
        )
    for anchor, heading, points in case.sections():
        if points:
            entries.append(
                entry(
                    f"{case.url}#case-{case.id}-{anchor}",
                    f"{case.title}: {heading}",
                    boost=BOOST_STEP,
                    extra=_items(points),
                    limit=KEYWORDS_PER_QUESTION,
                    subject=CASE_SECTION_SUBJECTS[anchor],
                )
            )
    return entries


def _case_at(dataset: Dataset, url: str) -> Case | None:
    return next((case for case in dataset.practice.cases if case.url == url), None)


def rubric_entries(dataset: Dataset, url: str, title: str, lead: str) -> list[dict]:
    """The rubric page, then one entry per row at its anchor: each component's (weak, solid and strong answers),
    then each row judged over the whole interview (driving it, each level's bar: its summary and answers)."""

    def row_entry(key: str, row_title: str, row, *before: str) -> dict:
        text = " ".join((*before, *(_items(items) for _, items in _levels(row))))
        return entry(
            f"{url}#rubric-{key}",
            f"Rubric: {row_title}",
            boost=BOOST_STEP,
            extra=text,
            limit=KEYWORDS_PER_PAGE,
            subject=f"rubric {id_words(key)}",
        )

    return [
        entry(url, title, lead, boost=BOOST_TOOL),
        *(
            row_entry(row.topic, dataset.topics[row.topic].title, row)
            for row in dataset.practice.rubric
            if row.topic in dataset.topics
        ),
        *(
            row_entry(dimension.id, dimension.title, dimension, index_text(dimension.summary))
            for dimension in dataset.practice.rubric_dimensions
        ),
    ]


# Pages whose search entries come from data (besides the topic pages): URL → builder(dataset, url, title, lead).
DATA_PAGES: dict[str, Callable[[Dataset, str, str, str], list[dict]]] = {
    "resources/": resource_entries,
    "system-design/cases/": cases_index_entries,
    "system-design/rubric/": rubric_entries,
}


def builds_entries(dataset: Dataset, url: str) -> bool:
    """Whether `page_entries` gives this page's entries (so Material's parser should skip it)."""
    return (
        url in DATA_PAGES
        or url in LISTING_PAGES
        or _topic_at(dataset, url) is not None
        or _case_at(dataset, url) is not None
    )


def page_entries(dataset: Dataset, url: str, title: str, lead: str = "") -> list[dict] | None:
    """The search entries of the page at site URL `url` built from data, page entry first; None for a page
    Material's parser indexes. `lead` is the page's first paragraph as index text (from its Markdown prose)."""
    topic = _topic_at(dataset, url)
    if topic is not None:
        return topic_entries(dataset, topic)
    if url in DATA_PAGES:
        return DATA_PAGES[url](dataset, url, title, lead)
    case = _case_at(dataset, url)
    if case is not None:
        return case_entries(dataset, case)
    if url in LISTING_PAGES:
        return [entry(url, title, lead, boost=BOOST_LISTING)]
    return None


_LEAD = re.compile(r"<p>(.*?)</p>", re.DOTALL)


_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)


def heading(page_html: str) -> str:
    """The page's own title, its first <h1> as plain text ("System design rubric" where the nav says "Rubric")."""
    match = _HEADING.search(page_html)
    if match is None:
        return ""
    text = _TAG.sub("", re.sub(r'<a class="headerlink".*?</a>', "", match.group(1)))
    return html.unescape(_SPACE.sub(" ", text).strip())


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


VOCABULARY_KEY = "playbook_vocabulary"

# "support vector machines (SVMs)", "retrieval-augmented generation (RAG)": a long name, then its short form in
# brackets, which the initials of the long name's words spell, small words such as "of" with or without ("MoE").
_DEFINITION = re.compile(r"\(([A-Z][A-Za-z0-9]{2,7}?)(s?)\)")  # the short form; the long name is read before it
_BEFORE = 80  # characters before the bracket that can hold the long name (six words)
_SMALL_WORDS = frozenset({"a", "an", "and", "for", "from", "in", "of", "on", "the", "to", "with"})
_NAME_WORD = re.compile(r"[a-z0-9]+")


def defined_terms(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(short, long) names defined in `texts` as "long name (SHORT)", both lower case, words separated by spaces,
    a plural dropped when the short form is one ("recurrent neural networks (RNNs)" → ("rnn", "recurrent neural
    network")). The shortest run of words before the bracket whose initials spell the short form; short forms of
    three letters or more ("TP" for tensor parallelism is too short to search for)."""
    found: dict[tuple[str, str], None] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match.group(1).lower()
            before = text[max(0, match.start() - _BEFORE) : match.start()].lower()
            if not before.endswith((" ", "\n")):
                continue
            words = _NAME_WORD.findall(re.split(r"[^\w\s\-']", before)[-1])[-6:]
            for start in range(len(words) - 1, -1, -1):
                run = words[start:]
                if run[0] in _SMALL_WORDS:
                    continue
                initials = {"".join(w[0] for w in run), "".join(w[0] for w in run if w not in _SMALL_WORDS)}
                if short in initials:
                    if len(run) > 1:
                        if match.group(2) and run[-1].endswith("s"):
                            run[-1] = run[-1][:-1]
                        found.setdefault((short, " ".join(run)), None)
                    break
    return list(found)


def vocabulary(dataset: Dataset) -> list[list[str]]:
    """The search vocabulary: data/vocabulary.yml's groups, each joined by the long names the content defines for
    one of its names, and a group for each other definition the content makes (`defined_terms`)."""
    groups = [list(group) for group in dataset.vocabulary]
    group_of = {name: group for group in groups for name in group}
    for short, long in defined_terms(_definition_texts(dataset)):
        group = group_of.get(short) or group_of.get(long)
        if group is None:
            group = []
            groups.append(group)
        for name in (short, long):
            if name not in group_of:
                group.append(name)
                group_of[name] = group
    return groups


def _definition_texts(dataset: Dataset) -> Iterable[str]:
    for topic in dataset.topics.values():
        yield from (topic.blurb, topic.summary, *topic.probes, *topic.subtopics)
    for question in dataset.practice.questions.values():
        yield from (question.question, question.core, question.answer)
    for problem in dataset.problems.values():
        yield from (problem.title, problem.statement)
    for case in dataset.practice.cases:
        yield case.prompt
        for step in case.steps:
            yield from step.points
    for resource in dataset.resources.values():
        yield resource.description


def query_rules(index: dict, dataset: Dataset | None = None) -> dict:
    """The index with what the worker needs to rewrite queries in its `config`: the filler words and the search
    vocabulary (`vocabulary`)."""
    rules = {FILLER_KEY: sorted(QUERY_FILLER)}
    if dataset is not None:
        rules[VOCABULARY_KEY] = vocabulary(dataset)
    return {**index, "config": {**index["config"], **rules}}


# Names a page is known by, from its front matter (`search_names: [cheat sheet, quick revision]`): what people call
# a tool or listing page that its title does not say. They become the first names of the page entry's subject and
# name the page (docs/javascripts/search-worker.js `namesTheQuery`: a query one of them covers ranks the page like a
# question).
NAMES_KEY = "named"
_PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9+#]*(?: [a-z0-9][a-z0-9+#]*){0,5}")


class SearchFrontMatterError(ValueError):
    pass


def page_names(value: object, source: str) -> list[str]:
    """A page's `search_names` front matter, checked: a list of up to 12 names of one to six lower-case words."""
    if not isinstance(value, list) or not value or len(value) > 12:
        raise SearchFrontMatterError(
            f"docs/{source}: front matter `search_names` must be a list of 1 to 12 names, such as "
            "[cheat sheet, quick revision]"
        )
    for name in value:
        if not isinstance(name, str) or not _PAGE_NAME.fullmatch(name):
            raise SearchFrontMatterError(
                f"docs/{source}: search name {name!r} must be one to six lower-case words (letters, digits) "
                "separated by single spaces, such as 'study plan'"
            )
    return list(dict.fromkeys(value))


def section_boost(value: object, source: str) -> float:
    """A page's `search_section_boost` front matter, checked: a number from 1 to 10."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 10:
        raise SearchFrontMatterError(
            f"docs/{source}: front matter `search_section_boost` must be a number from 1 to 10, such as "
            f"{BOOST_GUIDE:g} (a question's weight)"
        )
    return float(value)


def apply_page_settings(
    index: dict, names: dict[str, list[str]], section_boosts: dict[str, float] | None = None
) -> dict:
    """The index with each named page's entry (location = the page's URL) given its names: first in its subject,
    and their count as NAMES_KEY; and each section (page#anchor) of a page in `section_boosts` given that boost."""
    docs = []
    for doc in index["docs"]:
        page, hash_, _ = doc["location"].partition("#")
        if hash_ and section_boosts and page in section_boosts:
            doc = {**doc, "boost": section_boosts[page]}
        found = names.get(doc["location"])
        if found:
            doc = dict(doc)
            subject = [html.escape(name, quote=False) for name in found]
            if doc.get("subject"):
                subject.append(doc["subject"])
            doc["subject"] = SUBJECT_NAMES.join(subject)
            doc[NAMES_KEY] = len(found)
        docs.append(doc)
    return {**index, "docs": docs}


# --- Packing -------------------------------------------------------------------------------------------------
# Most entries are sections of generated pages (questions, case steps, rubric rows, coding problems, resources):
# a location that repeats its page, no teaser text, the same keys and boost as their siblings. `pack` stores
# them as rows of one table per page and kind of anchor, under this key of the index's `config` (Material's page
# script passes `config` to its worker whole); docs/javascripts/search-worker.js runs before Material's worker
# and puts them back as ordinary entries, exactly as `unpack` does here. At 10 000 resources the index shrinks
# from 1.47 MB to under 1 MB; nothing is dropped.
PACKED_KEY = "playbook_packed"
_PACKABLE_FIELDS = ("title", "subject", "keywords")  # in this order in a row, after the row's id
_ANCHOR = re.compile(r"([a-z]+-)([a-z0-9][a-z0-9-]*)")  # q-<id>, res-<id>, case-<case>-<step>, rubric-<topic>


def pack(index: dict) -> dict:
    """The index with every packable section moved into `config[PACKED_KEY]`. A section is packable when its
    anchor is a kind prefix and a kebab-case id, its text is empty and it has no fields but location, title,
    text, subject, keywords and boost. A row is [id, title, subject?, keywords?]; a title-only row is the string
    "id title"; a subject that is the id's words after the page's own id (a question's) is left out and rebuilt."""
    docs: list[dict] = []
    groups: dict[tuple, dict] = {}
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        match = _ANCHOR.fullmatch(anchor)
        if match is None or doc.get("text") != "" or set(doc) - {"location", "text", "boost", *_PACKABLE_FIELDS}:
            docs.append(doc)
            continue
        prefix, item = match.groups()
        fields = tuple(name for name in _PACKABLE_FIELDS if name in doc)
        key = (page, prefix, fields, doc.get("boost"))
        group = groups.setdefault(key, {"page": page, "prefix": prefix, "fields": list(fields), "rows": []})
        if doc.get("boost") is not None:
            group["boost"] = doc["boost"]
        group["rows"].append([item, *(doc[name] for name in fields)])
    for group in groups.values():
        _shorten(group)
    config = {**index["config"], PACKED_KEY: list(groups.values())} if groups else dict(index["config"])
    return {**index, "config": config, "docs": docs}


def _shorten(group: dict) -> None:
    fields: list[str] = group["fields"]
    if "subject" in fields:
        at = fields.index("subject") + 1
        strip = _page_id(group["page"])
        if all(row[at] == id_words(row[0], strip) for row in group["rows"]):
            group["subject_from_id"] = strip
            fields.remove("subject")
            for row in group["rows"]:
                del row[at]
    if fields == ["title"]:
        group["rows"] = [f"{item} {title}" for item, title in group["rows"]]


def _page_id(page: str) -> str:
    return page.rstrip("/").rpartition("/")[2]


def read_index(site_dir) -> dict:
    """A built site's search index, unpacked: what Material's worker searches."""
    return unpack(json.loads((Path(site_dir) / "search" / "search_index.json").read_text(encoding="utf-8")))


def unpack(index: dict) -> dict:
    """The index as Material's worker receives it: every packed row an ordinary entry again, after the rest."""
    config = dict(index["config"])
    docs = list(index["docs"])
    for group in config.pop(PACKED_KEY, ()):
        for row in group["rows"]:
            cells = row.split(" ", 1) if isinstance(row, str) else row
            doc = {"location": f"{group['page']}#{group['prefix']}{cells[0]}", "text": ""}
            doc.update(zip(group["fields"], cells[1:], strict=True))
            if "subject_from_id" in group:
                doc["subject"] = id_words(cells[0], group["subject_from_id"])  # kebab-case: nothing to escape
            if "boost" in group:
                doc["boost"] = group["boost"]
            docs.append(doc)
    return {**index, "config": config, "docs": docs}

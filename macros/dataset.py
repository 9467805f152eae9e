"""The playbook dataset: rounds, topics and resources read from data/, validated, and indexed for rendering.

`load_dataset(root)` is the one entry point: it reads every file once, runs every rule in `macros.validate`,
and returns an immutable `Dataset` whose lookups are all precomputed (no scans while pages render).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.coding import CodingProblem, ProblemFolder, build_problems, problems_by_topic, read_problem_folders
from macros.linkstate import LinkState, load_link_state
from macros.parallel import split_map
from macros.practice import Practice, build_practice
from macros.source import Problem, Source, entry_exists, entry_problem, read_source, text_value

ROUNDS_FILE = "data/rounds.yml"
TOPICS_DIR = "data/topics"
RESOURCES_DIR = "data/resources"
SCHEMA_DIR = "data/schema"
QUESTIONS_DIR = "data/questions"
LADDERS_DIR = "data/ladders"
CASES_DIR = "data/cases"
DOCS_DIR = "docs"


class DatasetError(Exception):
    """The dataset has problems; `problems` lists every one of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        listing = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n{listing}")


@dataclass
class RawData:
    """Every data file as parsed YAML, keyed by id (the file name), plus the problems met while reading."""

    root: Path
    rounds: Source
    topics: dict[str, Source]
    resources: dict[str, Source]
    problems: list[Problem] = field(default_factory=list)
    # Practice content: optional, so a dataset without it (a fixture, a fork) is still valid.
    questions: dict[str, Source] = field(default_factory=dict)
    ladders: dict[str, Source] = field(default_factory=dict)
    cases: dict[str, Source] = field(default_factory=dict)
    worksheet: Source | None = None
    rubric: Source | None = None
    # Search vocabulary (data/vocabulary.yml): optional, like the practice content.
    vocabulary: Source | None = None
    # Coding problems: one folder each under coding/problems/ (optional too).
    coding: dict[str, ProblemFolder] = field(default_factory=dict)


def _read_folder(root: Path, folder: str, problems: list[Problem], optional: bool = False) -> dict[str, Source]:
    """Every `.yml` file of one data folder. Anything else in it is reported, never opened: links, special
    files, hidden files, sub-folders and other extensions."""
    sources: dict[str, Source] = {}
    directory = root / folder
    link = _link_problem(root, folder)
    if link:
        problems.append(link)
        return sources
    if not directory.is_dir():
        if not optional:
            problems.append(Problem(folder, 1, "folder is missing — create it and add one .yml file per entry"))
        return sources
    # os.scandir: the entry's kind comes with the listing, so a folder of 10 000 files costs no stat per file.
    with os.scandir(directory) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    readable = [entry.name for entry in entries if _is_data_file(entry)]
    # Reading and parsing is most of the work for a large folder: split over two processes (macros/parallel.py).
    read = split_map(lambda name: read_source(directory / name, root, shown=f"{folder}/{name}"), readable)
    results = dict(zip(readable, read, strict=True))
    for entry in entries:
        name = entry.name
        shown = f"{folder}/{name}"
        path = directory / name
        if name in results:
            source, found = results[name]
            problems.extend(found)
            sources[name] = source
        elif entry.is_symlink() or not (entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)):
            problems.append(entry_problem(path, shown) or Problem(shown, 1, "cannot read file"))
        elif entry.is_dir(follow_symlinks=False):
            problems.append(Problem(shown, 1, f"folders inside {folder}/ are not read — move the files up into it"))
        elif name.startswith("."):
            problems.append(Problem(shown, 1, "hidden file in a data folder — delete it, or rename it without the dot"))
        elif not name.endswith(".yml"):
            stem = name.rsplit(".", 1)[0] if "." in name else name
            problems.append(Problem(shown, 1, f"data files end in .yml — rename it to '{stem}.yml'"))
    return sources


def _is_data_file(entry: os.DirEntry) -> bool:
    """A regular, visible `.yml` file: the entries of a data folder that are read (the others are reported)."""
    name = entry.name
    return (
        not entry.is_symlink()
        and entry.is_file(follow_symlinks=False)
        and not name.startswith(".")
        and name.endswith(".yml")
    )


def _link_problem(root: Path, relative: str) -> Problem | None:
    """A symbolic link on the way from the project root to `relative` (data/ itself, a folder) is refused."""
    current = root
    for part in Path(relative).parts:
        current = current / part
        if current.is_symlink():
            shown = current.relative_to(root).as_posix()
            return Problem(shown, 1, "is a symbolic link — data must be real files in the repository; replace it")
    return None


def read_raw(root: Path) -> RawData:
    """Read data/ under `root` without judging it. Keys of `topics` and `resources` are file names."""
    problems: list[Problem] = []
    data_link = _link_problem(root, "data")
    if data_link:
        return RawData(root, Source(ROUNDS_FILE, "", None), {}, {}, [data_link])
    problems.extend(_stray_entries(root))
    rounds, found = read_source(root / ROUNDS_FILE, root)
    problems.extend(found)
    topics = _read_folder(root, TOPICS_DIR, problems)
    resources = _read_folder(root, RESOURCES_DIR, problems)
    raw = RawData(root, rounds, topics, resources, problems)
    raw.questions = _read_folder(root, QUESTIONS_DIR, problems, optional=True)
    raw.ladders = _read_folder(root, LADDERS_DIR, problems, optional=True)
    raw.cases = _read_folder(root, CASES_DIR, problems, optional=True)
    for name in ("worksheet", "rubric", "vocabulary"):
        path = root / "data" / f"{name}.yml"
        if entry_exists(path):
            source, found = read_source(path, root)
            problems.extend(found)
            setattr(raw, name, source)
    raw.coding = read_problem_folders(root, problems)
    return raw


_READ_ENTRIES = frozenset(
    {
        "rounds.yml",
        "worksheet.yml",
        "rubric.yml",
        "vocabulary.yml",
        *(Path(d).name for d in (TOPICS_DIR, RESOURCES_DIR, QUESTIONS_DIR)),
    }
    | {Path(LADDERS_DIR).name, Path(CASES_DIR).name}
)


def _stray_entries(root: Path) -> list[Problem]:
    """Links, special files and hidden files directly in data/ (its folders are checked as they are read)."""
    problems = []
    data = root / "data"
    for path in sorted(data.iterdir()) if data.is_dir() else []:
        shown = f"data/{path.name}"
        if path.name in _READ_ENTRIES:  # reported, if need be, when it is read
            continue
        problem = entry_problem(path, shown)
        if problem:
            problems.append(problem)
        elif path.name.startswith(".") and not path.is_dir():
            problems.append(Problem(shown, 1, "hidden file in data/ — delete it, or rename it without the dot"))
    return problems


@dataclass(frozen=True)
class Round:
    id: str
    title: str
    short_title: str
    share_min: int
    share_max: int
    taken_from: str | None
    blurb: str

    @property
    def share_label(self) -> str:
        if self.share_min == self.share_max:
            return f"~{self.share_min}%"
        return f"{self.share_min}–{self.share_max}%"

    @property
    def url(self) -> str:
        return f"{self.id}/"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    round: str
    tier: str
    level: str
    rarity: str
    order: int
    blurb: str
    summary: str
    probes: tuple[str, ...]
    subtopics: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"{self.round}/{self.id}/"

    @property
    def page(self) -> str:
        """Path of the topic's page under docs/."""
        return f"{self.round}/{self.id}.md"


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    url: str
    type: str
    topics: tuple[str, ...]
    cost: str
    level: str
    description: str
    recommended: bool
    quick_revision: bool = False
    authors: str | None = None
    year: int | None = None


LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}


def resource_rank(resource: Resource) -> tuple[Any, ...]:
    """Order within a list: recommended first, then easier before harder, then by title."""
    return (not resource.recommended, LEVEL_ORDER.get(resource.level, 9), resource.title.casefold())


# Minutes the study planner budgets, unless data/rounds.yml `study_time` says otherwise: per practice question
# (answer aloud, then read the model answer), and per resource by type for the part that a topic needs.
STUDY_TIME_DEFAULTS = {
    "minutes_per_question": 8,
    "resources_per_topic": 2,
    "minutes_per_resource": {
        "course": 120,
        "book": 90,
        "article": 25,
        "video": 40,
        "paper": 60,
        "repo": 40,
        "cheatsheet": 15,
        "practice": 60,
        "tool": 30,
    },
}


def study_time_of(doc: object) -> dict:
    """`study_time` from data/rounds.yml over STUDY_TIME_DEFAULTS (values the schema already checked)."""
    doc = doc if isinstance(doc, dict) else {}
    per_type = doc.get("minutes_per_resource") if isinstance(doc.get("minutes_per_resource"), dict) else {}
    return {
        **STUDY_TIME_DEFAULTS,
        **{k: v for k, v in doc.items() if k != "minutes_per_resource"},
        "minutes_per_resource": {**STUDY_TIME_DEFAULTS["minutes_per_resource"], **per_type},
    }


@dataclass(frozen=True)
class Dataset:
    """The validated dataset with its indexes. Build it with `load_dataset`, or `Dataset.build` in tests."""

    rounds: tuple[Round, ...]
    topics: dict[str, Topic]
    resources: dict[str, Resource]
    share_note: str
    topics_by_round: dict[str, tuple[Topic, ...]]
    resources_by_topic: dict[str, tuple[Resource, ...]]
    rounds_by_resource: dict[str, tuple[Round, ...]]
    links: LinkState = field(default_factory=lambda: LinkState(None, {}))
    practice: Practice = field(default_factory=Practice)
    # Coding problems by id (topic order, easiest first), and by topic id; see macros/coding.py.
    problems: dict[str, CodingProblem] = field(default_factory=dict)
    problems_by_topic: dict[str, tuple[CodingProblem, ...]] = field(default_factory=dict)
    # The planner's estimates (data/rounds.yml `study_time`), defaults filled in: see STUDY_TIME_DEFAULTS.
    study_time: dict = field(default_factory=lambda: study_time_of({}))
    # Groups of names a reader may type for the same thing (data/vocabulary.yml), each name lower case.
    vocabulary: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def build(
        cls,
        rounds: list[Round],
        topics: list[Topic],
        resources: list[Resource],
        share_note: str = "",
        links: LinkState | None = None,
        practice: Practice | None = None,
        problems: dict[str, CodingProblem] | None = None,
        study_time: dict | None = None,
        vocabulary: tuple[tuple[str, ...], ...] = (),
    ) -> Dataset:
        round_ids = [round_.id for round_ in rounds]
        by_round: dict[str, list[Topic]] = defaultdict(list)
        for topic in topics:
            by_round[topic.round].append(topic)
        by_topic: dict[str, list[Resource]] = defaultdict(list)
        for resource in resources:
            for topic_id in resource.topics:
                by_topic[topic_id].append(resource)
        topic_map = {topic.id: topic for topic in topics}
        round_map = {round_.id: round_ for round_ in rounds}
        rounds_by_resource = {}
        for resource in resources:
            ids = {topic_map[t].round for t in resource.topics if t in topic_map}
            rounds_by_resource[resource.id] = tuple(round_map[r] for r in round_ids if r in ids)
        return cls(
            rounds=tuple(rounds),
            topics={t.id: t for t in sorted(topics, key=lambda t: (_index(round_ids, t.round), t.order, t.id))},
            resources={r.id: r for r in sorted(resources, key=lambda r: (r.title.casefold(), r.id))},
            share_note=share_note,
            topics_by_round={r: tuple(sorted(by_round.get(r, []), key=lambda t: (t.order, t.id))) for r in round_ids},
            resources_by_topic={t.id: tuple(sorted(by_topic.get(t.id, []), key=resource_rank)) for t in topics},
            rounds_by_resource=rounds_by_resource,
            links=links or LinkState(None, {}),
            practice=practice or Practice(),
            problems=problems or {},
            problems_by_topic=problems_by_topic(problems or {}),
            study_time=study_time_of(study_time or {}),
            vocabulary=vocabulary,
        )

    def round(self, round_id: str) -> Round:
        for round_ in self.rounds:
            if round_.id == round_id:
                return round_
        raise KeyError(f"unknown round '{round_id}'")


def _index(items: list[str], item: str) -> int:
    return items.index(item) if item in items else len(items)


def build_dataset(raw: RawData, links: LinkState | None = None) -> Dataset:
    """Turn parsed data into model objects. Assumes validation passed; tolerates what `validate` would refuse."""
    rounds_doc = raw.rounds.value if isinstance(raw.rounds.value, dict) else {}
    rounds = [
        Round(
            id=text_value(item.get("id")),
            title=text_value(item.get("title")),
            short_title=text_value(item.get("short_title") or item.get("title")),
            share_min=int(item.get("share", {}).get("min", 0)),
            share_max=int(item.get("share", {}).get("max", 0)),
            taken_from=item.get("share", {}).get("taken_from"),
            blurb=text_value(item.get("blurb")),
        )
        for item in rounds_doc.get("rounds", [])
        if isinstance(item, dict)
    ]
    topics = [
        Topic(
            id=name.removesuffix(".yml"),
            title=text_value(doc.get("title")),
            round=text_value(doc.get("round")),
            tier=text_value(doc.get("tier")),
            level=text_value(doc.get("level")),
            rarity=text_value(doc.get("rarity")),
            order=int(doc.get("order", 99)),
            blurb=text_value(doc.get("blurb")),
            summary=text_value(doc.get("summary")),
            probes=tuple(text_value(p) for p in doc.get("probes", [])),
            subtopics=tuple(text_value(s) for s in doc.get("subtopics", [])),
        )
        for name, source in raw.topics.items()
        if isinstance(doc := source.value, dict)
    ]
    resources = [
        Resource(
            id=name.removesuffix(".yml"),
            title=text_value(doc.get("title")),
            url=text_value(doc.get("url")),
            type=text_value(doc.get("type")),
            topics=tuple(text_value(t) for t in doc.get("topics", [])),
            cost=text_value(doc.get("cost")),
            level=text_value(doc.get("level")),
            description=text_value(doc.get("description")),
            recommended=doc.get("recommended") is True,
            quick_revision=doc.get("quick_revision") is True,
            authors=text_value(doc.get("authors")) or None,
            year=doc.get("year") if isinstance(doc.get("year"), int) else None,
        )
        for name, source in raw.resources.items()
        if isinstance(doc := source.value, dict)
    ]
    practice = build_practice(raw.questions, raw.ladders, raw.cases, raw.worksheet, raw.rubric)
    if links is not None:  # findings for URLs no longer in the data count for nothing
        in_data = {resource.url for resource in resources}
        links = LinkState(links.updated_at, {url: s for url, s in links.urls.items() if url in in_data})
    problems = build_problems(raw.coding, {t.id: t.round for t in topics})
    return Dataset.build(
        rounds,
        topics,
        resources,
        text_value(rounds_doc.get("share_note")),
        links,
        practice,
        problems,
        rounds_doc.get("study_time"),
        vocabulary_of(raw.vocabulary),
    )


def vocabulary_of(source: Source | None) -> tuple[tuple[str, ...], ...]:
    """The groups of data/vocabulary.yml (shape already checked), each name lower case with single spaces."""
    doc = source.value if source is not None and isinstance(source.value, dict) else {}
    groups = doc.get("same") if isinstance(doc.get("same"), list) else []
    return tuple(
        tuple(" ".join(text_value(name).lower().split()) for name in group)
        for group in groups
        if isinstance(group, list)
    )


def load_dataset(root: Path | str, *, validate: bool = True) -> Dataset:
    """Read, validate and index the dataset under `root`. Raises DatasetError listing every problem.

    `validate=False` skips the content rules (never the reading): the poisoned-data tests use it to prove that
    rendering alone is safe, whatever reaches it.
    """
    from macros.validate import validate_raw

    raw = read_raw(Path(root))
    links, link_problems = load_link_state(Path(root))
    problems = list(raw.problems) + link_problems
    if validate:
        problems.extend(validate_raw(raw))
    if problems:
        raise DatasetError(problems)
    return build_dataset(raw, links)

"""Machine-readable exports written next to the site at build time, at stable URLs under exports/:
the dataset as JSON and CSV, and one Anki-importable flashcard file per round from the question bank."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict, fields

from macros.dataset import Dataset

EXPORTS_DIR = "exports"
# Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _record(item: object) -> dict:
    """A flat data record's fields (strings, numbers, tuples of strings): `dataclasses.asdict` without its deep
    copy, which was most of the export's cost at 10 000 resources."""
    return {f.name: getattr(item, f.name) for f in fields(item)}


def dataset_json(dataset: Dataset) -> str:
    practice = dataset.practice
    document = {
        "rounds": [_record(r) for r in dataset.rounds],
        "topics": [_record(t) for t in dataset.topics.values()],
        "resources": [
            {**_record(r), "rounds": [x.id for x in dataset.rounds_by_resource[r.id]]}
            for r in dataset.resources.values()
        ],
        "questions": [_record(q) for q in practice.questions.values()],
        "problems": [{**asdict(p), "url": p.url} for p in dataset.problems.values()],
    }
    # One record a line: readable, diffable, and written by json's C encoder (with `indent` json falls back to its
    # pure-Python encoder, which was a fifth of the exports at 10 000 resources).
    parts = []
    for key, records in document.items():
        rows = ",\n".join("  " + json.dumps(record, ensure_ascii=False) for record in records)
        parts.append(f" {json.dumps(key)}: [\n{rows}\n ]" if records else f" {json.dumps(key)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ";".join(map(str, value))
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def resources_csv(dataset: Dataset) -> str:
    header = [
        "id",
        "title",
        "url",
        "type",
        "topics",
        "rounds",
        "cost",
        "level",
        "recommended",
        "quick_revision",
        "authors",
        "year",
        "description",
    ]
    rows = [
        [
            r.id,
            r.title,
            r.url,
            r.type,
            r.topics,
            [x.id for x in dataset.rounds_by_resource[r.id]],
            r.cost,
            r.level,
            r.recommended,
            r.quick_revision,
            r.authors,
            r.year,
            r.description,
        ]
        for r in dataset.resources.values()
    ]
    return _csv(header, rows)


def topics_csv(dataset: Dataset) -> str:
    header = ["id", "title", "round", "tier", "level", "rarity", "blurb", "subtopics"]
    rows = [[t.id, t.title, t.round, t.tier, t.level, t.rarity, t.blurb, t.subtopics] for t in dataset.topics.values()]
    return _csv(header, rows)


def questions_csv(dataset: Dataset) -> str:
    header = ["id", "topic", "round", "difficulty", "question", "answer", "resources"]
    rows = [
        [
            q.id,
            q.topic,
            dataset.topics[q.topic].round if q.topic in dataset.topics else "",
            q.difficulty,
            q.question,
            q.answer,
            q.resources,
        ]
        for q in dataset.practice.questions.values()
    ]
    return _csv(header, rows)


def _anki_field(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False)


def anki_deck(dataset: Dataset, round_id: str) -> str:
    """Anki's plain-text import format: tab-separated front, back and tags, with header directives."""
    round_ = dataset.round(round_id)
    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:ML Interview Playbook::{round_.short_title}",
        "#tags column:3",
    ]
    for topic in dataset.topics_by_round[round_id]:
        for q in dataset.practice.questions_by_topic.get(topic.id, ()):
            sources = ", ".join(_anki_field(dataset.resources[r].title) for r in q.resources if r in dataset.resources)
            back = _anki_field(q.answer) + (f"<br><br><small>Learn it from: {sources}</small>" if sources else "")
            tags = f"mip::{round_id} mip::{topic.id} mip::{q.difficulty}"
            lines.append(f"{_anki_field(q.question)}\t{back}\t{tags}")
    return "\n".join(lines) + "\n"


def all_exports(dataset: Dataset) -> dict[str, str]:
    """Relative path under the site → file content."""
    files = {
        f"{EXPORTS_DIR}/dataset.json": dataset_json(dataset),
        f"{EXPORTS_DIR}/resources.csv": resources_csv(dataset),
        f"{EXPORTS_DIR}/topics.csv": topics_csv(dataset),
        f"{EXPORTS_DIR}/questions.csv": questions_csv(dataset),
    }
    for round_ in dataset.rounds:
        if any(dataset.practice.questions_by_topic.get(t.id) for t in dataset.topics_by_round[round_.id]):
            files[f"{EXPORTS_DIR}/anki/{round_.id}.txt"] = anki_deck(dataset, round_.id)
    return files

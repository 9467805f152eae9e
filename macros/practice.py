"""Practice content: the question bank, the Depth kit (worksheet and drill-down ladders) and the system-design
rubric and worked cases, built from data/questions/, data/ladders/, data/cases/, data/worksheet.yml and
data/rubric.yml. All of it is optional, and all of it cites resources by id."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from macros.source import Source

DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    question: str
    difficulty: str
    answer: str
    resources: tuple[str, ...]
    core: str = ""


@dataclass(frozen=True)
class Rung:
    question: str
    looking_for: str
    resources: tuple[str, ...]


@dataclass(frozen=True)
class Ladder:
    topic: str
    intro: str
    rungs: tuple[Rung, ...]


@dataclass(frozen=True)
class WorksheetSection:
    id: str
    title: str
    prompts: tuple[str, ...]
    tip: str


@dataclass(frozen=True)
class RubricRow:
    topic: str
    weak: tuple[str, ...]
    solid: tuple[str, ...]
    strong: tuple[str, ...]


@dataclass(frozen=True)
class RubricDimension:
    """A rubric row judged over the whole interview (driving it, level, GenAI concerns), not in one component."""

    id: str
    title: str
    summary: str
    weak: tuple[str, ...]
    solid: tuple[str, ...]
    strong: tuple[str, ...]


@dataclass(frozen=True)
class CaseStep:
    topic: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    prompt: str
    order: int
    steps: tuple[CaseStep, ...]
    resources: tuple[str, ...]


@dataclass(frozen=True)
class Practice:
    questions: dict[str, Question] = field(default_factory=dict)
    questions_by_topic: dict[str, tuple[Question, ...]] = field(default_factory=dict)
    questions_by_resource: dict[str, tuple[Question, ...]] = field(default_factory=dict)
    ladders: dict[str, Ladder] = field(default_factory=dict)
    worksheet_intro: str = ""
    worksheet: tuple[WorksheetSection, ...] = ()
    rubric: tuple[RubricRow, ...] = ()
    rubric_dimensions: tuple[RubricDimension, ...] = ()
    cases: tuple[Case, ...] = ()


def _texts(values: Any) -> tuple[str, ...]:
    return tuple(str(v).strip() for v in values) if isinstance(values, list) else ()


def _doc(source: Source | None) -> dict:
    return source.value if source is not None and isinstance(source.value, dict) else {}


def build_practice(
    questions: dict[str, Source],
    ladders: dict[str, Source],
    cases: dict[str, Source],
    worksheet: Source | None,
    rubric: Source | None,
) -> Practice:
    """Model objects and indexes; assumes validation passed, tolerates what it would refuse."""
    bank: dict[str, Question] = {}
    for name, source in questions.items():
        for item in _doc(source).get("questions", []) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                bank.setdefault(
                    item["id"],
                    Question(
                        id=item["id"],
                        topic=name.removesuffix(".yml"),
                        question=str(item.get("question", "")).strip(),
                        difficulty=str(item.get("difficulty", "")),
                        answer=str(item.get("answer", "")).strip(),
                        core=str(item.get("core", "")).strip(),
                        resources=_texts(item.get("resources")),
                    ),
                )
    by_topic: dict[str, list[Question]] = defaultdict(list)
    by_resource: dict[str, list[Question]] = defaultdict(list)
    for question in bank.values():
        by_topic[question.topic].append(question)
        for resource in question.resources:
            by_resource[resource].append(question)

    def rank(question: Question) -> tuple:
        return DIFFICULTY_ORDER.get(question.difficulty, 9), question.id

    sheet = _doc(worksheet)
    return Practice(
        questions=bank,
        questions_by_topic={topic: tuple(sorted(items, key=rank)) for topic, items in by_topic.items()},
        questions_by_resource={res: tuple(sorted(items, key=rank)) for res, items in by_resource.items()},
        ladders={
            name.removesuffix(".yml"): Ladder(
                topic=name.removesuffix(".yml"),
                intro=str(_doc(source).get("intro", "")).strip(),
                rungs=tuple(
                    Rung(
                        str(r.get("question", "")).strip(),
                        str(r.get("looking_for", "")).strip(),
                        _texts(r.get("resources")),
                    )
                    for r in _doc(source).get("rungs", []) or []
                    if isinstance(r, dict)
                ),
            )
            for name, source in ladders.items()
        },
        worksheet_intro=str(sheet.get("intro", "")).strip(),
        worksheet=tuple(
            WorksheetSection(
                str(s.get("id", "")),
                str(s.get("title", "")).strip(),
                _texts(s.get("prompts")),
                str(s.get("tip", "")).strip(),
            )
            for s in sheet.get("sections", []) or []
            if isinstance(s, dict)
        ),
        rubric=tuple(
            RubricRow(str(c.get("topic", "")), _texts(c.get("weak")), _texts(c.get("solid")), _texts(c.get("strong")))
            for c in _doc(rubric).get("components", []) or []
            if isinstance(c, dict)
        ),
        rubric_dimensions=tuple(
            RubricDimension(
                str(d.get("id", "")),
                str(d.get("title", "")).strip(),
                str(d.get("summary", "")).strip(),
                _texts(d.get("weak")),
                _texts(d.get("solid")),
                _texts(d.get("strong")),
            )
            for d in _doc(rubric).get("dimensions", []) or []
            if isinstance(d, dict)
        ),
        cases=tuple(
            sorted(
                (
                    Case(
                        id=name.removesuffix(".yml"),
                        title=str(_doc(source).get("title", "")).strip(),
                        prompt=str(_doc(source).get("prompt", "")).strip(),
                        order=int(_doc(source).get("order", 99)),
                        steps=tuple(
                            CaseStep(str(st.get("topic", "")), _texts(st.get("points")))
                            for st in _doc(source).get("steps", []) or []
                            if isinstance(st, dict)
                        ),
                        resources=_texts(_doc(source).get("resources")),
                    )
                    for name, source in cases.items()
                ),
                key=lambda case: (case.order, case.id),
            )
        ),
    )

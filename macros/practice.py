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
class PipelineStage:
    name: str
    detail: str = ""


CASES_PAGE_FOLDER = "system-design/cases"
# The sections of a case page after its steps: anchor suffix -> heading (macros/templates/case_page.md shows them,
# macros/search.py indexes them).
CASE_SECTIONS = {
    "losses": "The loss of each model",
    "training-data": "How the training data is built",
    "capacity": "Capacity estimates",
    "follow-ups": "Follow-ups interviewers pick",
}


@dataclass(frozen=True)
class CaseLoss:
    model: str
    loss: str


@dataclass(frozen=True)
class CaseCapacity:
    assumptions: tuple[str, ...] = ()
    qps: str = ""
    storage: str = ""
    latency: str = ""
    gpu_cost: str = ""


@dataclass(frozen=True)
class FollowUp:
    question: str
    answer: str


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    prompt: str
    order: int
    steps: tuple[CaseStep, ...]
    resources: tuple[str, ...]
    kind: str = "classic"
    losses: tuple[CaseLoss, ...] = ()
    training_data: tuple[str, ...] = ()
    capacity: CaseCapacity = field(default_factory=CaseCapacity)
    follow_ups: tuple[FollowUp, ...] = ()
    pipeline: tuple[PipelineStage, ...] = ()

    @property
    def page(self) -> str:
        """Its page under docs/: one line, `{{ case_page() }}`."""
        return f"{CASES_PAGE_FOLDER}/{self.id}.md"

    @property
    def url(self) -> str:
        return f"{CASES_PAGE_FOLDER}/{self.id}/"

    def sections(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(anchor suffix, heading, the points it says) of the sections after the steps: losses, training data,
        capacity and follow-ups, as the case page shows them (`CASE_SECTIONS`)."""
        capacity = self.capacity
        points = {
            "losses": tuple(f"{item.model}: {item.loss}" for item in self.losses),
            "training-data": self.training_data,
            "capacity": (*capacity.assumptions, capacity.qps, capacity.storage, capacity.latency, capacity.gpu_cost),
            "follow-ups": tuple(text for item in self.follow_ups for text in (item.question, item.answer)),
        }
        return tuple((name, heading, tuple(p for p in points[name] if p)) for name, heading in CASE_SECTIONS.items())


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


def _text(mapping: dict, key: str) -> str:
    return str(mapping.get(key, "")).strip()


def _records(values: Any) -> list[dict]:
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def build_case(name: str, source: Source) -> Case:
    """One worked case from data/cases/<name>; tolerates what validation would refuse."""
    doc = _doc(source)
    capacity = doc.get("capacity") if isinstance(doc.get("capacity"), dict) else {}
    return Case(
        id=name.removesuffix(".yml"),
        title=_text(doc, "title"),
        prompt=_text(doc, "prompt"),
        order=doc["order"] if isinstance(doc.get("order"), int) else 99,
        kind=_text(doc, "kind") or "classic",
        steps=tuple(CaseStep(str(st.get("topic", "")), _texts(st.get("points"))) for st in _records(doc.get("steps"))),
        losses=tuple(CaseLoss(_text(item, "model"), _text(item, "loss")) for item in _records(doc.get("losses"))),
        training_data=_texts(doc.get("training_data")),
        capacity=CaseCapacity(
            assumptions=_texts(capacity.get("assumptions")),
            qps=_text(capacity, "qps"),
            storage=_text(capacity, "storage"),
            latency=_text(capacity, "latency"),
            gpu_cost=_text(capacity, "gpu_cost"),
        ),
        follow_ups=tuple(
            FollowUp(_text(item, "question"), _text(item, "answer")) for item in _records(doc.get("follow_ups"))
        ),
        resources=_texts(doc.get("resources")),
        pipeline=tuple(
            PipelineStage(_text(stage, "stage"), _text(stage, "detail")) for stage in _records(doc.get("pipeline"))
        ),
    )


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
            sorted((build_case(name, source) for name, source in cases.items()), key=lambda c: (c.order, c.id))
        ),
    )

"""Coding problems: one folder per problem under coding/problems/<id>/ holding its metadata (problem.yml), the
learner's starter.py, the reference solution.py and the pytest file test_<id>.py (see coding/conftest.py).

`read_problem_folders` reads every folder without judging it; `build_problems` turns valid folders into
`CodingProblem`s for the site, the exports and the search index. The rules live in macros/coding_rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from macros.source import Problem, Source, entry_exists, entry_problem, read_capped, read_source, text_value

CODING_DIR = "coding/problems"
META_FILE = "problem.yml"
STARTER_FILE = "starter.py"
SOLUTION_FILE = "solution.py"
EXPORT_DIR = "exports/coding"
DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def tests_filename(problem_id: str) -> str:
    """The pytest file of a problem: test_<id with - replaced by _>.py (a valid module name)."""
    return f"test_{problem_id.replace('-', '_')}.py"


@dataclass
class ProblemFolder:
    """One folder under coding/problems/, as read from disk: its metadata (None when problem.yml is missing) and
    the text of each Python part that exists."""

    name: str
    path: str
    meta: Source | None
    code: dict[str, str] = field(default_factory=dict)

    @property
    def parts(self) -> tuple[str, ...]:
        return (META_FILE, STARTER_FILE, SOLUTION_FILE, tests_filename(self.name))


def read_problem_folders(root: Path, problems: list[Problem]) -> dict[str, ProblemFolder]:
    """Every problem folder under `root`/coding/problems (optional: a dataset without it has no problems).
    Like data/, nothing is read through a symbolic link or from a special file, and every read is capped: the
    code files are published on the site."""
    folders: dict[str, ProblemFolder] = {}
    directory = root / CODING_DIR
    for part in ("coding", CODING_DIR):
        if (root / part).is_symlink():
            problems.append(Problem(part, 1, "is a symbolic link — problems must be real files in the repository"))
            return folders
    if not directory.is_dir():
        return folders
    for path in sorted(directory.iterdir()):
        shown = f"{CODING_DIR}/{path.name}"
        if path.name.startswith((".", "_")):
            continue
        refused = entry_problem(path, shown)
        if refused:
            problems.append(refused)
            continue
        if not path.is_dir():
            continue
        meta = None
        if entry_exists(path / META_FILE):
            meta, found = read_source(path / META_FILE, root)
            problems.extend(found)
        folder = ProblemFolder(path.name, shown, meta)
        for part in folder.parts[1:]:
            if not entry_exists(path / part):
                continue
            raw, refused = read_capped(path / part, f"{shown}/{part}")
            if refused:
                problems.append(refused)
                continue
            try:
                folder.code[part] = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                problems.append(Problem(f"{shown}/{part}", 1, f"cannot read file ({err}) — save it as UTF-8"))
        folders[path.name] = folder
    return folders


@dataclass(frozen=True)
class FollowUp:
    question: str
    answer: str


@dataclass(frozen=True)
class CodingProblem:
    """A coding problem ready to render. `url` is its anchor on its topic page (site-relative)."""

    id: str
    title: str
    topic: str
    round: str
    difficulty: str
    minutes: int
    statement: str
    hints: tuple[str, ...]
    time: str
    space: str
    follow_ups: tuple[FollowUp, ...]
    resources: tuple[str, ...]
    starter: str
    solution: str
    tests: str

    @property
    def anchor(self) -> str:
        return f"p-{self.id}"

    @property
    def url(self) -> str:
        return f"{self.round}/{self.topic}/#{self.anchor}"

    @property
    def source_dir(self) -> str:
        return f"{CODING_DIR}/{self.id}"

    @property
    def test_file(self) -> str:
        return tests_filename(self.id)

    @property
    def starter_download(self) -> str:
        """Site-relative URL of the starter file, written at build time."""
        return f"{EXPORT_DIR}/{self.id}.py"

    @property
    def notebook_download(self) -> str:
        """Site-relative URL of the generated Jupyter notebook."""
        return f"{EXPORT_DIR}/{self.id}.ipynb"

    @property
    def search_text(self) -> str:
        """The words a search entry for the problem holds: title, statement, hints and follow-up questions."""
        return " ".join([self.title, self.statement, *self.hints, *(f.question for f in self.follow_ups)])


def build_problems(folders: dict[str, ProblemFolder], topic_rounds: dict[str, str]) -> dict[str, CodingProblem]:
    """CodingProblems by id, ordered by topic, then easiest first. Assumes validation passed; skips folders it
    cannot use."""
    built = []
    for folder in folders.values():
        doc = folder.meta.value if folder.meta is not None else None
        if not isinstance(doc, dict) or len(folder.code) < 3:
            continue
        complexity = doc.get("complexity") if isinstance(doc.get("complexity"), dict) else {}
        built.append(
            CodingProblem(
                id=text_value(doc.get("id")) or folder.name,
                title=text_value(doc.get("title")),
                topic=text_value(doc.get("topic")),
                round=topic_rounds.get(text_value(doc.get("topic")), "coding"),
                difficulty=text_value(doc.get("difficulty")),
                minutes=int(doc.get("minutes") or 0),
                statement=text_value(doc.get("statement")),
                hints=tuple(text_value(h) for h in doc.get("hints") or []),
                time=text_value(complexity.get("time")),
                space=text_value(complexity.get("space")),
                follow_ups=tuple(
                    FollowUp(text_value(f.get("question")), text_value(f.get("answer")))
                    for f in doc.get("follow_ups") or []
                    if isinstance(f, dict)
                ),
                resources=tuple(text_value(r) for r in doc.get("resources") or []),
                starter=folder.code.get(STARTER_FILE, ""),
                solution=folder.code.get(SOLUTION_FILE, ""),
                tests=folder.code.get(tests_filename(folder.name), ""),
            )
        )
    built.sort(key=lambda p: (p.topic, DIFFICULTY_ORDER.get(p.difficulty, 9), p.minutes, p.title.casefold()))
    return {p.id: p for p in built}


def problems_by_topic(problems: dict[str, CodingProblem]) -> dict[str, tuple[CodingProblem, ...]]:
    grouped: dict[str, list[CodingProblem]] = {}
    for problem in problems.values():
        grouped.setdefault(problem.topic, []).append(problem)
    return {topic: tuple(items) for topic, items in grouped.items()}

"""Deterministic synthetic datasets for the build benchmark: the real rounds, topics and practice content, with
N generated resources of the same shape as the real ones, spread over the real topics."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["course", "book", "article", "video", "paper", "repo", "cheatsheet", "practice", "tool"]
COSTS = ["free", "free", "free", "freemium", "paid"]
LEVELS = ["beginner", "intermediate", "advanced"]
WORDS = (
    "model data training loss gradient feature metric ranking attention embedding sample bias variance tree "
    "forest boosting network layer label pipeline serving latency experiment baseline signal"
).split()


def copy_sources(target: Path) -> Path:
    """Pages, generator, theme overrides and config: everything a build reads except the resources."""
    for folder in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("resources"))
    return target


def write_resources(target: Path, count: int, seed: int = 42) -> None:
    """`count` resources; the real ones first (so questions keep their citations), then generated ones."""
    folder = target / "data" / "resources"
    shutil.copytree(ROOT / "data" / "resources", folder)
    real = len(list(folder.glob("*.yml")))
    topics = sorted(p.stem for p in (ROOT / "data" / "topics").glob("*.yml"))
    rng = random.Random(seed)
    header = "# yaml-language-server: $schema=../schema/resource.schema.json\n"
    for number in range(max(0, count - real)):
        words = rng.sample(WORDS, 4)
        title = " ".join(w.capitalize() for w in words) + f" {number}"
        chosen = rng.sample(topics, rng.choice([1, 1, 2, 3]))
        description = " ".join(rng.choice(WORDS) for _ in range(22)).capitalize() + "."
        (folder / f"synthetic-{number:05d}.yml").write_text(
            header
            + f"title: {title}\n"
            + f"url: https://example.org/resources/{number}\n"
            + f"type: {rng.choice(TYPES)}\n"
            + f"topics: [{', '.join(chosen)}]\n"
            + f"cost: {rng.choice(COSTS)}\n"
            + f"level: {rng.choice(LEVELS)}\n"
            + f"recommended: {'true' if rng.random() < 0.15 else 'false'}\n"
            + f"description: >-\n  {description}\n",
            encoding="utf-8",
        )

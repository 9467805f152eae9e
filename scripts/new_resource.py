#!/usr/bin/env python3
"""Scaffold a new resource file from a URL: guess what can be guessed, ask for the rest, validate the result.

    make new URL=https://arxiv.org/abs/1706.03762            # asks for anything missing
    scripts/new_resource.py --url URL --title T --topics nlp --description "…" --yes   # no questions

Exit status: 0 when the file was written and the dataset validates, 1 when the URL is already in the dataset or
the new file has problems, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.dataset import RESOURCES_DIR, SCHEMA_DIR, DatasetError, load_dataset, read_raw
from macros.validate import normalise_url, url_problem

# What a host tells us about a resource before anyone reads it.
HOST_HINTS: dict[str, dict[str, str]] = {
    "arxiv.org": {"type": "paper", "cost": "free"},
    "github.com": {"type": "repo", "cost": "free"},
    "youtube.com": {"type": "video", "cost": "free"},
    "coursera.org": {"type": "course", "cost": "freemium"},
    "udacity.com": {"type": "course", "cost": "paid"},
    "edx.org": {"type": "course", "cost": "freemium"},
    "kaggle.com": {"type": "practice", "cost": "free"},
    "leetcode.com": {"type": "practice", "cost": "freemium"},
    "oreilly.com": {"type": "book", "cost": "paid"},
    "manning.com": {"type": "book", "cost": "paid"},
    "openreview.net": {"type": "paper", "cost": "free"},
    "proceedings.neurips.cc": {"type": "paper", "cost": "free"},
    "aclanthology.org": {"type": "paper", "cost": "free"},
}
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/resource.schema.json"


def schema_choices(root: Path) -> dict[str, list[str]]:
    schema = json.loads((root / SCHEMA_DIR / "resource.schema.json").read_text(encoding="utf-8"))
    return {key: value["enum"] for key, value in schema["properties"].items() if "enum" in value}


def hints_for(url: str) -> dict[str, str]:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for known, hints in HOST_HINTS.items():
        if host == known or host.endswith("." + known):
            found = dict(hints)
            if known == "github.com":
                owner = urlsplit(url).path.strip("/").split("/")[0]
                if owner:
                    found["authors"] = owner
            return found
    return {}


class _TitleReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title: str | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._inside = tag == "title" and self.title is None

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.title = (self.title or "") + data

    def handle_endtag(self, tag: str) -> None:
        self._inside = False


def fetch_title(url: str, timeout: float = 5.0) -> str | None:
    """The page's <title>, or None if it cannot be had quickly. Only the title: descriptions are ours to write."""
    request = urllib.request.Request(url, headers={"User-Agent": "ml-interview-playbook-new/1.0"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if "html" not in response.headers.get("Content-Type", ""):
                return None
            reader = _TitleReader()
            reader.feed(response.read(256_000).decode("utf-8", errors="replace"))
    except (OSError, ValueError):
        return None
    title = " ".join((reader.title or "").split())
    return title[:120] or None


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")


def ask(prompt: str, default: str | None = None, choices: list[str] | None = None, multi: bool = False) -> str:
    """Prompt until the answer is acceptable (one of `choices`, or non-empty)."""
    shown = f" [{default}]" if default else ""
    if choices:
        print(f"  options: {', '.join(choices)}")
    while True:
        try:
            answer = input(f"{prompt}{shown}: ").strip() or (default or "")
        except EOFError:
            raise SystemExit(f"error: no answer for {prompt.lower()} — pass it as a flag instead") from None
        items = [a.strip() for a in answer.split(",")] if multi else [answer]
        if answer and (not choices or all(item in choices for item in items)):
            return answer
        print("  please choose from the options" if choices else "  this field is required")


def render_resource(fields: dict) -> str:
    """The file text in the dataset's usual shape and key order."""

    def scalar(value: object) -> str:
        return (
            yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
            .strip()
            .removesuffix("...")
            .strip()
        )

    lines = [SCHEMA_LINE]
    for key in ("title", "url", "type"):
        lines.append(f"{key}: {scalar(fields[key])}")
    lines.append(f"topics: [{', '.join(fields['topics'])}]")
    for key in ("cost", "level"):
        lines.append(f"{key}: {scalar(fields[key])}")
    lines.append(f"recommended: {'true' if fields['recommended'] else 'false'}")
    if fields.get("quick_revision"):
        lines.append("quick_revision: true")
    if fields.get("authors"):
        lines.append(f"authors: {scalar(fields['authors'])}")
    if fields.get("year"):
        lines.append(f"year: {int(fields['year'])}")
    lines.append("description: >-")
    lines.append(
        textwrap.fill(" ".join(fields["description"].split()), width=110, initial_indent="  ", subsequent_indent="  ")
    )
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None, choices: dict[str, list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n")[1],
    )
    parser.add_argument("--url", help="canonical address of the resource")
    parser.add_argument("--title")
    parser.add_argument("--id", help="file name without .yml (default: from the title)")
    parser.add_argument("--type", choices=choices["type"])
    parser.add_argument("--topics", help="comma-separated topic ids (see data/topics/)")
    parser.add_argument("--cost", choices=choices["cost"])
    parser.add_argument("--level", choices=choices["level"])
    parser.add_argument("--description", help="one or two sentences in your own words")
    parser.add_argument("--authors")
    parser.add_argument("--year", type=int)
    parser.add_argument("--recommended", action="store_true")
    parser.add_argument("--quick-revision", action="store_true")
    parser.add_argument("--no-fetch", action="store_true", help="do not read the page's <title>")
    parser.add_argument("--yes", action="store_true", help="never prompt: fail if a required value is missing")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    # The allowed values come from the schema of the project being edited, so read --root first.
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    root = pre.parse_known_args(argv)[0].root
    if not (root / SCHEMA_DIR / "resource.schema.json").is_file():
        print(f"error: --root {root}: no {SCHEMA_DIR}/resource.schema.json there", file=sys.stderr)
        return 2
    choices = schema_choices(root)
    args = parse_args(argv, choices)
    raw = read_raw(args.root)
    topics = sorted(name.removesuffix(".yml") for name in raw.topics)
    interactive = not args.yes

    url = args.url or (ask("URL") if interactive else None)
    if not url:
        print("error: --url is required", file=sys.stderr)
        return 2
    url = url.strip()
    reason = url_problem(url)
    if reason:
        print(f"error: {reason}", file=sys.stderr)
        return 2
    key = normalise_url(url)
    for source in raw.resources.values():
        if (
            isinstance(source.value, dict)
            and isinstance(source.value.get("url"), str)
            and normalise_url(source.value["url"]) == key
        ):
            print(f"error: this URL is already in the dataset: {source.path} — edit that file instead", file=sys.stderr)
            return 1

    hints = hints_for(url)
    fetched = None if args.no_fetch or args.title else fetch_title(url)
    fields: dict = {"url": url}
    wanted = {
        "title": (args.title, fetched, None),
        "type": (args.type, hints.get("type"), choices["type"]),
        "topics": (args.topics, None, topics),
        "cost": (args.cost, hints.get("cost"), choices["cost"]),
        "level": (args.level, None, choices["level"]),
        "description": (args.description, None, None),
    }
    missing = []
    for name, (given, guess, options) in wanted.items():
        if given:
            fields[name] = given
        elif interactive:
            fields[name] = ask(name.capitalize(), guess, options, multi=name == "topics")
        elif guess:
            fields[name] = guess
        else:
            missing.append(f"--{name}")
    if missing:
        print(f"error: missing {', '.join(missing)} (or run without --yes to be asked)", file=sys.stderr)
        return 2
    fields["topics"] = [t.strip() for t in str(fields["topics"]).split(",") if t.strip()]
    fields.update(
        recommended=args.recommended,
        quick_revision=args.quick_revision,
        authors=args.authors or hints.get("authors"),
        year=args.year,
    )

    resource_id = args.id or slug(fields["title"])
    path = args.root / RESOURCES_DIR / f"{resource_id}.yml"
    if path.exists():
        print(f"error: {path.relative_to(args.root)} already exists — choose another --id", file=sys.stderr)
        return 1
    path.write_text(render_resource(fields), encoding="utf-8")
    shown = path.relative_to(args.root).as_posix()
    print(f"wrote {shown}")
    try:
        load_dataset(args.root)
    except DatasetError as err:
        mine = [p for p in err.problems if p.path == shown]
        for problem in mine or err.problems:
            print(problem)
        print(f"\nFix the problem(s) above in {shown}, then run `make validate`.", file=sys.stderr)
        return 1
    print("The dataset validates. Preview it with `make serve`, then open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

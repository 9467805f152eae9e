#!/usr/bin/env python3
"""Scaffold a new resource file from a URL: guess what can be guessed, ask for the rest, validate the result.

    make new URL=https://arxiv.org/abs/1706.03762            # asks for anything missing
    scripts/new_resource.py --url URL --title T --topics nlp --description "…" --yes   # no questions

Exit status: 0 when the file was written and the dataset validates, 1 when the URL is already in the dataset or
the new file has problems, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import codecs
import http.client
import json
import os
import re
import socket
import ssl
import sys
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import urlpolicy
from macros.dataset import RESOURCES_DIR, SCHEMA_DIR, DatasetError, load_dataset, read_raw
from macros.source import printable
from macros.urlpolicy import normalise_url, url_problem

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
KEBAB_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
FETCH_DEADLINE = 8.0  # seconds for the whole fetch: connections, redirects and reading, together
FETCH_MAX_BYTES = 256 * 1024
MAX_REDIRECTS = 5
ANSI_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\\\)|[@-Z\\-_])")
# Where `fetch_title` resolves names and which addresses it refuses; the tests point these at a local server.
RESOLVER = socket.getaddrinfo
ADDRESS_PROBLEM = urlpolicy.address_problem


def clean_text(text: object) -> str:
    """One line of plain text from a page or a flag: ANSI sequences, control, bidi and zero-width characters
    removed, whitespace runs collapsed."""
    value = ANSI_ESCAPE.sub("", str(text))
    value = "".join(" " if char.isspace() else char for char in value)
    value = "".join(char for char in value if unicodedata.category(char) not in ("Cc", "Cf", "Co", "Cs", "Cn"))
    return " ".join(value.split())


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


class FetchError(Exception):
    """The page could not be fetched within the rules (public hosts, deadline, size); the message says why."""


def _connection(url: str, deadline: float) -> http.client.HTTPConnection:
    """A connection to the host of `url`, opened to an address checked to be public (the same address is used,
    so a name cannot resolve to something else between the check and the connection)."""
    parts = urlsplit(url)
    port = parts.port or urlpolicy.DEFAULT_PORTS[parts.scheme]
    try:
        infos = RESOLVER(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise FetchError(f"host '{parts.hostname}' cannot be resolved ({err})") from None
    if not infos:
        raise FetchError(f"host '{parts.hostname}' has no address")
    for info in infos:
        reason = ADDRESS_PROBLEM(info[4][0])
        if reason:
            raise FetchError(f"host '{parts.hostname}' resolves to {reason} — not fetched")
    address = infos[0][4][:2]
    remaining = max(0.1, deadline - time.monotonic())
    sock = socket.create_connection(address, timeout=remaining)
    if parts.scheme == "https":
        sock = ssl.create_default_context().wrap_socket(sock, server_hostname=parts.hostname)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, port, timeout=remaining)  # the right default port for the Host header
    connection.sock = sock
    return connection


def _charset(content_type: str, head: bytes) -> str:
    """The declared charset (Content-Type header, else a <meta> in the page), if Python knows it; else UTF-8."""
    found = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type) or re.search(
        rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", head[:4096], re.IGNORECASE
    )
    name = found.group(1) if found else "utf-8"
    name = name.decode("ascii") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"


def fetch_page(url: str, deadline_s: float = FETCH_DEADLINE, max_bytes: int = FETCH_MAX_BYTES) -> tuple[str, str]:
    """(final URL, HTML text) of a public page, with one deadline for the whole fetch, at most `max_bytes`
    read, and every redirect checked by the same URL rule as the dataset. Raises FetchError."""
    deadline = time.monotonic() + deadline_s
    for _hop in range(MAX_REDIRECTS + 1):
        reason = url_problem(url)
        if reason:
            raise FetchError(f"not fetched: {reason}")
        parts = urlsplit(url)
        try:
            connection = _connection(url, deadline)
            sock = connection.sock  # http.client lets go of it once the response is read to the end
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", target, headers={"User-Agent": "ml-interview-playbook-new/1.0"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location").strip())
                connection.close()
                continue
            if response.status != 200:
                raise FetchError(f"the page answered {response.status}")
            content_type = response.getheader("Content-Type", "")
            if "html" not in content_type:
                raise FetchError(f"the page is not HTML ({content_type or 'no Content-Type'})")
            body = bytearray()
            while len(body) <= max_bytes:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchError(f"the page did not arrive within {deadline_s:.0f} s")
                sock.settimeout(remaining)
                chunk = response.read1(min(16_384, max_bytes + 1 - len(body)))
                if not chunk:
                    break
                body += chunk
            connection.close()
            return url, bytes(body[:max_bytes]).decode(_charset(content_type, bytes(body)), errors="replace")
        except TimeoutError:
            raise FetchError(f"the page did not arrive within {deadline_s:.0f} s") from None
        except (OSError, http.client.HTTPException, ValueError) as err:
            raise FetchError(f"the page could not be read ({type(err).__name__})") from None
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def fetch_title(url: str, deadline_s: float = FETCH_DEADLINE) -> str | None:
    """The page's <title>, cleaned, or None if it cannot be had. Only the title: descriptions are ours to write."""
    try:
        _final, text = fetch_page(url, deadline_s)
    except FetchError as err:
        print(f"note: title not read — {printable(err)}", file=sys.stderr)
        return None
    reader = _TitleReader()
    try:
        reader.feed(text)
    except (AssertionError, ValueError):
        return None
    title = clean_text(reader.title or "")
    return title[:120].strip() or None


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
    """The file text in the dataset's usual shape and key order; every value is written by the YAML emitter."""

    def emit(key: str, value: object, width: int = 10_000) -> str:
        return yaml.safe_dump({key: value}, default_flow_style=False, width=width, allow_unicode=True)

    parts = [SCHEMA_LINE + "\n"]
    for key in ("title", "url", "type"):
        parts.append(emit(key, str(fields[key])))
    topics = yaml.safe_dump([str(t) for t in fields["topics"]], default_flow_style=True, width=10_000)
    parts.append(f"topics: {topics}")  # a flow list on one line, as in the hand-written files
    for key in ("cost", "level"):
        parts.append(emit(key, str(fields[key])))
    parts.append(emit("recommended", bool(fields["recommended"])))
    if fields.get("quick_revision"):
        parts.append(emit("quick_revision", True))
    if fields.get("authors"):
        parts.append(emit("authors", str(fields["authors"])))
    if fields.get("year"):
        parts.append(emit("year", int(fields["year"])))
    parts.append(emit("description", " ".join(str(fields["description"]).split()), width=110))
    return "".join(parts)


def resource_path(root: Path, resource_id: str) -> tuple[Path | None, str | None]:
    """Where the resource file goes, or why it cannot: the id is kebab-case and the file lands in data/resources/."""
    if not resource_id:
        return None, "the title has no letters or digits to make an id from — pass --id some-name"
    if len(resource_id) > MAX_ID_LENGTH or not KEBAB_ID.match(resource_id):
        return None, (
            f"--id '{printable(resource_id)[:80]}' must be kebab-case (lowercase letters, digits and single hyphens, "
            f"at most {MAX_ID_LENGTH} characters), e.g. 'dive-into-deep-learning'"
        )
    folder = root / RESOURCES_DIR
    if folder.is_symlink() or not folder.is_dir():
        return None, f"{RESOURCES_DIR}/ is missing or is a symbolic link — restore the folder"
    path = folder / f"{resource_id}.yml"
    if path.resolve().parent != folder.resolve():
        return None, f"--id '{resource_id}' would write outside {RESOURCES_DIR}/"
    return path, None


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; never follows a link or replaces an existing file (FileExistsError)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o644)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", closefd=False) as handle:
            handle.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)


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
        print(f"error: {printable(reason)}", file=sys.stderr)
        return 2
    key = normalise_url(url)
    for source in raw.resources.values():
        if (
            isinstance(source.value, dict)
            and isinstance(source.value.get("url"), str)
            and normalise_url(source.value["url"]) == key
        ):
            print(
                f"error: this URL is already in the dataset: {printable(source.path)} — edit that file instead",
                file=sys.stderr,
            )
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
        given = clean_text(given) if given else given
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
    fields["title"] = clean_text(fields["title"])
    fields["description"] = clean_text(fields["description"])
    fields["topics"] = [clean_text(t) for t in str(fields["topics"]).split(",") if clean_text(t)]
    fields.update(
        recommended=args.recommended,
        quick_revision=args.quick_revision,
        authors=clean_text(args.authors or hints.get("authors") or "") or None,
        year=args.year,
    )

    resource_id = args.id if args.id is not None else slug(fields["title"])
    path, reason = resource_path(args.root, resource_id)
    if path is None:
        print(f"error: {reason}", file=sys.stderr)
        return 2
    shown = path.relative_to(args.root).as_posix()
    try:
        write_new(path, render_resource(fields))
    except FileExistsError:
        print(f"error: {shown} already exists — choose another --id", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: cannot write {shown} ({err.strerror})", file=sys.stderr)
        return 1
    print(f"wrote {shown}")
    try:
        load_dataset(args.root)
    except DatasetError as err:
        mine = [p for p in err.problems if p.path == shown]
        for problem in mine or err.problems:
            print(problem)
        if mine:
            path.unlink(missing_ok=True)
            print(f"\n{shown} was not kept. Run `make new` again with the problem(s) above fixed.", file=sys.stderr)
        else:
            print(f"\n{shown} is valid, but the dataset has the problem(s) above.", file=sys.stderr)
        return 1
    print("The dataset validates. Preview it with `make serve`, then open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

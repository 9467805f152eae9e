"""Pages that cannot be poisoned: a site built from hostile data, with validation skipped, shows the hostile
text as text. No script runs, no event handler or javascript:/data: link appears, no template is evaluated.

Every text field of every data kind is poisoned — rounds, topics, resources, questions, ladders, cases, the
worksheet and the rubric — with HTML, Jinja, javascript:/data: links, attribute lists, images, autolinks,
reference definitions and blank lines that would end an HTML block and drop the rest into Markdown."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros import search
from tests.conftest import ROOT, build_site, copy_project

# Each payload is harmless if escaped; each marker appears in the output only if the payload was executed.
PAYLOAD = (
    '<script>alert("XSS-MARKER")</script><img src=x onerror=alert(1)>'
    '{{ "PWN" ~ "ED" }}{% if true %}J1NJA-{{ 6 * 7 }}{% endif %}'
    '[click](javascript:alert(1)) <a href="javascript:alert(2)">a</a> '
    "[d](data:text/html;base64,PHNjcmlwdD4=) [loop](http://127.0.0.1/admin) <javascript:alert(4)> "
    "![pixel](https://tracker.example.com/px.png) {: .xss-attr-marker #xss-id-marker onmouseover=alert(5) }"
    "\n\n[ref][r] ![i][r]\n\n[r]: javascript:alert(6)\n\n"
    "# XSSHEADING {: onclick=alert(7) }\n\n<details open ontoggle=alert(8)>\n\n"
)
EVALUATED_MARKERS = ("PWNED", "J1NJA-42")
HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://example.org/"><script>alert("XSS-MARKER")</script>',
    "https://example.org/' onmouseover='alert(1)",
    "vbscript:msgbox(1)",
]


# Keys whose values are ids or enumerations: poisoning them would only unlink the content, not test rendering.
ID_KEYS = ("id", "round", "type", "cost", "level", "tier", "rarity", "taken_from", "topic", "resources", "difficulty")
PRACTICE = ("questions", "ladders", "cases")


def poison(value, key=""):
    if isinstance(value, str) and key not in ID_KEYS:
        return PAYLOAD + value
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("poisoned"), data=False)
    for case_page in (project / "docs" / "system-design" / "cases").glob("*.md"):
        if case_page.name != "index.md":
            case_page.unlink()  # no cases in this dataset, so no case pages
    (project / "data" / "topics").mkdir()
    (project / "data" / "resources").mkdir()
    rounds = yaml.safe_load((ROOT / "data" / "rounds.yml").read_text(encoding="utf-8"))
    (project / "data" / "rounds.yml").write_text(yaml.safe_dump(poison(rounds)), encoding="utf-8")
    topic_ids = []
    for path in sorted((ROOT / "data" / "topics").glob("*.yml")):
        topic = yaml.safe_load(path.read_text(encoding="utf-8"))
        (project / "data" / "topics" / path.name).write_text(yaml.safe_dump(poison(topic)), encoding="utf-8")
        topic_ids.append(path.stem)
    for number, url in enumerate([*HOSTILE_URLS, "https://example.org/safe"]):
        resource = {
            "title": f"Resource {number}",
            "url": url,
            "type": "course",
            "topics": topic_ids,
            "cost": "free",
            "level": "beginner",
            "recommended": number % 2 == 0,
            "quick_revision": True,
            "description": "A description.",
            "authors": "Someone",
        }
        resource = poison(resource)
        resource["url"] = url
        (project / "data" / "resources" / f"hostile-{number}.yml").write_text(
            yaml.safe_dump(resource), encoding="utf-8"
        )
    for folder in PRACTICE:
        (project / "data" / folder).mkdir()
        for path in sorted((ROOT / "data" / folder).glob("*.yml")):
            document = poison(yaml.safe_load(path.read_text(encoding="utf-8")))
            if folder == "questions":  # cite the hostile resources, so their titles render next to answers
                for item in document["questions"]:
                    item["resources"] = ["hostile-0", "hostile-7"]
            (project / "data" / folder / path.name).write_text(yaml.safe_dump(document), encoding="utf-8")
    for name in ("worksheet.yml", "rubric.yml"):
        document = poison(yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8")))
        (project / "data" / name).write_text(yaml.safe_dump(document), encoding="utf-8")
    # The link checker's state holds text from remote servers: poison it too (it is valid per its schema).
    state = {
        "version": 1,
        "updated_at": "2026-11-20T06:00:00Z",
        "urls": {
            url: {
                "verdict": "dead" if number % 2 else "failing",
                "checked_at": "2026-11-20T06:00:00Z",
                "detail": PAYLOAD,
                "suspect": True,
                "first_failure_at": "2026-11-18T06:00:00Z",
                "archive_url": HOSTILE_URLS[number % len(HOSTILE_URLS)],
                "final_url": PAYLOAD,
            }
            for number, url in enumerate([*HOSTILE_URLS, "https://example.org/safe"])
        },
    }
    (project / "state").mkdir()
    (project / "state" / "link-health.json").write_text(json.dumps(state), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site, env={"PLAYBOOK_UNSAFE_SKIP_VALIDATION": "1"})
    assert result.returncode == 0, f"the poisoned build failed:\n{result.stdout}\n{result.stderr}"
    return site


class _Audit(HTMLParser):
    """Collects everything in a page that could run code."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…> event handler")
            if (
                name in ("href", "src", "action", "formaction", "xlink:href")
                and re.match(r"(javascript|data|vbscript):", value)
                and value != "javascript:void(0)"
            ):  # Material's own search-reset link
                self.findings.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            self._script = []
            self._script_type = dict(attrs).get("type") or "text/javascript"
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.findings.append(f"<{tag}> element")
        found = dict(attrs)
        if tag == "img" and re.match(r"(https?:)?//", (found.get("src") or "").strip()):
            self.findings.append(f"<img src={found['src'][:40]}> loads from another site")
        if tag == "details" and "open" in found and "ontoggle" in str(attrs):
            self.findings.append("<details ontoggle> from data")
        if "xss-attr-marker" in (found.get("class") or "") or found.get("id") == "xss-id-marker":
            self.findings.append(f"<{tag}> carries attributes written in data")
        if tag == "a" and "127.0.0.1/admin" in (found.get("href") or ""):
            self.findings.append("<a> links a non-public address from data")
        if tag.startswith("h") and tag[1:].isdigit():
            self._heading = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if getattr(self, "_heading", False) and data.strip().startswith("XSSHEADING"):
            self.findings.append("a heading written in data")
        self._heading = False
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            content = "".join(self._script)
            if self._script_type == "application/json":
                # Inert data, but it must not be able to close its element or open another.
                if "<" in content:
                    self.findings.append("JSON <script> holding a raw '<'")
            elif "XSS-MARKER" in content:
                self.findings.append("<script> with the payload")
            self._script = None


def test_poisoned_data_renders_as_text(poisoned_site):
    pages = sorted(poisoned_site.rglob("*.html"))
    assert len(pages) > 30
    problems = []
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        audit = _Audit()
        audit.feed(html)
        problems += [f"{page.relative_to(poisoned_site)}: {finding}" for finding in audit.findings]
        problems += [
            f"{page.relative_to(poisoned_site)}: template evaluated ({m})" for m in EVALUATED_MARKERS if m in html
        ]
        shown += html.count("&lt;script&gt;alert(")
    assert problems == []
    assert shown > 100, "the payload should be visible, escaped, on the pages"


# Pages and the data kind whose every field they show; the payload must be visible there, escaped.
KIND_PAGES = [
    pytest.param("depth/kit/index.html", 40, id="worksheet-and-ladders"),
    pytest.param("system-design/cases/index.html", 40, id="cases"),
    pytest.param("system-design/rubric/index.html", 15, id="rubric"),
    pytest.param("breadth/nlp/index.html", 30, id="topic-and-questions"),
    pytest.param("index.html", 4, id="rounds"),
    pytest.param("resources/index.html", 16, id="resources"),
    pytest.param("about/link-health/index.html", 7, id="link-state"),
]


@pytest.mark.parametrize(("page", "minimum"), KIND_PAGES)
def test_every_kind_shows_its_poisoned_fields_as_text(poisoned_site, page, minimum):
    html = (poisoned_site / page).read_text(encoding="utf-8")
    assert html.count("&lt;script&gt;alert(") >= minimum, page
    assert "xss-attr-marker" in html  # shown as text …
    assert 'class="xss-attr-marker' not in html and 'src="https://tracker.example.com' not in html  # … never applied


def test_hostile_urls_never_become_links(poisoned_site):
    html = (poisoned_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert html.count('href="https://example.org/safe"') == 1
    for url in HOSTILE_URLS:
        assert f'href="{url}"' not in html


def test_search_index_holds_no_markup_from_data(poisoned_site):
    index = search.read_index(poisoned_site)
    for doc in index["docs"]:
        for field in [name for name, value in doc.items() if isinstance(value, str)]:
            assert "<script" not in doc[field].lower(), (doc["location"], field)
            assert "onerror=" not in doc[field].replace("onerror=alert", "") or "&lt;img" in doc[field], doc["location"]


def test_a_bad_state_file_fails_the_build_with_its_name_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "badstate")
    url = yaml.safe_load(next((ROOT / "data" / "resources").glob("*.yml")).read_text(encoding="utf-8"))["url"]
    (project / "state").mkdir()
    state = {"urls": {url: {"verdict": "ok", "checked_at": 12345}}}
    (project / "state" / "link-health.json").write_text(json.dumps(state), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert f"state/link-health.json:1: link state entry for {url}: checked_at: 12345 is not valid (type)" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_the_card_data_holds_only_web_links_and_sanitised_markup(poisoned_site):
    """resources/cards.json: what the page script builds cards from (as text) when they are not in the HTML."""
    data = json.loads((poisoned_site / "resources" / "cards.json").read_text(encoding="utf-8"))
    assert len(data["cards"]) == len(HOSTILE_URLS) + 1
    assert [card["url"] for card in data["cards"]].count("https://example.org/safe") == 1
    assert {card["url"] for card in data["cards"]} == {"https://example.org/safe", None}
    assert all(card["link"]["archive"] in (None, "https://example.org/safe") for card in data["cards"] if card["link"])
    assert any(card["title"].startswith(PAYLOAD) for card in data["cards"]), "data text travels as text"

    def walk(children):
        for child in children:
            if isinstance(child, list):
                tag, attrs = child[0], child[1]
                assert tag in data["markup"]["elements"] or tag in data["markup"]["mathml"], tag
                assert all(not name.startswith("on") for name in attrs), attrs
                assert re.match(r"(https?://|\.\./)", attrs.get("href", "https://")), attrs
                walk(child[2:])

    assert data["questions"]
    for href, tree in data["questions"].values():
        assert href.startswith("../") and ":" not in href.split("#")[0]
        walk(tree)


def test_bad_search_names_fail_the_build_with_the_page_and_the_fix(tmp_path):
    project = copy_project(tmp_path / "badnames")
    faq = project / "docs" / "faq.md"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(
        re.sub(r"^search_names: .*$", "search_names: [faq, <script>alert(1)</script>]", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "docs/faq.md: search name '<script>alert(1)</script>' must be one to six lower-case words" in result.stderr
    assert "Traceback" not in result.stderr

"""Pages that cannot be poisoned: a site built from hostile data, with validation skipped, shows the hostile
text as text. No script runs, no event handler or javascript:/data: link appears, no template is evaluated."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, build_site, copy_project

# Each payload is harmless if escaped; each marker appears in the output only if the payload was executed.
PAYLOAD = (
    '<script>alert("XSS-MARKER")</script><img src=x onerror=alert(1)>'
    '{{ "PWN" ~ "ED" }}{% if true %}J1NJA-{{ 6 * 7 }}{% endif %}'
    '[click](javascript:alert(1)) <a href="javascript:alert(2)">a</a> '
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


def poison(value, key=""):
    if isinstance(value, str) and key not in ("id", "round", "type", "cost", "level", "tier", "rarity", "taken_from"):
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
        if tag in ("iframe", "object", "embed", "img") and tag != "img":
            self.findings.append(f"<{tag}> element")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_data(self, data):
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


def test_hostile_urls_never_become_links(poisoned_site):
    html = (poisoned_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert html.count('href="https://example.org/safe"') == 1
    for url in HOSTILE_URLS:
        assert f'href="{url}"' not in html


def test_search_index_holds_no_markup_from_data(poisoned_site):
    index = json.loads((poisoned_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert "<script" not in doc[field].lower(), (doc["location"], field)
            assert "onerror=" not in doc[field].replace("onerror=alert", "") or "&lt;img" in doc[field], doc["location"]

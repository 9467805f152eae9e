"""The link checker's findings on the built site: each card says when its link was checked and what was found,
a dead link offers its archived copy, and the Link health page counts states and lists problems."""

from __future__ import annotations

import json

import pytest

from macros.dataset import load_dataset
from tests.build.htmlpage import read_page
from tests.conftest import ROOT, build_site, copy_project

ARCHIVE = "https://web.archive.org/web/20260101000000/https://example.org/old"


@pytest.fixture(scope="module")
def site_with_state(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("links"))
    resources = list(load_dataset(ROOT).resources.values())
    dead, moved, fine = resources[0], resources[1], resources[2]
    state = {
        "version": 1,
        "updated_at": "2026-11-20T06:00:00Z",
        "urls": {
            dead.url: {
                "verdict": "dead",
                "checked_at": "2026-11-20T06:00:00Z",
                "http_status": 404,
                "detail": "404 Not Found",
                "first_failure_at": "2026-11-18T06:00:00Z",
                "archive_url": ARCHIVE,
            },
            moved.url: {
                "verdict": "redirected",
                "checked_at": "2026-11-20T06:00:00Z",
                "http_status": 200,
                "detail": "redirected to https://elsewhere.example/",
                "suspect": True,
            },
            fine.url: {"verdict": "ok", "checked_at": "2026-11-20T06:00:00Z", "http_status": 200, "detail": "200 OK"},
            "https://no-longer-in-the-dataset.example/": {"verdict": "dead", "checked_at": "2026-11-20T06:00:00Z"},
        },
    }
    (project / "state").mkdir()
    (project / "state" / "link-health.json").write_text(json.dumps(state), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site, dead, moved, fine


def test_cards_show_the_check(site_with_state):
    site, dead, _, _ = site_with_state
    html = (site / "resources" / "index.html").read_text(encoding="utf-8")
    card = html[html.index(f'id="res-{dead.id}"') :]
    card = card[: card.index("</div>")]
    assert "✗ Link dead since 2026-11-18 · checked 2026-11-20" in card
    assert f'<a href="{ARCHIVE}" rel="noopener">archived copy</a>' in card
    assert "⚠ Link now redirects elsewhere · checked 2026-11-20" in html
    assert "✓ Link OK · checked 2026-11-20" in html


def test_link_health_page_counts_and_lists_problems(site_with_state):
    site, dead, moved, fine = site_with_state
    page = read_page(site / "about" / "link-health" / "index.html")
    assert "Last full check: 2026-11-20 06:00 UTC" in page.text
    html = (site / "about" / "link-health" / "index.html").read_text(encoding="utf-8")
    assert "ok: 1. redirected: 1. failing: 0. dead: 1. transient: 0. tls: 0. legal: 0. blocked: 0." in html
    hrefs = {link["href"] for link in page.links}
    assert f"../../resources/#res-{dead.id}" in hrefs and f"../../resources/#res-{moved.id}" in hrefs
    assert f"../../resources/#res-{fine.id}" not in hrefs
    assert ARCHIVE in hrefs
    assert "no-longer-in-the-dataset" not in html


def test_real_site_without_state_says_no_check_yet(built_site):
    page = read_page(built_site / "about" / "link-health" / "index.html")
    assert "No check has run yet" in page.text

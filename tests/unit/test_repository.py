"""Repository hygiene that tools do not check for us: workflow hardening, and issue forms that match the schema."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(path):
    # PyYAML reads the key `on` as True; read it back by name.
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in document.items()}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_hardened(path):
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {}, "top-level permissions must be empty; grant per job"
    assert "concurrency" in workflow
    assert "pull_request_target" not in workflow["on"]
    for name, job in workflow["jobs"].items():
        assert "timeout-minutes" in job, name
        assert "permissions" in job, name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
    for line in re.findall(r"uses:\s*(\S+.*)", text):
        assert re.match(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), f"unpinned: {line}"


def test_issue_form_matches_the_schema_and_topics():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-resource.yml").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "data" / "schema" / "resource.schema.json").read_text(encoding="utf-8"))
    options = {item["id"]: item["attributes"].get("options") for item in form["body"] if "id" in item}
    for field in ("type", "cost", "level"):
        assert options[field] == schema["properties"][field]["enum"], field
    topics = sorted(p.stem for p in (ROOT / "data" / "topics").glob("*.yml"))
    assert sorted(options["topics"]) == topics


def test_dependabot_watches_every_pinned_ecosystem():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    watched = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert watched == {("pip", "/"), ("github-actions", "/"), ("npm", "/"), ("npm", "/bench/lighthouse")}


def test_requirements_are_pinned_with_hashes():
    for name in ("requirements.txt", "requirements-dev.txt"):
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        packages = [line for line in lines if re.match(r"^[A-Za-z0-9]", line)]
        assert packages and all(re.match(r"^[A-Za-z0-9_.-]+==[^\s]+ \\$", line) for line in packages), name
        assert sum("--hash=sha256:" in line for line in lines) >= len(packages)
    assert re.search(r"^mkdocs==1\.", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)

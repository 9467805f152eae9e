"""macros.cache: the dataset is reused between rebuilds while no input changed, and reloaded when one did."""

from __future__ import annotations

import pytest

from macros import cache
from macros.dataset import DatasetError
from macros.hooks import REUSE_DATASET_ENV


@pytest.fixture(autouse=True)
def serving(monkeypatch):
    """As in `make serve` (macros/hooks.py sets it at start-up; an earlier build in this process may not have)."""
    monkeypatch.setenv(REUSE_DATASET_ENV, "1")


def test_a_one_off_build_loads_without_hashing_its_inputs_and_reuses_nothing(mini, monkeypatch):
    first = cache.load_dataset_cached(mini)
    monkeypatch.setenv(REUSE_DATASET_ENV, "0")
    monkeypatch.setattr(cache, "fingerprint", lambda *args: pytest.fail("a one-off build hashed its inputs"))
    second = cache.load_dataset_cached(mini)
    assert second is not first and cache.load_dataset_cached(mini) is not second
    assert not cache.is_derived("exports")


def test_unchanged_inputs_reuse_the_loaded_dataset(mini):
    first = cache.load_dataset_cached(mini)
    assert cache.load_dataset_cached(mini) is first
    assert cache.derived("exports", lambda: {"n": len(first.resources)}) is cache.derived("exports", dict)


def test_an_edited_data_file_loads_afresh(mini):
    first = cache.load_dataset_cached(mini)
    exports = cache.derived("exports", lambda: {"n": 1})
    path = mini / "data" / "resources" / "book-a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    second = cache.load_dataset_cached(mini)
    assert second is not first
    assert second.resources["book-a"].title.startswith("Edited ")
    assert cache.derived("exports", lambda: {"n": 2}) is not exports  # derived values go with their dataset


def test_a_page_added_under_docs_is_an_input(mini):
    first = cache.load_dataset_cached(mini)
    (mini / "docs" / "alpha" / "orphan.md").write_text("{{ topic_page() }}\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="page has no topic 'orphan'"):
        cache.load_dataset_cached(mini)
    assert cache.load_dataset_cached(mini, validate=False) is not first


def test_problems_are_reported_every_time_and_never_kept(mini):
    path = mini / "data" / "topics" / "one.yml"
    path.write_text(path.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DatasetError, match="unknown_field"):
            cache.load_dataset_cached(mini)


def test_fingerprint_follows_contents_not_timestamps(mini):
    before = cache.fingerprint(mini)
    path = mini / "data" / "rounds.yml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # touched, same bytes
    assert cache.fingerprint(mini) == before
    assert cache.fingerprint(mini, validate=False) != before

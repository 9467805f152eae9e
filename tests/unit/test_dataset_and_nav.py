"""macros.dataset indexes and macros.nav: what pages are built from."""

import pytest

from macros.dataset import load_dataset
from macros.nav import NavError, add_topics_to_nav


def test_indexes(mini):
    ds = load_dataset(mini)
    assert [t.id for t in ds.topics_by_round["alpha"]] == ["one", "two"]
    assert ds.topics_by_round["gamma"] == ()
    assert [r.id for r in ds.rounds_by_resource["paper-c"]] == ["alpha", "beta"]
    assert list(ds.resources) == sorted(ds.resources, key=lambda i: ds.resources[i].title.casefold())
    assert ds.round("gamma").share_label == "0–10%" and ds.round("alpha").share_label == "~60%"
    with pytest.raises(KeyError):
        ds.round("delta")


def test_nav_appends_topics_under_their_round(mini):
    ds = load_dataset(mini)
    nav = [
        {"Home": "index.md"},
        {"Alpha": ["alpha/index.md"]},
        {"Beta": ["beta/index.md"]},
        {"Gamma": ["gamma/index.md"]},
        {"FAQ": "faq.md"},
    ]
    result = add_topics_to_nav(nav, ds)
    assert result[1] == {"Alpha": ["alpha/index.md", {"Topic One": "alpha/one.md"}, {"Topic Two": "alpha/two.md"}]}
    assert result[2] == {"Beta": ["beta/index.md", {"Topic Three": "beta/three.md"}]}
    assert result[0] == nav[0] and result[4] == nav[4]
    assert nav[1] == {"Alpha": ["alpha/index.md"]}, "the input nav must not be modified"


def test_nav_without_a_round_section_is_an_error(mini):
    ds = load_dataset(mini)
    with pytest.raises(NavError, match="no section for round\\(s\\) beta, gamma"):
        add_topics_to_nav([{"Alpha": ["alpha/index.md"]}], ds)

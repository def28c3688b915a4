"""The user cache of tables worked out from the data files (cleaner.datafiles.cached): what it
serves is what reading the data gives, and it is never required."""
from __future__ import annotations

import pytest

from cleaner import datafiles
from cleaner.spacing import evidence, lexicon


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_kept_table_is_served_only_under_the_same_sources(cache) -> None:
    built = []

    def build():
        built.append(1)
        return {"form": frozenset({"a"}), "rank": (1, 2.5, None)}

    first = datafiles.cached("t", ["data v1"], build)
    assert datafiles.cached("t", ["data v1"], build) == first and len(built) == 1
    assert datafiles.cached("t", ["data v2"], build) == first and len(built) == 2  # an edited file: built again
    assert len(list(cache.glob("t-*.marshal"))) == 2


def test_a_damaged_or_unwritable_cache_costs_only_the_time(cache, monkeypatch) -> None:
    datafiles.cached("t", ["x"], lambda: [1, 2, 3])
    (kept,) = cache.glob("t-*.marshal")
    kept.write_bytes(b"\x00not marshal")
    assert datafiles.cached("t", ["x"], lambda: [1, 2, 3]) == [1, 2, 3]
    assert datafiles.cached("t", ["x"], lambda: "not built") == [1, 2, 3]  # written anew
    blocked = cache / "a file"
    blocked.write_text("")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocked / "cache"))  # cannot be made, even by root
    assert datafiles.cached("t", ["y"], lambda: "built") == "built"
    assert datafiles.cached("t", ["y"], lambda: "built again") == "built again"


def test_the_cached_lexicon_is_the_one_read_from_the_word_lists(cache) -> None:
    fresh = (lexicon._read_words(), lexicon._read_dictionary(), evidence._read_frequent())
    tables = (lexicon.words, lexicon._dictionary, evidence._frequent)
    for table in tables:
        table.cache_clear()
    try:
        assert (lexicon.words(), lexicon._dictionary(), evidence._frequent()) == fresh  # built, then kept
        assert {p.name.split("-")[1] for p in cache.glob("spacing-*.marshal")} == {"words", "morphemes", "frequent"}
        for table in tables:
            table.cache_clear()
        assert (lexicon.words(), lexicon._dictionary(), evidence._frequent()) == fresh  # from the cache
    finally:
        for table in tables:
            table.cache_clear()

"""The user cache of tables worked out from the data files (cleaner.datafiles.cached): what it
serves is what reading the data gives, and it is never required."""
from __future__ import annotations

import pytest

from cleaner import datafiles, rules
from cleaner.spacing import evidence, lexicon


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_kept_table_is_served_only_under_the_same_sources(cache) -> None:
    built = []

    def build():
        built.append(1)
        return {"form": ["a", "b"], "rank": [1, 2.5, None]}

    first = datafiles.cached("t", ["data v1"], build)
    assert datafiles.cached("t", ["data v1"], build) == first and len(built) == 1
    assert datafiles.cached("t", ["data v2"], build) == first and len(built) == 2  # an edited file: built again
    datafiles.cached("u", ["data v1"], build)
    # the table of the old file is gone (one copy per table is kept, not one per edit); others stay
    assert len(list(cache.glob("t-*.json"))) == 1 and len(list(cache.glob("u-*.json"))) == 1


def test_a_damaged_or_unwritable_cache_costs_only_the_time(cache, monkeypatch) -> None:
    def revive(kept):
        return tuple(kept["n"])

    assert datafiles.cached("t", ["x"], lambda: {"n": [1, 2, 3]}, revive) == (1, 2, 3)
    (kept,) = cache.glob("t-*.json")
    for damage in ("{not json", '{"m": 1}', "[1]"):  # cut short, or not what this code keeps
        kept.write_text(damage)
        assert datafiles.cached("t", ["x"], lambda: {"n": [1, 2, 3]}, revive) == (1, 2, 3)
    assert datafiles.cached("t", ["x"], lambda: "not built", revive) == (1, 2, 3)  # written anew
    blocked = cache / "a file"
    blocked.write_text("")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocked / "cache"))  # cannot be made, even by root
    assert datafiles.cached("t", ["y"], lambda: "built") == "built"
    assert datafiles.cached("t", ["y"], lambda: "built again") == "built again"


def _lexicon_read_directly():
    """The lexicon's tables read straight from the word lists (how they were read before the
    cache): the oracle the cached tables must equal."""
    words = {}
    for entry in datafiles.data_entries("ko/spacing_lexicon.txt"):
        word, _, zipf = entry.partition("\t")
        words[word] = float(zipf)
    classes, ranks = {}, {}
    for entry in datafiles.data_entries("ko/spacing_morphemes.tsv"):
        form, _, name = entry.partition("\t")
        classes.setdefault(name, set()).add(form)
        if name == "noun" and form not in ranks:
            ranks[form] = len(ranks)
    frequent = frozenset(w for w, zipf in words.items() if zipf >= evidence.LEXICON_MIN_ZIPF)
    frequent |= frozenset(w for w, rank in ranks.items() if len(w) > 2 or rank < evidence.SHORT_NOUN_RANK)
    prefixes = frozenset(w[:i] for w in frequent for i in range(1, len(w)))
    return words, {name: frozenset(forms) for name, forms in classes.items()}, ranks, (frequent, prefixes)


TABLES = (lexicon.words, lexicon._dictionary, lexicon.morphemes, lexicon.noun_ranks, evidence._frequent,
          rules._literal_table)


def test_the_cached_tables_are_the_ones_read_from_the_data(cache) -> None:
    expected = _lexicon_read_directly()
    literals = tuple(tuple(rules._pattern_literals(index)) for index in range(len(rules.RULES)))
    for table in TABLES:
        table.cache_clear()
    try:
        for source in ("built", "kept"):
            got = (lexicon.words(), lexicon.morphemes(), lexicon.noun_ranks(), evidence._frequent())
            assert got == expected, source
            assert rules._literal_table() == literals, source
            assert {p.name.rsplit("-", 1)[0] for p in cache.glob("*.json")} == {
                "spacing-words", "spacing-morphemes", "spacing-frequent", "rule-literals"}
            for table in TABLES:
                table.cache_clear()
    finally:
        for table in TABLES:
            table.cache_clear()

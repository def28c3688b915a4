"""The word lists the spacing stage reads: cleaner/data/ko/spacing_*.txt, loaded once.

Each list is a commented text file (one form per line, `#` starts a comment) so a reader can see
and change what the stage knows without reading code. `words()` is the shipped frequency list
(source and licence in its header). The two large lists (the frequency list and Kiwi's
dictionary, 55,000 entries) took 60-100 ms to read, more than the rest of a short run: what is
read from them is kept in the user cache directory (`datafiles.cached`), keyed by their text.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, FrozenSet, Iterator, List, Tuple

from cleaner.datafiles import cache_sources, cached, data_entries


def _entries(name: str) -> Iterator[str]:
    return data_entries(f"ko/{name}")


@lru_cache(maxsize=None)
def particles() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(forms that may start an orphan particle chain, forms that may only continue one)."""
    heads, tails = set(), set()
    for entry in _entries("spacing_particles.txt"):
        if entry.startswith("+"):
            tails.add(entry[1:])
        else:
            heads.add(entry)
    return frozenset(heads), frozenset(tails | heads)


@lru_cache(maxsize=None)
def endings() -> FrozenSet[str]:
    return frozenset(_entries("spacing_endings.txt"))


@lru_cache(maxsize=None)
def standalone() -> FrozenSet[str]:
    return frozenset(_entries("spacing_standalone.txt"))


@lru_cache(maxsize=None)
def bound_nouns() -> FrozenSet[str]:
    return frozenset(_entries("spacing_bound_nouns.txt"))


@lru_cache(maxsize=None)
def adverbs() -> FrozenSet[str]:
    return frozenset(_entries("spacing_adverbs.txt"))


@lru_cache(maxsize=None)
def suffixes() -> FrozenSet[str]:
    return frozenset(_entries("spacing_suffixes.txt"))


@lru_cache(maxsize=None)
def units() -> Dict[str, FrozenSet[str]]:
    """Units and counters written together with the numeral before them ("제4항", "1세대"):
    {"cardinal": after "1", "ordinal": after "제1"}, as spacing_units.txt marks them."""
    cardinal, ordinal = set(), set()
    for entry in _entries("spacing_units.txt"):
        if entry.startswith("+"):
            cardinal.add(entry[1:])
        elif entry.startswith("^"):
            ordinal.add(entry[1:])
        else:
            cardinal.add(entry)
            ordinal.add(entry)
    return {"cardinal": frozenset(cardinal), "ordinal": frozenset(ordinal)}


@lru_cache(maxsize=None)
def words() -> Dict[str, float]:
    """Word -> Zipf frequency (log10 occurrences per billion words)."""
    return cached("spacing-words", cache_sources(["ko/spacing_lexicon.txt"], __file__), _read_words)


def _read_words() -> Dict[str, float]:
    table: Dict[str, float] = {}
    for entry in _entries("spacing_lexicon.txt"):
        word, _, zipf = entry.partition("\t")
        table[word] = float(zipf)
    return table


@lru_cache(maxsize=None)
def morphemes() -> Dict[str, FrozenSet[str]]:
    """Class -> forms, from spacing_morphemes.tsv (Kiwi's dictionary; classes in its header):
    "noun", "ending", "prefinal", "suffix", "bound", "word1"."""
    return _dictionary()[0]


@lru_cache(maxsize=None)
def noun_ranks() -> Dict[str, int]:
    """Noun -> its frequency rank in Kiwi's dictionary (0 is the most frequent)."""
    return _dictionary()[1]


@lru_cache(maxsize=None)
def _dictionary() -> Tuple[Dict[str, FrozenSet[str]], Dict[str, int]]:
    return cached("spacing-morphemes", cache_sources(["ko/spacing_morphemes.tsv"], __file__), _read_dictionary,
                  _revive_dictionary)


def _read_dictionary() -> Tuple[Dict[str, List[str]], Dict[str, int]]:
    """(class -> forms, noun -> rank), in one reading of the file; the nouns are kept once, as
    the ranks' keys (a third of the table)."""
    classes: Dict[str, Dict[str, None]] = {}
    ranks: Dict[str, int] = {}
    for entry in _entries("spacing_morphemes.tsv"):
        form, _, name = entry.partition("\t")
        if name == "noun":
            if form not in ranks:
                ranks[form] = len(ranks)
        else:
            classes.setdefault(name, {})[form] = None
    return {name: list(forms) for name, forms in classes.items()}, ranks


def _revive_dictionary(kept: Tuple[Dict[str, List[str]], Dict[str, int]]):
    """(class -> forms, noun -> rank) as morphemes() and noun_ranks() give them."""
    classes, ranks = kept
    return {"noun": frozenset(ranks), **{name: frozenset(forms) for name, forms in classes.items()}}, ranks


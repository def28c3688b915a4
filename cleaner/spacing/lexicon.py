"""The word lists the spacing stage reads: cleaner/data/ko/spacing_*.txt, loaded once.

Each list is a commented text file (one form per line, `#` starts a comment) so a reader can see
and change what the stage knows without reading code. `words()` is the shipped frequency list
(source and licence in its header).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, FrozenSet, Iterator, Tuple

from cleaner.datafiles import data_entries


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
    table: Dict[str, float] = {}
    for entry in _entries("spacing_lexicon.txt"):
        word, _, zipf = entry.partition("\t")
        table[word] = float(zipf)
    return table


@lru_cache(maxsize=None)
def morphemes() -> Dict[str, FrozenSet[str]]:
    """Class -> forms, from spacing_morphemes.tsv (Kiwi's dictionary; classes in its header):
    "noun", "ending", "prefinal", "suffix", "bound", "word1"."""
    classes: Dict[str, set] = {}
    for entry in _entries("spacing_morphemes.tsv"):
        form, _, name = entry.partition("\t")
        classes.setdefault(name, set()).add(form)
    return {name: frozenset(forms) for name, forms in classes.items()}


@lru_cache(maxsize=None)
def noun_ranks() -> Dict[str, int]:
    """Noun -> its frequency rank in Kiwi's dictionary (0 is the most frequent)."""
    ranks: Dict[str, int] = {}
    for entry in _entries("spacing_morphemes.tsv"):
        form, _, name = entry.partition("\t")
        if name == "noun" and form not in ranks:
            ranks[form] = len(ranks)
    return ranks

"""cleaner.patterns.LazyPattern: used exactly as the compiled pattern it stands for."""
from __future__ import annotations

import pickle
import re

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner import chars, classify
from cleaner.patterns import LazyPattern


@given(st.text(max_size=60))
def test_a_lazy_pattern_answers_as_the_compiled_one(text: str) -> None:
    for lazy in (chars.LETTER, chars.WIDE, classify.SENTENCE_END, classify.LIST_ITEM):
        compiled = regex.compile(lazy.source, lazy.flags_given)
        assert lazy.findall(text) == compiled.findall(text)
        assert (lazy.search(text) is None) == (compiled.search(text) is None)
        assert lazy.sub("#", text) == compiled.sub("#", text)


def test_nothing_is_compiled_before_the_first_use_and_once_after() -> None:
    lazy = LazyPattern(r"\p{Hangul}+")
    assert lazy.compiled is None and "search" not in vars(lazy)
    assert lazy.search("abc 한글").group() == "한글"
    first = lazy.compiled
    assert first is not None and vars(lazy)["search"] == first.search  # bound: no lookup detour
    lazy.findall("한")
    assert lazy.compiled is first
    assert lazy.pattern == r"\p{Hangul}+" and lazy.flags == first.flags


def test_a_pickled_lazy_pattern_compiles_on_its_own_with_its_engine() -> None:
    for engine in (re, regex):
        lazy = LazyPattern("[a-z]+", re.IGNORECASE, engine)
        lazy.match("x")
        copy = pickle.loads(pickle.dumps(lazy))
        assert copy.compiled is None and copy.engine is engine
        assert copy.match("AbC").group() == "AbC"

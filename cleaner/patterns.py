"""Regular expressions compiled the first time they are used, not when their module is imported.

Every stage names its patterns at the top of its module, where a reader looks for them. Compiled
there, they would all be paid for by every process, whatever its input: a one-line text would
compile the HTML stage's patterns, and a short-lived `cleaner` command spends more time starting
than working. A `LazyPattern` is written where the compiled pattern was and used the same way;
it compiles on its first use and from then on hands out the compiled pattern's own methods.

>>> YEAR = LazyPattern(r"(\\d{4})년")
>>> YEAR.compiled is None          # nothing compiled yet
True
>>> YEAR.search("2024년 5월").group(1)
'2024'
>>> YEAR.sub("", "2024년 5월"), YEAR.pattern
(' 5월', '(\\\\d{4})년')

A pattern that needs nothing of `regex` (a plain character class) may name the standard `re`
as its engine, which matches such patterns faster:

>>> import re
>>> LazyPattern("[가-힣]+", engine=re).fullmatch("한글") is not None
True
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Optional

import regex

# The compiled pattern's methods, bound onto the LazyPattern once compiled, so a call after the
# first costs an ordinary attribute lookup (no __getattr__, no indirection).
_METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer")


class LazyPattern:
    """`engine.compile(pattern, flags)` (the `regex` module unless told), done on first use. Safe
    to share between threads (two first uses at once compile twice and keep either: the results
    are equal)."""

    def __init__(self, pattern: str, flags: int = 0, engine: ModuleType = regex):
        self.source = pattern
        self.flags_given = flags
        self.engine = engine
        self.compiled: Optional["regex.Pattern[str]"] = None

    def compile(self) -> "regex.Pattern[str]":
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self.compiled
        if compiled is None:
            compiled = self.engine.compile(self.source, self.flags_given)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self.compiled = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for what the instance does not have yet: the methods before the first
        # use, and the compiled pattern's other attributes (pattern, flags, groupindex ...).
        if name.startswith("__") or name in ("source", "flags_given", "engine", "compiled"):
            raise AttributeError(name)
        return getattr(self.compile(), name)

    def __reduce__(self):
        # pickled as its source: a copy compiles on its own first use
        return (_unpickle, (self.source, self.flags_given, self.engine.__name__))

    def __repr__(self) -> str:
        state = "compiled" if self.compiled is not None else "not compiled yet"
        return f"LazyPattern({self.source!r}, {self.flags_given!r}: {state})"


def _unpickle(source: str, flags: int, engine: str) -> LazyPattern:
    return LazyPattern(source, flags, importlib.import_module(engine))

"""Named, data-driven rules: which data file is applied how, and what a match means.

The patterns themselves live in `cleaner/data/<lang>/<name>.txt` (see data/README.md); this
table is the one place that says, for each file, whether it must match the whole block or may
match anywhere in it, up to which block length it applies, and which role a match plays in the
context pass:

  drop    the block is page furniture; nothing more follows from it
  widget  a widget header: what follows is a list of other articles (teasers), not this one
  end     an end-of-article marker (copyright, 무단 전재): the article is over
  date    a date line: dropped, and its date goes to the metadata
  byline  a reporter's byline: dropped; it sits next to the headline or at the article's end
  image   an image or video button ("이미지 확대보기"): dropped; the block after it is a caption

>>> match_rules("무단 전재 및 재배포 금지").name
'copyright'
>>> match_rules("정부가 새 정책을 발표했다고 밝혔다.") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Tuple

import regex

from cleaner.chars import letter_mass
from cleaner.datafiles import cache_sources, cached, data_entries
from cleaner.patterns import LazyPattern

DROP, WIDGET, END, DATE, BYLINE, IMAGE = "drop", "widget", "end", "date", "byline", "image"


@dataclass(frozen=True)
class RuleSpec:
    name: str
    lang: str  # data folder: "common", "ko", "en"
    whole: bool  # True: the pattern must cover the block (decorations aside); False: anywhere
    max_letters: int  # blocks heavier than this (chars.letter_mass) are never matched by the rule
    role: str
    repeat: bool = False  # whole-block rules: the block may be several matches in a row
    prefix: int = 0  # whole-block rules: this many characters may precede the match (a site name)


# Order matters only for which reason is named first when several rules match.
RULES: Tuple[RuleSpec, ...] = (
    RuleSpec("copyright", "ko", whole=False, max_letters=100, role=END),
    RuleSpec("markup", "common", whole=False, max_letters=100_000, role=DROP),
    RuleSpec("image_marker", "ko", whole=True, max_letters=20, role=IMAGE, repeat=True),
    RuleSpec("related_box", "ko", whole=True, max_letters=30, role=WIDGET, prefix=12),
    RuleSpec("widget_header", "ko", whole=True, max_letters=30, role=WIDGET, prefix=12),
    RuleSpec("widget_header_en", "en", whole=True, max_letters=40, role=WIDGET),
    RuleSpec("datetime", "common", whole=True, max_letters=40, role=DATE, prefix=12),
    RuleSpec("byline", "ko", whole=True, max_letters=100, role=BYLINE),
    RuleSpec("weather", "ko", whole=True, max_letters=40, role=DROP, repeat=True),
    RuleSpec("market_ticker", "ko", whole=True, max_letters=40, role=DROP, repeat=True),
    RuleSpec("navigation", "ko", whole=True, max_letters=60, role=DROP, repeat=True),
    RuleSpec("share_prompt", "ko", whole=True, max_letters=80, role=DROP, repeat=True),
    RuleSpec("interface", "ko", whole=True, max_letters=120, role=DROP),
    RuleSpec("mail", "ko", whole=True, max_letters=120, role=BYLINE),
    RuleSpec("mail_en", "en", whole=True, max_letters=120, role=BYLINE),
    RuleSpec("photo_credit_en", "en", whole=True, max_letters=200, role=DROP),
    RuleSpec("photo_credit", "ko", whole=True, max_letters=300, role=DROP),
    RuleSpec("contact", "common", whole=True, max_letters=80, role=DROP, repeat=True),
    RuleSpec("tip_line", "ko", whole=True, max_letters=80, role=DROP, repeat=True),
    RuleSpec("broadcast_cue", "ko", whole=True, max_letters=40, role=DROP),
    RuleSpec("truncated", "ko", whole=True, max_letters=60, role=DROP),
    RuleSpec("boilerplate_en", "en", whole=True, max_letters=60, role=DROP, repeat=True),
)

# What may surround a whole-block match: bullets, brackets, arrows, counters ("TOP7", "(3)").
# Bounded: a run of decoration the engine may take any length of is what made whole-block rules
# quadratic on long runs of punctuation (every split of the run was tried against every
# pattern, and each try scanned the rest of the block to its end). Real decoration is a few
# characters ("▶ ", "[ ", "■■ ", "(12)"); MAX_DECORATION is several times that.
MAX_DECORATION = 30
_DECORATION = rf"[\s\p{{P}}\p{{S}}]{{0,{MAX_DECORATION}}}"
_TRAILING_DECORATION = rf"[\s\p{{P}}\p{{S}}\d]{{0,{MAX_DECORATION}}}"

# Whole-block rules describe short lines of page furniture (the longest line they match in the
# evaluation data is 129 characters), and their patterns backtrack: on a long block of
# punctuation some take time quadratic in its length (benchmarks/bench_regex.py). Blocks longer
# than this are not tried, so one 10 MB line costs no more than its letters.
MAX_WHOLE_BLOCK_CHARS = 400


@dataclass(frozen=True)
class RuleMatch:
    name: str
    role: str


def _data_file(spec: RuleSpec) -> str:
    base = spec.name[:-3] if spec.name.endswith("_en") else spec.name
    return f"{spec.lang}/{base}.txt"


# Whitespace in a pattern (see data/README.md). Block text holds single spaces: decode maps every
# Unicode space to " " and cleaner.chars.collapse_spaces folds runs. So a literal space and
# `\s*` mean "a space or none", and `\s+` means "a space"; read so, bounded, no pattern can try
# every split of a long run of whitespace (which is quadratic: benchmarks/bench_regex.py).
_WHITESPACE = LazyPattern(r"(?<!\\)(?: |\\s\*|\\s\+)")


def _one_space(match: "regex.Match[str]") -> str:
    return r"\s" if match.group() == r"\s+" else r"\s?"


def read_patterns(path: str) -> List[str]:
    r"""The patterns of one data file (its path under cleaner/data): comment and blank lines
    dropped, whitespace read as one optional space.

    >>> print(read_patterns("ko/widget_header.txt")[1])
    많이\s?본\s?(뉴스|기사|칼럼|포토|영상)?
    """
    return [_WHITESPACE.sub(_one_space, entry) for entry in data_entries(path)]


def compiled_rules() -> Tuple[Tuple[RuleSpec, "regex.Pattern[str]"], ...]:
    """Each rule's patterns as one compiled alternation (compiled once, read-only after)."""
    return tuple((spec, _rule_pattern(index)) for index, spec in enumerate(RULES))


@lru_cache(maxsize=None)
def _rule_pattern(index: int) -> "regex.Pattern[str]":
    """RULES[index] compiled as it applies (compile_rule), on first use: a run compiles only
    the rules its blocks are candidates for."""
    return compile_rule(RULES[index], list(_rule_sources(index)))


def compile_rule(spec: RuleSpec, patterns: List[str]) -> "regex.Pattern[str]":
    """Patterns as their rule applies them: for a whole-block rule anchored at both ends, with
    the decoration, site-name prefix and repetition the spec allows, on blocks of at most
    MAX_WHOLE_BLOCK_CHARS (to be used with .match); otherwise their plain alternation (to be
    used with .search). benchmarks/bench_regex.py times every pattern of the data files this
    way, one at a time."""
    alternation = "|".join(f"(?:{p})" for p in patterns)
    if not spec.whole:
        return regex.compile(alternation, regex.IGNORECASE | regex.V0)
    return regex.compile(f"^{_LENGTH_GUARD}{_whole_body(spec, alternation)}$", regex.IGNORECASE | regex.V0)


# A whole-block rule looks at short lines only. The guard says so in the pattern itself, so no
# call of it can cost more than a block of this length, whatever it is given: the engine's
# backtracking state grows with the text (a 100 KB run of repeated items took hundreds of
# megabytes), and the pipeline never asks about longer blocks anyway.
_LENGTH_GUARD = rf"(?=[\s\S]{{0,{MAX_WHOLE_BLOCK_CHARS}}}\Z)"


def _whole_body(spec: RuleSpec, alternation: str) -> str:
    """A whole-block rule's pattern between its anchors."""
    item = f"(?:{alternation})"
    # Items of a repeated rule often match the same text in several ways ("목록" and
    # "목록(으로)?"); a plain star would try every combination, 2^n for n items. So the star is
    # possessive, and each item must leave something another item or the trailing decoration
    # can continue from (which is how a shorter item is passed over for a longer one, "링크
    # 복사" for "링크 복사하기").
    fits = f"(?={_DECORATION}{item}|{_TRAILING_DECORATION}$)"
    body = f"{item}{fits}(?:{_DECORATION}{item}{fits})*+" if spec.repeat else item
    lead = f"(?:.{{0,{spec.prefix}}}?\\s)?" if spec.prefix else ""
    return f"{_DECORATION}{lead}(?:{body}){_TRAILING_DECORATION}"


def iter_matches(text: str, letters: Optional[int] = None) -> Iterator[RuleMatch]:
    """Every rule that matches the block, in table order."""
    if letters is None:
        letters = letter_mass(text)
    for spec, pattern in compiled_rules():
        if letters > spec.max_letters or (spec.whole and len(text) > MAX_WHOLE_BLOCK_CHARS):
            continue
        found = pattern.match(text) if spec.whole else pattern.search(text)
        if found:
            yield RuleMatch(spec.name, spec.role)


def match_rules(text: str, letters: Optional[int] = None) -> Optional[RuleMatch]:
    """The first rule (in table order) that matches the block, or None.

    Same answer as the first of `iter_matches` (tests/test_rules_prefilter.py checks it on every
    local document and on generated blocks), found by trying only the candidate patterns: those
    with one of their literals in the block (`literal_prefilter`) and those without a literal.
    """
    if letters is None:
        letters = letter_mass(text)
    prefilter = literal_prefilter()
    candidates = prefilter.candidates(text) if prefilter is not None else _all_candidates()
    for index, patterns in candidates:
        spec = RULES[index]
        if letters > spec.max_letters or (spec.whole and len(text) > MAX_WHOLE_BLOCK_CHARS):
            continue
        if _rule_matches(index, patterns, text):
            return _RULE_MATCHES[index]
    return None


_RULE_MATCHES = tuple(RuleMatch(spec.name, spec.role) for spec in RULES)


def _rule_matches(index: int, patterns: Tuple[int, ...], text: str) -> bool:
    """Whether rule RULES[index] matches, trying only its patterns numbered `patterns` (0-based,
    in file order): the others cannot match anywhere in `text`, so leaving them out changes no
    answer. A rule that is not repeated matches when one of its patterns does on its own; a
    repeated one is one alternation of the candidates (in file order: which item the possessive
    repetition takes depends on the order, not on items that match nowhere)."""
    spec = RULES[index]
    if spec.repeat:
        pattern = _candidate_alternation(index, patterns)
        return pattern.match(text) is not None
    for number in patterns:
        pattern = _pattern_alone(index, number)
        if (pattern.match(text) if spec.whole else pattern.search(text)) is not None:
            return True
    return False


@lru_cache(maxsize=None)
def _rule_sources(index: int) -> Tuple[str, ...]:
    return tuple(read_patterns(_data_file(RULES[index])))


@lru_cache(maxsize=None)
def _pattern_alone(index: int, number: int) -> "regex.Pattern[str]":
    """One pattern of a rule, applied as the rule applies it (compiled on first use)."""
    return compile_rule(RULES[index], [_rule_sources(index)[number]])


# Distinct candidate sets of one repeated rule compiled as their own alternation; past this
# many, the rule's whole alternation is used (the same answer), so no input can make the engine
# compile without bound.
MAX_ALTERNATIONS_PER_RULE = 64
_alternations: Dict[Tuple[int, Tuple[int, ...]], "regex.Pattern[str]"] = {}
_alternations_per_rule: Dict[int, int] = {}


def _candidate_alternation(index: int, patterns: Tuple[int, ...]) -> "regex.Pattern[str]":
    key = (index, patterns)
    pattern = _alternations.get(key)
    if pattern is None:
        sources = _rule_sources(index)
        if len(patterns) == len(sources) or _alternations_per_rule.get(index, 0) >= MAX_ALTERNATIONS_PER_RULE:
            return _rule_pattern(index)
        pattern = compile_rule(RULES[index], [sources[number] for number in patterns])
        _alternations[key] = pattern
        _alternations_per_rule[index] = _alternations_per_rule.get(index, 0) + 1
    return pattern


@lru_cache(maxsize=None)
def _all_candidates() -> Tuple[Tuple[int, Tuple[int, ...]], ...]:
    """Every pattern of every rule: what is tried without the prefilter."""
    return tuple((index, tuple(range(len(_rule_sources(index))))) for index in range(len(RULES)))


# --- The literal prefilter ---------------------------------------------------------------------
#
# Most blocks match no rule, and a regex call per rule per block was most of the plain-text
# path's time (issue 15: 16.8 rules tried per block). Every match of a rule contains one of its
# patterns' required literals: strings, read off the pattern itself, one of which any text the
# pattern matches must contain ("많이\s?본\s?(뉴스|기사)?" needs "많이" and "본"; the longest
# such choice is kept). One Aho-Corasick pass over the block finds which literals it holds, and
# only those rules (and the rules with a pattern that needs no literal) are tried, in table order.
#
# Case: the rules match case-insensitively (regex.IGNORECASE, V0: simple case folding, one
# character for one). The block and the literals are both folded with one table that maps every
# character a literal character matches to one representative, the classes taken from the regex
# module itself (its own case relation, which is not str.casefold's: 'i' matches 'İ' and 'I'
# matches 'ı', and its Unicode version may be newer than Python's). Folding one character to one
# keeps positions, so a match's folded text is the literal's folded form. Where that relation
# cannot be read (a regex module without get_all_cases) or pyahocorasick is missing, every rule
# is tried: slower, never different.

# An exact set (every string a piece of pattern can match) is kept up to this many strings.
_MAX_EXACT = 64
# A character class is read as its members up to this many.
_MAX_CLASS = 16

# What a piece of pattern tells: (exact, required). `exact`: all strings it can match (None:
# too many or unknown); `required`: strings one of which every match contains (None: none).
_Info = Tuple[Optional[FrozenSet[str]], Optional[FrozenSet[str]]]
_ANY: _Info = (None, None)
_EMPTY: _Info = (frozenset({""}), None)


class _Unsupported(Exception):
    """Syntax the literal reader does not know: the pattern is treated as needing no literal."""


def _required(info: _Info) -> Optional[FrozenSet[str]]:
    exact, required = info
    if required is not None:
        return required
    if exact is not None and "" not in exact:
        return exact
    return None


def _better(a: Optional[FrozenSet[str]], b: Optional[FrozenSet[str]]) -> Optional[FrozenSet[str]]:
    """The more selective of two required sets: longer shortest literal, then fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    key_a = (min(map(len, a)), -len(a))
    key_b = (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


def _product(a: FrozenSet[str], b: FrozenSet[str]) -> Optional[FrozenSet[str]]:
    if len(a) * len(b) > _MAX_EXACT:
        return None
    return frozenset(x + y for x in a for y in b)


class _LiteralReader:
    """A recursive-descent reader of the subset of `regex` syntax the data files use, computing
    _Info bottom-up. Anything else raises _Unsupported."""

    _EMPTY_ESCAPES = set("bBAZ")
    _CLASS_ESCAPES = set("dDsSwW")
    _CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def read(self) -> _Info:
        info = self.alternation()
        if self.i != len(self.p):
            raise _Unsupported(self.p[self.i:])
        return info

    def peek(self) -> str:
        return self.p[self.i] if self.i < len(self.p) else ""

    def alternation(self) -> _Info:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact: Optional[FrozenSet[str]] = None
        if all(b[0] is not None for b in branches):
            union = frozenset().union(*(b[0] for b in branches))  # type: ignore[misc]
            exact = union if len(union) <= _MAX_EXACT else None
        required = [_required(b) for b in branches]
        return exact, (None if any(r is None for r in required) else frozenset().union(*required))  # type: ignore[misc]

    def sequence(self) -> _Info:
        best: Optional[FrozenSet[str]] = None
        run: Optional[FrozenSet[str]] = frozenset({""})  # exact product of the current run
        whole: Optional[FrozenSet[str]] = frozenset({""})  # exact product of the whole sequence
        while self.peek() not in ("", "|", ")"):
            info = self.quantified(self.atom())
            best = _better(best, _required(info))
            exact = info[0]
            whole = _product(whole, exact) if whole is not None and exact is not None else None
            if exact is not None and run is not None:
                run = _product(run, exact)
                if run is None:  # grew too large: start again from this piece
                    run = exact
            else:
                run = frozenset({""})
            if run is not None and "" not in run:
                best = _better(best, run)
        return whole, best

    def quantified(self, info: _Info) -> _Info:
        c = self.peek()
        if c == "?":
            low, high = 0, 1
        elif c == "*":
            low, high = 0, -1
        elif c == "+":
            low, high = 1, -1
        elif c == "{":
            end = self.p.find("}", self.i)
            body = self.p[self.i + 1:end] if end > 0 else ""
            parts = body.split(",")
            if end < 0 or len(parts) > 2 or not all(x.strip().isdigit() or x.strip() == "" for x in parts) \
                    or parts[0].strip() == "" and (len(parts) == 1):
                raise _Unsupported(self.p[self.i:])
            low = int(parts[0]) if parts[0].strip() else 0
            high = (int(parts[1]) if parts[1].strip() else -1) if len(parts) == 2 else low
            self.i = end
        else:
            return info
        self.i += 1
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.i += 1
        if self.peek() in ("?", "*", "+", "{"):
            raise _Unsupported(self.p[self.i:])
        exact = info[0]
        if low == 0:
            if high == 1 and exact is not None and len(exact) < _MAX_EXACT:
                return exact | {""}, None
            return _ANY if high != 0 else _EMPTY
        if low == high and exact is not None:
            product: Optional[FrozenSet[str]] = frozenset({""})
            for _ in range(low):
                product = _product(product, exact) if product is not None else None
            return product, _required(info)
        return None, _required(info)

    def atom(self) -> _Info:
        c = self.peek()
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c == ".":
            return _ANY
        if c in ("^", "$"):
            return _EMPTY
        if c in ("?", "*", "+", "{", "}", ")", "]") or c == "":
            raise _Unsupported(self.p[self.i - 1:])
        return frozenset({c}), frozenset({c})

    def group(self) -> _Info:
        lookaround = False
        if self.p.startswith("?:", self.i) or self.p.startswith("?>", self.i):
            self.i += 2
        elif self.p.startswith("?P<", self.i) or (self.p.startswith("?<", self.i)
                                                   and self.p[self.i + 2:self.i + 3] not in ("=", "!")):
            end = self.p.find(">", self.i)
            if end < 0 or not self.p[self.p.index("<", self.i) + 1:end].isidentifier():
                raise _Unsupported(self.p[self.i:])
            self.i = end + 1
        elif self.p.startswith(("?=", "?!"), self.i):
            self.i += 2
            lookaround = True
        elif self.p.startswith(("?<=", "?<!"), self.i):
            self.i += 3
            lookaround = True
        elif self._scoped_case_flag():
            # "(?-i:HOME)": the prefilter folds case for every literal, so a literal of a group
            # matched with or without case still says what the block must contain
            self.i = self.p.index(":", self.i) + 1
        elif self.peek() == "?":
            raise _Unsupported(self.p[self.i:])  # other flags, conditionals, references, comments ...
        info = self.alternation()
        if self.peek() != ")":
            raise _Unsupported(self.p[self.i:])
        self.i += 1
        return _EMPTY if lookaround else info

    def _scoped_case_flag(self) -> bool:
        """Whether the group opening here is "(?i:" or "(?-i:" (case on or off inside it only)."""
        return self.p.startswith(("?i:", "?-i:"), self.i)

    def escape(self) -> _Info:
        c = self.peek()
        self.i += 1
        if c == "":
            raise _Unsupported("\\")
        if c in self._EMPTY_ESCAPES:
            return _EMPTY
        if c in self._CLASS_ESCAPES:
            return _ANY
        if c in self._CONTROL:
            c = self._CONTROL[c]
        elif c.isalnum() or c == "_":
            raise _Unsupported("\\" + c)  # \p{..}, \N{..}, \x.., \1, \g<..>, \X ...
        return frozenset({c}), frozenset({c})

    def char_class(self) -> _Info:
        """A set: its members when few and plain; anything (one character, no literal) when it is
        negated, large or holds a class escape."""
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        if self.peek() in ("[", "]") or self.p.startswith(("[:", "&&", "||", "--", "~~"), self.i):
            raise _Unsupported(self.p[self.i:])
        members = set()
        anything = negated
        previous = ""
        while True:
            c = self.peek()
            self.i += 1
            if c == "":
                raise _Unsupported("[")
            if c == "]":
                break
            if c == "[" or self.p.startswith(("&&", "||", "--", "~~"), self.i - 1):
                raise _Unsupported(self.p[self.i - 1:])  # nested sets and set operations (V1)
            if c == "\\":
                c = self.peek()
                self.i += 1
                if c in self._CLASS_ESCAPES:
                    anything = True
                    previous = ""
                    continue
                if c in self._CONTROL:
                    c = self._CONTROL[c]
                elif c == "" or c.isalnum() or c == "_":
                    raise _Unsupported("\\" + c)
            elif c == "-" and previous and self.peek() not in ("]", ""):
                last = self.peek()
                self.i += 1
                if last in ("\\", "["):
                    raise _Unsupported("range to an escape")
                if ord(last) < ord(previous):
                    raise _Unsupported("bad range")
                if ord(last) - ord(previous) >= _MAX_CLASS:
                    anything = True
                else:
                    members.update(chr(x) for x in range(ord(previous), ord(last) + 1))
                previous = ""
                continue
            members.add(c)
            previous = c
        if anything or len(members) > _MAX_CLASS:
            return _ANY
        chars = frozenset(members)
        return chars, chars


def required_literals(pattern: str) -> Optional[FrozenSet[str]]:
    """Strings (as written, unfolded) one of which every match of `pattern` contains, or None
    when the pattern needs none (or uses syntax the reader does not know).

    >>> sorted(required_literals(r"많이\\s?본\\s?(뉴스|기사)?"))
    ['많이']
    >>> sorted(required_literals(r"(저작권자|copyright)"))
    ['copyright', '저작권자']
    >>> required_literals(r"\\S{1,8}\\s*\\d+") is None
    True
    """
    try:
        found = _required(_LiteralReader(pattern).read())
    except _Unsupported:
        return None
    if found is None:
        return None
    # A literal holding another is redundant: a block with it holds the other.
    return frozenset(x for x in found if not any(y != x and y in x for y in found))


def _pattern_literals(index: int) -> List[Optional[FrozenSet[str]]]:
    """The required literals of each pattern of rule RULES[index] (None: it needs none)."""
    return [required_literals(source) for source in _rule_sources(index)]


def _rule_literals(spec: RuleSpec) -> Optional[FrozenSet[str]]:
    """A rule's literals, one of which every match of it contains, or None when one of its
    patterns needs none."""
    found: set = set()
    for literals in _literal_table()[RULES.index(spec)]:
        if literals is None:
            return None
        found |= literals
    return frozenset(found)


@lru_cache(maxsize=None)
def _literal_table() -> Tuple[Tuple[Optional[FrozenSet[str]], ...], ...]:
    """Per rule, per pattern: its required literals. Reading them takes tens of milliseconds,
    most of a short run's start, so the table is kept in the user's cache directory, keyed by
    this file and the data files it was read from (datafiles.cached); never required."""
    sources = cache_sources([_data_file(spec) for spec in RULES], __file__)
    return cached("rule-literals", sources,
                  lambda: [[None if found is None else sorted(found) for found in _pattern_literals(index)]
                           for index in range(len(RULES))],
                  lambda kept: tuple(tuple(None if found is None else frozenset(found) for found in rule)
                                     for rule in kept))


def _case_classes(chars: Iterable[str]) -> Optional[Dict[int, str]]:
    """A str.translate table folding every character that regex.IGNORECASE (V0) lets one of
    `chars` match, and those characters themselves, to one representative per class; None when
    the regex module cannot tell its case relation."""
    get_all_cases = getattr(getattr(regex, "_regex", None), "get_all_cases", None)
    if get_all_cases is None:
        return None
    flags = regex.IGNORECASE | regex.V0
    table: Dict[int, str] = {}
    for start in chars:
        if ord(start) in table:
            continue
        seen, todo = {ord(start)}, [ord(start)]
        while todo:  # the closure: the relation is not transitive ('I' ~ 'i' ~ 'İ')
            for other in get_all_cases(flags, todo.pop()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        if len(seen) > 1:
            representative = chr(min(seen, key=lambda x: (chr(x) != chr(x).lower(), x)))
            for member in seen:
                table[member] = representative
    return table


class LiteralPrefilter:
    """Which patterns of which rules a block may match: those with one of their literals in the
    block (case folded as the rules match), and those that have none (tried always)."""

    def __init__(self, table: Sequence[Sequence[Optional[FrozenSet[str]]]], fold: Dict[int, str], automaton) -> None:
        self.fold = fold
        self.automaton = automaton
        self.owner: List[Tuple[int, int]] = [(index, number) for index, rule in enumerate(table)
                                             for number in range(len(rule))]
        self.always = sum(1 << bit for bit, (index, number) in enumerate(self.owner) if table[index][number] is None)

    def candidates(self, text: str) -> List[Tuple[int, Tuple[int, ...]]]:
        """(index into RULES, its candidate pattern numbers) for each rule with a candidate, in
        table order."""
        mask = self.always
        for _, patterns in self.automaton.iter(text.translate(self.fold)):
            mask |= patterns
        found: List[Tuple[int, Tuple[int, ...]]] = []
        current, numbers = -1, []  # type: ignore[var-annotated]
        while mask:
            low = mask & -mask
            index, number = self.owner[low.bit_length() - 1]
            mask ^= low
            if index != current:
                if numbers:
                    found.append((current, tuple(numbers)))
                current, numbers = index, []
            numbers.append(number)
        if numbers:
            found.append((current, tuple(numbers)))
        return found


@lru_cache(maxsize=None)
def literal_prefilter() -> Optional[LiteralPrefilter]:
    """The prefilter over RULES, built on first use; None (every pattern tried) without
    pyahocorasick or without the regex module's case relation."""
    try:
        import ahocorasick
    except ImportError:
        return None
    table = _literal_table()
    fold = _case_classes({c for rule in table for found in rule if found for literal in found for c in literal})
    if fold is None:
        return None
    masks: Dict[str, int] = {}
    bit = 0
    for rule in table:
        for found in rule:
            for literal in found or ():
                key = literal.translate(fold)
                masks[key] = masks.get(key, 0) | 1 << bit
            bit += 1
    automaton = ahocorasick.Automaton()
    for key, mask in masks.items():
        automaton.add_word(key, mask)
    if not masks:
        automaton.add_word("\0\0no literal\0\0", 0)  # an automaton needs a word to search
    automaton.make_automaton()
    return LiteralPrefilter(table, fold, automaton)


def rules_without_literal() -> Tuple[str, ...]:
    """Names of the rules the prefilter cannot skip (a pattern of theirs needs no literal)."""
    return tuple(spec.name for spec in RULES if _rule_literals(spec) is None)


def rules_tried(text: str, letters: Optional[int] = None) -> int:
    """How many rule patterns match_rules runs on `text` (for benchmarks): a repeated rule's
    alternation counts one."""
    if letters is None:
        letters = letter_mass(text)
    prefilter = literal_prefilter()
    tried = 0
    for index, patterns in (prefilter.candidates(text) if prefilter is not None else _all_candidates()):
        spec = RULES[index]
        if letters > spec.max_letters or (spec.whole and len(text) > MAX_WHOLE_BLOCK_CHARS):
            continue
        tried += 1 if spec.repeat else len(patterns)
        if _rule_matches(index, patterns, text):
            break
    return tried

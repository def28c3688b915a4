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

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, List, Optional, Tuple

import regex

from cleaner.chars import letter_mass
from cleaner.datafiles import data_entries

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
_WHITESPACE = regex.compile(r"(?<!\\)(?: |\\s\*|\\s\+)")


def _one_space(match: "regex.Match[str]") -> str:
    return r"\s" if match.group() == r"\s+" else r"\s?"


def read_patterns(path: str) -> List[str]:
    r"""The patterns of one data file (its path under cleaner/data): comment and blank lines
    dropped, whitespace read as one optional space.

    >>> print(read_patterns("ko/widget_header.txt")[1])
    많이\s?본\s?(뉴스|기사|칼럼|포토|영상)?
    """
    return [_WHITESPACE.sub(_one_space, entry) for entry in data_entries(path)]


@lru_cache(maxsize=None)
def compiled_rules() -> Tuple[Tuple[RuleSpec, "regex.Pattern[str]"], ...]:
    """Each rule's patterns as one compiled alternation (compiled once, read-only after)."""
    return tuple((spec, compile_rule(spec, read_patterns(_data_file(spec)))) for spec in RULES)


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


@lru_cache(maxsize=None)
def _whole_block_alternation(letters: int) -> "regex.Pattern[str]":
    """The whole-block rules that apply to a block of `letters` letter mass (at most their
    max_letters), in one anchored alternation, a named group per rule (r<index in RULES>).

    Most blocks of a page are short and match no rule; one call to the regex engine instead of
    one per rule is what makes the per-block pass cheap, and leaving out the rules a block is
    too heavy for spares a paragraph the short-line rules. Alternatives are tried in table
    order, so the group that matches is the first whole-block rule that matches. `letters` is
    one of `_LETTER_TIERS` (compiled once per tier).
    """
    parts = [f"(?P<r{index}>{_whole_body(spec, '|'.join(f'(?:{p})' for p in read_patterns(_data_file(spec))))})"
             for index, spec in enumerate(RULES) if spec.whole and spec.max_letters >= letters]
    return regex.compile(f"^{_LENGTH_GUARD}(?:" + "|".join(parts) + ")$", regex.IGNORECASE | regex.V0)


# The distinct max_letters of the whole-block rules: a block's letter mass is rounded up to one.
_LETTER_TIERS = sorted({spec.max_letters for spec in RULES if spec.whole})


def match_rules(text: str, letters: Optional[int] = None) -> Optional[RuleMatch]:
    """The first rule (in table order) that matches the block, or None.

    Same answer as the first of `iter_matches` (tests/test_rules.py checks it), found with one
    regex call for all the whole-block rules the block is light enough for.
    """
    if letters is None:
        letters = letter_mass(text)
    table = compiled_rules()
    first: Optional[int] = None
    for index, (spec, pattern) in enumerate(table):
        if not spec.whole and letters <= spec.max_letters and pattern.search(text):
            first = index
            break
    tier = bisect_left(_LETTER_TIERS, letters)
    if tier < len(_LETTER_TIERS) and len(text) <= MAX_WHOLE_BLOCK_CHARS:
        found = _whole_block_alternation(_LETTER_TIERS[tier]).match(text)
        if found is not None:
            index = int(found.lastgroup[1:])
            if first is None or index < first:
                first = index
    if first is None:
        return None
    spec = table[first][0]
    return RuleMatch(spec.name, spec.role)

"""Wrap periodicity: where a fixed-width column would have broken a paragraph's lines.

A column W cells wide (Hangul 2 cells, other characters 1) fills each line until the next
character does not fit, then breaks there, mid-word if need be (cleaner.wrapgen models it,
kinsoku included). Joining the lines with a space leaves one space at every break: the author's
own space when the break fell between words, a spurious one when it fell inside a word.

Read backwards, the column is a strong constraint. In the joined text every line is a run of
whole tokens, so a width W is *consistent* only if, line after line, the tokens that fit fill the
line so full that the next one's first character (with its kinsoku companions, the "unit") would
not fit after a space. A wrong width rarely is: each line lands on a space by chance about one
time in three. So the consistent widths, weighted by how unlikely each would be by chance, give
every space a probability of being a line break (`break_probability`), per paragraph or, better,
for a whole document wrapped at one width (`document_width`).

The search works on token prefix sums, not on characters, and on intervals of widths, not one
width at a time: the line starting at token a ends before token b for exactly the widths
[L, L + unit(b)] (L the cells of tokens a..b-1 and the spaces between them), and these
intervals do not overlap, so every line splits the surviving widths into a few intervals, most
of which die at the next line (`groups`).

A spurious space can only be at a break where the following unit would *not* have fit without the
space (otherwise the column would have put it on the line): `possible` in `breaks`.

>>> text = "대한민국 의 주권 은 국민 에게 있 다."   # wrapgen.break_text(..., 8)
>>> sorted(breaks(text, 8).items())
[(4, True), (9, True), (14, True), (19, True)]
>>> breaks(text, 11) is None   # an 11-cell column would have broken inside "주권"
True
"""
from __future__ import annotations

import math

from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate, repeat
from operator import add, rshift
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import re

from cleaner.chars import WIDE
from cleaner.patterns import LazyPattern
from cleaner.wrapgen import CLOSING, OPENING, cell_width

# Column widths (cells) considered: 10 to 50 Hangul per line. Narrower columns break almost
# every word and are not prose; wider ones leave too few breaks per paragraph to be told apart.
MIN_CELLS = 20
MAX_CELLS = 100
# How much likelier a width gets for each break that lands on a space (about 1 / the chance that
# a break at a random place lands on a space in Korean prose).
BREAK_ODDS = 3.0
# Prior weight of "this paragraph was never wrapped", against the weight of each consistent
# width (BREAK_ODDS ** breaks). Real text is mostly unwrapped: a paragraph needs several breaks
# landing on spaces before wrapping explains it better than chance.
UNWRAPPED_WEIGHT = 3.0 ** 4
# Likelihood ratio of a possible break with no lexical evidence (evidence is found at about
# half the spurious spaces and a twentieth of the author's): measured on wrap-broken prose.
NO_EVIDENCE_RATIO = 0.5
# A document-wide width needs this many paragraphs with two or more breaks consistent with it,
# and must explain this share of them.
DOCUMENT_MIN_BLOCKS = 3
DOCUMENT_MIN_SHARE = 0.6
# The widest unit (opening brackets, a character, a closing mark) the search looks back for.
# Wider ones (three opening brackets before a character) are not worth a longer search.
MAX_UNIT = 8

# A break at `offset` (a space), and whether a spurious space may be there.
Break = Tuple[int, bool]
# Widths lo..hi (inclusive) that all break the paragraph at the same places.
Group = Tuple[int, int, Tuple[Break, ...]]


# Characters whose cell width the byte-length shortcut gets right: ASCII and Hangul syllables.
# (The standard library's `re` is faster than `regex` on these simple classes.)
_NOT_SIMPLE = LazyPattern("[^\x00-\x7f\uac00-\ud7a3]", engine=re)
# Token starts whose unit is not one syllable of 2 cells (the match starts at the space).
_ODD_START = LazyPattern("(?:^| )(?:[^ \uac00-\ud7a3]|[\uac00-\ud7a3][" + re.escape("".join(sorted(CLOSING))) + "])",
                         engine=re)


class Layout:
    """A paragraph's tokens and their cell widths, computed once and shared by every width.

    `prefix[k]` is the cells of tokens[0:k] with one space after each, so tokens a..b-1 on one
    line take prefix[b] - prefix[a] - 1 cells. The widths are measured on first use: a
    paragraph the gate turns away (`cleaner.spacing.wrapped`) needs its tokens only.
    """

    __slots__ = ("text", "tokens", "starts", "_prefix", "_units")

    def __init__(self, text: str):
        self.text = text
        tokens = text.split(" ")
        self.tokens = tokens
        # where each token starts: the lengths before it and one space after each
        self.starts = list(map(add, accumulate(map(len, tokens), initial=0), range(len(tokens) + 1)))
        self._prefix: Optional[List[int]] = None
        self._units: List[int] = []

    @property
    def prefix(self) -> List[int]:
        if self._prefix is None:
            self._measure()
        return self._prefix  # type: ignore[return-value]

    @property
    def units(self) -> List[int]:
        if self._prefix is None:
            self._measure()
        return self._units

    def _measure(self) -> None:
        text = self.text
        tokens = self.tokens
        lengths = list(map(len, tokens))
        if _NOT_SIMPLE.search(text) is not None:
            # other characters: each stands in for an ASCII or a Hangul one of its own width
            tokens = _NOT_SIMPLE.sub(_stand_in, text).split(" ")
        # ASCII is 1 byte and 1 cell, a Hangul syllable 3 bytes and 2 cells: a token takes
        # (bytes + characters) / 2 cells, and summing before halving changes nothing
        doubled = accumulate(map(add, map(len, map(str.encode, tokens)), lengths), initial=0)
        prefix = list(map(rshift, map(add, doubled, range(0, 2 * len(lengths) + 2, 2)), repeat(1)))
        # cells of what must move to the next line together at the start of each token: a
        # syllable (2) unless the token starts otherwise or a closing mark follows (kinsoku)
        units = [2] * len(lengths)
        starts = self.starts
        for match in _ODD_START.finditer(text):
            k = bisect_right(starts, match.end() - 1) - 1
            units[k] = _unit_width(self.tokens[k])
        self._prefix, self._units = prefix, units

    @property
    def spaces(self) -> List[int]:
        """The offset of every space between two tokens, in text order."""
        return [start - 1 for start in self.starts[1:]]


def _stand_in(match) -> str:
    return "가" if WIDE.match(match.group()) else "a"


def _unit_width(token: str) -> int:
    """Opening brackets, a character, and a closing punctuation mark after it (kinsoku)."""
    width = 0
    j = 0
    n = len(token)
    while j < n and token[j] in OPENING:
        width += _cells(token[j])
        j += 1
    if j < n:
        width += _cells(token[j])
        j += 1
        if j < n and token[j] in CLOSING:
            width += _cells(token[j])
    return width


def _cells(char: str) -> int:
    if char < "\u1100":
        return 1
    return 2 if "가" <= char <= "힣" else cell_width(char)


def groups(layout: Layout, lo: int = MIN_CELLS, hi: int = MAX_CELLS) -> List[Group]:
    """Every width in [lo, hi] that explains the paragraph with at least one break, grouped
    into intervals of widths that break it at the same places (sorted by width).

    >>> for group in groups(Layout("대한민국 의 주권 은 국민 에게 있 다."), 8, 11):
    ...     print(group)
    (8, 8, ((4, True), (9, True), (14, True), (19, True)))
    (9, 9, ((4, True), (9, False), (14, False), (19, True)))
    (10, 10, ((4, False), (11, True), (17, True)))
    """
    prefix, starts, units = layout.prefix, layout.starts, layout.units
    m = len(layout.tokens)
    end = prefix[m]
    out: List[Group] = []
    # (first token of the line, widths lo..hi, breaks so far, lowest): a break (offset, top) is
    # possibly spurious for the widths below its top, the author's space at its top. The breaks
    # are a linked list (offset, top, breaks before): the paths share their beginnings, and
    # copying a path at every line would make a long paragraph quadratic.
    stack: List[Tuple[int, int, int, Optional[_Link], int]] = [(0, lo, hi, None, hi + 1)]
    while stack:
        a, lo, hi, link, lowest = stack.pop()  # lowest: the smallest top among the breaks
        base = prefix[a] + 1
        rest = end - base  # cells of everything from token a on
        if rest <= hi:  # the widths that fit the rest on this line end here
            if link is not None:
                found = _unlink(link)
                first = rest if rest > lo else lo
                if lowest > hi:  # the usual case: possibly spurious at every width
                    out.append((first, hi, tuple((offset, True) for offset, top in found)))
                else:
                    _emit(out, first, hi, found)
            hi = rest - 1
            if hi < lo:
                continue
        # the line a..b-1 takes L cells; it ends before token b for widths [L, L + unit(b)]
        b = bisect_left(prefix, base + lo - MAX_UNIT)
        if b <= a:
            b = a + 1
        while b < m:
            cells = prefix[b] - base
            if cells > hi:
                break
            top = cells + units[b]
            if top >= lo:
                stack.append((b, cells if cells > lo else lo, top if top < hi else hi,
                              (starts[b] - 1, top, link), top if top < lowest else lowest))
            b += 1
    out.sort()
    return out


_Link = Tuple[int, int, Any]  # (offset, top, the link before it or None)


def _unlink(link: Optional[_Link]) -> Tuple[Tuple[int, int], ...]:
    """The breaks of a linked path, first to last."""
    found = []
    while link is not None:
        found.append((link[0], link[1]))
        link = link[2]
    found.reverse()
    return tuple(found)


def _emit(out: List[Group], lo: int, hi: int, found: Tuple[Tuple[int, int], ...]) -> None:
    """Append the widths lo..hi as groups whose breaks agree on being possibly spurious."""
    first, previous = lo, None
    for cells in range(lo, hi + 2):
        flags = tuple((offset, cells < top) for offset, top in found) if cells <= hi else None
        if previous is not None and flags != previous:
            out.append((first, cells - 1, previous))
            first = cells
        previous = flags


def breaks(text: str, cells: int, layout: Optional[Layout] = None) -> Optional[Dict[int, bool]]:
    """{offset of each line-break space: whether it may be spurious}, or None if a column of
    `cells` cannot have produced this text with a break."""
    found = groups(layout or Layout(text), cells, cells)
    return dict(found[0][2]) if found else None


def consistent_widths(text: str, lo: int = MIN_CELLS, hi: int = MAX_CELLS) -> Dict[int, Dict[int, bool]]:
    """Every width in [lo, hi] that explains the text with at least one break."""
    return {cells: dict(found) for first, last, found in groups(Layout(text), lo, hi)
            for cells in range(first, last + 1)}


def break_probability(text: str, cells: Optional[int] = None,
                      evidence: Optional[Dict[int, float]] = None,
                      found: Optional[List[Group]] = None) -> Dict[int, float]:
    """{offset: probability that a spurious space may be there} for one paragraph.

    With `cells` (a document-wide width) the column is known; otherwise every consistent width
    votes with weight BREAK_ODDS ** (its breaks), against UNWRAPPED_WEIGHT for "not wrapped".
    `evidence` maps offsets to a likelihood ratio from lexical evidence at that space (how much
    likelier the evidence is at a wrap break than at an author's space): a width whose breaks
    fall where the words say "broken here" is the likelier one. Spaces without an entry count
    as NO_EVIDENCE_RATIO when a width puts a break there. `found` is the paragraph's `groups`
    when the caller has them already.
    """
    if found is None:
        found = groups(Layout(text))
    if cells is not None:
        return {offset: 1.0 for first, last, breaks_ in found if first <= cells <= last
                for offset, possible in breaks_ if possible}
    if not found:
        return {}
    evidence = evidence or {}
    total = UNWRAPPED_WEIGHT
    votes: Dict[int, float] = {}
    for first, last, breaks_ in found:
        weight = BREAK_ODDS ** len(breaks_)
        for offset, possible in breaks_:
            if possible:
                weight *= evidence.get(offset, NO_EVIDENCE_RATIO)
        weight *= last - first + 1
        total += weight
        for offset, possible in breaks_:
            if possible:
                votes[offset] = votes.get(offset, 0.0) + weight
    return {offset: vote / total for offset, vote in votes.items()}


def wrapped_log_odds(found: Sequence[Group], evidence: Optional[Dict[int, float]] = None) -> float:
    """The log-odds that a monospace column wrapped the paragraph, against UNWRAPPED_WEIGHT:
    every consistent width weighs BREAK_ODDS per break and the evidence ratio at each break
    that may be spurious (as in `break_probability`). Edited prose rarely reaches 4 (measured:
    one paragraph of 828 on the ko-pages and corpus/, 3 of them reach 3); prose re-wrapped at
    exact widths often does (about 40% of spacing/dev lines).
    """
    evidence = evidence or {}
    total = UNWRAPPED_WEIGHT
    for first, last, breaks_ in found:
        weight = BREAK_ODDS ** len(breaks_)
        for offset, possible in breaks_:
            if possible:
                weight *= evidence.get(offset, NO_EVIDENCE_RATIO)
        total += weight * (last - first + 1)
    return math.log(total / UNWRAPPED_WEIGHT)


def document_width(texts: Sequence[str], found: Optional[Sequence[List[Group]]] = None) -> Optional[int]:
    """The one column width most paragraphs of a document agree on, or None.

    Only paragraphs long enough to have two or more breaks count (shorter ones fit any width).
    `found` holds each text's `groups` when the caller has them already.
    """
    if len(texts) < DOCUMENT_MIN_BLOCKS:
        return None  # too few paragraphs to agree on one width (their groups are not needed)
    if found is None:
        found = [groups(Layout(text)) for text in texts]
    support: Counter = Counter()
    voters = 0
    for text, paragraph in zip(texts, found):
        widths = {cells for first, last, breaks_ in paragraph if len(breaks_) >= 2
                  for cells in range(first, last + 1)}
        if not widths and len(text) >= MAX_CELLS:
            voters += 1  # long, yet no width explains it: evidence against a common column
            continue
        if widths:
            voters += 1
            support.update(widths)
    if not support:
        return None
    best = max(support.values())
    if best < DOCUMENT_MIN_BLOCKS or best < DOCUMENT_MIN_SHARE * voters:
        return None
    # Several adjacent widths usually explain the same breaks; take the middle one.
    tied = sorted(c for c, n in support.items() if n == best)
    return tied[len(tied) // 2]


def wrapped_offsets(texts: Iterable[str]) -> List[Dict[int, float]]:
    """break_probability for every paragraph, with the document width when there is one."""
    texts = list(texts)
    found = [groups(Layout(text)) for text in texts]
    cells = document_width(texts, found)
    return [break_probability(text, cells, found=f) for text, f in zip(texts, found)]

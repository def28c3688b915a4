"""Wrap periodicity: where a fixed-width column would have broken a paragraph's lines.

A column W cells wide (Hangul 2 cells, other characters 1) fills each line until the next
character does not fit, then breaks there, mid-word if need be (cleaner.wrapgen models it,
kinsoku included). Joining the lines with a space leaves one space at every break: the author's
own space when the break fell between words, a spurious one when it fell inside a word.

Read backwards, the column is a strong constraint. Given the collapsed text and a width, the
break positions follow one from the other; the width is *consistent* only if every break lands on
a space. A wrong width rarely is: each break lands on a space by chance about one time in three.
So the consistent widths, weighted by how unlikely each would be by chance, give every space a
probability of being a line break (`break_probability`), per paragraph or, better, for a whole
document wrapped at one width (`document_width`).

A spurious space can only be at a break where the following unit would *not* have fit without the
space (otherwise the column would have put it on the line): `possible` in `breaks`.

>>> text = "대한민국 의 주권 은 국민 에게 있 다."   # wrapgen.break_text(..., 8)
>>> sorted(breaks(text, 8).items())
[(4, True), (9, True), (14, True), (19, True)]
>>> breaks(text, 11) is None   # an 11-cell column would have broken inside "주권"
True
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

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


def _unit_width(text: str, start: int) -> int:
    """Cells of what must move to the next line together: opening brackets, a character, and a
    closing punctuation mark after it (kinsoku)."""
    width = 0
    j = start
    n = len(text)
    while j < n and text[j] in OPENING:
        width += cell_width(text[j])
        j += 1
    if j < n and text[j] != " ":
        width += cell_width(text[j])
        j += 1
        if j < n and text[j] in CLOSING:
            width += cell_width(text[j])
    return width


def breaks(text: str, cells: int, layout: Optional["Layout"] = None) -> Optional[Dict[int, bool]]:
    """{offset of each line-break space: whether it may be spurious}, or None if a column of
    `cells` cannot have produced this text."""
    layout = layout or Layout(text)
    cum, spaces, n = layout.cum, layout.spaces, len(text)
    out: Dict[int, bool] = {}
    start = 0
    while True:
        # text[start:end] is the most that fits on this line
        end = bisect_right(cum, cum[start] + cells) - 1
        if end >= n:
            return out
        lo = bisect_left(spaces, start)
        hi = bisect_right(spaces, end)
        found = -1
        units = layout.units
        for k in range(lo, hi):  # the first space after which the next unit does not fit
            i = spaces[k]
            used = cum[i] - cum[start]
            unit = units[k]
            if used + 1 + unit > cells:
                out[i] = used + unit > cells
                found = i
                break
        if found < 0:
            return None
        start = found + 1


class Layout:
    """Cell offsets of a text, computed once and shared by every width tried."""

    __slots__ = ("text", "cum", "spaces", "units")

    def __init__(self, text: str):
        self.text = text
        cum = [0]
        total = 0
        for char in text:
            code = ord(char)
            if code < 0x1100:
                total += 1
            elif 0xAC00 <= code <= 0xD7A3:
                total += 2
            else:
                total += cell_width(char)
            cum.append(total)
        self.cum = cum
        self.spaces = [i for i, char in enumerate(text) if char == " "]
        # width of the unit that follows each space (what must fit after it on the same line)
        self.units = [_unit_width(text, i + 1) for i in self.spaces]


@lru_cache(maxsize=4096)
def _consistent(text: str, lo: int, hi: int) -> Tuple[Tuple[int, Dict[int, bool]], ...]:
    return tuple(_consistent_widths(text, lo, hi).items())


def consistent_widths(text: str, lo: int = MIN_CELLS, hi: int = MAX_CELLS) -> Dict[int, Dict[int, bool]]:
    """Every width in [lo, hi] that explains the text with at least one break."""
    return {cells: dict(found) for cells, found in _consistent(text, lo, hi)}


def _consistent_widths(text: str, lo: int, hi: int) -> Dict[int, Dict[int, bool]]:
    out = {}
    layout = Layout(text)
    hi = min(hi, layout.cum[-1])
    for cells in range(lo, hi + 1):
        found = breaks(text, cells, layout)
        if found:
            out[cells] = found
    return out


def break_probability(text: str, cells: Optional[int] = None,
                      evidence: Optional[Dict[int, float]] = None) -> Dict[int, float]:
    """{offset: probability that a spurious space may be there} for one paragraph.

    With `cells` (a document-wide width) the column is known; otherwise every consistent width
    votes with weight BREAK_ODDS ** (its breaks), against UNWRAPPED_WEIGHT for "not wrapped".
    `evidence` maps offsets to a likelihood ratio from lexical evidence at that space (how much
    likelier the evidence is at a wrap break than at an author's space): a width whose breaks
    fall where the words say "broken here" is the likelier one. Spaces without an entry count
    as NO_EVIDENCE_RATIO when a width puts a break there.
    """
    if cells is not None:
        found = breaks(text, cells)
        return {} if found is None else {i: 1.0 for i, possible in found.items() if possible}
    widths = consistent_widths(text)
    if not widths:
        return {}
    evidence = evidence or {}
    total = UNWRAPPED_WEIGHT
    votes: Counter = Counter()
    for found in widths.values():
        weight = 1.0
        for offset, possible in found.items():
            weight *= BREAK_ODDS
            if possible:
                weight *= evidence.get(offset, NO_EVIDENCE_RATIO)
        total += weight
        for offset, possible in found.items():
            if possible:
                votes[offset] += weight
    return {offset: vote / total for offset, vote in votes.items()}


def document_width(texts: Sequence[str]) -> Optional[int]:
    """The one column width most paragraphs of a document agree on, or None.

    Only paragraphs long enough to have two or more breaks count (shorter ones fit any width).
    """
    support: Counter = Counter()
    voters = 0
    for text in texts:
        widths = {c: found for c, found in consistent_widths(text).items() if len(found) >= 2}
        if not widths and len(text) >= MAX_CELLS:
            voters += 1  # long, yet no width explains it: evidence against a common column
            continue
        if widths:
            voters += 1
            for cells in widths:
                support[cells] += 1
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
    cells = document_width(texts)
    return [break_probability(text, cells) for text in texts]

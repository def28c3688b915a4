"""Where a column set in a proportional font broke a paragraph's lines.

`period` reads a monospace column back exactly: Hangul two cells, everything else one. Real
columns (a browser, a PDF) are set in proportional fonts, and there the exact model fails: a
space is a quarter of a Hangul syllable, not half, a Latin letter about half, and the glyphs of
each font differ a little. A full line of 30 syllables and 8 spaces is 32 em wide, not 34, and
which spaces are line breaks no integer width explains.

This model measures a paragraph in em (one Hangul syllable = 1 em, with the advances of cleaner.chars)
and asks every column width W on a grid whether the paragraph can be cut into lines that each
fill the column to within TOLERANCE_EM: a line ends before token b when its width is at most W
(plus the tolerance) and the first character of b (with a closing mark after it: kinsoku) and a
space would not have fit. Unlike the exact model, several cuts may fit one width, so the cuts are
counted on a lattice (forward-backward over token positions), each break weighted by BREAK_ODDS
and by the lexical evidence at its space, against UNWRAPPED_WEIGHT for "never wrapped". The
result is, for every space, the probability that a line broke there: confirmation for the
evidence of the words, never a reason for a removal on its own (`cleaner.spacing.wrapped`).

The advance widths are cleaner.chars' (HANGUL_EM ...: fitted to eight Korean fonts laid out by
Chromium and WeasyPrint); with them the line-to-line residual was 0.45 em for most fonts.

>>> lines = lay_out("대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, 모든 권력은 국민으로부터 나온다.", 12)
>>> lines
['대한민국은 민주공화국이', '다. 대한민국의 주권은 국', '민에게 있고, 모든 권력은', '국민으로부터 나온다.']
>>> text = " ".join(lines)   # a copy that joined the lines with spaces
>>> evidence = {text.index(" 다."): 50.0, text.index(" 민에게"): 10.0}   # an orphan ending, a split word
>>> [text[o - 2:o + 3] for o, p in sorted(break_probability(text, evidence).items()) if p > 0.5]
['국이 다.', ' 국 민에', '력은 국민']
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Dict, List, Optional, Sequence, Tuple

from cleaner.chars import ASCII_EM, HANGUL_EM, SPACE_EM, advance
from cleaner.wrapgen import CLOSING

# How far a line's measured width may stray from the column's: glyph widths differ by font.
TOLERANCE_EM = 0.6
# Column widths asked about, in em, and the grid step: every width in the range is within half
# a step of one on the grid, less than the tolerance (measured on real layouts: a step of 0.5
# found the same breaks, 1.5 times slower).
MIN_EM = 10.0
MAX_EM = 48.0
STEP_EM = 1.0
# How much likelier a width gets for each line it cuts at a space (lower than the exact model's
# 3: with the tolerance a wrong width lands on a space more often).
BREAK_ODDS = 1.6
# Prior weight of "never wrapped" against each width's weight.
UNWRAPPED_WEIGHT = 1.6 ** 4
# Likelihood ratio of a break at a space without lexical evidence (the break may be the author's
# space, or a wrap the words do not show).
NO_EVIDENCE_RATIO = 0.5
# A line that fits the column only within OUTLIER_EM (a glyph of another font, a long number,
# an inline image's gap) is allowed at OUTLIER_WEIGHT: one odd line must not cost a paragraph
# of sixty its column.
OUTLIER_EM = 3.0
OUTLIER_WEIGHT = 0.02
# Paragraphs of more tokens are not laid out (the lattice's weights would overflow, and a
# megabyte line must stay cheap); such text was never a column of prose.
MAX_TOKENS = 3000


class Measure:
    """A paragraph's tokens measured in em: prefix widths with one space after each token, and
    the width of the unit that must start the next line with each token."""

    __slots__ = ("breaks", "prefix", "units", "end")

    def __init__(self, text: str):
        tokens = text.split(" ")
        prefix = [0.0]
        units: List[float] = []
        breaks: List[int] = []  # offset of the space before each token (-1 for the first)
        offset = -1
        for token in tokens:
            prefix.append(prefix[-1] + _width(token) + SPACE_EM)
            units.append(_unit(token))
            breaks.append(offset)
            offset += len(token) + 1
        self.breaks = breaks
        self.prefix = prefix
        self.units = units
        self.end = prefix[-1]


def lay_out(text: str, width: float) -> List[str]:
    """The lines of `text` in a column `width` em wide, as this model measures it: filled a
    character at a time, broken inside a word when the next character does not fit (CSS
    `word-break: break-all`), a closing mark kept with the character before it, the space at a
    break dropped. The forward direction of `break_probability`, for tests and examples."""
    lines: List[str] = []
    line = ""
    used = 0.0
    for char in text:
        step = advance(char)
        if line and used + step > width and char != " " and char not in CLOSING:
            lines.append(line.rstrip(" "))
            line, used = "", 0.0
        if char == " " and not line:
            continue
        line += char
        used += step
    if line.strip():
        lines.append(line.rstrip(" "))
    return lines


def _width(token: str) -> float:
    if token.isascii():
        return ASCII_EM * len(token)
    return sum(map(advance, token))


def _unit(token: str) -> float:
    """The first character of a token and a closing mark after it (kinsoku keeps them together)."""
    if not token:
        return 0.0
    width = advance(token[0])
    if len(token) > 1 and token[1] in CLOSING:
        width += advance(token[1])
    return width


def break_probability(text: str, evidence: Optional[Dict[int, float]] = None) -> Dict[int, float]:
    """{offset of a space: probability that a proportional column broke the line there}.

    `evidence` maps offsets to the likelihood ratio of the lexical evidence at that space (how
    much likelier at a wrap break than at an author's space); spaces without an entry count as
    NO_EVIDENCE_RATIO.
    """
    measure = Measure(text)
    if len(measure.units) < 2 or len(measure.units) > MAX_TOKENS:
        return {}
    evidence = evidence or {}
    ratios = [BREAK_ODDS * evidence.get(offset, NO_EVIDENCE_RATIO) for offset in measure.breaks]
    total = UNWRAPPED_WEIGHT
    votes: Dict[int, float] = {}
    width = MIN_EM
    while width <= MAX_EM and width < measure.end:
        found = _lattice(measure, ratios, width)
        if found is not None:
            weight, through = found
            total += weight
            for k, share in through.items():
                votes[k] = votes.get(k, 0.0) + share
        width += STEP_EM
    return {measure.breaks[k]: vote / total for k, vote in votes.items()}


def _lattice(measure: Measure, ratios: Sequence[float], width: float):
    """(the summed weight of every cut of the paragraph into lines at column `width`, {token:
    the weight of the cuts that start a line at it}), or None when no cut fits."""
    prefix, units = measure.prefix, measure.units
    m = len(units)
    # a line of tokens a..b-1 is prefix[b] - prefix[a] - SPACE_EM wide
    longest = width + OUTLIER_EM + SPACE_EM
    edges: Dict[int, List[Tuple[int, float]]] = {}
    ends: List[int] = []
    order = [0]
    seen = {0}
    i = 0
    while i < len(order):
        a = order[i]
        i += 1
        base = prefix[a]
        if measure.end - base <= width + TOLERANCE_EM + SPACE_EM:
            ends.append(a)  # the rest fits on this line: the paragraph may end here
        lo = bisect_right(prefix, base + width - 2.0 * HANGUL_EM - OUTLIER_EM, a + 1)
        hi = bisect_right(prefix, base + longest, lo)
        targets = []
        for b in range(max(lo, a + 1), min(hi, m)):
            # the line fits, and the next unit after it (no space: a wrap mid-word) would not
            line = prefix[b] - base - SPACE_EM
            if line <= width + TOLERANCE_EM and line + units[b] > width - TOLERANCE_EM:
                targets.append((b, 1.0))
            elif line <= width + OUTLIER_EM and line + units[b] > width - OUTLIER_EM:
                targets.append((b, OUTLIER_WEIGHT))
        edges[a] = targets
        for b, _ in targets:
            if b not in seen:
                seen.add(b)
                order.append(b)
    if not ends:
        return None
    order.sort()
    forward = {a: 0.0 for a in order}
    forward[0] = 1.0
    for a in order:
        f = forward[a]
        if f:
            for b, weight in edges[a]:
                forward[b] += f * ratios[b] * weight
    backward = {a: 0.0 for a in order}
    end_set = set(ends)
    for a in reversed(order):
        value = 1.0 if a in end_set else 0.0
        for b, weight in edges[a]:
            value += ratios[b] * weight * backward[b]
        backward[a] = value
    weight = backward[0]
    if weight <= 0.0:
        return None
    return weight, {b: forward[b] * backward[b] for b in order if b and forward[b] * backward[b] > 0.0}

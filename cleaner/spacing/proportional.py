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

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

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


def break_probability(text: str, evidence: Optional[Dict[int, float]] = None,
                      at: Optional[Iterable[int]] = None) -> Dict[int, float]:
    """{offset of a space: probability that a proportional column broke the line there}.

    `evidence` maps offsets to the likelihood ratio of the lexical evidence at that space (how
    much likelier at a wrap break than at an author's space); spaces without an entry count as
    NO_EVIDENCE_RATIO. With `at`, only those offsets are asked about (the others are left out,
    and the ones asked about have the same probability as without `at`).
    """
    measure = Measure(text)
    if len(measure.units) < 2 or len(measure.units) > MAX_TOKENS:
        return {}
    evidence = evidence or {}
    ratios = [BREAK_ODDS * evidence.get(offset, NO_EVIDENCE_RATIO) for offset in measure.breaks]
    if at is None:
        tokens: Iterable[int] = range(1, len(measure.breaks))
    else:
        token_at = {offset: k for k, offset in enumerate(measure.breaks) if k}
        tokens = sorted(token_at[offset] for offset in set(at) if offset in token_at)
    weights, votes = _lattice(measure, ratios, tokens)
    total = UNWRAPPED_WEIGHT
    for weight in weights:
        total += weight
    return {measure.breaks[k]: vote / total for k, vote in votes.items()}


class _Grid:
    """The column widths asked about (MIN_EM, MIN_EM + STEP_EM ... up to MAX_EM) and, for each,
    the bounds a line is compared with (see `_lattice`). (A plain class: a NamedTuple would cost
    the import more than all the rest of this module.)"""

    __slots__ = ("widths", "fits", "full", "outlier_fits", "outlier_full", "last_line", "longest")

    def __init__(self, widths: Sequence[float]):
        self.widths = tuple(widths)
        self.fits = tuple(w + TOLERANCE_EM for w in widths)  # a line no wider fits the column
        self.full = tuple(w - TOLERANCE_EM for w in widths)  # a line and the next unit wider overfill it
        self.outlier_fits = tuple(w + OUTLIER_EM for w in widths)  # the same within OUTLIER_EM
        self.outlier_full = tuple(w - OUTLIER_EM for w in widths)
        self.last_line = tuple(w + TOLERANCE_EM + SPACE_EM for w in widths)  # the rest fits on the last line
        self.longest = tuple(w + OUTLIER_EM + SPACE_EM for w in widths)  # no line of tokens is wider


@lru_cache(maxsize=None)
def _grid() -> _Grid:
    widths = []
    width = MIN_EM
    while width <= MAX_EM:
        widths.append(width)
        width += STEP_EM
    return _Grid(widths)


def _lattice(measure: Measure, ratios: Sequence[float], tokens: Iterable[int]) -> Tuple[List[float], Dict[int, float]]:
    """Every cut of the paragraph into lines, at every width of the grid narrower than it:
    ([for each width at which some cut fits, in order: the summed weight of its cuts], {each of
    `tokens`: the weight of the cuts that start a line at it, summed over those widths in order,
    if not 0}).

    A line of tokens a..b-1 may end before token b when it fits the column (at most the width
    plus TOLERANCE_EM) and the first unit of b would not have fitted after it; within
    OUTLIER_EM, at OUTLIER_WEIGHT. Each line is a step of a lattice over token positions, its
    weight the break's ratio times the fit's; a cut may end where the rest fits on a line.
    Forward-backward sums give, per width, the weight of all cuts and of those through each
    token. A line fits a range of widths, so the lines are found once for all widths, each by
    a bisection of the grid's bounds, and the sums for every width run side by side (each
    width's sums are added in the order of asking that width alone: tests/test_spacing_column.py
    keeps that form as the reference and checks the two agree to the last bit).
    """
    grid = _grid()
    prefix, units = measure.prefix, measure.units
    m = len(units)
    end = measure.end
    count = bisect_left(grid.widths, end)  # the widths narrower than the paragraph
    if count == 0:
        return [], {}
    widths, longest = grid.widths, grid.longest
    fits, full, outlier_fits, outlier_full = grid.fits, grid.full, grid.outlier_fits, grid.outlier_full
    widest_unit = max(units)
    tokens = list(tokens)
    # forward[a][k]: the cuts reaching token a at width k (only the votes read them, so no
    # further than the last token asked about)
    reached = max(tokens, default=0) + 1
    forward = [[0.0] * count for _ in range(reached)]
    forward[0] = [1.0] * count
    # the widths at which a cut may reach each token lie in reach_lo[a] <= k < reach_hi[a]: no
    # line starts at a token at any other width, so none is looked for
    reach_lo, reach_hi = [count] * m, [0] * m
    reach_lo[0], reach_hi[0] = 0, count
    lines: List[List[Tuple[int, int, int, int, int]]] = []  # per token a: (b, and four bounds on k) by b
    for a in range(m):
        found: List[Tuple[int, int, int, int, int]] = []
        lines.append(found)
        low, high = reach_lo[a], reach_hi[a]
        if low >= high:
            continue
        base = prefix[a]
        at_a = forward[a] if a < reached else None
        widest = outlier_fits[high - 1]
        # no line shorter than this fills the narrowest of these columns with its next unit (the
        # margin of 1 em keeps the bound clear of rounding)
        b = bisect_right(prefix, base + SPACE_EM + outlier_full[low] - widest_unit - 1.0, a + 1)
        while b < m:
            line = prefix[b] - base - SPACE_EM  # the line a..b-1
            if line > widest:
                break
            top = line + units[b]  # and the unit of b after it
            # the widths the line fits within OUTLIER_EM: lo <= k < hi
            lo = bisect_left(outlier_fits, line, low, high)  # line <= width + OUTLIER_EM
            hi = bisect_left(outlier_full, top, low, high)  # top > width - OUTLIER_EM
            # and the widths whose search reaches b (first, the line narrower than the longest)
            while lo < hi and not prefix[b] <= base + longest[lo]:
                lo += 1
            while lo < hi and not prefix[b] > base + widths[hi - 1] - 2.0 * HANGUL_EM - OUTLIER_EM:
                hi -= 1
            if lo < hi:
                # within them, the widths it fits within TOLERANCE_EM: first <= k < last
                first = bisect_left(fits, line, lo, hi)  # line <= width + TOLERANCE_EM
                last = bisect_left(full, top, first, hi)  # top > width - TOLERANCE_EM
                found.append((b, lo, first, last, hi))
                if lo < reach_lo[b]:
                    reach_lo[b] = lo
                if hi > reach_hi[b]:
                    reach_hi[b] = hi
                if b < reached:
                    ratio = ratios[b]
                    to_b = forward[b]
                    for k in range(lo, first):
                        f = at_a[k]
                        if f:
                            to_b[k] += f * ratio * OUTLIER_WEIGHT
                    for k in range(first, last):
                        f = at_a[k]
                        if f:
                            to_b[k] += f * ratio  # times a weight of 1.0
                    for k in range(last, hi):
                        f = at_a[k]
                        if f:
                            to_b[k] += f * ratio * OUTLIER_WEIGHT
            b += 1
    last_line = grid.last_line
    backward: List[List[float]] = [[]] * m  # backward[a][k]: the cuts from token a to an end at width k
    for a in range(m - 1, -1, -1):
        # the rest from token a fits on one line from this width on
        fitting = bisect_left(last_line, end - prefix[a], 0, count)
        at_a = [0.0] * fitting + [1.0] * (count - fitting)
        for b, lo, first, last, hi in lines[a]:
            ratio = ratios[b]
            outlier = ratio * OUTLIER_WEIGHT
            from_b = backward[b]
            for k in range(lo, first):
                at_a[k] += outlier * from_b[k]
            for k in range(first, last):
                at_a[k] += ratio * from_b[k]  # ratio times a weight of 1.0
            for k in range(last, hi):
                at_a[k] += outlier * from_b[k]
        backward[a] = at_a
    kept = [k for k, weight in enumerate(backward[0]) if weight > 0.0]  # widths at which some cut fits
    votes: Dict[int, float] = {}
    for b in tokens:
        at_b, from_b = forward[b], backward[b]
        vote, seen = 0.0, False
        for k in kept:
            share = at_b[k] * from_b[k]
            if share > 0.0:
                vote += share
                seen = True
        if seen:
            votes[b] = vote
    return [backward[0][k] for k in kept], votes

"""The proportional column model (`cleaner.spacing.proportional`) computes what its definition says.

`_lattice` finds each line once for all column widths and runs the forward-backward sums of all
widths side by side. Below is the model as first written, one width at a time (a search from
each reachable token, then forward and backward sums over those tokens): the two must agree to
the last bit on every paragraph, since a decision compares these probabilities with thresholds
and a rounding difference could flip one.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.chars import HANGUL_EM, SPACE_EM
from cleaner.spacing import proportional
from cleaner.spacing.proportional import (BREAK_ODDS, MAX_EM, MAX_TOKENS, MIN_EM, NO_EVIDENCE_RATIO, OUTLIER_EM,
                                          OUTLIER_WEIGHT, STEP_EM, TOLERANCE_EM, UNWRAPPED_WEIGHT, Measure,
                                          break_probability)

from test_spacing import PROSE

SAMPLE = Path(__file__).resolve().parent / "data" / "layouts_sample.jsonl"


def reference(text: str, evidence: Optional[Dict[int, float]] = None) -> Dict[int, float]:
    """`break_probability` one width at a time."""
    measure = Measure(text)
    if len(measure.units) < 2 or len(measure.units) > MAX_TOKENS:
        return {}
    evidence = evidence or {}
    ratios = [BREAK_ODDS * evidence.get(offset, NO_EVIDENCE_RATIO) for offset in measure.breaks]
    total = UNWRAPPED_WEIGHT
    votes: Dict[int, float] = {}
    width = MIN_EM
    while width <= MAX_EM and width < measure.end:
        found = _one_width(measure, ratios, width)
        if found is not None:
            weight, through = found
            total += weight
            for k, share in through.items():
                votes[k] = votes.get(k, 0.0) + share
        width += STEP_EM
    return {measure.breaks[k]: vote / total for k, vote in votes.items()}


def _one_width(measure: Measure, ratios: Sequence[float], width: float):
    prefix, units = measure.prefix, measure.units
    m = len(units)
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
            ends.append(a)
        lo = bisect_right(prefix, base + width - 2.0 * HANGUL_EM - OUTLIER_EM, a + 1)
        hi = bisect_right(prefix, base + longest, lo)
        targets = []
        for b in range(max(lo, a + 1), min(hi, m)):
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


def _evidence(text: str, every: int) -> Dict[int, float]:
    """Strong evidence at every `every`-th space, other evidence at the one after it."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    return {offset: (50.0 if n % every == 0 else 10.0) for n, offset in enumerate(spaces) if n % every < 2}


def _sample_paragraphs() -> List[str]:
    with open(SAMPLE, encoding="utf-8") as handle:
        return [" ".join(p["lines"]) for record in map(json.loads, handle) for p in record["paragraphs"]]


def test_the_columns_of_real_layouts_agree_with_the_reference() -> None:
    paragraphs = _sample_paragraphs() + list(PROSE)
    assert len(paragraphs) > 100
    asked = 0
    for text in paragraphs:
        for evidence in (None, _evidence(text, 3)):
            expected = reference(text, evidence)
            assert break_probability(text, evidence) == expected
            asked += bool(expected)
    assert asked > 100  # most paragraphs are wide enough for a column


# Tokens of every width class of cleaner.chars: Hangul, ASCII, other marks (the middle dot's 0.6 em
# makes lines of whole em, where the bounds are met exactly), wide characters, and the closing
# marks that stay with the character before them.
_CHARS = "가나다국민하는을abcZ019.,·」』)%“”「(…—中😊"
paragraphs = st.lists(st.text(st.sampled_from(_CHARS), min_size=1, max_size=12), min_size=1, max_size=120).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(paragraphs, st.integers(min_value=2, max_value=5))
def test_any_paragraph_agrees_with_the_reference(text: str, every: int) -> None:
    evidence = _evidence(text, every)
    assert break_probability(text, evidence) == reference(text, evidence)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(paragraphs, st.sets(st.integers(min_value=-1, max_value=400), max_size=8))
def test_asking_about_some_spaces_gives_their_probabilities(text: str, at) -> None:
    full = break_probability(text, _evidence(text, 3))
    assert break_probability(text, _evidence(text, 3), at=at) == {o: p for o, p in full.items() if o in at}


def test_the_grid_is_the_widths_asked_about() -> None:
    widths = proportional._grid().widths
    assert widths[0] == MIN_EM and widths[-1] <= MAX_EM < widths[-1] + STEP_EM
    assert all(b - a == STEP_EM for a, b in zip(widths, widths[1:]))

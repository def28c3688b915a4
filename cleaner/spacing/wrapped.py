"""Was this text wrapped at all? The gate in front of every removal on text of unknown layout.

Most text reaching the spacing stage was never wrapped: an edited page's paragraphs carry only
the author's spaces. Every removal there is damage, and a column search alone cannot tell, since
edited prose lines up at *some* width by chance (a paragraph of 3-5 lines does so about as often
as a wrapped one: measured on the ko-pages). What edited text does not produce is lexical
evidence of broken words at the rate a wrap leaves it: particles and endings standing alone
("정부 는", "발표했 다."), a lone syllable that only a word across the space explains ("주 택을"),
a stem cut off its ending ("하였 다"). So each paragraph is weighed as a likelihood-ratio test,
"wrapped" against "edited", from the evidence class of every space between two syllables:

    score = sum over its spaces of log P(class | wrapped text) / P(class | edited text)

A space without evidence counts a little against wrapping (NO_EVIDENCE), so a long paragraph
needs evidence in proportion to its length. The table was measured (benchmarks/bench_wrapped.py)
on wrap-broken official prose (spacing/dev) against the never-wrapped ko-pages and corpus/.

The paragraphs of one document were most often laid out alike (one column wrapped them all, or
none was wrapped), so the rest of the document is evidence about each paragraph: with
probability SHARED_LAYOUT the paragraph shares the rest's layout, otherwise it stands alone, and

    posterior = score + log(SHARED_LAYOUT * exp(score of the rest) + 1 - SHARED_LAYOUT)

must reach MIN_POSTERIOR. A paragraph alone is judged by its own score; in a wrapped document a
paragraph with little evidence of its own is repaired too; in an edited page a paragraph needs
about log(1 / (1 - SHARED_LAYOUT)) = 3.0 more than alone (a quotation pasted from a PDF still gets
through). A column width found by `period` only ever confirms: it opens the gate only for a
paragraph whose words already lean to wrapped (cleaner.spacing's LEANING and CONFIRMED_COLUMN),
never alone. Known line breaks (hard-wrapped input) need no gate: the lines are the evidence.

>>> from cleaner.spacing.candidates import candidates
>>> [signal_class(c, ("orphan-ending",)) for c in candidates("부인한 다.")]
['orphan-final']
>>> wrapped_texts([3.2]), wrapped_texts([0.5]), wrapped_texts([2.0, -30.0]), wrapped_texts([4.0, -30.0])
([True], [False], [False, False], [True, False])
>>> wrapped_texts([3.0, 2.5, 0.3, -0.5])
[True, True, True, True]
"""
from __future__ import annotations

import math

from typing import Dict, List, Sequence, Tuple

from cleaner.spacing.candidates import Candidate
from cleaner.spacing.evidence import EVIDENCE
from cleaner.spacing.lexicon import endings

# log P(class | wrapped) / P(class | edited), per space between two syllables, by the strongest
# evidence found there (`signal_class`). Measured by benchmarks/bench_wrapped.py: wrap-broken
# official prose (spacing/dev, 33,900 spaces) against never-wrapped pages (ko-pages HTML and
# text, corpus/ documents; 15,100 spaces), add-one-half smoothed, rounded down.
SIGNAL_LOG_RATIO: Dict[str, float] = {
    "two-kinds": 3.5,  # two kinds of lexical evidence agree
    "orphan-final": 3.5,  # a sentence-final ending alone before its punctuation ("했 다.")
    "orphan-particle": 3.0,
    "syllable-word": 3.0,
    "open-stem": 1.8,
    "copula": 1.7,
    "particle": 1.2,
    "orphan-ending": 0.2,  # other ending chains: "가끔 오는", "가장 더운" are words
    "split": 0.7,
    "derivation": 0.5,
    "one-syllable": 0.3,
    "lexicon": 0.2,
    "suffix": 0.0,
    "vetoed": 0.0,
}
# A space between syllables with no evidence at all: slightly likelier in edited text.
NO_EVIDENCE = -0.07
# The log-likelihood ratio a paragraph needs, all evidence counted. About e = 2.7 to 1 for
# wrapping: the per-space decisions that follow ask for evidence of their own.
MIN_POSTERIOR = 1.0
# How often a paragraph shares the layout of the rest of its document: in a page of edited
# text, one paragraph in twenty pasted from a wrapped source (a quotation from a PDF).
SHARED_LAYOUT = 0.95

# The kinds of evidence that name a class of their own (one kind alone; two make "two-kinds").
_LEXICAL_KINDS = frozenset(kind.name for kind in EVIDENCE if kind.scope == "lexical")
# What may follow a sentence-final ending standing alone ("다.", "니다?", "요!").
_FINAL_PUNCTUATION = frozenset(".?!")


def signal_class(candidate: Candidate, evidence: Tuple[str, ...], vetoed: bool = False) -> str:
    """The class of one space by its lexical evidence (see SIGNAL_LOG_RATIO), or "none"."""
    if vetoed:
        return "vetoed"
    if not evidence:
        return "none"
    if "orphan-ending" in evidence:
        word = candidate.right_word
        if word in endings() and candidate.right[len(word):len(word) + 1] in _FINAL_PUNCTUATION:
            return "orphan-final"
    if len(evidence) >= 2:
        return "two-kinds"
    return evidence[0] if evidence[0] in _LEXICAL_KINDS else "none"


def score(classes: Sequence[str]) -> float:
    """A paragraph's log-likelihood ratio of wrapped against edited, from its spaces' classes."""
    return sum(SIGNAL_LOG_RATIO.get(name, NO_EVIDENCE) for name in classes)


def wrapped_texts(scores: Sequence[float]) -> List[bool]:
    """For each paragraph of one document (by its `score`): may the rules remove spaces in it?"""
    return [p >= MIN_POSTERIOR for p in posteriors(scores)]


def posteriors(scores: Sequence[float]) -> List[float]:
    """Each paragraph's `posterior`, the rest of its document counted."""
    total = sum(scores)
    return [posterior(s, total - s) for s in scores]


def posterior(own: float, rest: float) -> float:
    """A paragraph's log-likelihood ratio of wrapped, with the rest of its document's evidence
    (`rest`) shared with probability SHARED_LAYOUT; computed without overflow.

    >>> round(posterior(2.0, 0.0), 2), round(posterior(2.0, -50.0), 2), round(posterior(0.5, 20.0), 1)
    (2.0, -1.0, 20.4)
    """
    if rest > 0:
        return own + rest + math.log(SHARED_LAYOUT + (1 - SHARED_LAYOUT) * math.exp(-rest))
    return own + math.log(SHARED_LAYOUT * math.exp(rest) + 1 - SHARED_LAYOUT)

"""Spaces that are never removed, whatever the evidence says.

Each veto is a kind of real space that spacers (and wrap evidence) get wrong often enough to
matter, measured before this stage was written (DESIGN.md): after "." or ",", between an
ending and an auxiliary predicate ("해야 한다", "하게 되다", "하지 않다", "하고 있다"), between
an adnominal form and a bound noun ("할 수", "한 것"), inside letter-spaced runs ("상 속 재 산"),
and inside numbers and dates ("2008. 12.", "1 000").

>>> from cleaner.spacing.candidates import candidates
>>> text = "해야 한다 할 수 있다 상 속 재 산"
>>> [veto(c, text_tokens(text)) for c in candidates(text)]
['ending+auxiliary', None, 'adnominal+bound-noun', None, None, 'letter-spaced', 'letter-spaced', 'letter-spaced']
"""
from __future__ import annotations

from typing import List, Optional

from cleaner.spacing.candidates import Candidate
from cleaner.spacing.hangul import final
from cleaner.spacing.lexicon import bound_nouns

# Punctuation after which a space is the author's: sentence and clause ends.
PUNCTUATION_BEFORE_SPACE = frozenset(".,;:!?")
# Connective endings that take an auxiliary predicate after a real space: -야 하다, -록 하다,
# -게 하다/되다, -지 않다/못하다, -고 있다/싶다 ...
AUXILIARY_ENDINGS = frozenset("야록게지고")
# First syllables of the auxiliary predicates that follow them.
AUXILIARY_STARTS = frozenset("하한할함합해했되된될됨됩돼됐않못있없싶보봐봤주줘줬말")
# A run of this many one-character tokens in a row is letter-spaced text, not wrap breaks.
LETTER_SPACED_RUN = 3
# Final consonants of adnominal endings (-ㄴ, -ㄹ: 한, 할, 된, 될, 는, 을, 던).
ADNOMINAL_FINALS = ("ㄴ", "ㄹ")


def text_tokens(text: str) -> List[str]:
    return [t for t in text.split(" ") if t]


def veto(candidate: Candidate, tokens: List[str]) -> Optional[str]:
    """The reason this space must stay, or None."""
    left, right = candidate.left, candidate.right
    last, first = left[-1], right[0]
    if last in PUNCTUATION_BEFORE_SPACE:
        return "after-punctuation"
    if last.isdigit() and first.isdigit():
        return "number"
    if len(left) == 1 and len(right) == 1 and _in_letter_spaced_run(candidate.index, tokens):
        return "letter-spaced"
    if not ("가" <= last <= "힣" and "가" <= first <= "힣"):
        return None
    if last in AUXILIARY_ENDINGS and first in AUXILIARY_STARTS and len(left) > 1:
        return "ending+auxiliary"
    if final(last) in ADNOMINAL_FINALS and _is_bound_noun(right):
        return "adnominal+bound-noun"
    return None


def _is_bound_noun(token: str) -> bool:
    nouns = bound_nouns()
    word = token.rstrip(".,;:!?)”’")
    for size in (2, 1):
        if word[:size] in nouns and (len(word) == size or len(word) - size <= 2):
            return True
    return False


def _in_letter_spaced_run(index: int, tokens: List[str]) -> bool:
    """Whether the space between tokens[index] and tokens[index+1] is inside a run of
    LETTER_SPACED_RUN or more one-character tokens."""
    if len(tokens[index]) != 1 or len(tokens[index + 1]) != 1:
        return False
    run = 2
    i = index - 1
    while i >= 0 and len(tokens[i]) == 1:
        run += 1
        i -= 1
    i = index + 2
    while i < len(tokens) and len(tokens[i]) == 1:
        run += 1
        i += 1
    return run >= LETTER_SPACED_RUN

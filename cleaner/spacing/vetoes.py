"""Spaces that are never removed, whatever the evidence says.

Each veto is a kind of real space that spacers (and wrap evidence) get wrong often enough to
matter, measured before this stage was written (docs/architecture.md): after "." or ",", between an
ending and an auxiliary predicate ("해야 한다", "하게 되다", "하지 않다", "하고 있다"), between
an adnominal form and a bound noun ("할 수", "한 것"), inside letter-spaced runs ("상 속 재 산"),
and inside numbers and dates ("2008. 12.", "1 000", "1 000 명").

>>> from cleaner.spacing.candidates import candidates
>>> text = "해야 한다 할 수 있다 상 속 재 산"
>>> [veto(c, text_tokens(text)) for c in candidates(text)]
['ending+auxiliary', None, 'adnominal+bound-noun', None, None, 'letter-spaced', 'letter-spaced', 'letter-spaced']
"""
from __future__ import annotations

from typing import List, Optional

from cleaner.spacing.candidates import Candidate
from cleaner.spacing.hangul import final
from cleaner.spacing.lexicon import bound_nouns, morphemes, words

# Punctuation after which a space is the author's: sentence and clause ends.
PUNCTUATION_BEFORE_SPACE = frozenset(".,;:!?")
# Connective endings that take an auxiliary predicate after a real space: -야 하다, -록 하다,
# -게 하다/되다, -지 않다/못하다, -고 있다/싶다 ...
AUXILIARY_ENDINGS = frozenset("야록게지고")
# First syllables of the auxiliary predicates that follow them.
AUXILIARY_STARTS = frozenset("하한할함합해했되된될됨됩돼됐않못있없싶보봐봤주줘줬말")
# A run of this many one-character tokens in a row is letter-spaced text, not wrap breaks.
# Three is too few: a narrow column leaves runs like "그 경 우" (그 + 경우 broken) that are
# breaks (measured on wrap-broken official prose: 4 gains 1.4 points of recall, no precision).
LETTER_SPACED_RUN = 4
# Final consonants of adnominal endings (-ㄴ, -ㄹ: 한, 할, 된, 될, 는, 을, 던).
ADNOMINAL_FINALS = ("ㄴ", "ㄹ")
# One-syllable adnominal forms that are also nouns or other words in the dictionary (한 = one,
# 본 = this): adnominal all the same before a bound noun. (Not evidence.NOUNLIKE_MODIFIERS.)
ADNOMINAL_HOMONYMS = frozenset(("한", "할", "된", "될", "본", "볼", "간", "갈", "온", "올", "준", "줄", "는", "을", "은", "던"))


# "-ㄹ 수 있다 / 없다": the bound noun with its particles, and the predicates after it.
POSSIBILITY_NOUNS = frozenset(("수", "수도", "수는", "수가", "수밖에", "수만"))
POSSIBILITY_VERBS = frozenset("있없")
# Punctuation stripped from a token's end before looking for a bound noun in it ("수.", "것”").
BOUND_NOUN_TRAILING = ".,;:!?)”’"


def text_tokens(text: str) -> List[str]:
    return [t for t in text.split(" ") if t]


def veto(candidate: Candidate, tokens: List[str]) -> Optional[str]:
    """The reason this space must stay, or None."""
    left, right = candidate.left, candidate.right
    last, first = left[-1], right[0]
    if last in PUNCTUATION_BEFORE_SPACE:
        return "after-punctuation"
    if last.isdigit() and (first.isdigit() or _grouped_number(candidate, tokens)):
        return "number"
    if len(left) == 1 and len(right) == 1 and _in_letter_spaced_run(candidate.index, tokens):
        return "letter-spaced"
    if not ("가" <= last <= "힣" and "가" <= first <= "힣"):
        return None
    if last in AUXILIARY_ENDINGS and first in AUXILIARY_STARTS and len(left) > 1:
        return "ending+auxiliary"
    if final(last) in ADNOMINAL_FINALS and _is_bound_noun(right) and (
            _adnominal(candidate.left_word or left) or _possibility(candidate)):
        return "adnominal+bound-noun"
    return None


def _adnominal(word: str) -> bool:
    """Whether a token ending in a ㄴ/ㄹ syllable reads as an adnominal form ("한", "받은",
    "가능할") rather than a noun that happens to end so ("권", "근본", "일반")."""
    if word in ADNOMINAL_HOMONYMS:
        return True
    known = morphemes()
    if len(word) == 1:
        return word not in known["noun"] and word not in known["word1"]
    return word not in known["noun"] and words().get(word, 0.0) < 4.0


def _possibility(candidate: Candidate) -> bool:
    """Whether the space is that of "-ㄹ 수 있다 / 없다" after a one-syllable verb form that is
    also a word ("둘 수 있다": 둘 is two as well as 두다's adnominal form).

    >>> from cleaner.spacing.candidates import candidates
    >>> _possibility(candidates("둘 수 있다")[0]), _possibility(candidates("둘 수의")[0])
    (True, False)
    """
    return (len(candidate.left_word) == 1 and final(candidate.left_word) == "ㄹ"
            and candidate.right in POSSIBILITY_NOUNS and candidate.after[:1] in POSSIBILITY_VERBS)


def _is_bound_noun(token: str) -> bool:
    nouns = bound_nouns()
    word = token.rstrip(BOUND_NOUN_TRAILING)
    for size in (2, 1):
        if word[:size] in nouns and (len(word) == size or len(word) - size <= 2):
            return True
    return False


def _grouped_number(candidate: Candidate, tokens: List[str]) -> bool:
    """Whether the numeral before the space is the last group of a number written in groups
    ("1 000 명"): whoever spaced the digits spaced the unit too."""
    index = candidate.index
    return index > 0 and candidate.left.isdigit() and tokens[index - 1][-1:].isdigit()


def _in_letter_spaced_run(index: int, tokens: List[str]) -> bool:
    """Whether the space between tokens[index] and tokens[index+1] is inside a run of
    LETTER_SPACED_RUN or more one-character tokens."""
    if len(tokens[index]) != 1 or len(tokens[index + 1]) != 1:
        return False
    # Stop as soon as the run is long enough: a megabyte of "가 나 가 나" must stay linear.
    run = 2
    i = index - 1
    while run < LETTER_SPACED_RUN and i >= 0 and len(tokens[i]) == 1:
        run += 1
        i -= 1
    i = index + 2
    while run < LETTER_SPACED_RUN and i < len(tokens) and len(tokens[i]) == 1:
        run += 1
        i += 1
    return run >= LETTER_SPACED_RUN

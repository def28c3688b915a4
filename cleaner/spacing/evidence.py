"""Evidence that a space was left by a line wrap inside a word.

Each function looks at one candidate (and, for same-document evidence, an index of the whole
document) and returns the name of the evidence it found, or None. The names are what a Fix
records, so a reader of `--explain` can tell which fact decided each repair:

- "orphan-particle": the right token is nothing but particles ("의무 를", "국세청 의는").
- "orphan-ending": the right token is a sentence-final ending ("했 다.", "있습 니다.").
- "derivation": a 하다/되다 form after a word that is no ending ("사용 하거나", "선출 된").
- "lexicon": a frequent word spans the space ("경 우", "필 요한"), per the shipped word list.
- "one-syllable": the left token is one syllable that is no word on its own ("규 정이").
- "same-document": the joined form occurs elsewhere in the document, the split form does not.
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, Iterable, Optional, Set

from cleaner.spacing.candidates import Candidate
from cleaner.spacing.hangul import final, is_hangul_word, is_syllable
from cleaner.spacing.lexicon import adverbs, endings, particles, standalone, suffixes, words

# A word spanning the break counts when it is at least this frequent (Zipf: log10 per billion
# words; 4.0 is about once in 100,000 words).
LEXICON_MIN_ZIPF = 4.0
# How many syllables of each side a spanning word may take.
LEXICON_MAX_REACH = 4
# Syllables that end a complete word form (particles and endings): a left token ending in one
# of them may well be a whole word, so a 하다 form after it is a separate word ("공부를 했다").
WORD_FINAL_SYLLABLES = frozenset("은는이가을를의에로와과도만고며면서야록게지여아어다니나요죠")
# First syllables of 하다 / 되다 / 시키다 forms, which attach to the noun before them.
DERIVATION_STARTS = frozenset("하한할함합해했되된될됨됩돼됐")
# Particles left out of the orphan list because they also start or are words (see
# spacing_particles.txt): at a line break they are still evidence.
AMBIGUOUS_PARTICLES = frozenset(("의", "은", "이", "가", "과", "와", "도", "만"))
# Punctuation that may trail an orphan token ("를,", "다.").
TRAILING = ".,;:!?)]}”’\"'"


def orphan_particle(c: Candidate) -> Optional[str]:
    right = c.right.rstrip(TRAILING)
    if not right or not is_hangul_word(right) or not c.left_word:
        return None
    heads, tails = particles()
    if _chain(right, heads, tails):
        return "orphan-particle"
    return None


def _chain(token: str, heads: frozenset, tails: frozenset) -> bool:
    """Whether token is a head particle followed by zero or more continuing particles."""
    for size in range(min(len(token), 4), 0, -1):
        if token[:size] in heads and _rest(token[size:], tails):
            return True
    return False


def _rest(token: str, tails: frozenset) -> bool:
    if not token:
        return True
    return any(token[:size] in tails and _rest(token[size:], tails) for size in range(min(len(token), 3), 0, -1))


def orphan_ending(c: Candidate) -> Optional[str]:
    right = c.right
    word = right.rstrip(TRAILING)
    if word == right or not c.left_word or not is_syllable(c.left[-1]):
        return None  # an ending stands alone only before sentence punctuation
    return "orphan-ending" if word in endings() else None


def derivation(c: Candidate) -> Optional[str]:
    left, right = c.left_word, c.right_word
    if len(left) < 2 or left != c.left or not is_hangul_word(left) or not right:
        return None
    if c.right.rstrip(TRAILING) in standalone():
        return None  # "배터리 한 번": 한 is a word of its own
    if right[0] in DERIVATION_STARTS and left[-1] not in WORD_FINAL_SYLLABLES and left not in adverbs():
        return "derivation"
    return None


def lexicon(c: Candidate) -> Optional[str]:
    left, right = c.left_word, c.right_word
    if not left or not right or not is_syllable(left[-1]) or not is_syllable(right[0]):
        return None
    table = words()
    for a in range(1, min(len(left), LEXICON_MAX_REACH) + 1):
        tail = left[-a:]
        if a == 1 and tail in WORD_FINAL_SYLLABLES:
            continue  # "구체적이고 객관적": 고 ends a word, so "고객" is chance
        for b in range(1, min(len(right), LEXICON_MAX_REACH) + 1):
            if table.get(tail + right[:b], 0.0) >= LEXICON_MIN_ZIPF:
                if _complete_word(left) and _word_start(right):
                    return None  # "해당 국가의": both sides are words, "당국" is chance
                return "lexicon"
    return None


def _complete_word(word: str) -> bool:
    """Whether a left token reads as a whole word: a known word, or one plus a particle."""
    table = words()
    if word in table or word in adverbs():
        return True
    heads, tails = particles()
    for size in range(1, min(3, len(word) - 1) + 1):
        stem, tail = word[:-size], word[-size:]
        if (tail in tails or tail in AMBIGUOUS_PARTICLES) and stem in table:
            return True
    return False


def _word_start(word: str) -> bool:
    """Whether a right token starts with a known word of two or more syllables."""
    table = words()
    return any(table.get(word[:size], 0.0) >= LEXICON_MIN_ZIPF for size in range(2, min(len(word), 5) + 1))


def ambiguous_particle(c: Candidate) -> Optional[str]:
    """The right token is particles led by one that may also be a word (의, 이, 가, 도, 만 ...):
    only evidence at a line break."""
    right = c.right.rstrip(TRAILING)
    if not right or not is_hangul_word(right) or not c.left_word or not is_syllable(c.left_word[-1]):
        return None
    heads, tails = particles()
    if _chain(right, heads, tails):
        return None  # an orphan particle already
    if right in standalone() or _word_start(right):
        return None  # "가을에" is a word, not 가 + 을 + 에
    if _chain(right, AMBIGUOUS_PARTICLES | heads, tails):
        return "particle"
    return None


def suffix(c: Candidate) -> Optional[str]:
    """A noun suffix and its particle ("지속 적으로", "상속 인이")."""
    left, right = c.left_word, c.right.rstrip(TRAILING)
    if len(left) < 2 or not is_hangul_word(left) or len(right) < 2 or right[0] not in suffixes():
        return None
    heads, tails = particles()
    return "suffix" if _rest(right[1:], tails) else None


def one_syllable(c: Candidate) -> Optional[str]:
    """A one-syllable token that is no word on its own, on either side ("규 정이", "강형 욱")."""
    left, right = c.left, c.right.rstrip(TRAILING)
    alone = standalone()
    if len(left) == 1 and is_syllable(left) and left not in alone and c.right_word and is_syllable(c.right_word[0]):
        return "one-syllable"
    if (len(right) == 1 and is_syllable(right) and right not in alone and len(c.left_word) >= 2
            and final(right) not in ("ㄴ", "ㄹ")):  # "긴 의자", "큰 집": adnominal forms are words
        return "one-syllable"
    return None


LEXICAL = (orphan_particle, orphan_ending, derivation, lexicon, one_syllable, ambiguous_particle, suffix)


class DocumentIndex:
    """Which word forms a document uses: whole tokens, token starts, and adjacent token pairs.

    Built once from every body block, so a repair in one paragraph can use the spelling the
    author used in another ("삼성전 자" here, "삼성전자는" there).
    """

    # Joined forms shorter than this (syllables) are too common by chance to mean anything.
    MIN_JOINED = 3
    PREFIX_MAX = 8

    def __init__(self, texts: Iterable[str]):
        self.tokens: Counter = Counter()
        self.prefixes: Set[str] = set()
        self.pairs: Counter = Counter()
        for text in texts:
            previous = None
            for token in text.split(" "):
                if not token:
                    continue
                word = token.strip(TRAILING + "(“‘[{<")
                self.tokens[word] += 1
                for size in range(self.MIN_JOINED, min(len(word), self.PREFIX_MAX) + 1):
                    self.prefixes.add(word[:size])
                if previous is not None:
                    self.pairs[(previous, word)] += 1
                previous = word

    def same_document(self, c: Candidate) -> Optional[str]:
        left = c.left.lstrip("(“‘[{<")
        right = c.right.rstrip(TRAILING)
        if not left or not right or not is_syllable(left[-1]) or not is_syllable(right[0]):
            return None
        if left in standalone():
            return None  # "이 당선인", "당 대표": a word of its own, however the document spells it
        # the joined form, with as much of the right token as the document has joined elsewhere
        # ("삼성전 자의" against "삼성전자는": 삼성전자 is a token start there)
        for size in range(len(right), 0, -1):
            joined = left + right[:size]
            if len(joined) < self.MIN_JOINED:
                return None
            if self.tokens.get(joined, 0) or (len(joined) <= self.PREFIX_MAX and joined in self.prefixes):
                break
        else:
            return None
        if self.pairs.get((left, right), 0) > 1:  # the split form occurs elsewhere too
            return None
        return "same-document"


def lexical_evidence(c: Candidate) -> Dict[str, bool]:
    found = {}
    for test in LEXICAL:
        name = test(c)
        if name:
            found[name] = True
    return found

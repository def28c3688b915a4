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

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

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


@lru_cache(maxsize=None)
def _frequent() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(the lexicon's words of LEXICON_MIN_ZIPF or more, every proper prefix of one of them):
    a spanning word is looked for only from a left tail that starts one."""
    frequent = frozenset(w for w, zipf in words().items() if zipf >= LEXICON_MIN_ZIPF)
    return frequent, frozenset(w[:i] for w in frequent for i in range(1, len(w)))


@lru_cache(maxsize=None)
def _starts(ambiguous: bool) -> FrozenSet[str]:
    """First syllables of the particles that may head a chain (a quick no for most tokens)."""
    heads = particles()[0] | (AMBIGUOUS_PARTICLES if ambiguous else frozenset())
    return frozenset(h[0] for h in heads)


def lexical_evidence(c: Candidate) -> Tuple[str, ...]:
    """The names of the lexical evidence that the space of `c` was left by a wrap, in a fixed
    order (the strong ones first). One pass: what every test needs is computed once.

    >>> from cleaner.spacing.candidates import candidates
    >>> [lexical_evidence(c) for c in candidates("주권은 국민 에게 있 다.")]
    [(), ('orphan-particle',), ('one-syllable',), ('orphan-ending', 'one-syllable')]
    """
    left, right, left_word, right_word = c.left, c.right, c.left_word, c.right_word
    if not left_word:
        return ()
    found = []
    bare = right.rstrip(TRAILING)  # "를," -> "를"
    hangul_right = bool(bare) and is_hangul_word(bare)
    last = left[-1]
    left_syllable = "가" <= last <= "힣"
    heads, tails = particles()
    alone = standalone()
    # orphan-particle: the right token is nothing but particles ("의무 를", "국세청 의는")
    orphan = hangul_right and bare[0] in _starts(False) and _chain(bare, heads, tails)
    if orphan:
        found.append("orphan-particle")
    # orphan-ending: a sentence-final ending alone before its punctuation ("했 다.")
    if bare != right and left_syllable and bare in endings():
        found.append("orphan-ending")
    long_hangul_left = len(left_word) >= 2 and is_hangul_word(left_word)
    # derivation: a 하다/되다 form after a word that is no ending ("사용 하거나", "선출 된")
    if (long_hangul_left and left_word == left and right_word and bare not in alone
            and right_word[0] in DERIVATION_STARTS and left_word[-1] not in WORD_FINAL_SYLLABLES
            and left_word not in adverbs()):
        found.append("derivation")
    # lexicon: a frequent word spans the space ("경 우", "필 요한")
    if right_word and "가" <= left_word[-1] <= "힣" and "가" <= right_word[0] <= "힣" and _spans_word(left_word, right_word):
        found.append("lexicon")
    # one-syllable: a one-syllable token that is no word on its own ("규 정이", "강형 욱");
    # adnominal forms on the right are words ("긴 의자", "큰 집")
    if ((len(left) == 1 and left_syllable and left not in alone and right_word and "가" <= right_word[0] <= "힣")
            or (len(bare) == 1 and hangul_right and bare not in alone and len(left_word) >= 2
                and final(bare) not in ("ㄴ", "ㄹ"))):
        found.append("one-syllable")
    # particle: particles led by one that may also be a word (의, 이, 가, 도, 만 ...)
    if (hangul_right and not orphan and "가" <= left_word[-1] <= "힣" and bare[0] in _starts(True)
            and bare not in alone and not _word_start(bare)
            and _chain(bare, AMBIGUOUS_PARTICLES | heads, tails)):  # "가을에" is a word, not 가+을+에
        found.append("particle")
    # suffix: a noun suffix and its particle ("지속 적으로", "상속 인이")
    if long_hangul_left and len(bare) >= 2 and bare[0] in suffixes() and _rest(bare[1:], tails):
        found.append("suffix")
    return tuple(found)


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


def _spans_word(left: str, right: str) -> bool:
    """Whether a frequent word spans the space between two Hangul word parts, unless both
    sides read as words of their own ("해당 국가의": "당국" is chance)."""
    frequent, prefixes = _frequent()
    for a in range(1, min(len(left), LEXICON_MAX_REACH) + 1):
        tail = left[-a:]
        if tail not in prefixes or (a == 1 and tail in WORD_FINAL_SYLLABLES):
            continue  # "구체적이고 객관적": 고 ends a word, so "고객" is chance
        for b in range(1, min(len(right), LEXICON_MAX_REACH) + 1):
            if tail + right[:b] in frequent:
                return not (_complete_word(left) and _word_start(right))
    return False


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
    frequent, prefixes = _frequent()
    for size in range(2, min(len(word), 5) + 1):
        start = word[:size]
        if start in frequent:
            return True
        if start not in prefixes:
            return False
    return False


class DocumentIndex:
    """Which word forms a document uses: whole tokens, token starts, and adjacent token pairs.

    Built from every body block, so a repair in one paragraph can use the spelling the author
    used in another ("삼성전 자" here, "삼성전자는" there). Built on the first question, as most
    documents never ask one (no line breaks, no candidates).

    >>> index = DocumentIndex(["삼성전자는 새 공장을 짓는다.", "삼성전 자의 주가"])
    >>> index.uses("삼성전자"), index.uses("삼성전자의"), index.uses("성전자")
    (True, False, False)
    """

    # Joined forms shorter than this (syllables) are too common by chance to mean anything.
    MIN_JOINED = 3
    # A joined form counts when it starts a token of the document, up to this length; a longer
    # one must be a whole token.
    PREFIX_MAX = 8
    _STRIP = TRAILING + "(“‘[{<"

    def __init__(self, texts: Iterable[str], words: Optional[Dict[str, List[str]]] = None):
        """`words` may hold each text's words from an earlier index of the same document."""
        self._texts = list(texts)
        self._words = words if words is not None else {}
        self._built = False

    @classmethod
    def words_of(cls, text: str) -> List[str]:
        """The text's tokens without the punctuation around them."""
        strip = cls._STRIP
        return [token.strip(strip) for token in text.split(" ") if token]

    def _build(self) -> None:
        known = self._words
        self.words = []
        for text in self._texts:
            words = known.get(text)
            if words is None:
                words = known[text] = self.words_of(text)
            self.words.append(words)
        self.tokens = set().union(*self.words)
        self.sorted = sorted(self.tokens)  # token starts are found by bisection
        self._pairs: Optional[Counter] = None
        self._built = True

    @property
    def pairs(self) -> Counter:
        """How often each pair of adjacent tokens occurs (asked for rarely: counted on demand)."""
        if not self._built:
            self._build()
        if self._pairs is None:
            self._pairs = Counter(pair for words in self.words for pair in zip(words, words[1:]))
        return self._pairs

    def uses(self, form: str) -> bool:
        """Whether the document has `form` as a token, or (up to PREFIX_MAX) at a token's start."""
        if not self._built:
            self._build()
        if form in self.tokens:
            return True
        if len(form) > self.PREFIX_MAX:
            return False
        return self._starts_a_token(form)

    def _starts_a_token(self, form: str) -> bool:
        if not self._built:
            self._build()
        i = bisect_left(self.sorted, form)
        return i < len(self.sorted) and self.sorted[i].startswith(form)

    def same_document(self, c: Candidate) -> Optional[str]:
        left = c.left.lstrip("(“‘[{<")
        right = c.right.rstrip(TRAILING)
        if not left or not right or not is_syllable(left[-1]) or not is_syllable(right[0]):
            return None
        if left in standalone():
            return None  # "이 당선인", "당 대표": a word of its own, however the document spells it
        # the joined form, with as much of the right token as the document has joined elsewhere
        # ("삼성전 자의" against "삼성전자는": 삼성전자 is a token start there); every one of
        # them starts with the shortest, so most candidates are settled by that one
        shortest = left + right[0]
        if len(shortest) >= self.MIN_JOINED and not self._starts_a_token(shortest):
            return None
        for size in range(len(right), 0, -1):
            joined = left + right[:size]
            if len(joined) < self.MIN_JOINED:
                return None
            if self.uses(joined):
                break
        else:
            return None
        if self.pairs.get((left, right), 0) > 1:  # the split form occurs elsewhere too
            return None
        return "same-document"

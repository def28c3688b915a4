"""Evidence that a space was left by a line wrap inside a word.

Each kind of evidence is one small pure function, documented where it is defined, and the table
`EVIDENCE` lists them all: the name a Fix records (so a reader of `--explain` can tell which
fact decided each repair), how strong the evidence is, and the function that finds it.
spacing/__init__.py takes its STRONG and RELIABLE names from that table, so a kind's strength
is written once.

- Lexical evidence looks at the two tokens around one candidate space (`lexical_evidence`):
  the facts several kinds share (the right token without its punctuation, whether the left
  token reads as a noun, whether the right one is an orphan particle chain ...) are worked out
  once (`Facts`), and each kind is a test of them: orphan particles or endings ("의무 를",
  "했 다."), a stem that cannot end a word ("하였 다"), a 하다/되다 derivation ("사용 하거나"),
  a word spanning the space ("경우 에서", "주 택을"), a one-syllable token ("규 정이"), a
  particle that is also a word ("양국 이"), a split chain ("청구인에 게"), a noun suffix
  ("지속 적으로"), a copula ("법인 인").
- At a space between a numeral and Hangul only numeral evidence counts (`numeral_evidence`):
  a unit after the numeral ("제155 조", "1 세대가") or the ordinal prefix before it ("제 3항").
- Document evidence: the joined form used elsewhere in the document (`DocumentIndex`).

The order of the lexical names is the table's (the strong ones first), which a Fix records and
whose first name the decision reads.
"""
from __future__ import annotations

import re

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Tuple

from cleaner import wrapgen
from cleaner.datafiles import cache_sources, cached
from cleaner.patterns import LazyPattern
from cleaner.spacing.candidates import Candidate, candidates
from cleaner.spacing.hangul import final, is_hangul_word, is_syllable
from cleaner.spacing.lexicon import (adverbs, endings, morphemes, noun_ranks, particles, standalone,
                                     suffixes, units, words)

# A word spanning the break counts when it is at least this frequent (Zipf: log10 per billion
# words; 4.0 is about once in 100,000 words).
LEXICON_MIN_ZIPF = 4.0
# One-syllable determiners: before a noun they are words of their own ("이 건", "전 세계",
# "각 자치구"), so a word spanning the space after one is chance.
DETERMINERS = frozenset("이그저각전현본동당새옛첫온매약총제구한두세네몇")
# One-syllable connective endings: alone on the left of a space they belong to the token
# before them ("했다 고", "하 며"), so they are no evidence that they start the next word.
CONNECTIVES = frozenset("고며면서")
# Units of legal citations ("제155조 제16항 제2호"): after a number they end a word.
CITATION_UNITS = frozenset("조항호목장절관편")
# Two-syllable nouns of the dictionary count as spanning words only among this many most
# frequent ones; longer nouns count whatever their rank.
SHORT_NOUN_RANK = 5000
# How many syllables of each side a spanning word may take.
LEXICON_MAX_REACH = 4
# Syllables that end a complete word form (particles and endings): a left token ending in one
# of them may well be a whole word, so a 하다 form after it is a separate word ("공부를 했다").
WORD_FINAL_SYLLABLES = frozenset("은는이가을를의에로와과도만고며면서야록게지여아어다니나요죠데")
# First syllables of 하다 / 되다 / 시키다 forms, which attach to the noun before them.
DERIVATION_STARTS = frozenset("하한할함합해했되된될됨됩돼됐")
# Particles left out of the orphan list because they also start or are words (see
# spacing_particles.txt): at a line break they are still evidence.
AMBIGUOUS_PARTICLES = frozenset(("의", "은", "이", "가", "과", "와", "도", "만"))
# Punctuation that may trail an orphan token ("를,", "다.").
TRAILING = ".,;:!?)]}”’」』》〉】\"'"
# Final consonants no word ends in: a left token ending in such a syllable is a stem or a tense
# ending that the wrap cut off its ending ("하였 다", "했 고", "이렇 게", "좋 은").
OPEN_FINALS = ("ㅆ", "ㅎ")
# 하다 / 되다 stems: after a noun, a left token ending in one is a verb cut off its ending
# ("제출하 면서", "사용되 는").
VERB_STEMS = frozenset("하되")
# The adnominal and nominal forms of 하다 / 되다 that also stand alone as words ("한 번", "할
# 수", "된 것"): after a noun and before no counter they are its derivation ("취득 한 자산").
DERIVED_WORDS = frozenset(("한", "할", "된", "될", "함", "됨", "해", "돼"))
# Determiners and adnominal words that end like nouns ("이런 일이", "아닌 한"): no particle,
# copula or 하다 form attaches to them. (Not vetoes.ADNOMINAL_HOMONYMS: one-syllable forms.)
NOUNLIKE_MODIFIERS = frozenset(("이런", "그런", "저런", "어떤", "아닌", "다른", "모든", "여러", "온갖", "어느",
                                "무슨", "이러한", "그러한", "저러한", "어떠한", "같은", "없는", "있는"))
# Particles whose form depends on the syllable before them: 이 / 은 / 을 / 과 after a final
# consonant, 가 / 는 / 를 / 와 after a vowel.
AFTER_CONSONANT = frozenset("이은을과")
AFTER_VOWEL = frozenset("가는를와")
# First syllables of the forms of 이다 after a noun: 인, 일, 임, 입니다, 이다, 이며, 였다 ...
COPULA_STARTS = frozenset("인일임입이였")
# Last syllables of verb forms that end a word: adnominal (한, 된, 는, 던 ...) and nominal
# (기, 함) forms. A word spanning the space after one is chance ("발생한 다음": 한다).
VERB_FORM_ENDS = frozenset("한된할될는던기함됨")
# Opening brackets and quotes before a token's word part ("「민", "‘세", '"그'): those of the
# column model (no line ends with one), and the ASCII quotes news prose opens with.
OPENING = "".join(sorted(wrapgen.OPENING)) + "\"'"
# What may follow a right token's word part for the word part to count alone ("이다.<br/>").
MARKUP_AFTER = frozenset(TRAILING + "<([「『")
# Punctuation after which a one-syllable ending stands alone ("했 다.", "했 다.<br/>").
SENTENCE_PUNCTUATION = frozenset(TRAILING + "…")
# What may follow a chain of endings in the same token ("면서도", "는데요").
ENDING_TAILS = frozenset("도요")
# The ordinal prefix of citations and rankings ("제155조", "제3자"): before a numeral it starts
# the numeral's word, so "제 154조" is a broken "제154조".
ORDINAL_PREFIX = "제"
# Numerals are ASCII digits: other decimal digits (Arabic-Indic, full-width) are not what Korean
# prose writes before its units, and str.isdigit() also admits superscripts ("²").
DIGITS = frozenset("0123456789")
# A particle chain is short (the lists make at most about eight syllables: "으로부터만이라도");
# a longer token is never one and is not searched, so a megabyte token costs nothing.
MAX_CHAIN = 12
# Suffixes of counts: "1개씩", "두번째", "3년쯤", "10명당".
COUNT_SUFFIXES = frozenset(("씩", "째", "쯤", "당", "씩만", "씩을", "째로", "째인"))


_LEADING_SYLLABLES = LazyPattern("[\uac00-\ud7a3]*", engine=re)


@lru_cache(maxsize=None)
def _frequent() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """(the lexicon's words of LEXICON_MIN_ZIPF or more and the dictionary's nouns, every
    proper prefix of one of them):
    a spanning word is looked for only from a left tail that starts one."""
    return cached("spacing-frequent", cache_sources(["ko/spacing_lexicon.txt", "ko/spacing_morphemes.tsv"], __file__),
                  _read_frequent, lambda kept: (frozenset(kept[0]), frozenset(kept[1])))


def _read_frequent() -> Tuple[List[str], List[str]]:
    ranks = noun_ranks()
    frequent = frozenset(w for w, zipf in words().items() if zipf >= LEXICON_MIN_ZIPF)
    # two-syllable nouns span a space by chance too often unless they are frequent ("조제",
    # "음각"); longer ones rarely do
    frequent |= frozenset(w for w, rank in ranks.items() if len(w) > 2 or rank < SHORT_NOUN_RANK)
    return sorted(frequent), sorted({w[:i] for w in frequent for i in range(1, len(w))})


@lru_cache(maxsize=None)
def _starts(ambiguous: bool) -> FrozenSet[str]:
    """First syllables of the particles that may head a chain (a quick no for most tokens)."""
    heads = particles()[0] | (AMBIGUOUS_PARTICLES if ambiguous else frozenset())
    return frozenset(h[0] for h in heads)


class Facts:
    """What the kinds of lexical evidence share about one candidate space whose left word part
    is not empty, each worked out once: the tokens and their word parts, and the readings
    several kinds ask for (those few kinds need, on first use). Not changed once made.

    >>> f = Facts(candidates("청구인 이")[0])
    >>> f.bare, f.hangul_right, f.noun_left, f.nounish, f.orphan
    ('이', True, False, True, False)
    """

    __slots__ = ("left", "right", "left_word", "right_word", "after", "bare", "hangul_right", "left_syllable", "lone",
                 "long_hangul_left", "orphan", "spanned", "fragment", "_noun_left", "_nounish")

    def __init__(self, c: Candidate):
        self.left = left = c.left  # the token before the space, as written
        self.right = right = c.right  # the token after it
        self.left_word = left_word = c.left_word  # the word part touching the space on each side
        self.right_word = right_word = c.right_word
        self.after = c.after  # the token after `right` ("" at the end)
        # the right token without trailing punctuation or markup
        bare = right.rstrip(TRAILING)  # "를," -> "를"
        if right_word and bare != right_word and right[len(right_word)] in MARKUP_AFTER:
            bare = right_word  # "이다.<br/>", "를(가)"; not "농·어촌"
        self.bare = bare
        self.hangul_right = hangul_right = bool(bare) and is_hangul_word(bare)  # Hangul syllables only
        self.left_syllable = "가" <= left[-1] <= "힣"  # the left token ends in a Hangul syllable
        self.lone = left.lstrip(OPENING)  # "「민 법」", "‘세 무조사’": a lone syllable after a bracket
        # the left word part is two or more Hangul syllables
        self.long_hangul_left = len(left_word) >= 2 and is_hangul_word(left_word)
        # the right token is nothing but particles
        self.orphan = hangul_right and bare[0] in _starts(False) and _chain(bare)
        # a frequent word spans the space between two syllables
        self.spanned = (right_word != "" and "가" <= left_word[-1] <= "힣" and "가" <= right_word[0] <= "힣"
                        and _spans_word(left_word, right_word))
        # and the left token is one syllable before a right part that starts no word ("주 택을")
        self.fragment = self.spanned and len(self.lone) == 1 and not _starts_word(right_word)
        self._noun_left = self._nounish = None  # worked out on first use

    @property
    def noun_left(self) -> bool:
        """The whole left token is a known noun of two or more syllables."""
        if self._noun_left is None:
            self._noun_left = self.long_hangul_left and self.left_word == self.left and _is_noun(self.left_word)
        return self._noun_left

    @property
    def nounish(self) -> bool:
        """The left token reads as a noun: a known one, or one not ending as particles, endings
        and verb forms do ("청구인 이")."""
        if self._nounish is None:
            left_word = self.left_word
            last = left_word[-1]
            self._nounish = self.noun_left or (
                len(left_word) >= 2 and "가" <= last <= "힣"
                and last not in WORD_FINAL_SYLLABLES and last not in VERB_FORM_ENDS and final(last) not in OPEN_FINALS
                and left_word not in NOUNLIKE_MODIFIERS and not left_word.endswith("적인")
                and left_word not in adverbs())
        return self._nounish


def _at(text: str) -> Facts:
    """The facts of the first space of `text` (for the examples below)."""
    return Facts(candidates(text)[0])


def orphan_particle(f: Facts) -> bool:
    """The right token is nothing but particles ("의무 를", "국세청 에서는"); those that are
    also words (의, 이, 가 ...) are `particle` evidence.

    >>> orphan_particle(_at("의무 를,")), orphan_particle(_at("국세청 에서는")), orphan_particle(_at("국세청 의는"))
    (True, True, False)
    """
    return f.orphan


def orphan_ending(f: Facts) -> bool:
    """The right token is nothing but verb endings: a sentence-final one before its punctuation
    ("했 다.", "있습 니다."), or a chain of two or more syllables no word is made of
    ("제출하 면서", "만들어보 겠다").

    >>> orphan_ending(_at("했 다.")), orphan_ending(_at("제출하 면서")), orphan_ending(_at("마크를 다는"))
    (True, True, False)
    """
    right, right_word, bare = f.right, f.right_word, f.bare
    return f.left_syllable and (
        (right_word in endings() and right[len(right_word):len(right_word) + 1] in SENTENCE_PUNCTUATION)
        or (f.hangul_right and len(bare) >= 2 and not f.orphan and f.left_word[-1] not in WORD_FINAL_SYLLABLES
            and _ending_chain(bare) and not _is_word(bare)))  # "마크를 다는": 달다


def open_stem(f: Facts) -> bool:
    """The left token ends where no word can: a tense ending or stem with a final ㅆ or ㅎ
    ("하였 다", "이렇 게"), a stem ending in 으, or an uncommon 하다/되다 stem ("제출하 면서").

    >>> open_stem(_at("하였 다")), open_stem(_at("제출하 면서")), open_stem(_at("이하 의"))
    (True, True, False)
    """
    left_word, right_word = f.left_word, f.right_word
    last = left_word[-1]
    return ("가" <= last <= "힣" and right_word != "" and "가" <= right_word[0] <= "힣" and (
        final(last) in OPEN_FINALS or (len(left_word) >= 2 and last == "으")
        or (f.long_hangul_left and last in VERB_STEMS and not _common_word(left_word))))


def derivation(f: Facts) -> bool:
    """A 하다/되다 form after a noun ("사용 하거나", "선출 된", "취득 한 자산"); not after a
    modifier, an adverb, a quotation or particles ("아닌 한", "서면으로 한다").

    >>> derivation(_at("사용 하거나")), derivation(_at("취득 한 자산")), derivation(_at("서면으로 한다"))
    (True, True, False)
    """
    left_word, right_word = f.left_word, f.right_word
    last = left_word[-1]
    return (f.long_hangul_left and left_word == f.left and right_word != "" and right_word[0] in DERIVATION_STARTS
            and left_word not in adverbs() and (last not in VERB_FORM_ENDS or f.noun_left)
            and last != "히"
            and left_word not in NOUNLIKE_MODIFIERS  # "아닌 한", "다른 할"
            and (last != "라" or f.noun_left)  # a quotation: "고율이라 하더라도"
            and not _ends_in_particles(left_word)  # "법률로써 하되", "서면으로 한다"
            and (right_word[0] in VERB_STEMS or not _noun_start(right_word))  # "뾰족한 해법이"
            and (last not in WORD_FINAL_SYLLABLES or f.noun_left)
            and (f.bare not in standalone()
                 or (f.nounish and f.bare in DERIVED_WORDS and not _counter(f.after))))


def lexicon(f: Facts) -> bool:
    """A frequent word spans the space, per the shipped word lists ("경우 에서", "적용대 상에"),
    unless the left token is one syllable before no word of its own (`syllable_word`).

    >>> lexicon(_at("적용대 상에")), lexicon(_at("주 택을"))
    (True, False)
    """
    return f.spanned and not f.fragment


def syllable_word(f: Facts) -> bool:
    """A word spans the space from a one-syllable token to one that starts no word ("주 택을",
    "상 속받은"): such a lone syllable is seldom a word of its own, so the word is far likelier
    the broken one (but "수 산정", "후 배우자가" are two words).

    >>> syllable_word(_at("주 택을")), syllable_word(_at("적용대 상에"))
    (True, False)
    """
    return f.fragment


def one_syllable(f: Facts) -> bool:
    """A one-syllable token that is no word on its own ("규 정이", "강형 욱"); adnominal forms
    on the right are words ("의자가 긴", "사람 큰").

    >>> one_syllable(_at("규 정이")), one_syllable(_at("강형 욱")), one_syllable(_at("의자가 긴"))
    (True, True, False)
    """
    lone, bare = f.lone, f.bare
    return ((len(lone) == 1 and f.left_syllable and lone not in standalone() and f.right_word != ""
             and "가" <= f.right_word[0] <= "힣" and lone not in particles()[1]
             and lone not in AMBIGUOUS_PARTICLES and lone not in CONNECTIVES)  # "은 확보한"
            or (len(bare) == 1 and f.hangul_right and bare not in standalone() and bare not in morphemes()["word1"]
                and len(f.left_word) >= 2 and final(bare) not in ("ㄴ", "ㄹ")))


def particle(f: Facts) -> bool:
    """Particles led by one that may also be a word (의, 이, 가, 도, 만 ...), after a noun whose
    last syllable the particle's form agrees with ("양국 이", "계기 가"); or 밖에 after a bound
    noun ("수 밖에 없다"), left out of the orphan particles for 밖에서.

    >>> particle(_at("양국 이")), particle(_at("계기 가")), particle(_at("수 밖에")), particle(_at("양국 가"))
    (True, True, True, False)
    """
    left_word, bare = f.left_word, f.bare
    return ((f.hangul_right and not f.orphan and "가" <= left_word[-1] <= "힣" and bare[0] in _starts(True)
             and not _word_start(bare) and _chain(bare, ambiguous=True)  # "가을에"
             and _agrees(left_word[-1], bare[0]) and (f.nounish or left_word in morphemes()["bound"]))
            or (bare == "밖에" and left_word in morphemes()["bound"]))


def split(f: Facts) -> bool:
    """A particle or ending chain the wrap cut in two ("청구인에 게", "경우에 도", "않도 록"):
    the left token's last syllables and the right token make one.

    >>> split(_at("청구인에 게")), split(_at("않도 록")), split(_at("법률에 의하여"))
    (True, True, False)
    """
    left_word, bare = f.left_word, f.bare
    return (f.hangul_right and not f.orphan and len(left_word) >= 2 and left_word == f.left
            and bare[0] not in "의이"
            and not (len(bare) > 1 and bare[0] in standalone() and _rest(bare[1:]))  # "빛이 나는": 나 + 는
            and _split_chain(left_word, bare))  # "법률에 의하여", "청구인에게 이를": words


def suffix(f: Facts) -> bool:
    """A noun suffix and its particles ("지속 적으로", "애널리스트 들에게"); not after an
    adnominal form ("취득한 자로서": 자 is a word).

    >>> suffix(_at("지속 적으로")), suffix(_at("애널리스트 들에게")), suffix(_at("취득한 자로서"))
    (True, True, False)
    """
    bare = f.bare
    return (f.long_hangul_left and len(bare) >= 2 and bare[0] in suffixes() and not _starts_word(bare)
            and (_rest(bare[1:]) or (bare[1] in COPULA_STARTS and _copula(bare[1:])))
            and (f.noun_left or final(f.left_word[-1]) not in ("ㄴ", "ㄹ")))


def copula(f: Facts) -> bool:
    """A form of 이다 after a noun ("법인 인", "차액 인데", "의무자 였다").

    >>> copula(_at("법인 인")), copula(_at("차액 인데")), copula(_at("했다 인데"))
    (True, True, False)
    """
    bare = f.bare
    return f.hangul_right and bare[0] in COPULA_STARTS and f.nounish and _copula(bare)


def number_unit(c: Candidate) -> bool:
    """A unit or counter after a numeral ("제155 조", "1 세대가", "6 개월").

    >>> number_unit(candidates("제155 조")[0]), number_unit(candidates("3 이상인")[0])
    (True, False)
    """
    left_word, right_word = c.left_word, c.right_word
    if not left_word or not right_word or left_word[-1] not in DIGITS or not "가" <= right_word[0] <= "힣":
        return False
    numeral = c.left.rstrip("0123456789.,")
    return _units_then_rest(right_word, "ordinal" if numeral.endswith(ORDINAL_PREFIX) else "cardinal")


def ordinal(c: Candidate) -> bool:
    """The ordinal prefix 제 before a numeral and its unit ("제 154조", "제 3항").

    >>> ordinal(candidates("제 154조제1항")[0]), ordinal(candidates("제 3")[0])
    (True, False)
    """
    left_word, right_word = c.left_word, c.right_word
    if not right_word or right_word[0] not in DIGITS or left_word != ORDINAL_PREFIX:
        return False
    digits = len(right_word) - len(right_word.lstrip("0123456789"))
    return bool(right_word[digits:]) and _units_then_rest(right_word[digits:], "ordinal")


# How strong a kind of evidence is (docs/architecture.md, measured on wrap-broken prose and real
# layouts): "strong" is nearly always right wherever a line may have broken; "reliable" is
# seldom found at an author's space, so a likely break suffices; "other" needs a sure break.
STRENGTHS = ("strong", "reliable", "other")


class Kind(NamedTuple):
    """One kind of evidence: the name a Fix records, how strong it is (`STRENGTHS`), what it
    looks at ("lexical": the two tokens, through `Facts`; "numeral": a numeral and the Hangul
    beside it, the Candidate; "document": the whole document) and the test that finds it."""
    name: str
    strength: str
    scope: str
    test: Optional[Callable]


# Every kind of evidence, the one list of them. The lexical ones are in the order
# `lexical_evidence` names them, which a Fix records (the first name drives the decision).
EVIDENCE: Tuple[Kind, ...] = (
    Kind("orphan-particle", "strong", "lexical", orphan_particle),
    Kind("orphan-ending", "strong", "lexical", orphan_ending),
    Kind("open-stem", "strong", "lexical", open_stem),
    Kind("derivation", "reliable", "lexical", derivation),
    Kind("lexicon", "other", "lexical", lexicon),
    Kind("syllable-word", "reliable", "lexical", syllable_word),  # never with "lexicon"
    Kind("one-syllable", "other", "lexical", one_syllable),
    Kind("particle", "reliable", "lexical", particle),
    Kind("split", "other", "lexical", split),
    Kind("suffix", "other", "lexical", suffix),
    Kind("copula", "reliable", "lexical", copula),
    # at a space between a numeral and Hangul only these count (`numeral_evidence`); they
    # exclude each other. (Particles alone after a numeral are no evidence: the official texts
    # space "제2조의3 에" and "90.6.19 으로서" as often as a wrap does.)
    Kind("number-unit", "reliable", "numeral", number_unit),
    Kind("ordinal", "reliable", "numeral", ordinal),
    # the joined form used elsewhere in the document, the split form not (spacing/__init__.py
    # asks `DocumentIndex.same_document`; strong unless both halves are words: `compound`)
    Kind("same-document", "strong", "document", None),
)
_LEXICAL = tuple((kind.name, kind.test) for kind in EVIDENCE if kind.scope == "lexical")
_NUMERAL = tuple((kind.name, kind.test) for kind in EVIDENCE if kind.scope == "numeral")


def named(strength: str) -> Tuple[str, ...]:
    """The names of the evidence of one strength, in the table's order.

    >>> named("strong")
    ('orphan-particle', 'orphan-ending', 'open-stem', 'same-document')
    """
    if strength not in STRENGTHS:
        raise ValueError(f"strength {strength!r} is none of {STRENGTHS}")
    return tuple(kind.name for kind in EVIDENCE if kind.strength == strength)


def lexical_evidence(c: Candidate) -> Tuple[str, ...]:
    """The names of the lexical evidence that the space of `c` was left by a wrap, in the order
    of `EVIDENCE` (the strong ones first); at a numeral, `numeral_evidence`.

    >>> [lexical_evidence(c) for c in candidates("주권은 국민 에게 있 다.")]
    [(), ('orphan-particle',), ('one-syllable',), ('orphan-ending', 'open-stem', 'one-syllable')]
    """
    left_word = c.left_word
    if not left_word:
        return ()
    if left_word[-1] in DIGITS or c.right_word[:1] in DIGITS:
        return numeral_evidence(c)
    f = Facts(c)
    return tuple([name for name, test in _LEXICAL if test(f)])


def numeral_evidence(c: Candidate) -> Tuple[str, ...]:
    """Evidence at a space between a numeral and Hangul, in either order: a unit after the
    numeral, or the ordinal prefix before it.

    >>> text = "제155 조 제 3항 1 세대가 2 천만원을 3 이상인 90.5.2 까지의 제1 주택 1 주택 제 154조제1항"
    >>> [(c.left, c.right) for c in candidates(text) if numeral_evidence(c)]
    [('제155', '조'), ('제', '3항'), ('1', '세대가'), ('2', '천만원을'), ('1', '주택'), \
('제', '154조제1항')]
    >>> numeral_evidence(candidates("제 3항")[0]), numeral_evidence(candidates("1 세대")[0])
    (('ordinal',), ('number-unit',))
    """
    return tuple([name for name, test in _NUMERAL if test(c)])


def _units_then_rest(word: str, kind: str) -> bool:
    """Whether a word part is units of `kind` (one or more: "천만원") and then nothing, particles,
    a count suffix, a copula, or another numbered part ("조의", "개씩", "년이다", "조의2",
    "조제1항", "세대2주택")."""
    leading = _LEADING_SYLLABLES.match
    if leading(word).end() > MAX_CHAIN:
        return False  # a unit chain is as short as a particle chain
    known = units()[kind]
    for size in range(min(len(word), 4), 0, -1):
        if word[:size] in known:
            rest = word[size:]
            hangul = rest[:leading(rest).end()]
            after = rest[len(hangul):]
            if after and after[0] not in DIGITS:
                continue  # letters or other characters inside the word part
            if (not hangul or hangul in COUNT_SUFFIXES or _rest(hangul) or _copula(hangul)
                    or (hangul == ORDINAL_PREFIX and after) or _units_then_rest(hangul, kind)):
                return True
    return False


def _ending_chain(token: str) -> bool:
    """Whether a token is verb endings only: pre-final endings (었, 겠, 시 ...), then one
    ending of two or more syllables or after a pre-final one, then at most 도 or 요 ("겠다",
    "면서도", "었는데"). One-syllable endings alone are words too often (자, 이, 되, 수)."""
    known = morphemes()
    prefinal, ending = known["prefinal"], known["ending"]
    i = 0
    while i < len(token) and token[i] in prefinal:
        i += 1
    rest = token[i:]
    if rest[-1:] in ENDING_TAILS and rest[:-1] in ending and len(rest) - 1 + i >= 2:
        return True
    return rest in ending and len(rest) + i >= 2 and (i > 0 or len(rest) >= 2)


@lru_cache(maxsize=None)
def _ending_starts() -> FrozenSet[str]:
    """First syllables of the ending chains (`_ending_chain`): pre-final endings and the first
    syllables of endings."""
    known = morphemes()
    return frozenset(known["prefinal"]) | frozenset(e[0] for e in known["ending"])


def _split_chain(left: str, right: str) -> bool:
    """Whether the last one or two syllables of `left` and all of `right` are one particle chain
    or one ending chain, with a host before them ("청구인에" + "게", "않도" + "록")."""
    particle_starts, ending_starts = _starts(False), _ending_starts()  # a quick no for most
    for size in (1, 2):
        if len(left) <= size:
            break
        for tail in (left[-size:], left[-size:-1] + "어") if left[-1] in "아여" else (left[-size:],):
            joined = tail + right  # 하여 야 -> 어야
            if ((tail[0] in particle_starts and _chain(joined))
                    or (tail[0] in ending_starts and len(joined) >= 2 and _ending_chain(joined))):
                return True
    return False


def _ends_in_particles(word: str) -> bool:
    """Whether a word is a noun followed by a particle chain of two or more syllables
    ("법률로써", "서면으로"): a 하다 form after it is a word of its own.

    >>> _ends_in_particles("법률로써"), _ends_in_particles("사용")
    (True, False)
    """
    nouns = morphemes()["noun"]
    for size in range(2, min(4, len(word) - 1) + 1):
        if _chain(word[-size:]) and word[:-size] in nouns:
            return True
    return False


def _copula(token: str) -> bool:
    """Whether a token is a form of 이다: 인, 일, 임, 입니다, 이다, 이며, 였다, 이었던 ..."""
    if token in ("인", "일", "임"):
        return True
    rest = token[1:]
    if token[0] == "일":  # 일 + an ending (일지, 일까), not the noun 일 and its particles (일이)
        return rest in morphemes()["ending"] and rest not in particles()[1]
    if token[0] in "인임입":
        return rest in morphemes()["ending"] or _ending_chain(rest) or _rest(rest)
    if token[0] == "였":
        return _ending_chain(token[1:])
    return len(token) >= 2 and (_ending_chain(token[1:]) or token[1:] in endings())


def _agrees(last: str, particle: str) -> bool:
    """Whether a particle has the form the syllable before it asks for (이 after a final
    consonant, 가 after a vowel)."""
    if particle in AFTER_CONSONANT:
        return final(last) != ""
    if particle in AFTER_VOWEL:
        return final(last) == ""
    return True


def _is_noun(word: str) -> bool:
    return word in morphemes()["noun"] or words().get(word, 0.0) >= LEXICON_MIN_ZIPF


def _is_word(token: str) -> bool:
    """Whether a token is a word of its own (a noun, adverb or one-syllable word)."""
    known = morphemes()
    return token in known["noun"] or token in adverbs() or token in standalone() or token in known["word1"]


def _noun_start(token: str) -> bool:
    """Whether a token starts with a noun of two or more syllables ("해법이", "한국의")."""
    nouns = morphemes()["noun"]
    return any(token[:size] in nouns for size in range(2, min(len(token), 6) + 1))


def _common_word(token: str) -> bool:
    """Whether a token is a word of its own that is common (이하, 지하; not 지배하, a rare
    noun that is more often a verb stem cut off its ending)."""
    rank = noun_ranks().get(token)
    return (rank is not None and rank < SHORT_NOUN_RANK) or token in adverbs() or token in standalone()


def _counter(token: str) -> bool:
    """Whether a token is a counter or bound noun and its particles ("번", "명의", "가지",
    "수"): then 한 / 할 before it is a numeral or an adnominal form, a word of its own."""
    bound = morphemes()["bound"]
    token = token.strip(TRAILING + "(“‘[{<")
    return any(token[:size] in bound and _rest(token[size:]) for size in (1, 2, 3))


def _chain(token: str, ambiguous: bool = False) -> bool:
    """Whether token is a head particle followed by zero or more continuing particles (with
    `ambiguous`, the heads include the particles that are also words: 의, 이, 가 ...).

    >>> _chain("에서는"), _chain("의"), _chain("의", ambiguous=True), _chain("에서" * 5000)
    (True, False, True, False)
    """
    if len(token) > MAX_CHAIN:
        return False
    return _chain_matchers()[1 if ambiguous else 0](token) is not None


def _rest(token: str) -> bool:
    """Whether token is zero or more continuing particles ("", "는", "에서도")."""
    if len(token) > MAX_CHAIN:
        return False
    return _chain_matchers()[2](token) is not None


@lru_cache(maxsize=None)
def _chain_matchers():
    """Full-match functions for particle chains, built once from the particle lists: a head
    (up to 4 syllables) then continuing particles (up to 3 each); the same set with the
    ambiguous heads; continuing particles alone."""
    heads, tails = particles()

    def alternation(forms, longest):
        return "|".join(map(re.escape, sorted((f for f in forms if len(f) <= longest), key=len, reverse=True)))

    rest = f"(?:{alternation(tails, 3)})*"
    return (re.compile(f"(?:{alternation(heads, 4)}){rest}").fullmatch,
            re.compile(f"(?:{alternation(heads | AMBIGUOUS_PARTICLES, 4)}){rest}").fullmatch,
            re.compile(rest).fullmatch)


def _spans_word(left: str, right: str) -> bool:
    """Whether a frequent word spans the space between two Hangul word parts, unless both
    sides read as words of their own ("해당 국가의": "당국" is chance)."""
    frequent, prefixes = _frequent()
    for a in range(1, min(len(left), LEXICON_MAX_REACH) + 1):
        tail = left[-a:]
        if tail not in prefixes or (a == 1 < len(left) and tail in WORD_FINAL_SYLLABLES):
            continue  # "구체적이고 객관적": 고 ends a word, so "고객" is chance
        if a == 1 < len(left) and left[-2].isdigit() and tail in CITATION_UNITS:
            continue  # "제155조 제16항": 조 after a number ends the citation
        for b in range(1, min(len(right), LEXICON_MAX_REACH) + 1):
            if b == 1 and right[0] == "제" and right[1:2].isdigit():
                break  # "조 제16항": 제 before a number is the ordinal prefix
            joined = tail + right[:b]
            if joined not in frequent:
                if joined not in prefixes:
                    break  # nor does any longer one: each word's beginnings are prefixes
                continue
            if len(left) >= 2 and left[-1] in VERB_FORM_ENDS and (left[-1] == "기" or not _is_noun(left)):
                return False  # "해석하기 어려운": 기어 is chance
            if left in DETERMINERS and (_starts_word(right) or (
                    (right[:b] in standalone() or right[:b] in morphemes()["word1"])
                    and not (b < len(right) and _rest(right[b:])))):
                return False  # "이 건", "전 세계", "이 드라마의": the determiner and its noun
            if a == len(left) and a + b >= 3 and _rest(right[b:]):
                return True  # "법률 행위를": the dictionary knows the compound
            return not (_complete_word(left) and _starts_word(right))
    return False


def _complete_word(word: str) -> bool:
    """Whether a left token reads as a whole word: a known word, one plus a particle, or a verb
    form ending as words do ("발생한", "해석하기")."""
    table = words()
    nouns = morphemes()["noun"]
    if word in table or word in nouns or word in adverbs() or (len(word) >= 2 and word[-1] in VERB_FORM_ENDS):
        return True
    heads, tails = particles()
    for size in range(1, min(3, len(word) - 1) + 1):
        stem, tail = word[:-size], word[-size:]
        if (tail in tails or tail in AMBIGUOUS_PARTICLES) and (stem in table or stem in nouns):
            return True
    return False


def compound(c: Candidate) -> bool:
    """Whether both sides of the space read as words of their own ("무역 협상을"): joining them
    makes a compound, which authors spell both ways."""
    return _complete_word(c.left_word) and _starts_word(c.right_word)


def _starts_word(token: str) -> bool:
    """Whether a right token starts with a word of two or more syllables: a frequent one or a
    noun ("대상에", "관련")."""
    return _word_start(token) or _noun_start(token)


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
    # Documents up to this many characters are searched as text before building the index.
    SEARCH_MAX = 2000
    _STRIP = TRAILING + "(“‘[{<"

    def __init__(self, texts: Iterable[str], words: Optional[Dict[str, List[str]]] = None):
        """`words` may hold each text's words from an earlier index of the same document."""
        self._texts = list(texts)
        self._words = words if words is not None else {}
        self._built = False
        # A short document is searched as text before any index is built: the joined form
        # must occur in it somewhere, which it seldom does.
        size = sum(map(len, self._texts))
        self._text = "\n".join(self._texts) if size <= self.SEARCH_MAX else None

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
        if self._text is not None and shortest not in self._text:
            return None
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

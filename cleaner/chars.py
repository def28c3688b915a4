"""Named character classes and small measures of text, shared by every stage.

Kept as data in one place (as ftfy does) so a heuristic that says "Hangul" or "letter" means the
same thing everywhere, and so each can be read and tested on its own.

>>> display_width("삼성ab")
6
>>> hangul_count("삼성 Electronics 1")
2
>>> letter_count("삼성 Electronics 1")
13
"""
from __future__ import annotations

from cleaner.patterns import LazyPattern

HANGUL_SYLLABLE = LazyPattern(r"[\uac00-\ud7a3]")
HANGUL = LazyPattern(r"\p{Hangul}")
LETTER = LazyPattern(r"\p{L}")
LATIN = LazyPattern(r"\p{Latin}")
DIGIT = LazyPattern(r"\p{Nd}")
# East Asian Wide and Fullwidth characters take two cells in a terminal or a fixed-width column.
WIDE = LazyPattern(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]")
WHITESPACE_RUN = LazyPattern(r"[ \t]+")
# How a Korean sentence ends: the last syllable of its final ending, right before the terminal
# punctuation ("했다." "해요." "했죠?" "할까?"). Found inside a block, these mark a sentence
# boundary; other syllables before a full stop there are abbreviations, numbers or names too often.
KOREAN_SENTENCE_FINAL = "다요죠까"
# At the end of a block, the terse and nominal endings of notices, diaries and speech end a
# sentence as well ("했네." "했군." "있음." "완료함." "됨." "것임." "하니."). Both are the insides
# of a character class: f"[{KOREAN_SENTENCE_FINAL}]".
KOREAN_BLOCK_FINAL = KOREAN_SENTENCE_FINAL + "네군음함됨임니"
# Scripts written a syllable or a word per character.
SYLLABIC = LazyPattern(r"[\p{Hangul}\p{Han}\p{Hiragana}\p{Katakana}]")

# How much one letter says, relative to a Hangul syllable, for the length thresholds of the
# classifier: a Korean word is about three syllables, an English one about seven letters, so a
# Latin (Cyrillic, Greek ...) letter weighs 0.4. Thresholds written for Korean then hold for
# English too ("40 letters of prose" is a sentence in both).
ALPHABETIC_LETTER_WEIGHT = 0.4

# The measures below read each character's classes from one translation table instead of a
# regex findall per call (issue 15: findall was 11% of the plain-text path): every character
# maps to one ASCII code whose bits are its classes, and a count is the sum of str.count over
# the codes with that bit. The table fills itself from the regexes above, one character at a
# time, on first sight; its size is bounded, past which a character is classified on each call.
_LETTER_BIT, _HANGUL_BIT, _SYLLABIC_BIT, _WIDE_BIT = 1, 2, 4, 8
_CODES = [chr(0x40 + bits) for bits in range(16)]
_CODES_WITH = {bit: tuple(code for bits, code in enumerate(_CODES) if bits & bit)
               for bit in (_LETTER_BIT, _HANGUL_BIT, _SYLLABIC_BIT, _WIDE_BIT)}
_MAX_CLASSIFIED = 1 << 16


class _CharClasses(dict):
    def __missing__(self, code: int) -> str:
        char = chr(code)
        bits = ((LETTER.match(char) is not None) * _LETTER_BIT | (HANGUL.match(char) is not None) * _HANGUL_BIT
                | (SYLLABIC.match(char) is not None) * _SYLLABIC_BIT | (WIDE.match(char) is not None) * _WIDE_BIT)
        value = _CODES[bits]
        if len(self) < _MAX_CLASSIFIED:
            self[code] = value
        return value


_CLASSES = _CharClasses()
_last: tuple = ("", "")


def _classes(text: str) -> str:
    """The text as class codes, one per character (the last text's kept: the measures of one
    block are asked one after another)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    codes = text.translate(_CLASSES)
    _last = (text, codes)
    return codes


def _count(text: str, bit: int) -> int:
    codes = _classes(text)
    return sum(codes.count(code) for code in _CODES_WITH[bit])


def display_width(text: str) -> int:
    """Cells the text takes in a fixed-width column (Hangul and CJK count 2)."""
    return len(text) + _count(text, _WIDE_BIT)


def hangul_count(text: str) -> int:
    """Number of Hangul syllables (and jamo) in the text."""
    return _count(text, _HANGUL_BIT)


def letter_count(text: str) -> int:
    """Number of letters of any script (no digits, punctuation or spaces)."""
    return _count(text, _LETTER_BIT)


def letter_mass(text: str) -> int:
    """Letters weighted by script: a Hangul syllable or Han character 1, any other letter 0.4.

    >>> letter_mass("삼성전자"), letter_mass("Samsung Electronics")
    (4, 7)
    """
    letters = letter_count(text)
    syllabic = _count(text, _SYLLABIC_BIT)
    return syllabic + round((letters - syllabic) * ALPHABETIC_LETTER_WEIGHT)


def without_spaces(text: str) -> str:
    """The text with all whitespace removed (to compare texts however they were wrapped).

    >>> without_spaces(" 새 정책\\n발표 ")
    '새정책발표'
    """
    return "".join(text.split())


def collapse_spaces(line: str) -> str:
    """Strip a line and fold each run of spaces and tabs into one space.

    >>> collapse_spaces("  a \\t b  ")
    'a b'
    """
    return WHITESPACE_RUN.sub(" ", line).strip()


# Advance widths of a proportional Korean font, in em (one Hangul syllable = 1): what a browser
# or a PDF column fills its lines with. Fitted by least squares to 15,000 full lines of eight
# Korean fonts (Nanum Gothic, Myeongjo, Barun Gothic and Square, Noto Sans and Serif CJK KR, Un
# Batang and Dotum) laid out by Chromium and WeasyPrint (benchmarks/layouts.py): Hangul
# 0.90-1.02 em, a space 0.16-0.33, ASCII 0.46-0.59, other marks 0.43-0.84. A monospace column
# (display_width) gives a space half a syllable; a proportional one about a quarter.
HANGUL_EM = 1.0
SPACE_EM = 0.27
ASCII_EM = 0.52
WIDE_EM = 1.0
OTHER_EM = 0.6


def advance(char: str) -> float:
    """One character's advance in a proportional Korean font, in em (see HANGUL_EM ...)."""
    if "가" <= char <= "힣":
        return HANGUL_EM
    if char < "\x80":
        return SPACE_EM if char == " " else ASCII_EM
    return WIDE_EM if WIDE.match(char) else OTHER_EM


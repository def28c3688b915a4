"""Hangul syllable arithmetic (Unicode composes each syllable from initial, vowel and final).

>>> is_syllable("한"), is_syllable("a")
(True, False)
>>> has_final("한", "ㄴ"), has_final("할", "ㄹ"), has_final("하", "ㄴ")
(True, True, False)
"""
from __future__ import annotations

import re

from cleaner.patterns import LazyPattern

FIRST_SYLLABLE = 0xAC00
LAST_SYLLABLE = 0xD7A3
# Final consonants (jongseong) in Unicode order; index 0 is "no final".
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
          "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")


def is_syllable(char: str) -> bool:
    return FIRST_SYLLABLE <= ord(char) <= LAST_SYLLABLE


# (the standard re: a character class needs no more, and matches twice as fast as `regex`)
_SYLLABLES = LazyPattern("[\uac00-\ud7a3]+", engine=re)


def is_hangul_word(text: str) -> bool:
    return _SYLLABLES.fullmatch(text) is not None


def final(char: str) -> str:
    """The final consonant of a syllable ("" if none or not a syllable)."""
    code = ord(char) - FIRST_SYLLABLE
    if not 0 <= code <= LAST_SYLLABLE - FIRST_SYLLABLE:
        return ""
    return FINALS[code % 28]


def has_final(char: str, consonant: str) -> bool:
    return final(char) == consonant

"""Candidate spaces: every single space between two tokens of a block's text.

A candidate knows the token on each side (as written, punctuation included) and the word part
touching the space (`left_word`, `right_word`: the run of Hangul syllables, letters or digits
that ends/starts at the space), which is what evidence and vetoes look at.

>>> [(c.offset, c.left, c.right) for c in candidates("삼성전 자 주가")]
[(3, '삼성전', '자'), (5, '자', '주가')]
>>> c = candidates("“세 무조사’의")[0]
>>> (c.left_word, c.right_word)
('세', '무조사')
"""
from __future__ import annotations

from typing import List, NamedTuple, Tuple

from cleaner.patterns import LazyPattern


# The word part at a token's end/start: Hangul syllables, letters, digits.
# (Searched from the end: a forward search would scan a long run of letters once per start.)
_TRAILING_WORD = LazyPattern(r"(?r)[\p{L}\p{Nd}]+$")
_LEADING_WORD = LazyPattern(r"^[\p{L}\p{Nd}]+")


class Candidate(NamedTuple):
    offset: int  # index of the space in the text
    index: int  # the space is between tokens[index] and tokens[index + 1]
    left: str
    right: str
    left_word: str = ""
    right_word: str = ""
    after: str = ""  # the token after `right` ("" at the end)


def removable(text: str, offset: int) -> bool:
    """Whether the rules may remove the space at `offset` at all: between two Hangul
    syllables, or between an ASCII numeral and a Hangul syllable in either order (a numeral
    and its unit or ordinal prefix make one word: "제155조", "1세대", "제3항"). Other spaces
    (between Latin words, inside numbers, beside punctuation) are never the rules' to remove.

    >>> [removable(t, 1) for t in ("가 나", "1 항", "제 3", "1 2", "a 나", "가 a")]
    [True, True, True, False, False, False]
    """
    if not 0 < offset < len(text) - 1:
        return False
    before, after = text[offset - 1], text[offset + 1]
    if "가" <= before <= "힣":
        return "가" <= after <= "힣" or "0" <= after <= "9"
    return "0" <= before <= "9" and "가" <= after <= "힣"


def word_end(token: str) -> str:
    if token.isalnum():
        return token
    match = _TRAILING_WORD.search(token)
    return match.group() if match else ""


def word_start(token: str) -> str:
    if token.isalnum():
        return token
    match = _LEADING_WORD.match(token)
    return match.group() if match else ""


def tokens_with_offsets(text: str) -> List[Tuple[int, str]]:
    """(start, token) for each run of non-space characters."""
    out = []
    start = 0
    for token in text.split(" "):
        if token:
            out.append((start, token))
        start += len(token) + 1
    return out


def candidates(text: str) -> List[Candidate]:
    """Every space that has a token on both sides (texts are collapsed: one space per gap)."""
    tokens = tokens_with_offsets(text)
    out = []
    for i in range(len(tokens) - 1):
        start, token = tokens[i]
        end = start + len(token)
        if tokens[i + 1][0] == end + 1:
            right = tokens[i + 1][1]
            after = tokens[i + 2][1] if i + 2 < len(tokens) else ""
            out.append(Candidate(end, i, token, right, word_end(token), word_start(right), after))
    return out

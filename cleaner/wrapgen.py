"""Wrap-broken text from clean text: what a narrow fixed-width column does to a paragraph.

A column of W cells (Hangul and other East Asian wide characters take 2 cells, everything else
1) breaks a line wherever the width runs out, in the middle of a word if need be. Simple kinsoku
keeps closing punctuation off the start of a line (the character before it moves down with it)
and opening brackets off the end of one. Copying such text and joining its lines with a single
space gives the spurious spaces the spacing stage has to remove ("삼성전 자").

This is the generator the tests and benchmarks use; it is also a faithful model of the column,
so `cleaner.spacing.period` simulates the same rules in reverse.

>>> wrap_lines("대한민국은 민주공화국이다.", 10)
['대한민국은', '민주공화국', '이다.']
>>> break_text("대한민국의 주권은 국민에게 있다.", 8)
'대한민국 의 주권 은 국민 에게 있 다.'
>>> break_text("가나다라.", 8)   # "." may not start a line: "라" goes down with it
'가나다 라.'
"""
from __future__ import annotations

import random
from typing import Iterable, Iterator, List, Optional, Tuple

from cleaner.chars import WIDE

# Characters a line may not start with (kinsoku shori, simplified): sentence and clause
# punctuation and closing brackets and quotes.
CLOSING = frozenset(".,!?:;%·)]}」』〉》’”、。")
# Characters a line may not end with: opening brackets and quotes.
OPENING = frozenset("([{「『〈《‘“")


def cell_width(char: str) -> int:
    """Cells one character takes: 2 for East Asian wide/fullwidth, 1 otherwise."""
    return 2 if WIDE.match(char) else 1


def wrap_lines(text: str, cells: int) -> List[str]:
    """The lines a column `cells` wide shows for one paragraph (no trailing spaces).

    Every character is kept in order; only spaces at a line end disappear.
    """
    if cells < 4:
        raise ValueError("a column must be at least 4 cells wide")
    lines: List[List[str]] = []
    line: List[str] = []
    used = 0
    for char in text:
        width = cell_width(char)
        if used + width > cells:
            if char == " ":  # a space that does not fit ends the line and is gone
                lines.append(line)
                line, used = [], 0
                continue
            carry: List[str] = []
            if char in CLOSING:
                # the marks before it and the character they close go down together
                while len(line) > 1 and line[-1] in CLOSING:
                    carry.insert(0, line.pop())
                if len(line) > 1 and line[-1] != " ":
                    carry.insert(0, line.pop())
            while line and line[-1] in OPENING and len(line) > 1:
                carry.insert(0, line.pop())
            lines.append(line)
            line, used = carry, sum(cell_width(c) for c in carry)
        line.append(char)
        used += width
    lines.append(line)
    return [text for text in ("".join(chars).strip() for chars in lines) if text]


def break_text(text: str, cells: int) -> str:
    """One paragraph wrapped at `cells` and its lines joined by single spaces."""
    return " ".join(wrap_lines(text, cells))


def break_paragraphs(paragraphs: Iterable[str], *, min_hangul: int = 15, max_hangul: int = 35,
                     seed: Optional[int] = 0) -> Iterator[Tuple[str, str, int]]:
    """(broken, gold, cells) for each paragraph, each at its own width drawn from the range.

    Widths are given in Hangul per line, as people describe columns; a line is twice that many
    cells. The same seed gives the same widths.
    """
    rng = random.Random(seed)
    for paragraph in paragraphs:
        gold = " ".join(paragraph.split())
        cells = 2 * rng.randint(min_hangul, max_hangul)
        yield break_text(gold, cells), gold, cells

"""Stage 2 (plain text): lines -> blocks.

A page's text copied from a browser has one paragraph per line, blank lines between some of
them. A text that went through a fixed-width column (e-mail, a terminal dump, a PDF copy) has
its paragraphs hard-wrapped: most of its long lines end within a few cells of one column width.
We find that width from the document's own line widths and re-join the lines that end at it;
the joining spaces are remembered (`Block.wrap_offsets`) because a wrap may have fallen mid-word,
and the spacing stage decides whether that space stays.

>>> [b.text for b in build_blocks("제목\\n\\n첫 문단입니다.\\n둘째 문단.")]
['제목', '첫 문단입니다.', '둘째 문단.']
"""
from __future__ import annotations

from collections import Counter

from typing import List, Optional, Sequence

from cleaner.chars import LETTER, collapse_spaces, display_width
from cleaner.document import Block
from cleaner.patterns import LazyPattern

# A line this wide or wider (cells) counts when estimating a column width; shorter lines are
# headings, menus and paragraph ends, which say nothing about the column.
MIN_WRAP_EVIDENCE_WIDTH = 24
# How many lines must end near the column before we believe the text is hard-wrapped at all.
MIN_WRAPPED_LINES = 3
# Of the long lines, this share must end near the column (the others are paragraph ends, list
# items and headers) ...
MIN_WRAPPED_SHARE = 0.4
# ... and hardly any may be wider than it: a column is a maximum. Copied web text, whose
# paragraphs are single lines of every length, has most of its long lines above any band.
MAX_OVER_COLUMN_SHARE = 0.1
# "Near the column": a word-wrapping tool leaves up to a word's width free; a mid-word wrap one
# or two cells. The band is a share of the width, with a floor for narrow columns.
WRAP_BAND_SHARE = 0.15
WRAP_BAND_MIN = 4
# A wrap falls mid-sentence far more often than at a sentence's end; when most lines near the
# supposed column end a sentence, they are one-sentence paragraphs of similar length instead.
MAX_SENTENCE_END_SHARE = 0.5

# Terminal punctuation, optionally followed by closing quotes or brackets, ends a line.
_ENDS_SENTENCE = LazyPattern(r"[.!?。！？…][\s\"'”’)\]」』]*$")


def split_lines(text: str) -> List[Block]:
    """Every line its own block, blank ones included (for --no-boilerplate: same line count).

    >>> [b.text for b in split_lines("a\\n\\nb\\n")], split_lines("")
    (['a', '', 'b'], [])
    """
    if not text:
        return []  # no text has no lines (as `wc -l` counts), not one empty line
    lines = text.split("\n")
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()  # a final newline ends the last line; it does not start another
    return [Block(index=i, text=collapse_spaces(line), start_line=i, end_line=i + 1, kind="line")
            for i, line in enumerate(lines)]


def build_blocks(text: str, column: Optional[int] = None) -> List[Block]:
    """Non-blank lines as blocks, hard-wrapped runs re-joined into paragraphs.

    `column` forces the wrap width (cells) instead of estimating it from the lines.
    """
    raw_lines = text.split("\n")
    lines = [collapse_spaces(line) for line in raw_lines]
    if column is None:
        column = column_width(lines)
    blocks: List[Block] = []
    i = 0
    while i < len(lines):
        if not lines[i]:
            i += 1
            continue
        start = i
        parts = [lines[i]]
        while column and i + 1 < len(lines) and joins_next(lines[i], lines[i + 1], column):
            i += 1
            parts.append(lines[i])
        offsets = []
        position = -1
        for part in parts[:-1]:
            position += len(part) + 1
            offsets.append(position)
        blocks.append(Block(index=len(blocks), text=" ".join(parts), start_line=start, end_line=i + 1,
                            kind="paragraph" if len(parts) > 1 else "line",
                            wrap_offsets=tuple(offsets)))
        i += 1
    return blocks


def column_width(lines: Sequence[str]) -> Optional[int]:
    """The width (cells) a hard-wrapped text was wrapped at, or None if it was not.

    >>> column_width(["가" * 20] * 4 + ["끝"])
    40
    >>> column_width(["짧은 줄", "가" * 30, "나" * 12 + " 문장.", "다" * 25]) is None
    True
    >>> column_width(["첫 문장은 이렇게 끝났다.", "둘째 문장도 이렇게 끝났다.", "셋째 문장도 끝났다."]) is None
    True
    """
    widths = [display_width(line) for line in lines if line]
    long_widths = [w for w in widths if w >= MIN_WRAP_EVIDENCE_WIDTH]
    if len(long_widths) < MIN_WRAPPED_LINES:
        return None
    counts = Counter(long_widths)
    best_width, best_count = 0, 0
    for width in counts:
        band = _band(width)
        count = sum(c for w, c in counts.items() if width - band <= w <= width)
        if count > best_count or (count == best_count and width > best_width):
            best_width, best_count = width, count
    if best_count < MIN_WRAPPED_LINES or best_count < MIN_WRAPPED_SHARE * len(long_widths):
        return None
    if sum(1 for w in long_widths if w > best_width) > MAX_OVER_COLUMN_SHARE * len(long_widths):
        return None
    at_column = [line for line in lines if line and best_width - _band(best_width) <= display_width(line) <= best_width]
    ending_sentences = sum(1 for line in at_column if _ENDS_SENTENCE.search(line))
    if ending_sentences > MAX_SENTENCE_END_SHARE * len(at_column):
        return None
    return best_width


def joins_next(line: str, following: str, column: int) -> bool:
    """Whether `following` continues `line` in a text hard-wrapped at `column` cells."""
    return _has_letters(following) and _has_letters(line) and _ends_at_column(line, column)


def _has_letters(line: str) -> bool:
    """Rulers ("-----") and blank lines separate paragraphs; they are never part of one."""
    return bool(LETTER.search(line))


def _band(width: int) -> int:
    return max(WRAP_BAND_MIN, int(width * WRAP_BAND_SHARE))


def _ends_at_column(line: str, column: int) -> bool:
    width = display_width(line)
    return column - _band(column) <= width <= column

"""The wrap-broken text generator: a fixed-width column, mid-word breaks, simple kinsoku."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.chars import display_width
from cleaner.wrapgen import CLOSING, OPENING, break_paragraphs, break_text, wrap_lines

PARAGRAPH = ("우리 동네 도서관은 올해 봄부터 주말에도 문을 열기로 했다. 관장은 "
             "“아이들이 책을 더 가까이하도록 돕고 싶다”며 새 열람실(어린이 전용)을 소개했다.")

texts = st.text(alphabet=st.sampled_from(list("가나다라마바사아자차카타파하 .,()“”abc123")),
                min_size=1, max_size=200)


def test_lines_fill_the_column_and_break_mid_word():
    lines = wrap_lines("가나다라마바사아자차", 8)
    assert lines == ["가나다라", "마바사아", "자차"]
    assert break_text("가나다라마바사아자차", 8) == "가나다라 마바사아 자차"


def test_hangul_counts_two_cells_latin_one():
    assert wrap_lines("abcdefgh가나", 10) == ["abcdefgh가", "나"]
    assert wrap_lines("abcdefghi가나", 10) == ["abcdefghi", "가나"]
    assert wrap_lines("ab가나다라", 10) == ["ab가나다라"]


def test_a_space_at_the_break_is_not_doubled():
    assert break_text("가나다라 마바사아", 8) == "가나다라 마바사아"


def test_kinsoku_closing_punctuation_takes_the_character_before_it_down():
    assert wrap_lines("가나다라.", 8) == ["가나다", "라."]
    assert wrap_lines("가나다(라마", 8) == ["가나다", "(라마"]


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=8, max_value=80))
def test_every_character_kept_in_order_and_lines_fit(text, cells):
    lines = wrap_lines(text, cells)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        # a line is only ever wider than the column when kinsoku carried one character down
        # into a line that was full already (a closing mark after a wide character)
        assert display_width(line) <= cells + 2
        assert line == line.strip()


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=8, max_value=80))
def test_no_line_starts_closed_or_ends_open_unless_unavoidable(text, cells):
    lines = wrap_lines(text, cells)
    for line, at_author_space in zip(lines[1:], _breaks_at_spaces(text, lines)):
        # Kinsoku keeps a mark with the character it closes; where the author put a space before
        # the mark ("1 ."), the line may break at that space (as the official wrap data does).
        if len(line) > 1 and line[0] in CLOSING and not at_author_space:
            # only when the line before had nothing left to carry (it is one character long)
            assert False, (text, cells, lines)
    for line, at_author_space in zip(lines[:-1], _breaks_at_spaces(text, lines)):
        # likewise an opening mark stays with what it opens, unless the author's space follows it
        assert not (line[-1] in OPENING and len(line) > 1 and not at_author_space), (text, cells, lines)


def test_break_paragraphs_is_reproducible_and_within_the_width_range():
    first = list(break_paragraphs([PARAGRAPH] * 5, min_hangul=15, max_hangul=35, seed=7))
    again = list(break_paragraphs([PARAGRAPH] * 5, min_hangul=15, max_hangul=35, seed=7))
    assert first == again
    for broken, gold, cells in first:
        assert 30 <= cells <= 70
        assert gold == PARAGRAPH
        assert "".join(broken.split()) == "".join(gold.split())
        assert broken.count(" ") >= gold.count(" ")


def _breaks_at_spaces(text, lines):
    """For each line after the first: whether the break before it fell on a space of the text."""
    position, out = 0, []
    squashed = text
    for index, line in enumerate(lines):
        start = squashed.index(line[0], position) if index else position
        if index:
            out.append(" " in squashed[position:start] or (start > 0 and squashed[start - 1] == " "))
        position = start + len(line)
    return out

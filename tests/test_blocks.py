"""Lines -> blocks, and hard-wrapped paragraphs re-joined."""
from __future__ import annotations

from cleaner.blocks import build_blocks, column_width, split_lines
from cleaner.chars import display_width

PARAGRAPH = ("정부는 올해 하반기부터 지역 균형 발전을 위한 새로운 세제 지원 제도를 시행한다고 밝혔다 "
             "이번 제도는 수도권 밖으로 본사를 옮기는 기업에 법인세를 감면하는 내용을 담고 있으며 "
             "업계에서는 실효성을 두고 의견이 엇갈리고 있다 일부 전문가는 지원 기간이 짧다고 지적했다.")


def hard_wrap(text: str, width: int) -> list:
    lines, current = [], ""
    for char in text:
        if display_width(current + char) > width:
            lines.append(current.rstrip())
            current = char.lstrip()
        else:
            current += char
    lines.append(current)
    return lines


def test_hard_wrapped_paragraph_is_rejoined_with_wrap_offsets() -> None:
    lines = hard_wrap(PARAGRAPH, 40)
    assert len(lines) > 4
    blocks = build_blocks("제목입니다\n\n" + "\n".join(lines) + "\n\n다음 문단.")
    assert [b.kind for b in blocks] == ["line", "paragraph", "line"]
    paragraph = blocks[1]
    assert len(paragraph.wrap_offsets) == len(lines) - 1
    assert all(paragraph.text[offset] == " " for offset in paragraph.wrap_offsets)
    assert "".join(paragraph.text.split()) == "".join(PARAGRAPH.split())
    assert (paragraph.start_line, paragraph.end_line) == (2, 2 + len(lines))


def test_column_width_is_found_from_the_lines() -> None:
    width = column_width(hard_wrap(PARAGRAPH, 40))
    assert width is not None and 36 <= width <= 40


def test_page_text_with_one_paragraph_per_line_is_not_rejoined() -> None:
    page = "\n".join([
        "국회는 5일 본회의를 열고 지역균형발전 특별법 개정안을 가결했다.",
        "정부는 시행령을 정비해 이르면 하반기부터 제도를 시행할 계획이다.",
        "업계에서는 실효성을 두고 의견이 엇갈리고 있다는 분석이 나온다.",
    ])
    assert len(build_blocks(page)) == 3


def test_blank_lines_separate_and_spaces_are_collapsed() -> None:
    blocks = build_blocks("  가   나 \n\n\n\t다\t라  ")
    assert [b.text for b in blocks] == ["가 나", "다 라"]
    assert [b.index for b in blocks] == [0, 1]


def test_split_lines_keeps_blank_lines_for_line_count() -> None:
    assert [b.text for b in split_lines("a\n\n b \n")] == ["a", "", "b"]
    assert len(split_lines("a\nb")) == 2

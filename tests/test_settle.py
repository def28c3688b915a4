"""The settle stage (cleaner.settle): the body as printed reads the same when cleaned again."""
from __future__ import annotations

from typing import List, Optional

from cleaner import Config, analyze
from cleaner.blocks import build_blocks
from cleaner.document import BODY, BOILERPLATE, FEATURE, SETTLE, Block
from cleaner.settle import join_groups, printed_wrap_groups, rejoin_wrapped_body, settle

# Three lines that end at one column (a paragraph printed by a narrow column, a line each).
WRAPPED = ["가" * 11 + " 나", "다" * 11 + " 라", "마" * 11 + " 바다."]
NO_SPACING = Config(spacing="off")


def body(texts: List[str]) -> List[Block]:
    return [Block(i, t, i, i + 1, reasons=("prose",), decided_by=FEATURE) for i, t in enumerate(texts)]


def test_printed_lines_of_unequal_width_are_not_a_wrapped_paragraph() -> None:
    lines = ["정부가 새 정책을 발표했다.", "시행은 내년부터이며 세부안은 다음 달에 나온다고 밝혔다.", "끝."]
    assert printed_wrap_groups(body(lines)) is None


def test_boilerplate_between_is_not_printed_and_does_not_split_a_group() -> None:
    blocks = body(WRAPPED)
    blocks.insert(1, Block(9, "메뉴", 9, 10, initial=BOILERPLATE, label=BOILERPLATE, reasons=("rule:navigation",)))
    assert printed_wrap_groups(blocks) == ([[0, 2, 3]], 28)


def test_join_groups_makes_one_paragraph_whose_joining_spaces_are_wrap_offsets() -> None:
    blocks = body(WRAPPED + ["다음 문단이다."])
    joined = join_groups(blocks, [[0, 1, 2]], 28)
    assert [b.index for b in joined] == [0, 1]
    first = joined[0]
    assert first.text == " ".join(WRAPPED)
    assert [first.text[o] for o in first.wrap_offsets] == [" ", " "]
    assert first.wrap_offsets == (len(WRAPPED[0]), len(WRAPPED[0]) + 1 + len(WRAPPED[1]))
    assert first.reasons[:2] == ("rewrapped:28", "prose")
    assert (first.start_line, first.end_line) == (0, 3)
    assert joined[1].text == "다음 문단이다."


def test_settle_joins_what_the_next_reading_would_join() -> None:
    settled, fixes = settle(body(WRAPPED), NO_SPACING)
    assert fixes == []
    assert [b.text for b in settled] == [" ".join(WRAPPED)]
    assert printed_wrap_groups(settled) is None  # nothing left to join: the loop has ended


def test_settle_drops_what_the_next_reading_would_drop_with_its_reason() -> None:
    asked: List[List[str]] = []

    def reread(lines: List[str]) -> List[Optional[str]]:
        asked.append(lines)
        return ["teaser-run:leads-cut-off" if line.startswith("둘째") else None for line in lines]

    blocks = body(["첫째 문단은 본문이다.", "둘째 문단은 다른 기사의 첫머리", "셋째 문단도 본문이다."])
    settled, _ = settle(blocks, NO_SPACING, reread)
    assert [b.label for b in settled] == [BODY, BOILERPLATE, BODY]
    assert settled[1].reasons[:2] == ("reread:teaser-run:leads-cut-off", "prose")
    assert settled[1].decided_by == SETTLE
    # Asked again with the dropped line gone, and then satisfied.
    assert asked == [[b.text for b in blocks], [blocks[0].text, blocks[2].text]]


def test_rejoin_leaves_a_page_without_a_column_as_it_was() -> None:
    text = "정부가 새 정책을 발표했다.\n시행은 내년부터다."
    blocks = build_blocks(text)

    def classify_again(_):  # must not be asked: nothing to re-join
        raise AssertionError("classified again")

    labelled = body([b.text for b in blocks])
    assert rejoin_wrapped_body(text, blocks, labelled, {}, classify_again) == (labelled, {})


def test_cleaning_the_output_again_changes_nothing() -> None:
    text = "메뉴\n" + "\n".join(WRAPPED) + "\n많이 본 뉴스\n다른 기사"
    once = analyze(text)
    assert analyze(once.text).text == once.text

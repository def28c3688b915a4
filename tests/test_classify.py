"""The classifier against golden cases (tests/cases/classify/*.txt, format in its README)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest

from cleaner import Config, analyze
from cleaner.classify import features, is_prose
from cleaner.document import BODY

CASES = sorted((Path(__file__).parent / "cases" / "classify").glob("*.txt"))
PLAIN = Config(spacing="off", input_format="text")


def read_case(path: Path) -> Tuple[str, List[Tuple[str, bool]]]:
    """The page text, and for each non-blank line its text and whether it is kept."""
    page_lines, expected = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            page_lines.append("")
            continue
        mark, text = line[0], line[2:]
        assert mark in "+-", f"{path.name}: line must start with '+ ' or '- ': {line!r}"
        page_lines.append(text)
        expected.append((text.strip(), mark == "+"))
    return "\n".join(page_lines), expected


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path) -> None:
    page, expected = read_case(path)
    result = analyze(page, PLAIN)
    got = [(b.text, b.label == BODY, b.reasons) for b in result.blocks]
    assert [text for text, _, _ in got] == [" ".join(text.split()) for text, _ in expected]
    wrong = [f"{'KEEP' if keep else 'DROP'} expected, got {reasons}: {text}"
             for (text, kept, reasons), (_, keep) in zip(got, expected) if kept != keep]
    assert not wrong, "\n".join(wrong)


def test_every_block_has_a_reason() -> None:
    for path in CASES:
        page, _ = read_case(path)
        for block in analyze(page, PLAIN).blocks:
            assert block.reasons, f"{path.name}: no reason for {block.text!r}"


def test_both_labels_are_kept_when_context_overrules() -> None:
    page, _ = read_case(Path(__file__).parent / "cases" / "classify" / "news_basic.txt")
    teasers = [b for b in analyze(page, PLAIN).blocks if b.reasons[0].startswith("teaser")]
    assert teasers, "the teaser leads after HOT클릭 must be dropped by the context pass"
    assert all(b.initial == BODY and b.label != BODY for b in teasers)


def test_listing_page_has_empty_text_and_a_reason() -> None:
    page, _ = read_case(Path(__file__).parent / "cases" / "classify" / "listing_page.txt")
    result = analyze(page, PLAIN)
    assert result.text == ""
    assert result.reason and "teaser" in result.reason


def test_metadata_date_and_title() -> None:
    page, _ = read_case(Path(__file__).parent / "cases" / "classify" / "news_basic.txt")
    metadata = analyze(page, PLAIN).metadata
    assert metadata["date"] == "2024-03-05"
    assert metadata["title"] == "국회, 지역균형발전 특별법 개정안 본회의 통과"
    assert metadata["section"] == "정치"


ARTICLE = ("반도체 수출 넉 달 만에 반등\n{date}\n"
           "반도체 수출이 넉 달 만에 증가세로 돌아섰다. 지난달 반도체 수출액은 전년보다 5% 늘었다.\n"
           "업계는 메모리 가격 회복이 실적을 이끌었다고 분석했다.\n무단 전재 및 재배포 금지\n")


@pytest.mark.parametrize("article_date, expected", [
    ("입력 2024.03.01 09:00 수정 2024.03.02 10:00", "2024-03-01"),
    ("수정 2024.03.02 10:00", "2024-03-02"),
    ("박찬 기자   입력 2024.02.28 18:05  댓글 0", "2024-02-28"),
])
def test_the_articles_own_date_line_beats_the_site_headers_today(article_date: str, expected: str) -> None:
    """A Korean site prints today's date above every page ("2024년 03월 05일 화요일"); the
    article's 입력/수정 line further down is the article's date."""
    page = "전체메뉴\n2024년 03월 05일 화요일\n경제\n" + ARTICLE.format(date=article_date)
    assert analyze(page, PLAIN).metadata["date"] == expected


def test_an_unlabelled_date_line_is_still_the_date_when_it_is_the_only_one() -> None:
    page = "전체메뉴\n경제\n" + ARTICLE.format(date="2024년 03월 05일 화요일")
    assert analyze(page, PLAIN).metadata["date"] == "2024-03-05"


@pytest.mark.parametrize("text, prose", [
    ("정부는 시행령을 정비해 이르면 하반기부터 제도를 시행할 계획이다.", True),
    ("네.", False),
    ("지방 기업 세제 혜택 확대", False),
    ("The plan was approved on Tuesday after a long debate.", True),
])
def test_prose_feature(text: str, prose: bool) -> None:
    assert is_prose(features(text), Config()) is prose


def test_prose_thresholds_come_from_the_config() -> None:
    # Config.min_prose_chars / min_body_chars are honoured, not shadowed by module constants.
    finished = features("정부는 새 정책을 발표했다.")  # 10 syllables and a sentence ending
    assert is_prose(finished, Config())
    assert not is_prose(finished, Config(min_body_chars=20))
    unfinished = features("지방 기업 세제 혜택 확대")
    assert not is_prose(unfinished, Config())
    assert is_prose(unfinished, Config(min_prose_chars=8))


@pytest.mark.parametrize("text, caption", [
    ("제5회 전국체전 여자부 정상에 오른 김하늘.", True),
    ("김하늘은 이날 여자부 정상에 올랐다.", False),
    ("정상에 오른 김하늘. 그는 내년 국가대표 선발전에 나선다.", False),
])
def test_nominal_sentence_reads_as_a_caption(text: str, caption: bool) -> None:
    block = analyze("많이 본 뉴스\n" + text, PLAIN).blocks[1]
    assert (block.reasons[-1] == "caption-nominal") is caption

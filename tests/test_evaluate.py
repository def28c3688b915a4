"""The metrics of docs/architecture.md, on hand-made cases."""
from __future__ import annotations

from cleaner.evaluate import body_scores, spacing_counts


def test_body_metric_ignores_whitespace_and_counts_shared_characters() -> None:
    score = body_scores("제목\n본문 입니다\n광고", "제목\n본문입니다")
    assert (score.matched, score.output_chars, score.gold_chars) == (7, 9, 7)
    assert score.recall == 1.0 and round(score.precision, 3) == round(7 / 9, 3)


def test_body_metric_partial_line_matches_by_character() -> None:
    score = body_scores("가나다라마", "가나X라마")
    assert score.matched == 4


def test_empty_output_against_empty_gold_is_perfect() -> None:
    assert body_scores("", "").f1 == 1.0
    assert body_scores("", "본문").f1 == 0.0


def test_spacing_metric_counts_fixes_and_damage() -> None:
    counts = spacing_counts("삼성전 자 주가가 올 랐다", "삼성전자 주가가 올랐다", "삼성전자주가가 올 랐다")
    assert counts.must_fix == 2          # "전 자", "올 랐"
    assert counts.fixed == 1             # only "전 자"
    assert counts.removed == 2           # "전 자" and the real space after 자
    assert counts.damage == 1            # the real space removed

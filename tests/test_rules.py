"""Each named rule against golden cases (tests/cases/rules.tsv): hits and near misses."""
from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest

from cleaner import Config, analyze, rules


def load_cases() -> List[Tuple[str, str]]:
    cases = []
    for line in (Path(__file__).parent / "cases" / "rules.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.rsplit("\t", 1)
        cases.append((text, expected))
    return cases


CASES = load_cases()


@pytest.mark.parametrize("text, expected", CASES, ids=[f"{e}:{t[:20]}" for t, e in CASES])
def test_rule_case(text: str, expected: str) -> None:
    match = rules.match_rules(text.strip())
    assert (match.name if match else "-") == expected


def test_every_rule_has_cases() -> None:
    covered = {expected for _, expected in CASES}
    missing = [spec.name for spec in rules.RULES if spec.name not in covered]
    assert not missing, f"rules without golden cases: {missing}"


def test_every_data_file_is_used_by_the_table() -> None:
    data = Path(rules.__file__).parent / "data"
    used = {rules._data_file(spec) for spec in rules.RULES}
    files = {f"{p.parent.name}/{p.name}" for p in data.glob("*/*.txt")}
    # spacing data files belong to the spacing stage, not to the block rules
    unused = sorted(f for f in files - used if "/spacing" not in f)
    assert not unused, f"data files no rule reads: {unused}"


def test_a_space_in_a_pattern_matches_any_spacing_of_the_page() -> None:
    assert rules.match_rules("많이본뉴스").name == "widget_header"
    assert rules.match_rules("많이 본 뉴스").name == "widget_header"
    # Patterns read whitespace as one optional space, because blocks hold single spaces: the
    # page's own spacing, however wide, reaches the rules folded.
    page = "정부는 새 예산안을 발표했다. 세부 내용은 다음 달 공개된다.\n많이 \u3000 본\t\t뉴스\n"
    result = analyze(page, Config(input_format="text"))
    assert [(b.text, b.reasons[0]) for b in result.blocks][-1] == ("많이 본 뉴스", "rule:widget_header")


def test_long_prose_is_never_matched_by_whole_block_rules() -> None:
    paragraph = "정부는 이날 회의에서 " * 30 + "결정했다."
    assert rules.match_rules(paragraph) is None


def test_fast_matcher_agrees_with_the_exhaustive_one() -> None:
    """match_rules (the literal prefilter) must name the same rule as the first of iter_matches."""
    texts = [text for text, _ in CASES] + [
        "가" * 35, "많이 본 뉴스 " * 3, "김민수 기자 " + "가" * 70, "2024.03.05 " + "나" * 45,
        "ⓒ 예시 " + "다" * 120, "▲ " + "라" * 30 + " ⓒ 예시"]
    for text in texts:
        assert rules.match_rules(text) == next(rules.iter_matches(text), None), text

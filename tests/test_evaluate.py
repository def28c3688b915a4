"""The metrics of docs/architecture.md, on hand-made cases."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import evaluate
from cleaner.evaluate import body_scores, spacing_counts

ROOT = Path(__file__).resolve().parent.parent


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


# --- without their data: one line naming the path to pass, exit 2 --------------------------------

@pytest.mark.parametrize("what", ["corpus", "ko-pages", "real", "spacing"])
def test_evaluate_without_its_data_says_what_to_pass(what: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for argv in ([what, str(tmp_path / "missing")], [what, str(tmp_path)]):
        assert evaluate.main(argv) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.count("\n") == 1 and argv[1] in err
        assert f"pass the data folder: python -m cleaner.evaluate {what} DIR" in err


def test_evaluate_default_folders_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """A clone without ../shared/data: the default path is named, not "0 documents"."""
    monkeypatch.setattr(evaluate, "DEFAULT_SHARED", tmp_path / "shared")
    monkeypatch.setattr(evaluate, "DEFAULT_CORPUS", tmp_path / "corpus")
    for what, folder in (("corpus", "corpus"), ("ko-pages", "shared/ko-pages"), ("spacing", "shared/spacing")):
        assert evaluate.main([what]) == 2
        err = capsys.readouterr().err
        assert str(tmp_path / folder) in err and err.count("\n") == 1


def test_evaluate_real_without_gold_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """corpus/real as committed (its manifest, the pages gitignored): one line, exit 1."""
    (tmp_path / "MANIFEST.tsv").write_text("name\tsource\n", encoding="utf-8")
    monkeypatch.setattr(evaluate, "DEFAULT_REAL", tmp_path)
    assert evaluate.main(["real"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no pages with gold" in err and str(tmp_path) in err


@pytest.mark.parametrize("script, option", [("bench_html.py", "--shared"), ("bench_plaintext.py", "--shared"),
                                            ("bench_spacing.py", "--data")])
def test_benchmarks_without_their_data_say_what_to_pass(script: str, option: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-data"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), option, str(missing)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert str(missing) in line and f"pass the data folder: {option} DIR" in line

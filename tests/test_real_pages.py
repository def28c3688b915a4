"""corpus/real/: every page has its MANIFEST row and its gold, and cleaner.evaluate scores the set.

The pages themselves are third-party HTML taken from public repositories; they are not committed
(see corpus/real/README.md), so the checks on them run where they are present. Scores are not
asserted here: benchmarks/bench_html.py reports them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.evaluate import DEFAULT_REAL, body_scores, evaluate_real, read_manifest, real_pages

MANIFEST_COLUMNS = ["name", "kind", "outlet", "source_repo", "path", "commit", "licence", "notes"]
KINDS = {"news", "gov", "blog", "community", "listing", "broadcast"}


def test_manifest_rows_are_complete() -> None:
    header = (DEFAULT_REAL / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header == MANIFEST_COLUMNS
    rows = read_manifest(DEFAULT_REAL)
    assert rows, "MANIFEST.tsv lists no page"
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names)), "a page is listed twice"
    for row in rows:
        assert row["kind"] in KINDS, row
        assert len(row["commit"]) == 40 and all(row[c] for c in ("outlet", "source_repo", "path", "licence")), row


def test_every_page_present_has_a_manifest_row_and_a_gold_file() -> None:
    listed = {row["name"] for row in read_manifest(DEFAULT_REAL)}
    for html in sorted(DEFAULT_REAL.glob("*.html")):
        name = html.name[: -len(".html")]
        assert name in listed, f"{name}: no MANIFEST.tsv row"
        assert (DEFAULT_REAL / f"{name}.gold.txt").exists(), f"{name}: no gold"
    for gold in DEFAULT_REAL.glob("*.gold.txt"):
        assert (DEFAULT_REAL / gold.name.replace(".gold.txt", ".html")).exists(), f"{gold.name}: no page"


def test_listing_pages_have_empty_gold_and_articles_do_not() -> None:
    for page in real_pages(DEFAULT_REAL):
        assert (page.gold.strip() == "") == page.is_listing, page.name


def test_evaluation_runs_on_the_set() -> None:
    pages = real_pages(DEFAULT_REAL)
    if not pages:
        pytest.skip("corpus/real pages are not present in this checkout (see corpus/real/README.md)")
    from cleaner import Config, clean

    rows = evaluate_real(DEFAULT_REAL, lambda data: clean(data, Config(spacing="off")))
    assert [name for name, _ in rows] == [page.name for page in pages]
    assert all(0.0 <= score.f1 <= 1.0 for _, score in rows)


def test_evaluation_of_a_made_up_set(tmp_path: Path) -> None:
    (tmp_path / "MANIFEST.tsv").write_text("\t".join(MANIFEST_COLUMNS) + "\n"
                                           "a\tnews\tx\to/r\tp\t" + "0" * 40 + "\tnone stated\t-\n"
                                           "b\tlisting\tx\to/r\tp\t" + "0" * 40 + "\tnone stated\t-\n",
                                           encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><h1>제목</h1><p>본문 문장입니다.</p></body></html>", encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text("제목\n본문 문장입니다.\n사진=기자\n", encoding="utf-8")
    (tmp_path / "a.neutral").write_text("사진=기자\n", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><a href='/1'>기사</a></body></html>", encoding="utf-8")
    (tmp_path / "b.gold.txt").write_text("", encoding="utf-8")
    pages = real_pages(tmp_path)
    assert [(p.name, p.is_listing, p.neutral) for p in pages] == [("a", False, ("사진=기자",)), ("b", True, ())]
    rows = dict(evaluate_real(tmp_path, lambda data: "제목\n본문 문장입니다." if b"h1" in data else ""))
    assert rows["a"].f1 == 1.0 and rows["b"].f1 == 1.0
    assert body_scores("", "", ()).f1 == 1.0

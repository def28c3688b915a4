"""Invariants of the committed real-layout sample (benchmarks/layouts.py on corpus/ ko_* gold).

The sample is text laid out by Chromium and WeasyPrint in proportional Korean fonts and taken
back through the DOM, pdftotext and pdfminer.six. These tests need none of those tools: they
check that the committed data is what the spacing benchmarks assume it is.
"""
import json
import statistics
from pathlib import Path

import pytest

from cleaner.evaluate import space_positions
from cleaner.wrapgen import cell_width, wrap_lines

SAMPLE = Path(__file__).parent / "data" / "layouts_sample.jsonl"
CORPUS = Path(__file__).parent.parent / "corpus"
FIELDS = {"id", "source", "engine", "extract", "font", "width_em", "align", "word_break", "paragraphs"}


def nospace(text):
    return "".join(text.split())


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def breaks(paragraph):
    """(offset in non-space characters, inside a word?) for each line break of a paragraph."""
    gold_spaces = space_positions(paragraph["gold"])
    out, seen = [], 0
    for line in paragraph["lines"][:-1]:
        seen += len(nospace(line))
        out.append((seen, seen not in gold_spaces))
    return out


def test_format_and_sources(records):
    assert records
    golds = {" ".join(line.split()) for path in CORPUS.glob("ko_*.gold.txt")
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    for record in records:
        assert FIELDS <= set(record)
        assert record["source"] == "corpus" and record["id"].startswith("corpus:ko_")
        assert record["engine"] in ("chromium", "weasyprint")
        assert record["extract"] in ("dom", "pdftotext", "pdfminer")
        assert record["word_break"] in ("break-all", "keep-all")
        assert record["align"] in ("left", "justify")
        assert 12 <= record["width_em"] <= 45
        for paragraph in record["paragraphs"]:
            # only the project's own CC0 texts may be in the committed sample
            assert paragraph["gold"] in golds
    kinds = {(r["engine"], r["extract"], r["word_break"]) for r in records}
    assert {"dom", "pdftotext", "pdfminer"} <= {k[1] for k in kinds}
    assert {"break-all", "keep-all"} <= {k[2] for k in kinds}
    assert len({r["font"] for r in records}) >= 4


def test_lines_spell_gold(records):
    for record in records:
        for paragraph in record["paragraphs"]:
            lines, gold = paragraph["lines"], paragraph["gold"]
            assert lines and all(line == " ".join(line.split()) and line for line in lines)
            assert nospace("".join(lines)) == nospace(gold)
            # collapsed shape: gold's spaces all kept, extra spaces only where lines broke
            collapsed = " ".join(lines)
            extra = space_positions(collapsed) - space_positions(gold)
            assert space_positions(gold) <= space_positions(collapsed)
            assert extra <= {offset for offset, _ in breaks(paragraph)}


def test_break_all_breaks_words_keep_all_does_not(records):
    mid = {"break-all": 0, "keep-all": 0}
    total = {"break-all": 0, "keep-all": 0}
    for record in records:
        found = [inside for p in record["paragraphs"] for _, inside in breaks(p)]
        mid[record["word_break"]] += sum(found)
        total[record["word_break"]] += len(found)
        if record["word_break"] == "break-all" and len(found) >= 10:
            assert any(found), record["id"]
    assert total["break-all"] and mid["break-all"] / total["break-all"] > 0.3
    assert total["keep-all"] > 30
    assert mid["keep-all"] / total["keep-all"] < 0.1


def test_keep_all_breaks_words_only_at_punctuation(records):
    """keep-all never breaks between letters; inside a gold word it breaks only beside a mark
    ("청소·" / "경비", "다." / "(2", "법」" / "에"), which is a real artifact of such columns."""
    for record in records:
        if record["word_break"] != "keep-all":
            continue
        for paragraph in record["paragraphs"]:
            lines = paragraph["lines"]
            for (offset, inside), before, after in zip(breaks(paragraph), lines, lines[1:]):
                if inside:
                    assert not (before[-1].isalnum() and after[0].isalnum()), (before, after)


def width(line):
    """Display width in cells (Hangul 2, others 1), the unit of cleaner.wrapgen's column."""
    return sum(cell_width(c) for c in line)


def test_full_lines_vary_as_proportional_fonts_do(records):
    real, mono = [], []
    for record in records:
        if record["word_break"] != "break-all":
            continue
        for paragraph in record["paragraphs"]:
            full = paragraph["lines"][:-1]
            if len(full) < 3:
                continue
            real.append(statistics.pstdev(width(line) for line in full))
            cells = round(statistics.mean(width(line) for line in full))
            rewrap = wrap_lines(paragraph["gold"], max(cells, 4))[:-1]
            mono.append(statistics.pstdev(width(line) for line in rewrap) if len(rewrap) >= 2 else 0.0)
    assert len(real) >= 20
    # a monospace column fills every full line to within a cell; proportional ones do not
    assert statistics.median(real) > statistics.median(mono)

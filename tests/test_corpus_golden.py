"""Golden tests over corpus/: every document scored against its gold with the body metric of docs/architecture.md.

The corpus is written here (corpus/README.md says how gold was decided). Two kinds of test:

- integrity: every document has gold, every gold has a document, and gold never invents text:
  its lines occur, in order, in what the user sees of the input (whitespace ignored, since a
  hard-wrapped paragraph is one gold line and a wrap may have fallen mid-word);
- quality: the cleaner's body F1 on each document and on average, against named thresholds.
"""
from __future__ import annotations

from pathlib import Path
from typing import List

import lxml.html
import pytest

from cleaner import clean
from cleaner.evaluate import DEFAULT_CORPUS, body_scores, corpus_documents

# Each document must reach this body F1: below it a reader would notice missing paragraphs or
# leftover furniture on that page.
MIN_DOCUMENT_F1 = 0.9
# The target for corpus/ as a whole.
MIN_MEAN_F1 = 0.98
# The issue asks for at least 20 documents; the corpus brief for at least 24.
MIN_DOCUMENTS = 24

GOLD_SUFFIX = ".gold.txt"
INPUT_SUFFIXES = (".txt", ".html")

DOCUMENTS = corpus_documents(DEFAULT_CORPUS)
NAMES = [name for name, _, _ in DOCUMENTS]


def _inputs(corpus: Path) -> List[Path]:
    return sorted(p for p in corpus.iterdir()
                  if p.name.endswith(INPUT_SUFFIXES) and not p.name.endswith(GOLD_SUFFIX))


def _visible_text(source: Path) -> str:
    """What a reader sees of the input: the text itself, or an HTML page's rendered text."""
    data = source.read_bytes()
    if source.suffix != ".html":
        return data.decode("utf-8")
    tree = lxml.html.document_fromstring(data)  # honours the page's declared charset
    for node in tree.xpath("//head | //script | //style | //noscript | //template"):
        node.drop_tree()
    return tree.text_content()


def _squash(text: str) -> str:
    return "".join(text.split())


def test_corpus_is_large_enough() -> None:
    assert len(DOCUMENTS) >= MIN_DOCUMENTS


def test_every_document_has_gold_and_every_gold_a_document() -> None:
    inputs = {p.name.rsplit(".", 1)[0] for p in _inputs(DEFAULT_CORPUS)}
    golds = {p.name[: -len(GOLD_SUFFIX)] for p in DEFAULT_CORPUS.glob("*" + GOLD_SUFFIX)}
    assert inputs - golds == set(), "documents without gold"
    assert golds - inputs == set(), "gold without a document"
    assert sorted(NAMES) == sorted(inputs)


@pytest.mark.parametrize("name,source,gold", DOCUMENTS, ids=NAMES)
def test_gold_lines_occur_in_order_in_the_input(name: str, source: Path, gold: Path) -> None:
    seen = _squash(_visible_text(source))
    position = 0
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{gold.name}:{number}: blank gold line"
        assert line == line.strip(), f"{gold.name}:{number}: gold line with outer whitespace"
        found = seen.find(_squash(line), position)
        assert found >= 0, f"{gold.name}:{number}: not in the input (in this order): {line[:60]!r}"
        position = found + len(_squash(line))


def _f1(source: Path, gold: Path) -> float:
    return body_scores(clean(source.read_bytes()), gold.read_text(encoding="utf-8")).f1


@pytest.mark.parametrize("name,source,gold", DOCUMENTS, ids=NAMES)
def test_document_body_f1(name: str, source: Path, gold: Path) -> None:
    f1 = _f1(source, gold)
    assert f1 >= MIN_DOCUMENT_F1, f"{name}: body F1 {f1:.3f} < {MIN_DOCUMENT_F1}"


def test_mean_body_f1() -> None:
    scores = {name: _f1(source, gold) for name, source, gold in DOCUMENTS}
    mean = sum(scores.values()) / len(scores)
    worst = sorted(scores.items(), key=lambda item: item[1])[:5]
    assert mean >= MIN_MEAN_F1, f"mean body F1 {mean:.3f} < {MIN_MEAN_F1}; worst: {worst}"

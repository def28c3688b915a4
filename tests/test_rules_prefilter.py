"""The literal prefilter of cleaner.rules decides as the full scan does.

match_rules tries only the rules whose literals (read off the rule data) are in the block, case
folded as the rules match; iter_matches tries every rule. They must name the same first rule on
every block of every local document (corpus/, and the evaluation data when present: ko-pages
HTML and text, ko-pages rendered as page text, en-aeb) and on generated blocks, with the
case-folding corner cases ('İ' and 'ı', 'ß' and 'ẞ', 'ﬁ', 'ſ', the Kelvin sign, final sigma ...).
"""
from __future__ import annotations

import gzip
import json
import logging
import warnings
from pathlib import Path
from typing import Iterator, List

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from cleaner import Config, rules
from cleaner.decode import decode
from cleaner.evaluate import DEFAULT_SHARED
from cleaner.segment import segment

ROOT = Path(__file__).resolve().parent.parent
KO = DEFAULT_SHARED / "ko-pages"
AEB = DEFAULT_SHARED / "en-aeb"

pytestmark = pytest.mark.skipif(rules.literal_prefilter() is None,
                                reason="pyahocorasick missing: match_rules is the full scan itself")


def full_scan(text: str):
    return next(rules.iter_matches(text), None)


def local_documents() -> Iterator[bytes]:
    for path in sorted((ROOT / "corpus").iterdir()):
        if path.is_file():
            yield path.read_bytes()
    if KO.is_dir():
        for path in sorted((KO / "html").glob("*.html")) + sorted((KO / "text").glob("*.txt")):
            yield path.read_bytes()
    if (AEB / "ground-truth.json").is_file():
        for key in sorted(json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))):
            path = AEB / "html" / f"{key}.html.gz"
            if path.is_file():
                yield gzip.decompress(path.read_bytes())


def local_blocks() -> List[str]:
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    try:
        from cleaner.evaluate import render_page_text
    except ImportError:  # pragma: no cover
        render_page_text = None
    texts = set()
    for data in local_documents():
        text = decode(data)
        segmented = segment(text, Config())
        versions = [segmented]
        versions.append(segment(text, Config(boilerplate=False)))
        if segmented.is_html and render_page_text is not None:
            try:
                versions.append(segment(render_page_text(text), Config(input_format="text")))
            except ImportError:  # html-text not installed
                pass
        for version in versions:
            texts.update(block.text for block in version.blocks)
            texts.update(line for block in version.blocks for line in block.text.split("\n"))
    logging.disable(logging.NOTSET)
    return sorted(texts)


def test_every_local_block_is_decided_as_the_full_scan_decides() -> None:
    blocks = local_blocks()
    assert len(blocks) > 500
    differ = [text for text in blocks if rules.match_rules(text) != full_scan(text)]
    assert not differ, differ[:5]


# Characters whose case relation under regex.IGNORECASE is not str.casefold's, or not one to one.
CORNER = "İıIißẞﬁﬂſsSKkKΣσςΐΰǅǄǆﬀẛṡµμΜÅåÅ" + "\u0307\u0345ͅΙιιᾳ"


def case_variants(text: str, seed: int) -> str:
    """`text` with each character replaced by one of the characters the rules let match it."""
    out = []
    for position, char in enumerate(text):
        cases = [chr(c) for c in regex._regex.get_all_cases(regex.IGNORECASE | regex.V0, ord(char))] or [char]
        out.append(cases[(seed + position) % len(cases)])
    return "".join(out)


def rule_fragments() -> List[str]:
    """Pieces of real rule matches: every literal and every golden case of tests/cases/rules.tsv."""
    fragments = set()
    for spec in rules.RULES:
        fragments.update(rules._rule_literals(spec) or ())
    cases = (ROOT / "tests" / "cases" / "rules.tsv").read_text(encoding="utf-8").splitlines()
    fragments.update(line.rsplit("\t", 1)[0].strip() for line in cases if line.strip() and not line.startswith("#"))
    return sorted(fragments)


FRAGMENTS = rule_fragments()
pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.tuples(st.sampled_from(FRAGMENTS), st.integers(0, 5)).map(lambda t: case_variants(t[0], t[1])),
    st.sampled_from(FRAGMENTS).map(str.upper),
    st.sampled_from(FRAGMENTS).map(str.swapcase),
    st.text(alphabet=CORNER + " .:-/()[]@©ⓒ▲0123456789가나다기자뉴스", max_size=6),
    st.text(max_size=4),
)


@given(st.lists(pieces, max_size=8).map(" ".join))
@example("İ")
@example("COPYRİGHT 2024")
@example("copyrıght")
@example("ALL RIGHTS RESERVED")
@example("ﬁle photo: AP")
@example("PHOTO CREDİT: Reuters")
@example("ΣΑΣ ſponsored")
@example("ſponſored")
@example("ADVERTİSEMENT")
@example("most read ß")
@example("KOSPI 2,500")
def test_generated_blocks_are_decided_as_the_full_scan_decides(text: str) -> None:
    assert rules.match_rules(text) == full_scan(text)


def test_every_case_variant_of_a_literal_finds_its_rule() -> None:
    prefilter = rules.literal_prefilter()
    for index, spec in enumerate(rules.RULES):
        for number, literals in enumerate(rules._pattern_literals(index)):
            for literal in literals or ():
                for seed in range(4):
                    found = dict(prefilter.candidates("x " + case_variants(literal, seed) + " y"))
                    assert number in found.get(index, ()), (spec.name, number, literal)


def test_the_case_relation_read_is_symmetric() -> None:
    """The fold takes the closure of get_all_cases from each literal character; that finds every
    character that can match it only if the relation is symmetric, for every code point."""
    flags = regex.IGNORECASE | regex.V0
    get_all_cases = regex._regex.get_all_cases
    for code in range(0x110000):
        for other in get_all_cases(flags, code):
            if other != code:
                assert code in get_all_cases(flags, other), (hex(code), hex(other))


def test_required_literals_of_syntax() -> None:
    assert rules.required_literals("abc") == {"abc"}
    assert rules.required_literals("a(b|c)d") == {"abd", "acd"}
    assert rules.required_literals(r"x?yz") == {"yz"}
    assert rules.required_literals(r"(foo)?bar(baz)*") == {"bar"}
    assert rules.required_literals(r"a|\d+") is None
    assert rules.required_literals(r"[^a]bc") == {"bc"}
    assert rules.required_literals(r"(?=abc)") is None
    assert rules.required_literals(r"(?i)abc") is None  # inline flags: not read
    # a case flag scoped to a group is read through: the prefilter folds case anyway
    assert rules.required_literals(r"(?-i:HOME)\s?>") == {"HOME"}
    assert rules.required_literals(r"x(?i:ab|cd)") == {"xab", "xcd"}
    assert rules.required_literals(r"(?s:a.b)") is None
    assert rules.required_literals(r"\p{L}+x") is None  # an escape it cannot read: no literal
    assert rules.required_literals(r"a{2}") == {"aa"}
    assert rules.required_literals(r"[ab]c") == {"ac", "bc"}
    assert rules.required_literals(r"[a-z]c") == {"c"}


def test_without_the_prefilter_every_pattern_is_tried() -> None:
    for text in ["무단 전재 및 재배포 금지", "많이 본 뉴스", "정부가 새 정책을 발표했다.", "KOSPI 2,500 ▲ 10"]:
        found = None
        for index, patterns in rules._all_candidates():
            if rules._rule_matches(index, patterns, text):
                found = rules._RULE_MATCHES[index]
                break
        assert found == full_scan(text) == rules.match_rules(text)

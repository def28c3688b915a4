"""Would a larger word list help spacing repair? Coverage of the missed breaks against chance
matches at the author's spaces, for the shipped lists and for two shippable larger sources.

    pip install python-mecab-ko-dic        # mecab-ko-dic 2.1.1, Apache-2.0 (compiled sys.dic only)
    apt-get install hunspell-ko            # hunspell-dict-ko 0.7.92, MPL-1.1 / GPL-2+ / LGPL-2.1+
    python benchmarks/bench_lexicon_sources.py [--layouts /work/layouts/layouts.jsonl] [--limit N]

Data (read, never copied): ../shared/data/spacing dev.broken/dev.gold (line aligned), the gold
bodies of ../shared/data/ko-pages (never wrapped: author spaces only), and, when given, the
real-layout records of benchmarks/layouts.py (break-all, collapsed shape, per document).

For every space between two Hangul syllables: a *missed break* is an artifact space (in the
broken text, not in gold) that `cleaner.spacing.decide` keeps; an *author space* is one gold has.
Per source we count
- known: the gold word (less a particle chain) or the joined pieces is an entry;
- span3: some left tail + right head (1-4 syllables each, 3+ together) is an entry, the test the
  spanning-word evidence makes ("lexicon");
- new: the same, for misses the shipped lists do not already cover;
and at author spaces how often span2 / span3 match by chance.

mecab-ko-dic ships only its compiled dictionary on PyPI (no CSV sources; Debian has no Korean
MeCab dictionary): the entries are read from the feature strings of sys.dic, whose fourth field
is the surface form (reading) of Hangul entries. hunspell-ko's stems are NFC-normalised; its
noun flags are 10 and 25. Nothing is written: the figures go to stdout.
"""
from __future__ import annotations

import argparse
import glob
import json
import re
import struct
import unicodedata
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Tuple

from cleaner.evaluate import DEFAULT_SHARED, space_positions
from cleaner.spacing import _without, decide
from cleaner.spacing import evidence as ev
from cleaner.spacing.lexicon import adverbs, morphemes, words

HANGUL = re.compile("^[\uac00-\ud7a3]+$")
LEAD = re.compile("^[\uac00-\ud7a3]+")
TRAIL = re.compile("[\uac00-\ud7a3]+$")
HUNSPELL = Path("/usr/share/hunspell/ko.dic")
HUNSPELL_NOUN_FLAGS = ("10", "25")
Pair = Tuple[str, str, str]  # (left Hangul tail of the token, right Hangul head, gold word or "")


def mecab_entries() -> Iterator[Tuple[str, str, str, str]]:
    """(surface, POS, semantic class, type) of every entry of mecab-ko-dic's sys.dic."""
    from mecab_ko_dic import dictionary_path  # measurement only

    data = (Path(dictionary_path) / "sys.dic").read_bytes()
    _, _, _, _, _, _, dsize, tsize, fsize, _ = struct.unpack_from("<10I", data, 0)
    charset = data[40:72].split(b"\0")[0].decode()
    tokens = data[72 + dsize:72 + dsize + tsize]
    features = data[72 + dsize + tsize:72 + dsize + tsize + fsize]
    for i in range(tsize // 16):
        offset = struct.unpack_from("<I", tokens, i * 16 + 8)[0]
        fields = features[offset:features.index(b"\0", offset)].decode(charset).split(",")
        yield fields[3], fields[0], fields[1], fields[4]


def hunspell_stems(nouns_only: bool) -> FrozenSet[str]:
    out = set()
    with HUNSPELL.open(encoding="utf-8", errors="surrogateescape") as f:
        next(f)
        for line in f:
            stem, _, flags = line.rstrip("\n").partition("/")
            stem = unicodedata.normalize("NFC", stem)
            if HANGUL.match(stem) and (not nouns_only or flags in HUNSPELL_NOUN_FLAGS):
                out.add(stem)
    return frozenset(out)


def sources() -> Dict[str, FrozenSet[str]]:
    shipped_all = frozenset(words()) | morphemes()["noun"] | adverbs()
    found: Dict[str, FrozenSet[str]] = {"shipped (evidence set)": ev._frequent()[0], "shipped (all lists)": shipped_all}
    try:
        nng, nnp, person, compound = set(), set(), set(), set()
        for surface, pos, sem, kind in mecab_entries():
            if not HANGUL.match(surface):
                continue
            if pos == "NNG":
                nng.add(surface)
                if kind == "Compound":
                    compound.add(surface)
            elif pos == "NNP":
                (person if sem == "인명" else nnp).add(surface)
        found.update({"mecab NNG": frozenset(nng), "mecab NNG Compound": frozenset(compound),
                      "mecab NNP (not persons)": frozenset(nnp), "mecab NNP persons": frozenset(person),
                      "mecab NNG+NNP 3+ syll.": frozenset(w for w in nng | nnp if len(w) >= 3)})
    except ImportError:
        print("python-mecab-ko-dic is not installed: mecab-ko-dic left out")
    if HUNSPELL.exists():
        found["hunspell nouns"] = hunspell_stems(True)
        found["hunspell all stems"] = hunspell_stems(False)
    else:
        print(f"{HUNSPELL} is missing (apt-get install hunspell-ko): hunspell-ko left out")
    return found


def _pieces(left: str, right: str) -> Tuple[str, str]:
    strip = ev.TRAILING + "(“‘[{<\"'"
    a, b = TRAIL.search(left.strip(strip)), LEAD.match(right.strip(strip))
    return (a.group(0) if a else ""), (b.group(0) if b else "")


def spaces(broken: str, gold: str, repaired: str) -> Tuple[List[Pair], List[Pair]]:
    """(missed breaks, author spaces) between two Hangul syllables of one text."""
    b, g, o = space_positions(broken), space_positions(gold), space_positions(repaired)
    tokens = broken.split()
    gold_words, seen, starts = gold.split(), 0, []
    for word in gold_words:
        starts.append(seen)
        seen += len(word)
    missed, author, seen = [], [], 0
    for left, right in zip(tokens, tokens[1:]):
        seen += len(left)
        l, r = _pieces(left, right)
        if not (l and r):
            continue
        if seen in g:
            author.append((l, r, ""))
        elif seen in o:
            i = max(k for k, s in enumerate(starts) if s <= seen)
            missed.append((l, r, _pieces("", gold_words[i])[1]))
    assert b >= o
    return missed, author


def _span(left: str, right: str, entries: FrozenSet[str], shortest: int) -> bool:
    for a in range(1, min(len(left), ev.LEXICON_MAX_REACH) + 1):
        for b in range(1, min(len(right), ev.LEXICON_MAX_REACH) + 1):
            if a + b >= shortest and left[-a:] + right[:b] in entries:
                return True
    return False


def _known(gold: str, joined: str, entries: FrozenSet[str]) -> bool:
    if gold in entries or joined in entries:
        return True
    return any(ev._chain(gold[-k:], ambiguous=True) and gold[:-k] in entries for k in range(1, min(len(gold) - 1, 5) + 1))


def report(name: str, missed: List[Pair], author: List[Pair], found: Dict[str, FrozenSet[str]]) -> None:
    shipped, evidence_set = found["shipped (all lists)"], found["shipped (evidence set)"]
    print(f"\n{name}: {len(missed)} missed breaks, {len(author)} author spaces (between two syllables)")
    print(f"{'source':26} {'entries':>8} | {'known':>6} {'span3':>6} {'new':>6} {'new3':>6} | {'author span2':>12} {'span3':>6} {'new3':>6}")
    n, m = max(1, len(missed)), max(1, len(author))
    for label, entries in found.items():
        known = sum(_known(g, l + r, entries) for l, r, g in missed)
        span3 = sum(_span(l, r, entries, 3) for l, r, _ in missed)
        new = sum(_known(g, l + r, entries) and not _known(g, l + r, shipped) for l, r, g in missed)
        new3 = sum(_span(l, r, entries, 3) and not _span(l, r, evidence_set, 3) for l, r, _ in missed)
        chance2 = sum(_span(l, r, entries, 2) for l, r, _ in author)
        chance3 = sum(_span(l, r, entries, 3) for l, r, _ in author)
        chance_new3 = sum(_span(l, r, entries, 3) and not _span(l, r, evidence_set, 3) for l, r, _ in author)
        print(f"{label:26} {len(entries):8} | {known / n:6.3f} {span3 / n:6.3f} {new / n:6.3f} {new3 / n:6.3f} | "
              f"{chance2 / m:12.3f} {chance3 / m:6.3f} {chance_new3 / m:6.3f}   ({new3} new misses vs {chance_new3} new chance matches)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--layouts", type=Path, help="layouts.jsonl of benchmarks/layouts.py (break-all records)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents per data set")
    args = parser.parse_args()
    found = sources()
    data: Dict[str, Tuple[List[Pair], List[Pair]]] = {}
    root = args.shared / "spacing"
    broken = (root / "dev.broken.txt").read_text(encoding="utf-8").splitlines()
    gold = (root / "dev.gold.txt").read_text(encoding="utf-8").splitlines()
    pairs = list(zip(broken, gold))[: args.limit or None]
    missed, author = [], []
    for b, g in pairs:
        b = " ".join(b.split())
        m, a = spaces(b, g, _without(b, decide([b])[0]))
        missed += m
        author += a
    data["spacing/dev"] = (missed, author)
    if args.layouts and args.layouts.exists():
        missed, author = [], []
        with args.layouts.open(encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        records = [r for r in records if r["word_break"] == "break-all" and r["paragraphs"]][: args.limit or None]
        for record in records:
            texts = [" ".join(p["lines"]) for p in record["paragraphs"]]
            for text, p, removals in zip(texts, record["paragraphs"], decide(texts)):
                m, a = spaces(text, p["gold"], _without(text, removals))
                missed += m
                author += a
        data["layouts break-all"] = (missed, author)
    author = []
    for path in sorted(glob.glob(str(args.shared / "ko-pages" / "gold" / "*.txt")))[: args.limit or None]:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            author += spaces(line, line, line)[1]
    data["ko-pages gold (never wrapped)"] = ([], author)
    for name, (missed, author) in data.items():
        report(name, missed, author, found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Spacing repair against Kiwi, on the three kinds of text of docs/architecture.md, in one run.

    python benchmarks/bench_spacing.py [--layouts PATH] [--limit N] [--no-kiwi]

Data (../shared/data, read-only, never copied):
- spacing: dev.broken.txt vs dev.gold.txt, line-aligned (constitution, tax-ruling summaries,
  kiwipiepy docs prose, re-wrapped at 20-40 Hangul per line);
- news: the gold bodies of ko-pages/gold/*.txt re-wrapped with cleaner.wrapgen at 15-35 Hangul
  per line: "news/paragraph" gives every paragraph its own width and repairs it alone (as the
  dev data is scored), "news/document" gives every page one width and repairs the page at once
  (the column is shared, as on a real page);
- news/clean: the same gold bodies unbroken, where every removal is damage;
- real layouts (`--layouts`, built by benchmarks/layouts.py: Chromium and WeasyPrint, eight
  Korean proportional fonts, text taken back through the DOM, pdftotext and pdfminer.six):
  "layouts/paragraph" and "layouts/document" (break-all, the lines joined with spaces, repaired
  one paragraph or one document at a time), "layouts/keep-all" (the negative control: only
  the few breaks beside a mark are artifacts), and through the whole pipeline, hard-wrapped
  (the lines as extracted, paragraphs apart): "hard/default" (body F1, spacing only on
  documents whose text is wholly kept) and "hard/no-boilerplate" (damage inside the lines).
  Without `--layouts` the committed sample (tests/data/layouts_sample.jsonl, corpus/ texts
  only) is used, and the run says so;
- edited: text that was never wrapped, through the whole pipeline: the ko-pages (HTML and the
  text dumps) and corpus/ documents: every removal is damage (per 1,000 output characters).

Scores are the spacing metric of docs/architecture.md (recall, precision, damage per 1,000 gold characters).
Kiwi is kiwipiepy's space() with space_tolerance=1, keeping only the spaces it removes; "kiwi+
vetoes" is `--spacing kiwi`. Throughput is characters per second of the repair alone, ours and
Kiwi's on the same text in the same run.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

from cleaner import Cleaner, Config
from cleaner.evaluate import (DEFAULT_SHARED, REQUIRED, SpacingCounts, body_scores, missing_data,
                              report_missing_data, spacing_counts)
from cleaner.spacing import LEVELS, _without, decide
from cleaner.wrapgen import break_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_LAYOUTS = ROOT / "tests" / "data" / "layouts_sample.jsonl"

Case = Tuple[str, str]  # (broken, gold)
Repair = Callable[[List[str]], List[str]]  # one document's paragraphs -> repaired paragraphs


def dev_cases(root: Path) -> List[List[Case]]:
    broken = (root / "dev.broken.txt").read_text(encoding="utf-8").splitlines()
    gold = (root / "dev.gold.txt").read_text(encoding="utf-8").splitlines()
    return [[(b, g)] for b, g in zip(broken, gold)]  # every line its own document


def news_paragraphs(root: Path) -> List[List[str]]:
    pages = []
    for path in sorted((root / "gold").glob("*.txt")):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        pages.append([line for line in lines if line])
    return pages


def news_cases(pages: List[List[str]], per_document: bool, seed: int = 0) -> List[List[Case]]:
    rng = random.Random(seed)
    docs = []
    for page in pages:
        if per_document:
            cells = 2 * rng.randint(15, 35)
            docs.append([(break_text(p, cells), p) for p in page])
        else:
            docs.extend([[(break_text(p, 2 * rng.randint(15, 35)), p)] for p in page])
    return docs


def layout_records(path: Path) -> List[dict]:
    with open(path, encoding="utf-8") as handle:
        return [record for record in map(json.loads, handle) if record["paragraphs"]]


def layout_cases(records: Sequence[dict], word_break: str, per_document: bool) -> List[List[Case]]:
    docs = []
    for record in records:
        if record["word_break"] != word_break:
            continue
        cases = [(" ".join(p["lines"]), p["gold"]) for p in record["paragraphs"]]
        docs.extend([cases] if per_document else [[case] for case in cases])
    return docs


def hard_wrapped(records: Sequence[dict], cleaner: Cleaner) -> Tuple[float, SpacingCounts, int, int]:
    """Break-all documents as hard-wrapped text through the pipeline: (mean body F1, spacing
    counts over the documents whose text was wholly kept, documents, documents wholly kept)."""
    f1s, counts, whole = [], SpacingCounts(), 0
    docs = [r for r in records if r["word_break"] == "break-all"]
    for record in docs:
        text = "\n\n".join("\n".join(p["lines"]) for p in record["paragraphs"])
        gold = "\n".join(p["gold"] for p in record["paragraphs"])
        out = cleaner.clean(text)
        f1s.append(body_scores(out, gold).f1)
        if "".join(out.split()) == "".join(gold.split()):
            whole += 1
            broken = " ".join(" ".join(p["lines"]) for p in record["paragraphs"])
            counts.add(spacing_counts(broken, gold.replace("\n", " "), " ".join(out.split())))
    return (sum(f1s) / len(f1s) if f1s else 1.0), counts, len(docs), whole


def lines_damage(records: Sequence[dict], cleaner: Cleaner) -> SpacingCounts:
    """--no-boilerplate on hard-wrapped text: the spaces removed inside the lines (all damage
    but those that were artifacts of an earlier wrap, of which this data has none)."""
    counts = SpacingCounts()
    for record in records:
        lines = [line for p in record["paragraphs"] for line in p["lines"]]
        out = cleaner.clean("\n".join(lines)).split("\n")
        for line, repaired in zip(lines, out):
            counts.add(spacing_counts(line, line, repaired))
    return counts


def edited_damage(data: Path, cleaner: Cleaner) -> Tuple[int, int, int]:
    """(removals, documents with a removal, output characters) on never-wrapped pages."""
    pages = sorted((data / "ko-pages" / "html").glob("*.html")) + sorted((data / "ko-pages" / "text").glob("*"))
    own = [p for p in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.html"))
           if not p.name.endswith(".gold.txt") and "wrapped" not in p.name]
    removals = touched = chars = 0
    for path in pages + own:
        result = cleaner.analyze(path.read_bytes())
        removed = sum(f.before.count(" ") - f.after.count(" ") for f in result.fixes)
        removals += removed
        touched += bool(removed)
        chars += len(result.text)
    return removals, touched, chars


def score(docs: Sequence[List[Case]], repair: Repair, repeat: int = 2) -> Tuple[SpacingCounts, float]:
    """Counts of the repair on every document, and its best throughput over `repeat` runs."""
    total = SpacingCounts()
    chars = sum(len(broken) for doc in docs for broken, _ in doc)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        outputs = [repair([b for b, _ in doc]) for doc in docs]
        best = min(best, time.perf_counter() - start)
    for doc, out in zip(docs, outputs):
        for (broken, gold), repaired in zip(doc, out):
            total.add(spacing_counts(broken, gold, repaired))
    return total, chars / best if best else float("inf")


def kiwi_speed(docs: Sequence[List[Case]], repeat: int = 2) -> float:
    """Characters per second of Kiwi's space() alone (no removal bookkeeping): its real speed."""
    from cleaner.spacing.kiwi_backend import _kiwi

    kiwi = _kiwi()
    texts = [broken for doc in docs for broken, _ in doc]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            kiwi.space(text, reset_whitespace=False)
        best = min(best, time.perf_counter() - start)
    return sum(map(len, texts)) / best


WARM_UP = [["워밍업 을 위한 문장 입니다.", "삼성전 자 의 주가 가 올랐 다."]]


def ours(level: str) -> Repair:
    def repair(texts: List[str]) -> List[str]:
        return [_remove(t, r) for t, r in zip(texts, decide(texts, level))]
    return repair


def kiwi_raw() -> Repair:
    from cleaner.spacing.kiwi_backend import _kiwi, _space_positions

    kiwi = _kiwi()

    def repair(texts: List[str]) -> List[str]:
        out = []
        for text in texts:
            kept = _space_positions(kiwi.space(text, reset_whitespace=False))
            removals, seen = set(), 0
            for i, char in enumerate(text):
                if char == " ":
                    if seen not in kept:
                        removals.add(i)
                else:
                    seen += 1
            out.append(_remove(text, removals))
        return out
    return repair


def kiwi_vetoed() -> Repair:
    from cleaner.spacing.kiwi_backend import kiwi_removals

    def repair(texts: List[str]) -> List[str]:
        return [_remove(t, r) for t, r in zip(texts, kiwi_removals(texts))]
    return repair


def _remove(text: str, removals) -> str:
    """The text without the removed spaces, built as the library builds it (by slices)."""
    return _without(text, removals)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--layouts", type=Path, default=None,
                        help="real-layout JSONL of benchmarks/layouts.py (default: the committed sample)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents of each set")
    parser.add_argument("--no-kiwi", action="store_true")
    args = parser.parse_args(argv)
    problem = (missing_data(args.data / "spacing", *REQUIRED["spacing"])
               or missing_data(args.data / "ko-pages", "gold/*.txt"))
    if problem:
        return report_missing_data(parser.prog, problem, "--data DIR (the folder holding spacing/ and ko-pages/)")
    layouts_path = args.layouts or SAMPLE_LAYOUTS
    if args.layouts is None:
        print(f"(real layouts: the committed sample {layouts_path.relative_to(ROOT)}, corpus/ texts only; "
              "pass --layouts for a full set built by benchmarks/layouts.py)")
    records = layout_records(layouts_path)

    pages = news_paragraphs(args.data / "ko-pages")
    sets: Dict[str, List[List[Case]]] = {
        "spacing/dev": dev_cases(args.data / "spacing"),
        "news/paragraph": news_cases(pages, per_document=False),
        "news/document": news_cases(pages, per_document=True),
        "news/clean": [[(p, p) for p in page] for page in pages],
        "layouts/paragraph": layout_cases(records, "break-all", per_document=False),
        "layouts/document": layout_cases(records, "break-all", per_document=True),
        "layouts/keep-all": layout_cases(records, "keep-all", per_document=True),
    }
    if args.limit:
        sets = {name: docs[: args.limit] for name, docs in sets.items()}
        records = records[: args.limit]
    systems: Dict[str, Repair] = {f"rules/{level}": ours(level) for level in LEVELS}
    if not args.no_kiwi:
        try:
            systems["kiwi"] = kiwi_raw()
            systems["kiwi+vetoes"] = kiwi_vetoed()
        except RuntimeError as exc:
            print(f"(kiwi skipped: {exc})", file=sys.stderr)

    # Load word lists and models before any clock starts.
    for repair in systems.values():
        repair(WARM_UP[0])
    print(f"{'data':18s} {'system':20s} {'recall':>7s} {'prec':>7s} {'dmg/1k':>7s} {'chars/s':>10s}")
    for name, docs in sets.items():
        speeds: Dict[str, float] = {}
        for system, repair in systems.items():
            counts, speed = score(docs, repair)
            speeds[system] = speed
            print(f"{name:18s} {system:20s} {counts.recall:7.3f} {counts.precision:7.3f} "
                  f"{counts.damage_per_1000:7.2f} {speed:10,.0f}")
        if "kiwi" in systems:
            alone = kiwi_speed(docs)
            print(f"{name:18s} {'kiwi space() alone':20s} {'':7s} {'':7s} {'':7s} {alone:10,.0f}")
            print(f"{name:18s} throughput rules/balanced vs kiwi space(): {speeds['rules/balanced'] / alone:.1f}x")

    engines = ("rules",) if args.no_kiwi else ("rules", "kiwi")
    sources = sorted({r["source"].split(":")[0] for r in records})
    print()
    print(f"{'pipeline':26s} {'engine':6s} figures")
    for engine in engines:  # the Config.spacing modes
        for source in sources:
            subset = [r for r in records if r["source"].split(":")[0] == source]
            f1, counts, docs, whole = hard_wrapped(subset, Cleaner(Config(spacing=engine)))
            print(f"{'hard/default ' + source:26s} {engine:6s} body F1 {f1:.3f}; text wholly kept in {whole} of {docs} "
                  f"documents; there recall {counts.recall:.3f} precision {counts.precision:.3f} "
                  f"damage/1k {counts.damage_per_1000:.2f}")
        counts = lines_damage(records, Cleaner(Config(spacing=engine, boilerplate=False)))
        print(f"{'hard/no-boilerplate':26s} {engine:6s} spaces removed inside lines {counts.removed} "
              f"(damage/1k {counts.damage_per_1000:.3f})")
        removals, touched, chars = edited_damage(args.data, Cleaner(Config(spacing=engine)))
        print(f"{'edited (ko-pages, corpus/)':26s} {engine:6s} removals {removals} in {touched} documents "
              f"(damage/1k {1000 * removals / max(chars, 1):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

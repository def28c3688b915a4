"""The HTML path against trafilatura alone, side by side, in one run.

    python benchmarks/bench_html.py                  # quality + timing (about two minutes)
    python benchmarks/bench_html.py --pages          # also every ko-pages row
    python benchmarks/bench_html.py --sweep          # trafilatura settings under cleaner (slow)
    python benchmarks/bench_html.py --quick          # ko-pages only, no timing

What it measures (DESIGN.md's body metric, cleaner.evaluate.body_scores):
- ko-pages: the 14 pages with gold. Gold gets the page's headline (gold/NAME.title) in front
  when known, as `cleaner.evaluate.ko_pages_gold` does, for every tool alike; the same table is
  also given against the body lines alone ("no title").
- en-aeb: 181 article pages, gold `articleBody` from ground-truth.json (no headline in gold).
- the script-rendered page (body found, and from where) and the two listing pages (empty text,
  and the reason).
- time per page: `cleaner.analyze` on the raw bytes (spacing off: that stage is not HTML's) and
  `trafilatura.extract` on the same bytes, best of a few rounds, with the ratio.

Nothing of the evaluation data is written anywhere; the data stays in ../shared/data.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, analyze  # noqa: E402
from cleaner.evaluate import DEFAULT_SHARED, BodyScore, body_scores, ko_pages_gold  # noqa: E402

KO = DEFAULT_SHARED / "ko-pages"
AEB = DEFAULT_SHARED / "en-aeb"
SCRIPT_PAGE = "fundus_HankookIlbo_2026_01_29_6e27815"
LISTING_PAGES = ("jsp_naverNewsList", "adtest_munhwa_home")

Tool = Callable[[bytes], str]


def trafilatura_tool(**settings) -> Tool:
    import trafilatura

    def run(data: bytes) -> str:
        return trafilatura.extract(data, **settings) or ""
    return run


def cleaner_tool(config: Config) -> Tool:
    def run(data: bytes) -> str:
        return analyze(data, config).text
    return run


def ko_pages() -> List[Tuple[str, bytes, str, str]]:
    """(name, page bytes, gold with headline, gold without) for the 14 gold pages."""
    pages = []
    for name, path, gold in ko_pages_gold(KO):
        body_only = (KO / "gold" / f"{name}.txt").read_text(encoding="utf-8")
        pages.append((name, path.read_bytes(), gold, body_only))
    return pages


def aeb_pages() -> List[Tuple[str, bytes, str]]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = AEB / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append((key, gzip.decompress(path.read_bytes()), item["articleBody"]))
    return pages


def summary(scores: List[BodyScore]) -> str:
    f1 = [s.f1 for s in scores]
    return (f"P {statistics.mean(s.precision for s in scores):.3f}  R {statistics.mean(s.recall for s in scores):.3f}"
            f"  F1 {statistics.mean(f1):.4f}  lowest {min(f1):.3f}")


def time_per_page(tool: Tool, data: List[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for page in data:
            tool(page)
        best = min(best, (time.perf_counter() - start) / len(data))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", action="store_true", help="print every ko-pages row")
    parser.add_argument("--quick", action="store_true", help="ko-pages only, no timing")
    parser.add_argument("--sweep", action="store_true", help="compare trafilatura settings under cleaner")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (best is kept)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import logging
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards

    quality = Config(spacing="off")
    tools: Dict[str, Tool] = {
        "cleaner": cleaner_tool(quality),
        "trafilatura": trafilatura_tool(),
        "trafilatura-precision": trafilatura_tool(favor_precision=True),
    }
    if args.sweep:
        for favor in ("balanced", "recall"):
            tools[f"cleaner[{favor}]"] = cleaner_tool(quality.with_(html_favor=favor))

    ko = ko_pages()
    print(f"ko-pages, {len(ko)} pages with gold (body F1; gold with headline | without)")
    rows: Dict[str, List[Tuple[BodyScore, BodyScore]]] = {}
    for name, tool in tools.items():
        rows[name] = [(body_scores(out, gold), body_scores(out, body))
                      for out, (_, _, gold, body) in ((tool(data), page) for page in ko for data in [page[1]])]
        with_title = summary([a for a, _ in rows[name]])
        without = statistics.mean(b.f1 for _, b in rows[name])
        print(f"  {name:<24} {with_title}   | no title F1 {without:.4f}")
    if args.pages:
        names = list(tools)
        print("  " + " " * 40 + "  ".join(f"{n[:12]:>12}" for n in names))
        for i, (page, *_rest) in enumerate(ko):
            print(f"  {page[:40]:<40}" + "  ".join(f"{rows[n][i][0].f1:12.3f}" for n in names))

    print("\nscript-rendered page and listing pages (cleaner)")
    for name in (SCRIPT_PAGE,) + LISTING_PAGES:
        result = analyze((KO / "html" / f"{name}.html").read_bytes(), quality)
        lines = result.text.splitlines()
        print(f"  {name}: {len(result.text)} chars, {len(lines)} lines, source="
              f"{result.metadata.get('source')}, reason={result.reason!r}")
    if args.quick:
        return 0

    aeb = aeb_pages()
    print(f"\nen-aeb, {len(aeb)} pages (body F1 against articleBody)")
    for name, tool in tools.items():
        scores = [body_scores(tool(data), gold) for _, data, gold in aeb]
        print(f"  {name:<24} {summary(scores)}")

    print("\ntime per page (raw bytes in; best of %d rounds)" % args.rounds)
    for label, data in (("ko-pages (42)", [p.read_bytes() for p in sorted((KO / "html").glob("*.html"))]),
                        ("en-aeb (181)", [d for _, d, _ in aeb])):
        base = time_per_page(tools["trafilatura"], data, args.rounds)
        ours = time_per_page(tools["cleaner"], data, args.rounds)
        precise = time_per_page(tools["trafilatura-precision"], data, args.rounds)
        print(f"  {label:<14} trafilatura {base * 1000:6.1f} ms  trafilatura-precision {precise * 1000:6.1f} ms"
              f"  cleaner {ours * 1000:6.1f} ms   ratio cleaner/trafilatura {ours / base:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

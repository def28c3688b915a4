"""The HTML path against trafilatura alone, side by side, in one run.

    python benchmarks/bench_html.py                # everything below (a few minutes)
    python benchmarks/bench_html.py --quick        # ko-pages and corpus/real quality only
    python benchmarks/bench_html.py --sweep        # also cleaner with other trafilatura settings

What it measures (the body metric of docs/architecture.md, cleaner.evaluate.body_scores):
- ko-pages: the 14 pages with gold (gold/NAME.neutral lines scored neither way, as
  cleaner.evaluate does). Gold gets the page's headline (gold/NAME.title) in front when known, as `cleaner.evaluate.ko_pages_gold` does, for every tool alike; the table is also
  given against the body lines alone ("no title").
- real: corpus/real/ (pages gathered from public repositories, gold written by hand; see its
  README and MANIFEST.tsv), neutral lines scored neither way: per-page F1 for every tool, the
  mean, the lowest article page, listing pages' output length, and empty outputs where gold is not.
- en-aeb: 181 article pages, gold `articleBody` from ground-truth.json (no headline in gold).
- the script-rendered page (body found, and from where) and the two listing pages (empty text,
  and the reason).
- bytes: every ko-pages page re-encoded as CP949 (characters CP949 lacks as &#...; references),
  labelled euc-kr, unlabelled, and gzip-compressed: is the text the same as from UTF-8?
- time per page: `cleaner.analyze` on the raw bytes (spacing off: that stage is not the HTML
  path's) against `trafilatura.extract` on the same bytes. CPU time of this process, each page's
  best of a few interleaved rounds, so that other work on the machine counts as little as
  possible.

Nothing of the evaluation data is written anywhere; it stays in ../shared/data.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, analyze  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.evaluate import (DEFAULT_REAL, DEFAULT_SHARED, REQUIRED, BodyScore, body_scores,  # noqa: E402
                              ko_pages_gold, ko_pages_neutral, missing_data, real_pages, report_missing_data)

KO = DEFAULT_SHARED / "ko-pages"
AEB = DEFAULT_SHARED / "en-aeb"
SCRIPT_PAGE = "fundus_HankookIlbo_2026_01_29_6e27815"
LISTING_PAGES = ("jsp_naverNewsList", "adtest_munhwa_home")
QUALITY = Config(spacing="off")

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


def quality_real(tools: Dict[str, Tool], root: Path = DEFAULT_REAL) -> None:
    """corpus/real/: per-page F1 of every tool, then per tool the mean, the lowest article page,
    listing pages' output length (their gold is empty) and empty outputs on pages with gold."""
    pages = real_pages(root)
    print(f"\nreal, {len(pages)} pages of {root.relative_to(ROOT) if root.is_relative_to(ROOT) else root} "
          f"(body F1, neutral lines scored neither way; listing pages: output length in characters)")
    if not pages:
        print("  no pages with gold (corpus/real/README.md says how to get them)")
        return
    names = list(tools)
    outputs = {n: [tools[n](page.html.read_bytes()) for page in pages] for n in names}
    scores = {n: [body_scores(out, page.gold, page.neutral) for out, page in zip(outputs[n], pages)] for n in names}
    print("  " + " " * 44 + "".join(f"{n[:21]:>22}" for n in names))
    for i, page in enumerate(pages):
        cells = (f"{len(''.join(outputs[n][i].split())):>19} ch" if page.is_listing else f"{scores[n][i].f1:>22.3f}"
                 for n in names)
        print(f"  {(page.kind[:9] + ' ' + page.name)[:44]:<44}" + "".join(cells))
    articles = [i for i, page in enumerate(pages) if not page.is_listing]
    listings = [i for i, page in enumerate(pages) if page.is_listing]
    for n in names:
        f1 = [scores[n][i].f1 for i in articles]
        lowest = min(articles, key=lambda i: scores[n][i].f1) if articles else None
        lengths = [len("".join(outputs[n][i].split())) for i in listings]
        empty = sum(1 for i in articles if not outputs[n][i].strip())
        print(f"  {n:<24} articles ({len(articles)}) mean F1 {statistics.mean(f1) if f1 else 0:.4f}"
              f"  lowest {scores[n][lowest].f1 if lowest is not None else 0:.3f}"
              f" ({pages[lowest].name if lowest is not None else '-'})"
              f"  | all pages mean {statistics.mean(s.f1 for s in scores[n]):.4f}"
              f"  | listings ({len(listings)}) chars max {max(lengths, default=0)} mean "
              f"{statistics.mean(lengths) if lengths else 0:.0f}  | empty outputs {empty}")


def aeb_pages(root: Path) -> List[Tuple[str, bytes, str]]:
    """(key, raw page, gold articleBody) of every en-aeb page in `root`, by key."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append((key, gzip.decompress(path.read_bytes()), item["articleBody"]))
    return pages


def summary(scores: Sequence[BodyScore]) -> str:
    f1 = [s.f1 for s in scores]
    return (f"P {statistics.mean(s.precision for s in scores):.3f}  R {statistics.mean(s.recall for s in scores):.3f}"
            f"  F1 {statistics.mean(f1):.4f}  lowest {min(f1):.3f}")


def quality_ko(tools: Dict[str, Tool]) -> None:
    ko = ko_pages()
    print(f"ko-pages, {len(ko)} pages with gold: body F1 (gold with headline | gold without)")
    rows: Dict[str, List[Tuple[BodyScore, BodyScore]]] = {}
    for name, tool in tools.items():
        outputs = [tool(data) for _, data, _, _ in ko]
        rows[name] = [(body_scores(out, gold, ko_pages_neutral(KO, page)), body_scores(out, body, ko_pages_neutral(KO, page)))
                      for out, (page, _, gold, body) in zip(outputs, ko)]
        without = [b for _, b in rows[name]]
        print(f"  {name:<24} {summary([a for a, _ in rows[name]])}   | no title F1 "
              f"{statistics.mean(s.f1 for s in without):.4f} lowest {min(s.f1 for s in without):.3f}")
    names = list(tools)
    print("  " + " " * 40 + "".join(f"{n[:21]:>22}" for n in names))
    for i, (page, *_rest) in enumerate(ko):
        print(f"  {page[:40]:<40}" + "".join(f"{rows[n][i][0].f1:>22.3f}" for n in names))


def special_pages() -> None:
    print("\nscript-rendered page and listing pages (cleaner)")
    for name in (SCRIPT_PAGE,) + LISTING_PAGES:
        result = analyze((KO / "html" / f"{name}.html").read_bytes(), QUALITY)
        print(f"  {name}: {len(result.text)} chars, {len(result.text.splitlines())} lines, "
              f"source={result.metadata.get('source')}, reason={result.reason!r}")


_META_CHARSET = re.compile(r"<meta[^>]+charset[^>]*>", re.IGNORECASE)


def bytes_check() -> None:
    """Real pages re-encoded the way Korean sites serve them give the text UTF-8 gives."""
    variants = {"cp949 labelled euc-kr": 0, "cp949 unlabelled": 0, "gzip(cp949 labelled)": 0}
    pages = sorted((KO / "html").glob("*.html"))
    for path in pages:
        html = decode(path.read_bytes())
        expected = analyze(html.encode("utf-8"), QUALITY).text
        stripped = _META_CHARSET.sub("", html)
        labelled = stripped.replace("<head>", '<head><meta charset="euc-kr">', 1) if "<head>" in stripped else (
            '<meta charset="euc-kr">' + stripped)
        as_cp949 = labelled.encode("cp949", errors="xmlcharrefreplace")
        outputs = {
            "cp949 labelled euc-kr": as_cp949,
            "cp949 unlabelled": stripped.encode("cp949", errors="xmlcharrefreplace"),
            "gzip(cp949 labelled)": gzip.compress(as_cp949),
        }
        for variant, data in outputs.items():
            variants[variant] += analyze(data, QUALITY).text == expected
    print(f"\nbytes: {len(pages)} ko-pages re-encoded; pages whose text equals the UTF-8 page's")
    for variant, same in variants.items():
        print(f"  {variant:<24} {same}/{len(pages)}")


def quality_aeb(tools: Dict[str, Tool], aeb: List[Tuple[str, bytes, str]]) -> None:
    print(f"\nen-aeb, {len(aeb)} pages (body F1 against articleBody)")
    for name, tool in tools.items():
        print(f"  {name:<24} {summary([body_scores(tool(data), gold) for _, data, gold in aeb])}")


def timing(tools: Dict[str, Tool], sets: Dict[str, List[bytes]], rounds: int) -> None:
    print(f"\ntime per page: CPU ms, each page's best of {rounds} interleaved rounds, raw bytes in")
    names = ["trafilatura", "trafilatura-precision", "cleaner"]
    pooled = {name: 0.0 for name in names}
    count = 0
    for label, data in sets.items():
        best = {name: [float("inf")] * len(data) for name in names}
        for _ in range(rounds):
            for i, page in enumerate(data):
                for name in names:
                    start = time.process_time()
                    tools[name](page)
                    best[name][i] = min(best[name][i], time.process_time() - start)
        total = {name: sum(best[name]) for name in names}
        for name in names:
            pooled[name] += total[name]
        count += len(data)
        print(f"  {label:<14} " + "  ".join(f"{n} {total[n] * 1000 / len(data):6.1f}" for n in names)
              + f"   ratio cleaner/trafilatura {total['cleaner'] / total['trafilatura']:.3f}")
    print(f"  {'all pages':<14} " + "  ".join(f"{n} {pooled[n] * 1000 / count:6.1f}" for n in names)
          + f"   ratio cleaner/trafilatura {pooled['cleaner'] / pooled['trafilatura']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="ko-pages and real quality only")
    parser.add_argument("--sweep", action="store_true", help="also cleaner with trafilatura's other settings")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (each page's best is kept)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the folder holding ko-pages/ and en-aeb/ (default: ../shared/data)")
    args = parser.parse_args()
    global KO, AEB
    KO, AEB = args.shared / "ko-pages", args.shared / "en-aeb"
    problem = missing_data(KO, *REQUIRED["ko-pages"])
    if not problem and not args.quick:
        problem = missing_data(AEB, "ground-truth.json", "html/*.html.gz")
    if problem:
        return report_missing_data(parser.prog, problem, "--shared DIR (the folder holding ko-pages/ and en-aeb/)")
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards

    tools: Dict[str, Tool] = {
        "cleaner": cleaner_tool(QUALITY),
        "trafilatura": trafilatura_tool(),
        "trafilatura-precision": trafilatura_tool(favor_precision=True),
    }
    if args.sweep:
        for favor in ("balanced", "recall"):
            tools[f"cleaner[{favor}]"] = cleaner_tool(QUALITY.with_(html_favor=favor))

    quality_ko(tools)
    quality_real(tools)
    special_pages()
    if args.quick:
        return 0
    aeb = aeb_pages(AEB)
    quality_aeb(tools, aeb)
    bytes_check()
    timing(tools, {"ko-pages (42)": [p.read_bytes() for p in sorted((KO / "html").glob("*.html"))],
                   "en-aeb (181)": [d for _, d, _ in aeb]}, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Plain-text path: body quality beside jusText, and throughput, in one run.

    python benchmarks/bench_plaintext.py [--shared ../shared/data] [--repeat 3]

Quality (the body metric of docs/architecture.md, mean and lowest F1):
  - ../shared/data/ko-pages: the 14 gold pages rendered to page text at run time (as a browser's
    select-all-and-copy gives it; nothing rendered is written to disk), scored against gold with
    the headline (NAME.title) as the first gold line;
  - corpus/: the project's own documents.
  Side by side: cleaner (spacing off, so only boilerplate counts), and jusText with its Korean
  stoplist, each page line given as a <p>, at its default thresholds and at 35/100 (the setting
  docs/architecture.md reports as best for Korean).
Speed: characters per second of cleaner's plain-text pipeline on one core (this process), with
and without spacing repair, over the rendered pages. Figures go to stdout; nothing is asserted.
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path
from typing import Callable, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, clean  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.evaluate import (REQUIRED, BodyScore, DEFAULT_SHARED, body_scores, evaluate_corpus,  # noqa: E402
                              ko_pages_gold, missing_data, render_page_text, report_missing_data)


def justext_clean(text: str, length_low: int = 70, length_high: int = 200) -> str:
    import justext

    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()
                                      if line.strip()) + "</body></html>"
    paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("Korean"),
                                 length_low=length_low, length_high=length_high)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def summarize(rows: List[Tuple[str, BodyScore]]) -> str:
    f1 = [s.f1 for _, s in rows]
    p = sum(s.precision for _, s in rows) / len(rows)
    r = sum(s.recall for _, s in rows) / len(rows)
    return f"P {p:.3f}  R {r:.3f}  F1 {sum(f1) / len(f1):.3f}  (lowest {min(f1):.3f}, n={len(rows)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    problem = missing_data(args.shared / "ko-pages", *REQUIRED["ko-pages"])
    if problem:
        return report_missing_data(parser.prog, problem, "--shared DIR (the folder holding ko-pages/)")

    pages = [(name, render_page_text(decode(path.read_bytes())), gold)
             for name, path, gold in ko_pages_gold(args.shared / "ko-pages")]
    text_only = Config(spacing="off", input_format="text")
    tools: List[Tuple[str, Callable[[str], str]]] = [
        ("cleaner", lambda t: clean(t, text_only)),
        ("jusText (Korean stoplist, defaults)", justext_clean),
        ("jusText (Korean stoplist, 35/100)", lambda t: justext_clean(t, 35, 100)),
    ]
    print("== body quality on ko-pages rendered as page text (gold with headline)")
    for label, tool in tools:
        rows = [(name, body_scores(tool(text), gold)) for name, text, gold in pages]
        print(f"{label:40} {summarize(rows)}")
    print("\n== body quality on corpus/")
    rows = evaluate_corpus(ROOT / "corpus", lambda data: clean(data, Config(spacing="off")))
    if rows:
        print(f"{'cleaner':40} {summarize(rows)}")
        rows = [(name, body_scores(justext_clean(decode(src.read_bytes())), gold.read_text(encoding='utf-8')))
                for name, src, gold in __import__("cleaner.evaluate", fromlist=["x"]).corpus_documents(ROOT / "corpus")]
        print(f"{'jusText (Korean stoplist, defaults)':40} {summarize(rows)}")

    print("\n== throughput of the plain-text path (one core)")
    texts = [text for _, text, _ in pages]
    chars = sum(len(t) for t in texts)
    for label, config in (("boilerplate only (--no-spacing)", text_only),
                          ("boilerplate + spacing repair", Config(input_format="text"))):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            for text in texts:
                clean(text, config)
            best = min(best, time.perf_counter() - start)
        print(f"{label:40} {chars / best:12,.0f} chars/s  ({chars:,} chars, best of {args.repeat})")
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for text in texts:
            justext_clean(text)
        best = min(best, time.perf_counter() - start)
    print(f"{'jusText (same texts)':40} {chars / best:12,.0f} chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

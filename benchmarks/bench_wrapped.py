"""The wrap gate's table, measured: how much likelier each evidence class is in wrapped text.

    python benchmarks/bench_wrapped.py [--data ../shared/data]

cleaner.spacing.wrapped weighs every space between two syllables by the class of its lexical
evidence. This script measures the ratio it needs, P(class | wrapped) / P(class | edited), on
- wrapped: spacing/dev.broken.txt (official prose re-wrapped at 20-40 Hangul per line);
- edited: text that was never wrapped: the ko-pages (HTML pages and text dumps, as cleaned with
  spacing off) and the project's own corpus/ documents (those not named *_wrapped);
and prints, beside the table in use, how many paragraphs and documents of each kind the gate
opens with its thresholds. Nothing here is copied into the project: only the ratios are.
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Tuple

from cleaner import Cleaner, Config
from cleaner.evaluate import DEFAULT_SHARED
from cleaner.spacing import Memo, _spots
from cleaner.spacing import period, wrapped

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def classes(text: str, memo: Memo) -> List[str]:
    layout = period.Layout(text)
    return [wrapped.signal_class(c, lexical, vetoed) for c, lexical, vetoed in _spots(text, layout, layout.spaces, (), memo)
            if "가" <= c.left_word[-1:] <= "힣" and "가" <= c.right_word[:1] <= "힣"]


def edited_documents(data: Path) -> Iterator[Tuple[str, List[str]]]:
    reader = Cleaner(Config(spacing="off"))
    pages = sorted((data / "ko-pages" / "html").glob("*.html")) + sorted((data / "ko-pages" / "text").glob("*"))
    own = [p for p in sorted(CORPUS.glob("ko_*.txt")) if not p.name.endswith(".gold.txt") and "wrapped" not in p.name]
    for path in pages + own:
        yield path.name, reader.analyze(path.read_bytes()).text.split("\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    dev = args.data / "spacing" / "dev.broken.txt"
    if not dev.is_file() or not (args.data / "ko-pages").is_dir():
        print(f"bench_wrapped: no evaluation data at {args.data} (pass --data DIR holding spacing/ and ko-pages/)",
              file=sys.stderr)
        return 2
    memo = Memo()
    wrapped_lines = dev.read_text(encoding="utf-8").splitlines()
    edited = list(edited_documents(args.data))
    in_wrapped = Counter(k for line in wrapped_lines for k in classes(line, memo))
    in_edited = Counter(k for _, doc in edited for line in doc for k in classes(line, memo))
    n_wrapped, n_edited = sum(in_wrapped.values()), sum(in_edited.values())
    print(f"spaces between syllables: wrapped {n_wrapped:,}, edited {n_edited:,}")
    print(f"{'class':16s} {'wrapped':>8s} {'edited':>7s} {'log ratio':>9s} {'in use':>7s}")
    for name in sorted(set(in_wrapped) | set(in_edited), key=lambda k: -in_wrapped[k]):
        ratio = math.log(((in_wrapped[name] + 0.5) / n_wrapped) / ((in_edited[name] + 0.5) / n_edited))
        used = wrapped.SIGNAL_LOG_RATIO.get(name, wrapped.NO_EVIDENCE)
        print(f"{name:16s} {in_wrapped[name]:8d} {in_edited[name]:7d} {ratio:9.2f} {used:7.2f}")
    scores = [wrapped.score(classes(line, memo)) for line in wrapped_lines]
    opened = sum(wrapped.wrapped_texts([s])[0] for s in scores)
    print(f"gate: wrapped dev lines opened {opened} of {len(scores)} (each its own document)")
    paragraphs = documents = total = 0
    for name, doc in edited:
        doc_scores = [wrapped.score(classes(line, memo)) for line in doc]
        gate = wrapped.wrapped_texts(doc_scores)
        paragraphs += sum(gate)
        total += len(doc)
        documents += sum(doc_scores) > 0
        if any(gate):
            print(f"  edited {name}: {sum(gate)} paragraph(s) opened, document score {sum(doc_scores):.2f}")
    print(f"gate: edited paragraphs opened {paragraphs} of {total}; documents scoring above 0 {documents} "
          f"of {len(edited)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

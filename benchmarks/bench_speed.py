"""Speed against the tools a user would pick instead (issue 15's table), every row in one run.

    python benchmarks/bench_speed.py [--shared ../shared/data] [--rounds 3] [--cold 5] [--profile]

Rows (ours and the peer's on the same inputs, interleaved round by round so that other work on
the machine hits both alike; each figure is the best round, CPU seconds of this process and wall
seconds; the ratio is what to read on a shared machine):
  - plain text: the 42 ko-pages rendered as page text (as a browser's select-all-and-copy gives
    it, rendered at run time, never written) and the 2 plain-text dumps; cleaner with spacing
    off (jusText does no spacing) and with the default spacing, against jusText with its Korean
    stoplist, each line a <p> (benchmarks/bench_plaintext.py's adapter);
  - spacing repair alone: `--no-boilerplate`, each line of spacing/dev.broken.txt its own text,
    against Kiwi's space() (space_tolerance=1, reset_whitespace=False) on the same lines;
  - HTML: `cleaner.analyze` on the raw bytes (spacing off) against `trafilatura.extract`, on the
    42 ko-pages and on the first 60 en-aeb pages (sorted by key);
  - cold start: the `cleaner` command in a fresh process (python -m cleaner) on a one-line text
    without a space, on a one-line Korean sentence (spacing weighs its spaces: the lexicon loads)
    and on one HTML page, against `python -c "import trafilatura"` (median of --cold runs, wall),
    with the user cache kept from earlier runs and, for a first run after installing, empty. The
    package's bytecode is compiled first, as pip does when it installs it.
--rows picks rows (plain, spacing, html, cold).
It also says how many rules the literal prefilter cannot skip (rules without a literal) and how
many rules it tries per block on the plain-text set. --profile adds a cProfile of the plain-text
pass (top functions by own time). Nothing is asserted; nothing of the data is written.
"""
from __future__ import annotations

import argparse
import compileall
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleaner import Config, analyze, clean  # noqa: E402
from cleaner.decode import decode  # noqa: E402
from cleaner.evaluate import DEFAULT_SHARED, missing_data, render_page_text, report_missing_data  # noqa: E402
from bench_html import aeb_pages  # noqa: E402

AEB_PAGES = 60
COLD_PAGE = "fundus_MBN_2025_05_27_2b56121"
# A sentence with spaces between syllables: spacing weighs each, so its lexicon is loaded.
IMPORT_TRAFILATURA = "python -c 'import trafilatura'"
COLD_SENTENCE = "정부는 내년부터 새 제도를 시행한다고 밝혔다.\n"

Runner = Callable[[], object]


def interleaved(runners: Dict[str, Runner], rounds: int) -> Dict[str, Tuple[float, float]]:
    """Each runner's best (CPU, wall) seconds over `rounds` rounds, the runners taking turns."""
    best = {name: (float("inf"), float("inf")) for name in runners}
    for _ in range(rounds):
        for name, run in runners.items():
            cpu, wall = time.process_time(), time.perf_counter()
            run()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
    return best


def row(label: str, ours: Tuple[float, float], peer: Tuple[float, float], peer_name: str, chars: int = 0) -> None:
    rate = (f"  {chars / ours[0]:>9,.0f} vs {chars / peer[0]:>9,.0f} chars/CPU-s" if chars else "")
    print(f"{label:<44} cleaner {ours[0]:6.3f} s CPU {ours[1]:6.3f} s wall | {peer_name} {peer[0]:6.3f} s CPU "
          f"{peer[1]:6.3f} s wall | speed ratio (peer time / ours) CPU {peer[0] / ours[0]:5.2f}x "
          f"wall {peer[1] / ours[1]:5.2f}x{rate}")


def plain_texts(shared: Path) -> List[str]:
    texts = [render_page_text(decode(p.read_bytes())) for p in sorted((shared / "ko-pages" / "html").glob("*.html"))]
    texts += [decode(p.read_bytes()) for p in sorted((shared / "ko-pages" / "text").glob("*.txt"))]
    return texts


def cold(argv: Sequence[str], stdin: bytes, runs: int, env: Optional[Dict[str, str]] = None,
         fresh_cache: bool = False) -> Tuple[float, float]:
    """Median (wall, CPU) seconds of a fresh process (with `fresh_cache`, each run's user cache
    directory, env's CLEANER_CACHE_DIR, emptied first: a first run after installing). The CPU
    seconds (user + system of the child) are the figure to read on a busy machine."""
    walls, cpus = [], []
    for _ in range(runs):
        if fresh_cache and env:
            for kept in Path(env["CLEANER_CACHE_DIR"]).glob("*"):
                kept.unlink()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(list(argv), input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       cwd=str(ROOT), check=False, env={**os.environ, **(env or {})})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def rule_counts(texts: Sequence[str]) -> None:
    from cleaner import rules
    from cleaner.segment import segment

    if not hasattr(rules, "rules_tried"):
        print("rules: no literal prefilter in this version")
        return
    always = rules.rules_without_literal()
    print(f"rules: {len(rules.RULES)}, without a literal (always tried): {len(always)} {list(always)}")
    blocks = tried = 0
    for text in texts:
        for block in segment(text, Config(input_format="text")).blocks:
            blocks += 1
            tried += rules.rules_tried(block.text)
    print(f"rules tried per block on the plain-text set: {tried / blocks:.2f} ({blocks} blocks; "
          f"the full scan tries every rule a block is light and short enough for)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--rows", default="plain,spacing,html,cold",
                        help="which rows to run, comma-separated (default: all of plain,spacing,html,cold)")
    args = parser.parse_args()
    rows = set(args.rows.split(","))
    problem = (missing_data(args.shared / "ko-pages", "html/*.html")
               or missing_data(args.shared / "en-aeb", "ground-truth.json", "html/*.html.gz"))
    if problem:
        return report_missing_data(parser.prog, problem, "--shared DIR (the folder holding ko-pages/, en-aeb/, spacing/)")
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    from bench_plaintext import justext_clean

    print("CPU and wall seconds of this process, best of", args.rounds, "interleaved rounds; "
          "a shared machine makes the ratios, not the seconds, the figures to read\n")

    texts = plain_texts(args.shared)
    if "plain" in rows:
        plain_rows(texts, args.rounds, justext_clean)
    if "spacing" in rows:
        spacing_row(args.shared, args.rounds)
    if "html" in rows:
        html_rows(args.shared, args.rounds)
    if "cold" in rows:
        cold_rows(args.shared, args.cold)
    print()
    rule_counts(texts)
    if args.profile:
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        text_off = Config(spacing="off", input_format="text")
        profiler.runcall(lambda: [clean(t, text_off) for t in texts])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


def plain_rows(texts: List[str], rounds: int, justext_clean: Callable[[str], object]) -> None:
    chars = sum(map(len, texts))
    text_off, text_on = Config(spacing="off", input_format="text"), Config(input_format="text")
    for text in texts[:2]:  # warm-up: compiled patterns, loaded data, jusText's stoplist
        clean(text, text_on)
        justext_clean(text)
    best = interleaved({"off": lambda: [clean(t, text_off) for t in texts],
                        "on": lambda: [clean(t, text_on) for t in texts],
                        "justext": lambda: [justext_clean(t) for t in texts]}, rounds)
    print(f"plain text: {len(texts)} texts, {chars:,} chars")
    row("  cleaner --no-spacing vs jusText", best["off"], best["justext"], "jusText", chars)
    row("  cleaner (spacing rules) vs jusText", best["on"], best["justext"], "jusText", chars)


def spacing_row(shared: Path, rounds: int) -> None:
    lines = (shared / "spacing" / "dev.broken.txt").read_text(encoding="utf-8").splitlines()
    chars = sum(map(len, lines))
    no_bp = Config(boilerplate=False, input_format="text")
    try:
        from cleaner.spacing.kiwi_backend import _kiwi
        kiwi = _kiwi()
        kiwi.space(lines[0], reset_whitespace=False)
        clean(lines[0], no_bp)
        best = interleaved({"ours": lambda: [clean(t, no_bp) for t in lines],
                            "kiwi": lambda: [kiwi.space(t, reset_whitespace=False) for t in lines]}, rounds)
        print(f"\nspacing repair alone: spacing/dev, {len(lines)} lines, {chars:,} chars")
        row("  cleaner --no-boilerplate vs Kiwi space()", best["ours"], best["kiwi"], "Kiwi", chars)
    except ImportError as exc:
        print(f"\nspacing row skipped: {exc}")


def html_rows(shared: Path, rounds: int) -> None:
    import trafilatura
    html_off = Config(spacing="off")
    ko = [p.read_bytes() for p in sorted((shared / "ko-pages" / "html").glob("*.html"))]
    aeb = [raw for _, raw, _ in aeb_pages(shared / "en-aeb")[:AEB_PAGES]]
    analyze(ko[0], html_off)
    trafilatura.extract(ko[0])
    print("\nHTML (raw bytes in; cleaner with spacing off)")
    for label, pages in ((f"  ko-pages ({len(ko)})", ko), (f"  en-aeb (first {len(aeb)})", aeb)):
        best = interleaved({"ours": lambda: [analyze(p, html_off) for p in pages],
                            "traf": lambda: [trafilatura.extract(p) for p in pages]}, rounds)
        row(label + " vs trafilatura.extract", best["ours"], best["traf"], "trafilatura")


def cold_rows(shared: Path, runs: int) -> None:
    print(f"\ncold start, fresh process, median wall of {runs}")
    # pip writes the package's bytecode when it installs it; a checkout run with
    # PYTHONDONTWRITEBYTECODE (or from a read-only tree) would compile every module at every
    # start, which no installed user pays: compile it once, as pip would.
    compileall.compile_dir(str(ROOT / "cleaner"), quiet=1)
    page = (shared / "ko-pages" / "html" / f"{COLD_PAGE}.html").read_bytes()
    python = sys.executable
    baseline = cold([python, "-c", "pass"], b"", runs)
    traf = cold([python, "-c", "import trafilatura"], b"", runs)
    print(f"  {'python -c pass':<40} {baseline[0]:.3f} s wall {baseline[1]:.3f} s CPU")
    print(f"  {IMPORT_TRAFILATURA:<40} {traf[0]:.3f} s wall {traf[1]:.3f} s CPU")
    for label, stdin in (("a one-line text (no space)", "가나다\n".encode("utf-8")),
                         ("a one-line Korean sentence", COLD_SENTENCE.encode("utf-8")),
                         ("one HTML page", page)):
        with tempfile.TemporaryDirectory() as empty:
            warm = cold([python, "-m", "cleaner"], stdin, runs)  # the user cache kept from earlier runs
            first = cold([python, "-m", "cleaner"], stdin, runs, {"CLEANER_CACHE_DIR": empty}, fresh_cache=True)
        target = ("target <= 0.15 s wall" if label != "one HTML page"
                  else f"import trafilatura + {warm[0] - traf[0]:.3f} s wall, {warm[1] - traf[1]:.3f} s CPU; "
                       f"target <= + 0.15 s")
        print(f"  cleaner on {label:<29} {warm[0]:.3f} s wall {warm[1]:.3f} s CPU ({target}); "
              f"first run, empty user cache: {first[0]:.3f} s wall {first[1]:.3f} s CPU")


if __name__ == "__main__":
    raise SystemExit(main())

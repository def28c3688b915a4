"""Hostile-input timings: every regex against its worst repeating input, and the pipeline on
a 10 MB single line and on HTML nested 10,000 deep, at a few sizes to show the growth.

    python benchmarks/bench_regex.py [--quick] [--only SUBSTRING] [--skip-pipeline]

1. Regexes. Every pattern cleaner matches text with:
     - each rule as it is applied (cleaner.rules.compiled_rules(): whole-block rules anchored
       with their decoration, the others searched), and the one alternation of all whole-block
       rules that match_rules runs on every block;
     - each pattern line of the rule data files on its own, applied as its rule applies it
       (cleaner.rules.compile_rule: anchored with the rule's decoration, or searched), to name
       the culprit line;
     - every compiled pattern held at module level in cleaner/*.py and cleaner/*/*.py (the
       spacing stage included), searched.
   For each pattern an attack is searched for: a prefix, a pump repeated to the length, and a
   suffix that makes the match fail at the end (backtracking engines are slowest when they
   almost match). Whole-block rules carry a length guard (cleaner.rules.MAX_WHOLE_BLOCK_CHARS):
   their worst input is searched at that length and timed there too (column "block", bar
   BLOCK_SECONDS), as well as at 10 KB and 100 KB, where the guard stops them. Pumps are built from the pattern's own literal characters and words and from
   characters of every class the rules use (spaces, digits, Hangul, Latin, punctuation,
   symbols). The candidates are screened at SCREEN_CHARS characters; the slowest is then timed
   at 10 KB and 100 KB (regex's own timeout stops a run at TIMEOUT_S). The bar is 100 KB in
   under a second; a growth of about 10x from 10 KB to 100 KB is linear, about 100x quadratic.
2. Pipeline. cleaner.analyze on a single line of Korean prose, and of punctuation, at 1 to
   10 MB; on a paragraph inside HTML nested 1,000 to 10,000 elements deep (and with
   --no-boilerplate); and on 10,000 to 80,000 equal-width lines (one hard-wrapped paragraph)
   and as many short <p> items in a page, and a script with as many JSON look-alikes. Time
   per MB (per 1,000 levels, per 1,000 lines) that stays flat is linear growth.

Pipeline figures are CPU seconds of this process (on a shared machine the wall clock also
counts other processes' turns). Nothing is asserted: this prints figures (tests never assert
timings; tests/test_adversarial.py checks the same documents for correctness). One core, a few
minutes with --quick under load.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys
import time
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import regex

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import cleaner  # noqa: E402
from cleaner import rules  # noqa: E402

# Length of the screening runs: long enough that a quadratic pattern is 100x slower than a
# linear one, short enough to try a few thousand candidates per pattern.
SCREEN_CHARS = 600
# The bar: 100 KB of the worst input in under a second.
TARGET_CHARS = 100_000
TARGET_SECONDS = 1.0
# A whole-block rule is tried on every short block of every page: its worst block (of the
# longest length it accepts) must cost no more than this.
BLOCK_SECONDS = 0.01
# A screening run is stopped here: it is already the worst candidate by far.
SCREEN_TIMEOUT_S = 0.2
# A run is stopped here (regex's timeout), so a catastrophic pattern cannot stall the benchmark.
TIMEOUT_S = 5.0

# Characters of every class the rules and stages care about.
PROBE_CHARS = (" ", "\t", "\n", ".", ",", ":", "-", "_", "/", "@", "(", ")", "[", "]", "·", "…", "▲",
               "%", "℃", "=", "|", "'", "\"", "0", "1", "a", "A", "z", "가", "다", "기", "\u3000", "ⓒ")
SUFFIXES = ("", "\x00", "x", "가")

PatternType = (type(regex.compile("")), re.Pattern)


@dataclass(frozen=True)
class Target:
    name: str
    pattern: "regex.Pattern[str]"
    anchored: bool  # True: applied with .match (whole-block rules); False: .search


@dataclass(frozen=True)
class Attack:
    prefix: str
    pump: str
    suffix: str

    def build(self, size: int, as_bytes: bool = False):  # type: ignore[no-untyped-def]
        body = size - len(self.prefix) - len(self.suffix)
        repeats = max(1, body // max(1, len(self.pump)))
        text = self.prefix + self.pump * repeats + self.suffix
        return text.encode("utf-8") if as_bytes else text

    def __str__(self) -> str:
        return f"{self.prefix!r} + {self.pump!r}*n + {self.suffix!r}"


# --- which patterns -------------------------------------------------------------------------------


def rule_targets() -> Iterator[Target]:
    for spec, pattern in rules.compiled_rules():
        yield Target(f"rule {spec.name} ({'whole' if spec.whole else 'search'})", pattern, spec.whole)


def data_line_targets() -> Iterator[Target]:
    """Each pattern line of the data files alone, applied as its rule applies it (anchored with
    the rule's decoration for a whole-block rule, searched otherwise): the line to blame when a
    rule is slow."""
    for spec in rules.RULES:
        path = rules._data_file(spec)
        for number, source in enumerate(rules.read_patterns(path), start=1):
            yield Target(f"data/{path} pattern {number}", rules.compile_rule(spec, [source]), spec.whole)


def module_targets() -> Iterator[Target]:
    root = os.path.dirname(cleaner.__file__)
    seen = set()
    for info in pkgutil.walk_packages([root], prefix="cleaner."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception as exc:  # an optional extra that is not installed
            print(f"  (skipped {info.name}: {type(exc).__name__}: {exc})")
            continue
        for attr, value in sorted(vars(module).items()):
            if isinstance(value, PatternType) and id(value) not in seen:  # imported ones once
                seen.add(id(value))
                yield Target(f"{info.name}.{attr}", value, False)


# --- finding the worst input --------------------------------------------------------------------


def _words(source: str) -> List[str]:
    """Literal words of a pattern: its letters and digits outside escapes like \\p{Hangul}."""
    plain = regex.sub(r"\\[pPN]\{[^}]*\}|\\[A-Za-z]|\{\d*,?\d*\}|\(\?[^)]*?[:>)]", " ", source)
    return list(dict.fromkeys(regex.findall(r"[\p{L}\p{N}]{2,}", plain)))[:40]


def _literal_chars(source: str) -> List[str]:
    plain = regex.sub(r"\\[pPN]\{[^}]*\}|\\[A-Za-z]", "", source)
    chars = [c for c in plain if c.isprintable() and c not in "()[]{}|*+?^$\\"]
    return list(dict.fromkeys(chars))[:30]


def candidate_attacks(source: str) -> List[Attack]:
    chars = list(dict.fromkeys(list(PROBE_CHARS) + _literal_chars(source)))
    words = _words(source)
    pumps = list(chars)
    pumps += [c + s for c in chars for s in (" ", "1")]
    pumps += [w for w in words] + [w + " " for w in words]
    pumps += ["1,", "1.", "a@", "a.", "가 ", "가.", ". ", " .", "-1", "1 "]
    pumps = list(dict.fromkeys(pumps))
    return [Attack("", pump, suffix) for pump in pumps for suffix in SUFFIXES]


def run_once(target: Target, attack: Attack, size: int, timeout: Optional[float] = TIMEOUT_S) -> float:
    """Seconds for one application (inf when regex's timeout stopped it)."""
    call: Callable[..., object] = target.pattern.match if target.anchored else target.pattern.search
    text = attack.build(size, as_bytes=isinstance(target.pattern.pattern, bytes))
    start = time.perf_counter()
    try:
        if isinstance(target.pattern, re.Pattern):
            call(text)
        else:
            call(text, timeout=timeout)
    except TimeoutError:
        return float("inf")
    return time.perf_counter() - start


def _source(target: Target) -> str:
    source = target.pattern.pattern
    return source.decode("utf-8", "replace") if isinstance(source, bytes) else source


def worst_attack(target: Target, screen_chars: int) -> Tuple[Attack, float]:
    attacks = candidate_attacks(_source(target))
    timed = sorted(((run_once(target, a, screen_chars, SCREEN_TIMEOUT_S), a) for a in attacks), key=lambda pair: -pair[0])
    # The slowest pumps again, behind prefixes made of the pattern's words (an anchored rule
    # only backtracks far once its first item has matched).
    best_time, best = timed[0]
    prefixes = [w + sep for w in _words(_source(target))[:12] for sep in (" ", "")] + ["▲", "(", "가 "]
    for _, attack in timed[:3]:
        for prefix in prefixes:
            candidate = Attack(prefix, attack.pump, attack.suffix)
            elapsed = run_once(target, candidate, screen_chars, SCREEN_TIMEOUT_S)
            if elapsed > best_time:
                best_time, best = elapsed, candidate
    return best, best_time


def bench_patterns(targets: Sequence[Target], screen_chars: int) -> List[Tuple[str, str, float, float]]:
    """Each target on its worst input at 10 KB and 100 KB. A whole-block rule (anchored) is
    given no more than rules.MAX_WHOLE_BLOCK_CHARS by its own length guard, so its worst input
    is searched at that length and also timed there ("block"): the cost of the worst block the
    pipeline can hand it, which must stay under BLOCK_SECONDS."""
    print(f"{'pattern':58s} {'block':>9s} {'10 KB':>9s} {'100 KB':>9s} {'growth':>7s}  verdict  worst input")
    rows = []
    for target in targets:
        screen = min(screen_chars, rules.MAX_WHOLE_BLOCK_CHARS) if target.anchored else screen_chars
        attack, _ = worst_attack(target, screen)
        block = run_once(target, attack, rules.MAX_WHOLE_BLOCK_CHARS) if target.anchored else None
        small = run_once(target, attack, TARGET_CHARS // 10)
        large = run_once(target, attack, TARGET_CHARS) if small < TIMEOUT_S / 20 else float("inf")
        growth = large / small if small > 0 and large != float("inf") else float("inf")
        verdict = "ok" if large < TARGET_SECONDS and (block is None or block < BLOCK_SECONDS) else "SLOW"
        shown = _fmt(block) if block is not None else "-"
        print(f"{target.name[:58]:58s} {shown:>9s} {_fmt(small):>9s} {_fmt(large):>9s} {growth:7.1f}  "
              f"{verdict:7s}  {attack}", flush=True)
        rows.append((target.name, verdict, small, large))
    return rows


def _fmt(seconds: float) -> str:
    if seconds == float("inf"):
        return f">{TIMEOUT_S:.0f}s"
    return f"{seconds * 1000:.1f}ms" if seconds < 1 else f"{seconds:.2f}s"


# --- the pipeline on big documents --------------------------------------------------------------


def bench_pipeline(quick: bool) -> None:
    from cleaner import Config, analyze

    prose = "정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다. "
    sizes_mb = (1, 2, 4) if quick else (1, 2, 5, 10)
    lines = {
        "prose": lambda mb: _repeat_to_bytes(prose, mb),
        "punctuation": lambda mb: _repeat_to_bytes(".,·- ", mb),
    }
    print("\nsingle line (cleaner.analyze, default Config)")
    print(f"{'content':12s} {'MB':>4s} {'seconds':>9s} {'s per MB':>9s}  output chars")
    for name, make in lines.items():
        for mb in sizes_mb:
            text = make(mb)
            start = time.process_time()
            try:
                result = analyze(text)
                out = str(len(result.text))
            except Exception as exc:
                out = f"{type(exc).__name__}: {exc}"
            elapsed = time.process_time() - start
            print(f"{name:12s} {mb:4d} {elapsed:9.2f} {elapsed / mb:9.2f}  {out}", flush=True)

    paragraph = "<p>정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다.</p>"
    print("\nHTML nested N deep (<div>*N, a paragraph at the bottom)")
    print(f"{'config':16s} {'depth':>6s} {'seconds':>9s} {'ms/1000':>8s}  paragraph kept")
    for label, config in (("default", Config()), ("no-boilerplate", Config(boilerplate=False))):
        for depth in (1000, 2500, 5000, 10000):
            page = "<html><body>" + "<div>" * depth + paragraph + "</div>" * depth + "</body></html>"
            start = time.process_time()
            try:
                kept = "yes" if "정부가 새 정책을 발표했다." in analyze(page, config).text else "NO (lost)"
            except Exception as exc:
                kept = f"{type(exc).__name__}"
            elapsed = time.process_time() - start
            print(f"{label:16s} {depth:6d} {elapsed:9.3f} {elapsed * 1e6 / depth:8.1f}  {kept}", flush=True)


    # Many lines or elements instead of one long one: equal-width lines read as one hard-wrapped
    # paragraph of megabytes (the column search once copied its path at every line), and a
    # page of thousands of short items (the repeated-summary check once compared every pair).
    print("\nmany short lines or items (N of 25 syllables each)")
    print(f"{'content':16s} {'N':>7s} {'seconds':>9s} {'ms/1000':>8s}  output chars")
    item = "가나다라마바사아자차카타파하정부새책발표" * 2
    shapes = {
        "wrapped lines": lambda n: "\n".join(item[i % 15:i % 15 + 25] for i in range(n)),
        "HTML <p> items": lambda n: "<html><body><article>" + "".join(
            f"<p>{item[i % 15:i % 15 + 25]}</p>" for i in range(n)) + "</article></body></html>",
        # a script where a JSON value could start N times and never does (page-data search)
        "script lookalikes": lambda n: "<html><body><p>짧은 글</p><script>" + 'x = {"k": 1, ' * n
                                       + "</script></body></html>",
    }
    for name, make in shapes.items():
        for n in ((8_000, 16_000, 32_000) if quick else (10_000, 20_000, 40_000, 80_000)):
            document = make(n)
            start = time.process_time()
            try:
                out = str(len(analyze(document).text))
            except Exception as exc:
                out = f"{type(exc).__name__}: {exc}"
            elapsed = time.process_time() - start
            print(f"{name:16s} {n:7d} {elapsed:9.2f} {elapsed * 1000 * 1000 / n:8.1f}  {out}", flush=True)


def _repeat_to_bytes(unit: str, mb: int) -> str:
    size = mb * 1024 * 1024
    return unit * (size // len(unit.encode("utf-8")))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller screening and sizes")
    parser.add_argument("--only", default="", help="only patterns whose name contains this")
    parser.add_argument("--skip-pipeline", action="store_true")
    parser.add_argument("--skip-patterns", action="store_true")
    args = parser.parse_args(argv)
    print(f"regex {regex.__version__}, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    if not args.skip_patterns:
        targets = [t for t in (*rule_targets(), *data_line_targets(), *module_targets())
                   if args.only in t.name]
        rows = bench_patterns(targets, SCREEN_CHARS // 2 if args.quick else SCREEN_CHARS)
        slow = [name for name, verdict, _, _ in rows if verdict != "ok"]
        print(f"\n{len(rows) - len(slow)} of {len(rows)} patterns take under {TARGET_SECONDS:.0f} s "
              f"on their worst {TARGET_CHARS // 1000} KB input")
        for name in slow:
            print(f"  SLOW: {name}")
    if not args.skip_pipeline:
        bench_pipeline(args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Quality as docs/architecture.md defines it, and a command that prints it.

Body (`body_scores`): remove all whitespace from gold and output, then count the characters they
share in order: whole lines matched with difflib.SequenceMatcher(autojunk=False) first, then
characters inside the regions that differ. precision = matched/len(output), recall =
matched/len(gold).

Spacing (`spacing_counts`): index every space by the number of non-space characters before it.
must_fix = spaces in the input not in gold; fixed = must_fix not in the output; damage = correct
spaces removed + spaces added.

Neutral lines (`body_scores(..., neutral=...)`): lines scored neither way. Gold lines that are
one of them, and output lines that are one of them or at least 60% of one (a substring holding at
least NEUTRAL_SHARE of its characters), are taken out of both sides before scoring.

    python -m cleaner.evaluate corpus            # corpus/ documents against their gold
    python -m cleaner.evaluate ko-pages [DIR]    # ../shared/data/ko-pages rendered to page text
    python -m cleaner.evaluate real     [DIR]    # corpus/real/ pages (raw HTML) against their gold
    python -m cleaner.evaluate spacing  [DIR]    # ../shared/data/spacing broken vs gold
"""
from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Set, Tuple

from cleaner import Config, clean
from cleaner.decode import decode
from cleaner.html_dom import parse_html, render_text

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT_REAL = DEFAULT_CORPUS / "real"
NEUTRAL_SHARE = 0.6  # docs/architecture.md: an output line that is at least 60% of a neutral line


# --- body metric -------------------------------------------------------------------------------

@dataclass(frozen=True)
class BodyScore:
    matched: int
    output_chars: int
    gold_chars: int

    @property
    def precision(self) -> float:
        return self.matched / self.output_chars if self.output_chars else (1.0 if not self.gold_chars else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold_chars if self.gold_chars else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _squash(lines: Iterable[str]) -> List[str]:
    out = []
    for line in lines:
        squashed = "".join(line.split())
        if squashed:
            out.append(squashed)
    return out


def is_neutral(line: str, neutral: Sequence[str]) -> bool:
    """A (squashed) line is neutral when it is a neutral line or at least 60% of one.

    >>> is_neutral("사진=연합뉴스", ["사진=연합뉴스"]), is_neutral("시민들이광장에줄을서있다", ["시민들이광장에줄을서있다/사진=연합"])
    (True, True)
    >>> is_neutral("사진", ["시민들이광장에줄을서있다/사진=연합"])
    False
    """
    return any(line == n or (line in n and len(line) >= NEUTRAL_SHARE * len(n)) for n in neutral)


def remove_neutral(lines: List[str], neutral: Sequence[str]) -> List[str]:
    return [line for line in lines if not is_neutral(line, neutral)] if neutral else lines


def body_scores(output: str, gold: str, neutral: Iterable[str] = ()) -> BodyScore:
    """Characters shared in order by output and gold, whitespace ignored; neutral lines (see the
    module docstring) are taken out of both first.

    >>> s = body_scores("제목\\n본문 입니다", "본문입니다")
    >>> (s.matched, s.output_chars, s.gold_chars)
    (5, 7, 5)
    >>> body_scores("본문입니다\\n시민들이 줄을 섰다", "본문입니다\\n시민들이 줄을 섰다/뉴스1", neutral=["시민들이 줄을 섰다/뉴스1"]).f1
    1.0
    """
    squashed_neutral = _squash(neutral)
    out_lines = remove_neutral(_squash(output.splitlines()), squashed_neutral)
    gold_lines = remove_neutral(_squash(gold.splitlines()), squashed_neutral)
    matched = 0
    lines = difflib.SequenceMatcher(None, out_lines, gold_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            matched += sum(len(line) for line in out_lines[i1:i2])
        elif tag == "replace":
            a, b = "".join(out_lines[i1:i2]), "".join(gold_lines[j1:j2])
            chars = difflib.SequenceMatcher(None, a, b, autojunk=False)
            matched += sum(block.size for block in chars.get_matching_blocks())
    return BodyScore(matched, sum(map(len, out_lines)), sum(map(len, gold_lines)))


# --- spacing metric ----------------------------------------------------------------------------

def space_positions(line: str) -> Set[int]:
    """Each space indexed by how many non-space characters come before it.

    >>> sorted(space_positions("삼성전 자 주가"))
    [3, 4]
    """
    positions, seen = set(), 0
    for char in line:
        if char.isspace():
            positions.add(seen)
        else:
            seen += 1
    return positions


@dataclass
class SpacingCounts:
    must_fix: int = 0
    fixed: int = 0
    removed: int = 0  # every input space the output no longer has
    damage: int = 0
    gold_chars: int = 0

    def add(self, other: "SpacingCounts") -> None:
        self.must_fix += other.must_fix
        self.fixed += other.fixed
        self.removed += other.removed
        self.damage += other.damage
        self.gold_chars += other.gold_chars

    @property
    def recall(self) -> float:
        return self.fixed / self.must_fix if self.must_fix else 1.0

    @property
    def precision(self) -> float:
        return self.fixed / self.removed if self.removed else 1.0

    @property
    def damage_per_1000(self) -> float:
        return 1000 * self.damage / self.gold_chars if self.gold_chars else 0.0


def spacing_counts(broken: str, gold: str, output: str) -> SpacingCounts:
    """docs/architecture.md's spacing counts for one line (all three must share their non-space text).

    >>> c = spacing_counts("삼성전 자 주가", "삼성전자 주가", "삼성전자주가")
    >>> (c.must_fix, c.fixed, c.removed, c.damage)
    (1, 1, 2, 1)
    """
    b, g, o = space_positions(broken), space_positions(gold), space_positions(output)
    must_fix = b - g
    fixed = must_fix - o
    correct_removed = (b & g) - o
    added = o - b
    return SpacingCounts(must_fix=len(must_fix), fixed=len(fixed), removed=len(b - o),
                         damage=len(correct_removed) + len(added), gold_chars=len(gold))


# --- the command -------------------------------------------------------------------------------

def _print_body_table(rows: Sequence[Tuple[str, BodyScore]], out=sys.stdout) -> float:
    width = max([len(name) for name, _ in rows] + [8])
    print(f"{'document':<{width}}  precision  recall     F1", file=out)
    for name, score in rows:
        print(f"{name:<{width}}  {score.precision:9.3f}  {score.recall:6.3f}  {score.f1:5.3f}", file=out)
    mean_f1 = sum(s.f1 for _, s in rows) / len(rows) if rows else 0.0
    lowest = min((s.f1 for _, s in rows), default=0.0)
    print(f"{'mean':<{width}}  {sum(s.precision for _, s in rows) / max(1, len(rows)):9.3f}  "
          f"{sum(s.recall for _, s in rows) / max(1, len(rows)):6.3f}  {mean_f1:5.3f}"
          f"   (lowest {lowest:.3f}, {len(rows)} documents)", file=out)
    return mean_f1


def corpus_documents(corpus: Path = DEFAULT_CORPUS) -> List[Tuple[str, Path, Path]]:
    """(name, input, gold) for every corpus document: NAME.txt or NAME.html with NAME.gold.txt."""
    docs = []
    for gold in sorted(corpus.glob("*.gold.txt")):
        name = gold.name[: -len(".gold.txt")]
        for suffix in (".txt", ".html"):
            source = corpus / f"{name}{suffix}"
            if source.exists():
                docs.append((name, source, gold))
                break
    return docs


def evaluate_corpus(corpus: Path, clean: Callable[[bytes], str]) -> List[Tuple[str, BodyScore]]:
    return [(name, body_scores(clean(source.read_bytes()), gold.read_text(encoding="utf-8")))
            for name, source, gold in corpus_documents(corpus)]


def render_page_text(html: str) -> str:
    """A page's visible text, one block per line, as select-all-and-copy in a browser gives it.

    cleaner.html_dom.render_text does the rendering: the <head> is not visible, and inline
    element edges add no space (html-text's renderer would split "<b>방침</b>이다" in two,
    inventing the very spaces the spacing stage removes).
    """

    return render_text(parse_html(html))


def ko_pages_gold(root: Path) -> List[Tuple[str, Path, str]]:
    """(name, html path, gold text) for every ko-pages page with gold; the headline (NAME.title)
    is part of what a reader keeps, so it is put before the body lines when known."""
    pages = []
    for gold in sorted((root / "gold").glob("*.txt")):
        name = gold.stem
        title = root / "gold" / f"{name}.title"
        text = gold.read_text(encoding="utf-8")
        if title.exists():
            text = title.read_text(encoding="utf-8").strip() + "\n" + text
        pages.append((name, root / "html" / f"{name}.html", text))
    return pages


def read_neutral(path: Path) -> List[str]:
    """The lines of a NAME.neutral file (none when it does not exist)."""
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ko_pages_neutral(root: Path, name: str) -> List[str]:
    return read_neutral(root / "gold" / f"{name}.neutral")


def evaluate_ko_pages_text(root: Path, clean: Callable[[str], str]) -> List[Tuple[str, BodyScore]]:
    rows = []
    for name, html_path, gold in ko_pages_gold(root):
        page_text = render_page_text(decode(html_path.read_bytes()))
        rows.append((name, body_scores(clean(page_text), gold, ko_pages_neutral(root, name))))
    return rows


@dataclass(frozen=True)
class RealPage:
    """One page of corpus/real/: NAME.html, its gold NAME.gold.txt (headline first, then the body
    lines; empty for a listing page), NAME.neutral when some lines are scored neither way, and
    its MANIFEST.tsv row (name, kind, outlet, source repo, path, commit, licence, notes)."""
    name: str
    html: Path
    gold: str
    neutral: Tuple[str, ...]
    kind: str
    outlet: str

    @property
    def is_listing(self) -> bool:
        return self.kind == "listing"


def read_manifest(root: Path = DEFAULT_REAL) -> List[dict]:
    path = root / "MANIFEST.tsv"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def real_pages(root: Path = DEFAULT_REAL) -> List[RealPage]:
    """Every page of corpus/real/ that has its HTML and its gold, in MANIFEST order."""
    pages = []
    for row in read_manifest(root):
        name = row["name"]
        html, gold = root / f"{name}.html", root / f"{name}.gold.txt"
        if html.exists() and gold.exists():
            pages.append(RealPage(name, html, gold.read_text(encoding="utf-8"),
                                  tuple(read_neutral(root / f"{name}.neutral")), row.get("kind", ""),
                                  row.get("outlet", "")))
    return pages


def evaluate_real(root: Path, clean: Callable[[bytes], str]) -> List[Tuple[str, BodyScore]]:
    return [(page.name, body_scores(clean(page.html.read_bytes()), page.gold, page.neutral))
            for page in real_pages(root)]


def evaluate_spacing(root: Path, repair: Callable[[str], str]) -> SpacingCounts:
    broken = (root / "dev.broken.txt").read_text(encoding="utf-8").splitlines()
    gold = (root / "dev.gold.txt").read_text(encoding="utf-8").splitlines()
    total = SpacingCounts()
    for b, g in zip(broken, gold):
        total.add(spacing_counts(b, g, repair(b)))
    return total


def missing_data(folder: Path, *required: str) -> Optional[str]:
    """What a data folder lacks, in a few words, or None when it has every `required` glob.

    Run without their data, the command and the benchmarks would print "0 documents" or a
    traceback; they say this and exit 2 instead.

    >>> missing_data(Path("/nonexistent/ko-pages"), "gold/*.txt")
    'no folder /nonexistent/ko-pages'
    """
    if not folder.is_dir():
        return f"no folder {folder}"
    for pattern in required:
        if not any(folder.glob(pattern)):
            return f"{folder} has no {pattern}"
    return None


def report_missing_data(prog: str, problem: str, how: str) -> int:
    """Say in one line on stderr what is missing and what to pass; the exit status (2, usage)."""
    print(f"{prog}: {problem}; pass the data folder: {how}", file=sys.stderr)
    return 2


# What each evaluation reads from its folder.
REQUIRED = {"corpus": ("*.gold.txt",), "ko-pages": ("gold/*.txt", "html/*.html"), "real": ("MANIFEST.tsv",),
            "spacing": ("dev.broken.txt", "dev.gold.txt")}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleaner.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("corpus", "ko-pages", "real", "spacing"))
    parser.add_argument("path", nargs="?", help="data folder (default: corpus/, corpus/real/ or ../shared/data/...)")
    parser.add_argument("--no-spacing", action="store_true", help="evaluate with spacing repair off")
    args = parser.parse_args(argv)
    config = Config(spacing="off") if args.no_spacing else Config()
    default = {"corpus": DEFAULT_CORPUS, "real": DEFAULT_REAL}.get(args.what, DEFAULT_SHARED / args.what)
    root = Path(args.path) if args.path else default
    problem = missing_data(root, *REQUIRED[args.what])
    if problem:
        return report_missing_data(parser.prog, problem, f"{parser.prog} {args.what} DIR")
    if args.what == "corpus":
        rows = evaluate_corpus(root, lambda d: clean(d, config))
        _print_body_table(rows)
    elif args.what == "ko-pages":
        rows = evaluate_ko_pages_text(root, lambda t: clean(t, config.with_(input_format="text")))
        _print_body_table(rows)
    elif args.what == "real":
        rows = evaluate_real(root, lambda d: clean(d, config))
        if not rows:
            print(f"no pages with gold in {root} (see corpus/real/README.md)", file=sys.stderr)
            return 1
        _print_body_table(rows)
    else:
        line_config = config.with_(boilerplate=False, input_format="text")
        counts = evaluate_spacing(root, lambda line: clean(line, line_config))
        print(f"spacing: recall {counts.recall:.3f}  precision {counts.precision:.3f}  "
              f"damage/1000 {counts.damage_per_1000:.2f}  (must_fix {counts.must_fix}, "
              f"fixed {counts.fixed}, removed {counts.removed}, damage {counts.damage})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

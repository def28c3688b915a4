"""What a change does to every real page: the body blocks it adds and removes, page by page.

    python benchmarks/bench_rules_diff.py                       # HEAD against the working tree
    python benchmarks/bench_rules_diff.py --base main --head HEAD
    python benchmarks/bench_rules_diff.py --head WORKTREE --save /tmp/now.json
    python benchmarks/bench_rules_diff.py --base /tmp/now.json  # a saved snapshot as one side
    python benchmarks/bench_rules_diff.py --sets ko-html,corpus --context

Each side is a git revision (exported with `git archive` to a temporary folder, so nothing in
the repository changes), the working tree (WORKTREE, uncommitted edits included), or a snapshot
this script saved before (a .json file). Every page of every set is cleaned by each side's own
code (spacing off: block choices are what is compared; --spacing turns it on), and for each page
whose output differs the lines only one side keeps are listed, each with the reason the other
side gave for dropping or keeping it (its first reason), and, where the page has gold, body F1
(docs/architecture.md) before -> after. A summary per set ends the report: pages changed, mean
and lowest F1 of the pages with gold, and pages whose output became empty or stopped being.

Sets (the inputs are always read from this working tree and ../shared/data, for both sides):
  ko-html      ../shared/data/ko-pages/html, 42 pages (14 with gold + headline)
  ko-rendered  the same pages rendered to page text and cleaned as text (cleaner.evaluate ko-pages)
  ko-text      ../shared/data/ko-pages/text, page text as a browser copies it (no gold)
  corpus       corpus/ documents with their gold
  real         corpus/real/ (when present): every page, gold where NAME.gold.txt exists
  en-aeb       ../shared/data/en-aeb, 181 pages, gold articleBody

Snapshots hold text of the evaluation data: they are written outside the repository only
(the default folder is the system's temporary folder) and never committed.
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
KO = SHARED / "ko-pages"
AEB = SHARED / "en-aeb"
CORPUS = ROOT / "corpus"
REAL = CORPUS / "real"
SETS = ("ko-html", "ko-rendered", "ko-text", "corpus", "real", "en-aeb")
WORKTREE = "WORKTREE"
# Lines longer than this are shortened in the report (the change is in which lines, not where
# inside them).
SHOWN_CHARS = 110


# --- the pages ------------------------------------------------------------------------------------

def pages(which: Sequence[str]) -> Iterator[Tuple[str, str, str, Optional[str]]]:
    """(set, page name, how to read it, path) for every page of the chosen sets. The reading is
    "bytes" (auto-detected), "rendered" (an HTML page's visible text, cleaned as text) or "text"."""
    if "ko-html" in which:
        for path in sorted((KO / "html").glob("*.html")):
            yield "ko-html", path.stem, "bytes", str(path)
    if "ko-rendered" in which:
        for path in sorted((KO / "html").glob("*.html")):
            yield "ko-rendered", path.stem, "rendered", str(path)
    if "ko-text" in which:
        for path in sorted((KO / "text").glob("*")):
            if path.is_file():
                yield "ko-text", path.name, "text", str(path)
    for name, folder in (("corpus", CORPUS), ("real", REAL)):
        if name in which and folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix in (".txt", ".html", ".htm") and not path.name.endswith(".gold.txt") \
                        and path.name != "README.md" and not path.name.endswith((".title", ".neutral")):
                    yield name, path.stem, "bytes", str(path)
    if "en-aeb" in which and (AEB / "ground-truth.json").exists():
        truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(truth):
            path = AEB / "html" / f"{key}.html.gz"
            if path.exists():
                yield "en-aeb", key, "bytes", str(path)


def gold_of(set_name: str, name: str) -> Optional[str]:
    """The page's gold as cleaner.evaluate scores it, or None."""
    if set_name in ("ko-html", "ko-rendered"):
        gold = KO / "gold" / f"{name}.txt"
        if not gold.exists():
            return None
        title = KO / "gold" / f"{name}.title"
        text = gold.read_text(encoding="utf-8")
        return title.read_text(encoding="utf-8").strip() + "\n" + text if title.exists() else text
    if set_name in ("corpus", "real"):
        gold = (CORPUS if set_name == "corpus" else REAL) / f"{name}.gold.txt"
        return gold.read_text(encoding="utf-8") if gold.exists() else None
    if set_name == "en-aeb":
        return _aeb_truth().get(name, {}).get("articleBody")
    return None


_AEB_TRUTH: Dict[str, Any] = {}


def _aeb_truth() -> Dict[str, Any]:
    if not _AEB_TRUTH:
        _AEB_TRUTH.update(json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8")))
    return _AEB_TRUTH


# --- one side: clean every page with one revision's code ---------------------------------------

def _clean_page(job: Tuple[str, str, str, str, bool]) -> Tuple[str, Dict[str, Any]]:
    set_name, name, reading, path, spacing = job
    from cleaner import Config, analyze

    config = Config() if spacing else Config(spacing="off")
    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    if reading == "rendered":
        from cleaner.decode import decode
        from cleaner.evaluate import render_page_text

        result = analyze(render_page_text(decode(data)), config.with_(input_format="text"))
    elif reading == "text":
        result = analyze(data, config.with_(input_format="text"))
    else:
        result = analyze(data, config)
    blocks = [(b.text, b.label, b.reasons[0] if b.reasons else "", b.decided_by) for b in result.blocks]
    return f"{set_name}/{name}", {"text": result.text, "reason": result.reason, "blocks": blocks}


def dump(which: Sequence[str], spacing: bool, jobs: int) -> Dict[str, Any]:
    """Every page of the sets cleaned by the `cleaner` this process imports."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    work = [(s, n, r, p, spacing) for s, n, r, p in pages(which)]
    if jobs > 1:
        from multiprocessing import Pool

        with Pool(jobs) as pool:
            return dict(pool.map(_clean_page, work, chunksize=4))
    return dict(map(_clean_page, work))


def side(spec: str, which: Sequence[str], spacing: bool, jobs: int) -> Dict[str, Any]:
    """One side's outputs: a saved snapshot, the working tree, or a git revision."""
    if spec.endswith(".json") and Path(spec).is_file():
        return json.loads(Path(spec).read_text(encoding="utf-8"))["pages"]
    with tempfile.TemporaryDirectory(prefix="rules-diff-") as folder:
        if spec == WORKTREE:
            code = ROOT
        else:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", spec, "cleaner"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
            code = Path(folder)
        out = Path(folder) / "pages.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--dump", str(out),
                   "--sets", ",".join(which), "--jobs", str(jobs)] + (["--spacing"] if spacing else [])
        env = dict(os.environ, PYTHONPATH=str(code))
        subprocess.run(command, check=True, env=env, cwd=folder)
        return json.loads(out.read_text(encoding="utf-8"))


# --- the report -----------------------------------------------------------------------------------

def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _reason_in(page: Dict[str, Any], line: str) -> str:
    """The first reason the page's result gives the block with this text."""
    for text, label, reason, decided_by in page["blocks"]:
        if text == line:
            return f"{label}:{reason}" + (f" [{decided_by}]" if decided_by else "")
    return "(no such block)"


def _f1(output: str, gold: Optional[str]) -> Optional[float]:
    if gold is None:
        return None
    sys.path.insert(0, str(ROOT))
    from cleaner.evaluate import body_scores

    return body_scores(output, gold).f1


def report(base: Dict[str, Any], head: Dict[str, Any], which: Sequence[str], context: bool) -> int:
    changed_total = 0
    summaries = []
    for set_name in which:
        keys = sorted(k for k in head if k.split("/", 1)[0] == set_name and k in base)
        if not keys:
            continue
        print(f"\n=== {set_name}: {len(keys)} pages")
        before_f1: List[float] = []
        after_f1: List[float] = []
        changed = emptied = filled = 0
        for key in keys:
            old, new = base[key], head[key]
            gold = gold_of(set_name, key.split("/", 1)[1])
            f_old, f_new = _f1(old["text"], gold), _f1(new["text"], gold)
            if f_old is not None and f_new is not None:
                before_f1.append(f_old)
                after_f1.append(f_new)
            if old["text"] == new["text"]:
                continue
            changed += 1
            if not new["text"].strip() and old["text"].strip():
                emptied += 1
            if new["text"].strip() and not old["text"].strip():
                filled += 1
            score = f"   F1 {f_old:.3f} -> {f_new:.3f}" if f_old is not None and f_new is not None else ""
            print(f"\n--- {key}{score}")
            if old["reason"] != new["reason"]:
                print(f"    reason: {old['reason']!r} -> {new['reason']!r}")
            old_lines, new_lines = old["text"].splitlines(), new["text"].splitlines()
            matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    if context and i2 > i1:
                        print(f"      = {_short(old_lines[i1])}" + (f"  (+{i2 - i1 - 1} more)" if i2 - i1 > 1 else ""))
                    continue
                for line in old_lines[i1:i2]:
                    print(f"    - {_short(line)}\n        now {_reason_in(new, line)}")
                for line in new_lines[j1:j2]:
                    print(f"    + {_short(line)}\n        was {_reason_in(old, line)}")
        changed_total += changed
        line = f"{set_name:<12} {changed:3d}/{len(keys)} pages changed"
        if before_f1:
            line += (f"; F1 on {len(before_f1)} with gold: mean {statistics.mean(before_f1):.4f} -> "
                     f"{statistics.mean(after_f1):.4f}, lowest {min(before_f1):.3f} -> {min(after_f1):.3f}")
        if emptied or filled:
            line += f"; became empty {emptied}, stopped being empty {filled}"
        empty_with_gold = sum(1 for key in keys if not head[key]["text"].strip()
                              and (gold_of(set_name, key.split("/", 1)[1]) or "").strip())
        line += f"; empty output with non-empty gold now: {empty_with_gold}"
        summaries.append(line)
    print("\n=== summary")
    for line in summaries:
        print("  " + line)
    return changed_total


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="HEAD", help="git revision, WORKTREE or a saved .json (default HEAD)")
    parser.add_argument("--head", default=WORKTREE, help="git revision, WORKTREE or a saved .json (default WORKTREE)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of: {', '.join(SETS)}")
    parser.add_argument("--save", metavar="FILE", help="also save the head side as a snapshot (outside the repository)")
    parser.add_argument("--spacing", action="store_true", help="clean with spacing repair on")
    parser.add_argument("--context", action="store_true", help="also show the unchanged stretches (their first line)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes per side")
    parser.add_argument("--dump", help=argparse.SUPPRESS)  # internal: one side, written as JSON
    args = parser.parse_args(argv)
    which = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = set(which) - set(SETS)
    if unknown:
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(dump(which, args.spacing, args.jobs), ensure_ascii=False),
                                   encoding="utf-8")
        return 0
    if args.save and ROOT in Path(args.save).resolve().parents:
        parser.error("snapshots hold evaluation text: save them outside the repository")
    base = side(args.base, which, args.spacing, args.jobs)
    head = side(args.head, which, args.spacing, args.jobs)
    if args.save:
        Path(args.save).write_text(json.dumps({"spec": args.head, "sets": which, "pages": head}, ensure_ascii=False),
                                   encoding="utf-8")
    print(f"base {args.base}  ->  head {args.head}  (spacing {'on' if args.spacing else 'off'})")
    report(base, head, which, args.context)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

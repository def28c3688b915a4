"""Spacing repair on real layouts: cleaner.spacing.decide on the records of benchmarks/layouts.py.

    python benchmarks/bench_layouts_spacing.py [LAYOUTS.jsonl] [--dump FILE]

Collapsed shape, per document: each record's paragraphs, their lines joined by single spaces,
decided at once; scored with cleaner.evaluate.spacing_counts against each paragraph's gold.
break-all records are the artifact case; keep-all records the negative control (every removal
but the ~4% mark-side artifacts is damage). Records with no paragraphs are skipped. `--dump`
writes one JSON line per space (artifact or not, removed or not, the tokens around it) for
error analysis; keep that file out of the repository (derived from ../shared/data).
"""
import json, sys, time
from cleaner.evaluate import SpacingCounts, spacing_counts, space_positions
from cleaner.spacing import decide, _without

_ARGS = [a for i, a in enumerate(sys.argv[1:]) if not a.startswith("--") and sys.argv[i] != "--dump"]
PATH = _ARGS[0] if _ARGS else "/work/layouts/layouts.jsonl"

def tokens_at(text):
    """space index (non-space chars before) -> (left token, right token)"""
    toks = text.split(" ")
    out, seen = {}, 0
    for i in range(len(toks) - 1):
        seen += len(toks[i])
        out[seen] = (toks[i], toks[i + 1])
    return out

def gold_token(gold, pos):
    seen = 0
    for tok in gold.split(" "):
        if seen <= pos <= seen + len(tok):
            return tok
        seen += len(tok)

def main():
    dump = open(sys.argv[sys.argv.index("--dump") + 1], "w") if "--dump" in sys.argv else None
    totals = {"break-all": SpacingCounts(), "keep-all": SpacingCounts()}
    docs = {"break-all": 0, "keep-all": 0}
    t0 = time.time()
    for line in open(PATH, encoding="utf-8"):
        rec = json.loads(line)
        paras = rec["paragraphs"]
        if not paras:
            continue
        kind = rec["word_break"]
        broken = [" ".join(p["lines"]) for p in paras]
        decisions = decide(broken)
        docs[kind] += 1
        for text, p, removals in zip(broken, paras, decisions):
            repaired = _without(text, removals)
            totals[kind].add(spacing_counts(text, p["gold"], repaired))
            if dump:
                b, g, o = space_positions(text), space_positions(p["gold"]), space_positions(repaired)
                toks = tokens_at(text)
                for pos in sorted(b):
                    left, right = toks[pos]
                    rec_out = {"kind": kind, "artifact": pos not in g, "removed": pos not in o,
                               "left": left, "right": right, "id": rec["id"]}
                    if pos not in g:
                        rec_out["gold"] = gold_token(p["gold"], pos)
                    dump.write(json.dumps(rec_out, ensure_ascii=False) + "\n")
    for kind, c in totals.items():
        print(f"{kind}: docs {docs[kind]} must_fix {c.must_fix} fixed {c.fixed} removed {c.removed} "
              f"damage {c.damage} | recall {c.recall:.3f} precision {c.precision:.3f} "
              f"damage/1k {c.damage_per_1000:.3f}")
    print(f"time {time.time() - t0:.0f}s")

if __name__ == "__main__":
    main()

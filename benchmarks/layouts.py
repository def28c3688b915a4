"""Real layouts: Korean paragraphs set by real layout engines, and the text taken back from them.

What it measures and why
------------------------
Spacing repair removes the spaces that a column's line wraps left inside words ("삼성전 자")
once the lines were joined. Every earlier development set (spacing/dev, `cleaner.wrapgen`)
broke lines at an exact display width, a monospace column of W cells. Real columns are not
like that: they are set in proportional fonts, justified or ragged, with kinsoku (no closing
mark at a line start), so the length of a full line in characters drifts by 1-3 from line to
line (issue 12: median standard deviation about 1.4 characters, against 0.4 for a monospace
re-wrap). A repair tuned on exact widths, in particular the column-period model, may not hold
up under that drift. This script builds the data to measure it on:

- engines: headless Chromium (Debian `chromium`) and WeasyPrint (PyPI `weasyprint`, Pango);
- Korean proportional fonts (Debian `fonts-nanum`, `fonts-noto-cjk`, `fonts-unfonts-core`),
  one font and one column width per document, the width set in CSS `em` of the font size
  (12-45, about that many Hangul per line), `text-align` left or justify;
- `word-break: break-all` (lines break inside words: the artifact case) and, with Chromium,
  `word-break: keep-all` as a negative control (no break between two letters, so a removal
  between letters is damage; about 4% of its breaks still fall inside a gold word, beside a
  mark: "청소·" / "경비", "다." / "(2", "법」" / "에", and those spaces are artifacts too;
  WeasyPrint ignores keep-all, so it only lays out break-all);
- the text taken back the ways users take it: `pdftotext` (Debian `poppler-utils`) and
  pdfminer.six (PyPI `pdfminer.six`) from the engine's PDF, and, for Chromium, the browser's
  own rendered lines (`dom`: a script reads every character's box with Range.getClientRects
  and cuts the paragraph where the box moves down a line).

Output: JSONL, one record per (document, engine, extract):

    {"id", "source", "engine", "extract", "font", "width_em", "align", "word_break",
     "paragraphs": [{"gold": str, "lines": [str, ...]}], "dropped": [{"index", "reason"}]}

`gold` is the source paragraph with its whitespace collapsed to single spaces; `lines` the
rendered lines as extracted, each stripped and with inner whitespace runs made single spaces
(pdfminer doubles the stretched spaces of justified lines, and gives the unmapped space glyph
of some fonts as U+0001, read here as a space). pdfminer.six cannot read WeasyPrint's Korean
fonts at all (their Encoding is an embedded CMap, which it replaces by an empty one), so this
script teaches it to parse that CMap (`_embedded_cmaps`). The hard-wrapped shape of a
paragraph is its `lines`; the collapsed shape, what a paste into one paragraph gives, is
" ".join(lines). A break that fell on the author's space loses that space at the line end and
joining with one space restores it exactly, so the collapsed shape differs from gold only by
the spaces at breaks inside words. Every paragraph is checked: its lines without whitespace
must equal gold without whitespace (extraction lost, added or reordered nothing) and every
space inside a line must be a gold space and every gold space must be kept; a paragraph that
fails is left out of `paragraphs` and listed in `dropped` with the reason: "lost" (the lines
could not be matched: characters lost or reordered, e.g. an overflowing URL in keep-all),
"characters", "space-added" (a justified line stretched beside "②", "▲", "㈜" and the PDF
extractor saw a space there), "space-lost".

Sources (`--sources`): `corpus` (the project's ko_* gold documents, CC0: the only source the
committed sample tests/data/layouts_sample.jsonl may be built from), `dev`
(../shared/data/spacing/dev.gold.txt: consecutive lines of one source in dev.meta.tsv grouped
into documents of up to 8 paragraphs), `ko-pages` (../shared/data/ko-pages/gold/*.txt, one
page one document). Never commit output built from the shared data.

At the end it prints, per engine and font, the median over paragraphs of the standard deviation
of full-line length in characters (every line but a paragraph's last, paragraphs with at least
three full lines, break-all), beside the same statistic for cleaner.wrapgen's monospace re-wrap
of the same paragraphs at the same mean width.

    python benchmarks/layouts.py --sources corpus,dev,ko-pages --out /work/layouts/layouts.jsonl
    python benchmarks/layouts.py --sources corpus --records-per-doc 1 \\
        --out tests/data/layouts_sample.jsonl

Needs: Debian chromium, poppler-utils, fonts-nanum, fonts-noto-cjk, fonts-unfonts-core;
PyPI weasyprint, pdfminer.six (the `layouts` extra). Exits 2 saying what is missing.
The same seed gives the same layouts (given the same engine and font versions).
"""
from __future__ import annotations

import argparse
import logging
import html
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

FONTS = [
    "NanumGothic", "NanumMyeongjo", "NanumBarunGothic", "NanumSquare",
    "Noto Sans CJK KR", "Noto Serif CJK KR", "UnBatang", "UnDotum",
]
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ENGINE_EXTRACTS = {"chromium": ("dom", "pdftotext", "pdfminer"), "weasyprint": ("pdftotext", "pdfminer")}
DEBIAN = "apt-get install chromium poppler-utils fonts-nanum fonts-noto-cjk fonts-unfonts-core"
PYPI = "pip install weasyprint pdfminer.six   (or: pip install -e '.[layouts]')"

logging.getLogger("pdfminer").setLevel(logging.ERROR)
WS = re.compile(r"\s+")
# pdfminer gives the space glyph of some fonts (no Unicode mapping) as U+0001; it is a space
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def squash(text: str) -> str:
    return " ".join(text.split())


def nospace(text: str) -> str:
    return WS.sub("", text)


# --- sources -----------------------------------------------------------------------------------

class Document:
    def __init__(self, id: str, source: str, paragraphs: List[str]):
        self.id, self.source, self.paragraphs = id, source, paragraphs


def corpus_documents(root: Path = ROOT / "corpus") -> List[Document]:
    docs = []
    for path in sorted(root.glob("ko_*.gold.txt")):
        name = path.name[: -len(".gold.txt")]
        paragraphs = [squash(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if paragraphs:
            docs.append(Document(f"corpus:{name}", "corpus", paragraphs))
    return docs


def dev_documents(root: Path = SHARED / "spacing", group: int = 8) -> List[Document]:
    """Consecutive dev lines of one source, up to `group` to a document."""
    gold = (root / "dev.gold.txt").read_text(encoding="utf-8").splitlines()
    meta = (root / "dev.meta.tsv").read_text(encoding="utf-8").splitlines()[1:]
    sources = [row.split("\t")[1] for row in meta]
    docs: List[Document] = []
    run: List[int] = []

    def flush() -> None:
        if run:
            docs.append(Document(f"dev:{run[0]}-{run[-1]}", f"spacing/dev:{sources[run[0]]}",
                                 [squash(gold[i]) for i in run]))
            run.clear()

    for i, line in enumerate(gold):
        if not line.strip():
            continue
        if run and (sources[i] != sources[run[0]] or len(run) >= group):
            flush()
        run.append(i)
    flush()
    return docs


def ko_pages_documents(root: Path = SHARED / "ko-pages" / "gold") -> List[Document]:
    docs = []
    for path in sorted(root.glob("*.txt")):
        paragraphs = [squash(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if paragraphs:
            docs.append(Document(f"ko-pages:{path.stem}", "ko-pages", paragraphs))
    return docs


SOURCES = {"corpus": corpus_documents, "dev": dev_documents, "ko-pages": ko_pages_documents}


# --- layout ------------------------------------------------------------------------------------

class Job:
    """One document laid out by one engine in one style."""

    def __init__(self, doc: Document, engine: str, font: str, width_em: float, align: str, word_break: str):
        self.doc, self.engine, self.font = doc, engine, font
        self.width_em, self.align, self.word_break = width_em, align, word_break


def choose(doc: Document, engine: str, seed: int, keep_all_share: float) -> Job:
    rng = random.Random(f"{seed}:{doc.id}:{engine}")
    font = rng.choice(FONTS)
    width_em = rng.randint(24, 90) / 2  # 12.0 .. 45.0 in half-em steps
    align = rng.choice(("left", "justify"))
    word_break = "keep-all" if engine == "chromium" and rng.random() < keep_all_share else "break-all"
    return Job(doc, engine, font, width_em, align, word_break)


DOM_SCRIPT = r"""
function lines(p) {
  const out = []; let cur = '', mid = null;
  const half = parseFloat(getComputedStyle(p).fontSize) / 2;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const r = document.createRange(); let n;
  while ((n = walker.nextNode())) {
    const t = n.data;
    for (let i = 0; i < t.length;) {
      const L = t.codePointAt(i) > 0xffff ? 2 : 1, ch = t.substr(i, L);
      if (!/\s/.test(ch)) {
        r.setStart(n, i); r.setEnd(n, i + L);
        const rects = r.getClientRects();
        if (rects.length) {
          const y = (rects[0].top + rects[0].bottom) / 2;
          if (mid !== null && y > mid + half) { out.push(cur); cur = ''; }
          mid = y;
        }
      }
      cur += ch; i += L;
    }
  }
  out.push(cur);
  return out;
}
window.addEventListener('load', () => { document.fonts.ready.then(() => {
  const res = [...document.querySelectorAll('.doc')].map(d => [...d.querySelectorAll('p')].map(lines));
  const out = document.getElementById('out');
  out.textContent = JSON.stringify(res); out.setAttribute('data-done', '1');
}); });
"""


def page_html(jobs: Sequence[Job], script: bool) -> str:
    parts = ["<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\"><style>",
             "@page { size: A4; margin: 15mm; } body { margin: 0; }",
             ".doc { font-size: 10pt; line-height: 1.6; break-before: page; }",
             "p { margin: 0 0 0.8em 0; } #out { display: none; }",
             "</style></head><body>"]
    for job in jobs:
        style = (f"font-family: '{job.font}'; width: {job.width_em}em; text-align: {job.align}; "
                 f"word-break: {job.word_break}")
        parts.append(f'<div class="doc" style="{style}">')
        parts.extend(f"<p>{html.escape(p, quote=False)}</p>" for p in job.doc.paragraphs)
        parts.append("</div>")
    if script:
        parts.append(f'<pre id="out"></pre><script>{DOM_SCRIPT}</script>')
    parts.append("</body></html>")
    return "\n".join(parts)


def run_chromium(args: List[str], timeout: int = 300) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="layouts-chromium-")
    try:
        return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def chromium_render(jobs: Sequence[Job], work: Path, extracts: Sequence[str]) -> Tuple[Optional[Path], Optional[list]]:
    pdf, dom = None, None
    if "dom" in extracts:
        page = work / "dom.html"
        page.write_text(page_html(jobs, script=True), encoding="utf-8")
        done = run_chromium(["--virtual-time-budget=30000", "--dump-dom", page.as_uri()])
        found = re.search(r'<pre id="out" data-done="1">(.*?)</pre>', done.stdout.decode("utf-8"), re.S)
        if not found:
            raise RuntimeError("chromium --dump-dom gave no line data: " + done.stderr.decode()[-500:])
        dom = json.loads(html.unescape(found.group(1)))
    if any(e != "dom" for e in extracts):
        page = work / "pdf.html"
        page.write_text(page_html(jobs, script=False), encoding="utf-8")
        pdf = work / "chromium.pdf"
        done = run_chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
        if not pdf.exists():
            raise RuntimeError("chromium --print-to-pdf wrote nothing: " + done.stderr.decode()[-500:])
    return pdf, dom


def weasyprint_render(jobs: Sequence[Job], work: Path) -> Path:
    import logging
    import weasyprint
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf = work / "weasyprint.pdf"
    weasyprint.HTML(string=page_html(jobs, script=False)).write_pdf(str(pdf))
    return pdf


def pdftotext_lines(pdf: Path) -> List[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").replace("\f", "\n").split("\n")


def _embedded_cmaps() -> None:
    """Teach pdfminer.six the embedded CMap streams WeasyPrint writes as a font's Encoding.

    pdfminer only knows CMaps by name; for an embedded one ("WP-Encod-0") it falls back to an
    empty CMap and reads no text at all from WeasyPrint's Korean fonts. Parsing the stream (the
    PDF's own code -> CID table) is what a reader that follows the spec does.
    """
    from pdfminer import pdffont
    from pdfminer.cmapdb import CMap, CMapDB, FileCMap
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import literal_name

    def parse_cid_cmap(data: bytes) -> CMap:
        # pdfminer's CMapParser reads cidchar entries as ToUnicode pairs; here they are
        # "<source code> CID" (and "<low> <high> first-CID" ranges)
        cmap, text = FileCMap(), data.decode("latin1")
        for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
            for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)", block):
                cmap.add_code2cid(bytes.fromhex(code).decode("latin1"), int(cid))
        for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
            for low, high, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)", block):
                a, b = int(low, 16), int(high, 16)
                for k in range(b - a + 1):
                    cmap.add_code2cid((a + k).to_bytes(len(low) // 2, "big").decode("latin1"), int(cid) + k)
        return cmap
    if getattr(pdffont.PDFCIDFont, "_layouts_patched", False):
        return
    original = pdffont.PDFCIDFont.get_cmap_from_spec

    def get_cmap_from_spec(self, spec, strict):
        encoding = resolve1(spec.get("Encoding"))
        if isinstance(encoding, PDFStream):
            try:
                return CMapDB.get_cmap(literal_name(encoding.get("CMapName")))
            except (CMapDB.CMapNotFound, TypeError, ValueError):
                return parse_cid_cmap(encoding.get_data())
        return original(self, spec, strict)

    pdffont.PDFCIDFont.get_cmap_from_spec = get_cmap_from_spec
    pdffont.PDFCIDFont._layouts_patched = True


def pdfminer_lines(pdf: Path) -> List[str]:
    _embedded_cmaps()
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    lines = []
    for page in extract_pages(str(pdf)):
        for element in page:
            if isinstance(element, LTTextContainer):
                lines.extend(CONTROL.sub(" ", line.get_text()) for line in element)
    return lines


# --- taking the lines back ---------------------------------------------------------------------

def assign(stream: Iterable[str], jobs: Sequence[Job]) -> List[List[Optional[List[str]]]]:
    """Cut one PDF's line stream into the batch's paragraphs by their text without whitespace.

    A paragraph boundary always falls at a line boundary, so the lines of a paragraph are
    exactly the lines whose non-space characters spell it. A line that does not continue the
    current paragraph marks it lost (None); lines are then skipped until one starts one of the
    next paragraphs, and the paragraphs passed over are lost too.
    """
    targets = [(d, p, nospace(text)) for d, job in enumerate(jobs) for p, text in enumerate(job.doc.paragraphs)]
    result: List[List[Optional[List[str]]]] = [[[] for _ in job.doc.paragraphs] for job in jobs]

    def lose(v: int) -> None:
        result[targets[v][0]][targets[v][1]] = None

    t, rest, lost = 0, (targets[0][2] if targets else ""), False
    for raw in stream:
        line = squash(raw)
        key = nospace(line)
        if not key or t >= len(targets):
            continue
        if lost or not rest.startswith(key):
            if not lost:
                lose(t)
                lost = True
            following = [u for u in range(t + 1, min(t + 20, len(targets))) if targets[u][2].startswith(key)]
            if not following:
                continue
            for v in range(t + 1, following[0]):
                lose(v)
            t, rest, lost = following[0], targets[following[0]][2], False
        d, p, _ = targets[t]
        result[d][p].append(line)
        rest = rest[len(key):]
        if not rest:
            t += 1
            rest = targets[t][2] if t < len(targets) else ""
    for v in range(t, len(targets)):
        lose(v)
    return result


def check(gold: str, lines: Optional[List[str]]) -> Optional[str]:
    """Why a paragraph's extracted lines cannot stand for it, or None when they can."""
    if not lines:
        return "lost"
    if nospace("".join(lines)) != nospace(gold):
        return "characters"
    # spaces inside lines must be exactly gold's spaces there
    from cleaner.evaluate import space_positions
    gold_spaces = space_positions(gold)
    joints, seen, inner = set(), 0, set()
    for i, line in enumerate(lines):
        for char in line:
            if char == " ":
                inner.add(seen)
            else:
                seen += 1
        if i < len(lines) - 1:
            joints.add(seen)
    if inner - gold_spaces:
        return "space-added"
    if gold_spaces - inner - joints:
        return "space-lost"
    return None


def records(jobs: Sequence[Job], per_job: Dict[int, Dict[str, List[Optional[List[str]]]]],
            extracts_for) -> Iterable[dict]:
    for j, job in enumerate(jobs):
        for extract in extracts_for(job):
            paragraphs, dropped = [], []
            for index, (gold, lines) in enumerate(zip(job.doc.paragraphs, per_job[j][extract])):
                reason = check(gold, lines)
                if reason:
                    dropped.append({"index": index, "reason": reason})
                else:
                    paragraphs.append({"gold": gold, "lines": lines})
            yield {"id": f"{job.doc.id}|{job.engine}|{extract}", "source": job.doc.source,
                   "engine": job.engine, "extract": extract, "font": job.font,
                   "width_em": job.width_em, "align": job.align, "word_break": job.word_break,
                   "paragraphs": paragraphs, "dropped": dropped}


# --- measurement -------------------------------------------------------------------------------

def cells(line: str) -> int:
    from cleaner.wrapgen import cell_width
    return sum(cell_width(c) for c in line)


def line_spread(lines: List[str], measure=len) -> Optional[float]:
    """Standard deviation of the full lines' length (every line but the last; None under three)."""
    full = [measure(line) for line in lines[:-1]]
    return statistics.pstdev(full) if len(full) >= 3 else None


def hangul_width(line: str) -> float:
    """A line's display width in Hangul (wide characters 1, others 1/2), cleaner.wrapgen's cells / 2."""
    return cells(line) / 2


def monospace_lines(gold: str, lines: List[str]) -> List[str]:
    """cleaner.wrapgen's monospace column for the paragraph, at the layout's mean full-line width."""
    from cleaner.wrapgen import wrap_lines
    full = lines[:-1]
    width = round(statistics.mean(cells(line) for line in full)) if full else 4
    return wrap_lines(gold, max(width, 4))


def report(rows: List[dict], out=sys.stdout) -> None:
    spread: Dict[Tuple[str, str], List[Tuple[float, float, float, float]]] = defaultdict(list)
    counts: Dict[Tuple[str, str, str], List[int]] = defaultdict(lambda: [0, 0, 0])
    reasons: Dict[str, int] = defaultdict(int)
    for row in rows:
        c = counts[(row["engine"], row["extract"], row["word_break"])]
        c[0] += 1
        c[1] += len(row["paragraphs"])
        c[2] += len(row["dropped"])
        for d in row["dropped"]:
            reasons[f'{row["engine"]}/{row["extract"]}:{d["reason"]}'] += 1
        if row["word_break"] != "break-all" or row["extract"] != ENGINE_EXTRACTS[row["engine"]][0]:
            continue
        for p in row["paragraphs"]:
            mono = monospace_lines(p["gold"], p["lines"])
            figures = (line_spread(p["lines"]), line_spread(mono), line_spread(p["lines"], hangul_width),
                       line_spread(mono, hangul_width))
            if None not in figures:
                spread[(row["engine"], row["font"])].append(figures)
    print("engine      extract    word_break  documents  paragraphs  dropped", file=out)
    for (engine, extract, wb), (d, p, x) in sorted(counts.items()):
        print(f"{engine:11} {extract:10} {wb:10} {d:10} {p:11} {x:8}", file=out)
    for key, n in sorted(reasons.items()):
        print(f"  dropped {key}: {n}", file=out)
    print("\nfull-line length, standard deviation per paragraph, median over paragraphs (break-all;"
          " chromium: dom lines, weasyprint: pdftotext lines; paragraphs with 3+ full lines);\n"
          "monospace = cleaner.wrapgen's column of the same paragraph at the same mean width;\n"
          "chars = characters (spaces count 1), width = display width in Hangul (others 1/2)", file=out)
    print("engine      font                paragraphs  chars  monospace   width  monospace", file=out)
    every = []

    def line(name, figures):
        med = [statistics.median(f[i] for f in figures) for i in range(4)]
        print(f"{name:31} {len(figures):10} {med[0]:6.2f} {med[1]:10.2f} {med[2]:7.2f} {med[3]:10.2f}", file=out)

    for key in sorted(spread):
        every += spread[key]
        line(f"{key[0]:11} {key[1]}", spread[key])
    if every:
        line("all", every)


# --- the command -------------------------------------------------------------------------------

CHROMIUM = "chromium"


def missing_tools(engines: Sequence[str], extracts: Sequence[str]) -> List[str]:
    missing = []
    if "chromium" in engines and not shutil.which(CHROMIUM):
        missing.append(f"chromium (Debian: {DEBIAN})")
    if "pdftotext" in extracts and not shutil.which("pdftotext"):
        missing.append("pdftotext (Debian: apt-get install poppler-utils)")
    if "weasyprint" in engines:
        try:
            import weasyprint  # noqa: F401
        except Exception as error:  # ImportError, or OSError when Pango is missing
            missing.append(f"weasyprint ({PYPI}): {error}")
    if "pdfminer" in extracts:
        try:
            import pdfminer  # noqa: F401
        except ImportError:
            missing.append(f"pdfminer.six ({PYPI})")
    if not missing and shutil.which("fc-list"):
        have = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True).stdout
        absent = [f for f in FONTS if f not in have]
        if absent:
            missing.append(f"Korean fonts {', '.join(absent)} (Debian: apt-get install fonts-nanum "
                           "fonts-noto-cjk fonts-unfonts-core)")
    return missing


def main(argv: Optional[Sequence[str]] = None) -> int:
    global CHROMIUM
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", default="corpus", help="comma list of: " + ", ".join(SOURCES))
    parser.add_argument("--engines", default="chromium,weasyprint")
    parser.add_argument("--extracts", default="dom,pdftotext,pdfminer")
    parser.add_argument("--out", required=True, help="JSONL file to write")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep-all-share", type=float, default=0.3,
                        help="share of Chromium documents laid out keep-all (the negative control)")
    parser.add_argument("--records-per-doc", type=int, default=0,
                        help="keep only this many (engine, extract) records per document, drawn at random"
                             " (0: all); for a small sample")
    parser.add_argument("--batch", type=int, default=40, help="documents per rendered page set")
    parser.add_argument("--chromium", default=CHROMIUM, help="the Chromium binary")
    args = parser.parse_args(argv)
    CHROMIUM = args.chromium
    engines = [e for e in args.engines.split(",") if e]
    extracts = [e for e in args.extracts.split(",") if e]
    unknown = [e for e in engines if e not in ENGINE_EXTRACTS] + [x for x in extracts if x not in ("dom", "pdftotext", "pdfminer")]
    if unknown:
        parser.error(f"unknown engine/extract: {unknown}")
    missing = missing_tools(engines, extracts)
    if missing:
        print("layouts: cannot build real layouts, missing:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 2
    docs: List[Document] = []
    for name in args.sources.split(","):
        if name not in SOURCES:
            parser.error(f"unknown source {name!r}")
        docs += SOURCES[name]()
    sys.path.insert(0, str(ROOT))
    picker = random.Random(args.seed)
    chosen: Dict[str, set] = {}
    for doc in docs:
        combos = [(e, x) for e in engines for x in ENGINE_EXTRACTS[e] if x in extracts]
        if args.records_per_doc:
            combos = picker.sample(combos, min(args.records_per_doc, len(combos)))
        chosen[doc.id] = set(combos)

    rows: List[dict] = []
    with tempfile.TemporaryDirectory(prefix="layouts-") as tmp:
        work = Path(tmp)
        for engine in engines:
            jobs_all = [choose(doc, engine, args.seed, args.keep_all_share) for doc in docs
                        if any(e == engine for e, _ in chosen[doc.id])]
            for start in range(0, len(jobs_all), args.batch):
                jobs = jobs_all[start:start + args.batch]
                wanted = sorted({x for job in jobs for e, x in chosen[job.doc.id] if e == engine})
                per_job: Dict[int, Dict[str, list]] = defaultdict(dict)
                if engine == "chromium":
                    pdf, dom = chromium_render(jobs, work, wanted)
                    if dom is not None:
                        for j, paragraphs in enumerate(dom):
                            per_job[j]["dom"] = [[squash(line) for line in lines if line.strip()] for lines in paragraphs]
                else:
                    pdf = weasyprint_render(jobs, work)
                for extract, reader in (("pdftotext", pdftotext_lines), ("pdfminer", pdfminer_lines)):
                    if extract in wanted:
                        for j, paragraphs in enumerate(assign(reader(pdf), jobs)):
                            per_job[j][extract] = paragraphs
                got = list(records(jobs, per_job, lambda job: sorted(x for e, x in chosen[job.doc.id] if e == engine)))
                rows += got
                print(f"{engine}: documents {start + len(jobs)}/{len(jobs_all)}", file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} records, {sum(len(r['paragraphs']) for r in rows)} paragraphs to {out}")
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

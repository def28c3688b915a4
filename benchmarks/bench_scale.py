"""Corpus scale in one run: throughput beside Kiwi and jusText, -j scaling, memory while streaming.

    python benchmarks/bench_scale.py [--size 1024] [--scale-mb 8] [--seconds 5] [--jobs 2]

1. Throughput: characters/s of cleaner's plain-text pipeline (default Config, and with spacing
   off), of Kiwi's `space()` (kiwipiepy; what docs/architecture.md's first spacing measurements used) and of jusText
   (Korean stoplist, each line a <p>) on the same texts: the ko-pages of ../shared/data rendered
   to page text at run time, its two text dumps, and its broken spacing paragraphs in documents
   of 20 (nothing is written to disk). Without the shared data, generated pages are used.
   This process; each tool runs over the texts for at least --seconds of CPU time, and the
   figure is characters per CPU second (the wall-clock rate is printed beside it).
2. Scaling: a generated JSONL file of --scale-mb MB through `cleaner --jsonl -j 1` and `-j N`
   (subprocesses): wall time, speed-up, the CPU time spent (parent and workers), the output
   identical byte for byte, and one output line per input line.
3. Memory: a generated JSONL file of --size MB (default 1 GB) streamed through
   `cleaner --jsonl -j N` into a pipe read here (lines counted, output not kept): peak RSS of
   the largest process and of the whole process tree (sampled from /proc), and records in vs
   out. The file is generated in the temp dir and deleted afterwards.

Generated text is written here (sentences from a small vocabulary, per-site headers and
footers, a junk line every 10,000 records). Figures go to stdout; nothing is asserted. The
machine's load average is printed: on a shared machine, wall-time speed-ups are a lower bound,
and the CPU-time ratio says what -j N would give on idle cores.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, Config  # noqa: E402

MB = 1024 * 1024

# --- generated corpus (all text written here) -------------------------------------------------

SUBJECTS = ["정부가", "시민들이", "연구진은", "학생들이", "기업들은", "위원회는", "주민들이", "전문가들은",
            "시장은", "교사들이", "의료진은", "농민들이", "관계자는", "협회는"]
OBJECTS = ["새 정책을", "예산안을", "조사 결과를", "계획을", "보고서를", "대책을", "의견을", "자료를",
           "규정을", "일정을", "방안을", "통계를", "개선안을"]
VERBS = ["발표했다.", "검토하고 있다.", "공개했다.", "요구했다.", "마련했다.", "설명했다.", "제출했다.",
         "논의했다.", "확인했다.", "밝혔다.", "내놓았다."]
WHEN = ["오늘", "지난주", "올해", "내년부터", "최근", "이번 달", "어제", "다음 주", "지난달", "올봄"]
PLACES = ["서울", "부산", "대구", "광주", "대전", "울산", "세종", "강릉", "전주", "제주", "춘천", "청주"]


def generated_page(rng: random.Random, site: int) -> str:
    header = [f"{site}번 소식 첫 화면", "메뉴", "정치 경제 사회 문화", "로그인"]
    title = f"{rng.choice(PLACES)} {rng.choice(SUBJECTS)} {rng.choice(OBJECTS)[:-1]} 내놓다"
    body = [" ".join(f"{rng.choice(WHEN)} {rng.choice(PLACES)}에서 {rng.choice(SUBJECTS)} "
                     f"{rng.choice(OBJECTS)} {rng.choice(VERBS)}" for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(2, 7))]
    footer = ["많이 본 뉴스", f"{rng.choice(PLACES)} 소식 더 보기", "무단 전재 및 재배포 금지",
              f"{site}번 소식 고객 센터 안내"]
    return "\n".join(header + [title, "2024.03.05 10:00"] + body + footer)


def generate_jsonl(path: Path, size_bytes: int, seed: int = 0) -> int:
    """Write about `size_bytes` of records to `path`; return the number of lines written."""
    rng = random.Random(seed)
    lines = 0
    written = 0
    with open(path, "wb", buffering=4 * MB) as handle:
        while written < size_bytes:
            if lines % 10_000 == 9_999:
                data = b"{this line is not JSON\n"
            else:
                site = rng.randrange(50)
                record = {"id": lines, "url": f"https://site{site}.example.kr/news/{lines}",
                          "text": generated_page(rng, site), "lang": "ko"}
                data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            handle.write(data)
            written += len(data)
            lines += 1
    return lines


# --- 1. throughput ----------------------------------------------------------------------------


def shared_texts(shared: Path) -> List[str]:
    from cleaner.decode import decode
    from cleaner.evaluate import render_page_text

    texts: List[str] = []
    pages = shared / "ko-pages"
    for path in sorted((pages / "html").glob("*.html")):
        texts.append(render_page_text(decode(path.read_bytes())))
    for path in sorted((pages / "text").glob("*.txt")):
        texts.append(decode(path.read_bytes()))
    broken = shared / "spacing" / "dev.broken.txt"
    if broken.exists():
        lines = broken.read_text(encoding="utf-8").splitlines()
        texts.extend("\n".join(lines[i:i + 20]) for i in range(0, len(lines), 20))
    return [t for t in texts if t.strip()]


def justext_clean(text: str) -> str:
    import justext

    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()
                                      if line.strip()) + "</body></html>"
    paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("Korean"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def chars_per_second(func: Callable[[str], object], texts: List[str], seconds: float) -> Tuple[float, float, int]:
    """(chars per CPU second, chars per wall second, passes) over at least `seconds` of CPU.

    CPU time (of every thread of this process) is the primary figure: on a shared machine the
    wall clock also counts the time other processes held the core.
    """
    chars = sum(len(t) for t in texts)
    func(texts[0])  # warm up: lazy compiles and loads
    passes, wall, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for text in texts:
            func(text)
        passes += 1
        cpu_elapsed = time.process_time() - cpu
        if cpu_elapsed >= seconds:
            return chars * passes / cpu_elapsed, chars * passes / (time.perf_counter() - wall), passes


def throughput(texts: List[str], seconds: float) -> Dict[str, float]:
    tools: List[Tuple[str, Optional[Callable[[str], object]]]] = [
        ("cleaner (plain text, default)", Cleaner(Config(input_format="text")).clean),
        ("cleaner (plain text, spacing off)", Cleaner(Config(input_format="text", spacing="off")).clean),
    ]
    try:
        from kiwipiepy import Kiwi

        kiwi = Kiwi()
        tools.append(("Kiwi space()", lambda text: kiwi.space(text, reset_whitespace=False)))
    except ImportError:
        tools.append(("Kiwi space()", None))
    try:
        import justext  # noqa: F401

        tools.append(("jusText (Korean stoplist)", justext_clean))
    except ImportError:
        tools.append(("jusText (Korean stoplist)", None))
    rates: Dict[str, float] = {}
    for name, func in tools:
        if func is None:
            print(f"  {name:36s} not installed")
            continue
        rate, wall_rate, passes = chars_per_second(func, texts, seconds)
        rates[name] = rate
        print(f"  {name:36s} {rate:12,.0f} chars/CPU-s  ({wall_rate:,.0f} chars/s wall, {passes} passes)")
    kiwi_rate = rates.get("Kiwi space()")
    if kiwi_rate:
        for name in list(rates)[:2]:
            print(f"  {name} / Kiwi space(): {rates[name] / kiwi_rate:.1f}x  (target >= 20x)")
    return rates


# --- 2 and 3: subprocess runs -----------------------------------------------------------------


EXTRA_ARGS: List[str] = []  # --extra: more cleaner options for runs 2 and 3


def cleaner_command(path: Path, jobs: int) -> List[str]:
    return [sys.executable, "-m", "cleaner", "--jsonl", "-j", str(jobs)] + EXTRA_ARGS + [str(path)]


def tree_rss(root: int) -> Tuple[int, int]:
    """Over `root` and its descendants, from /proc: (sum of Pss, largest VmHWM) in bytes.

    Pss shares each page among the processes mapping it, so forked workers' shared pages are
    not counted twice (VmRSS is summed where smaps_rollup cannot be read).
    VmHWM is a process's own peak, so the largest one is exact however coarse the sampling.
    (getrusage's ru_maxrss of children is not: a child forked from this process starts with
    this process's peak, Kiwi's model included.)
    """
    children: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total = largest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            rss = pss = None
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1]) * 1024
                    elif line.startswith("VmHWM:"):
                        largest = max(largest, int(line.split()[1]) * 1024)
            try:
                with open(f"/proc/{pid}/smaps_rollup") as handle:
                    for line in handle:
                        if line.startswith("Pss:"):
                            pss = int(line.split()[1]) * 1024
            except OSError:
                pass
            total += pss if pss is not None else (rss or 0)
        except OSError:
            continue
    return total, largest


class Run:
    def __init__(self, wall: float, cpu: float, lines: int, out_bytes: int, digest: str,
                 peak_tree: int, peak_process: int, returncode: int) -> None:
        self.wall, self.cpu, self.lines, self.out_bytes, self.digest = wall, cpu, lines, out_bytes, digest
        self.peak_tree, self.peak_process, self.returncode = peak_tree, peak_process, returncode


def run_cleaner(path: Path, jobs: int, sample: bool) -> Run:
    """Run the CLI on `path`, reading its stdout here (counted and hashed, not kept)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(cleaner_command(path, jobs), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    peaks = [0, 0]
    done = threading.Event()

    def sampler() -> None:
        while not done.is_set():
            total, largest = tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            done.wait(0.1)

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    digest = hashlib.sha256()
    lines = out_bytes = 0
    assert process.stdout is not None
    for block in iter(lambda: process.stdout.read(MB), b""):  # type: ignore[union-attr]
        digest.update(block)
        lines += block.count(b"\n")
        out_bytes += len(block)
    returncode = process.wait()
    wall = time.perf_counter() - started
    done.set()
    if sample:
        thread.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, lines, out_bytes, digest.hexdigest(), peaks[0], peaks[1], returncode)


def scaling(tmp: Path, size_mb: float, jobs: int) -> None:
    path = tmp / "scale.jsonl"
    lines = generate_jsonl(path, int(size_mb * MB), seed=1)
    print(f"  input: {path.stat().st_size / MB:.1f} MB, {lines:,} lines")
    try:
        serial = run_cleaner(path, 1, sample=False)
        parallel = run_cleaner(path, jobs, sample=False)
    finally:
        path.unlink()
    for name, run in (("-j 1", serial), (f"-j {jobs}", parallel)):
        print(f"  {name}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU, "
              f"{size_mb / run.wall:5.2f} MB/s, {lines / run.wall:8,.0f} records/s, "
              f"lines out {run.lines:,}")
    print(f"  speed-up -j {jobs} / -j 1: {serial.wall / parallel.wall:.2f}x wall (target >= 1.8x); "
          f"CPU spent -j {jobs} / -j 1: {parallel.cpu / serial.cpu:.2f} (1.00 = no overhead; "
          f"on {jobs} idle cores the speed-up is about {jobs * serial.cpu / parallel.cpu:.2f}x)")
    print(f"  output identical: {serial.digest == parallel.digest}; records lost: "
          f"{lines - serial.lines} (-j 1), {lines - parallel.lines} (-j {jobs})")


def memory(tmp: Path, size_mb: float, jobs: int) -> None:
    path = tmp / "stream.jsonl"
    print(f"  generating {size_mb:,.0f} MB ...", flush=True)
    started = time.perf_counter()
    lines = generate_jsonl(path, int(size_mb * MB), seed=2)
    size = path.stat().st_size
    print(f"  input: {size / MB:,.1f} MB, {lines:,} lines (generated in {time.perf_counter() - started:.0f} s)")
    try:
        run = run_cleaner(path, jobs, sample=True)
    finally:
        path.unlink()
    print(f"  -j {jobs}: {run.wall:,.1f} s, {size / MB / run.wall:.2f} MB/s, exit {run.returncode}")
    print(f"  peak RSS: largest process {run.peak_process / MB:.0f} MB, whole tree {run.peak_tree / MB:.0f} MB (PSS) "
          f"(target <= 200 MB)")
    print(f"  records in {lines:,}, out {run.lines:,}: lost {lines - run.lines}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=float, default=1024, help="MB of JSONL streamed for the memory figure")
    parser.add_argument("--scale-mb", type=float, default=8, help="MB of JSONL for the -j comparison")
    parser.add_argument("--seconds", type=float, default=5, help="minimum seconds per tool for throughput")
    parser.add_argument("--jobs", type=int, default=2, help="workers compared with -j 1 and used for memory")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--skip", action="append", default=[], choices=("throughput", "scaling", "memory"))
    parser.add_argument("--extra", default="", help='more cleaner options for 2 and 3, e.g. "--no-spacing"')
    args = parser.parse_args()
    EXTRA_ARGS.extend(args.extra.split())

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPUs: {os.cpu_count()}")
    if "throughput" not in args.skip:
        texts = shared_texts(args.shared) if args.shared.exists() else []
        source = f"{args.shared} ({len(texts)} texts)"
        if not texts:
            rng = random.Random(3)
            texts = [generated_page(rng, n % 50) for n in range(300)]
            source = "generated pages (no shared data)"
        print(f"\n1. throughput, one core: {sum(map(len, texts)):,} chars from {source}")
        throughput(texts, args.seconds)
    tmp = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    try:
        if "scaling" not in args.skip:
            print(f"\n2. -j 1 against -j {args.jobs} on {args.scale_mb:g} MB of generated JSONL "
                  f"{' '.join(EXTRA_ARGS)}")
            scaling(tmp, args.scale_mb, args.jobs)
        if "memory" not in args.skip:
            print(f"\n3. streaming {args.size:g} MB of generated JSONL with -j {args.jobs} {' '.join(EXTRA_ARGS)}")
            memory(tmp, args.size, args.jobs)
    finally:
        for leftover in tmp.iterdir():
            leftover.unlink()
        tmp.rmdir()
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

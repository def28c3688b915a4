"""-j N: same bytes as -j 1, input order kept, input pulled only as fast as results are written."""
from __future__ import annotations

import io
import json
import os
import random
import sys
import time
from typing import Iterator, List

import pytest

from cleaner.cli import main
from cleaner.workers import ordered_map

WORDS = ["정부가", "새", "정책을", "발표했다.", "시민들이", "의견을", "냈다.", "내년부터", "시행된다.", "메뉴",
         "로그인", "많이 본 뉴스", "무단 전재 및 재배포 금지", "2024.03.05 10:00", "구독하기", "전문가들은",
         "우려를", "나타냈다.", "위원회는", "검토했다."]


def page(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 12)):
        lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14))))
    return "\n".join(lines)


def make_jsonl(path, count: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(count):
            if number % 97 == 13:
                handle.write("{not json\n")
                continue
            handle.write(json.dumps({"id": number, "text": page(rng), "url": f"https://s{number % 4}.kr/{number}"},
                                    ensure_ascii=False) + "\n")


def _slow_square(x: int) -> int:
    time.sleep(random.random() * 0.01)  # finish out of order
    return x * x


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_ordered_map_keeps_input_order_with_workers() -> None:
    assert list(ordered_map(_slow_square, range(60), jobs=2)) == [x * x for x in range(60)]


def test_ordered_map_pulls_a_bounded_number_of_items_ahead() -> None:
    pulled: List[int] = []

    def items() -> Iterator[int]:
        for x in range(100):
            pulled.append(x)
            yield x

    results = ordered_map(_slow_square, items(), jobs=2, max_in_flight=4)
    first = next(results)
    assert first == 0
    assert len(pulled) <= 4  # not the whole input
    for count, _ in enumerate(results, start=2):
        assert len(pulled) <= count + 4
    assert len(pulled) == 100


def test_ordered_map_raises_at_the_failing_items_turn_and_stops() -> None:
    results = ordered_map(_fail_on_three, range(50), jobs=2)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="three"):
        next(results)


def test_closing_early_stops_the_workers() -> None:
    results = ordered_map(_slow_square, range(10_000), jobs=2)
    assert next(results) == 0
    results.close()  # must return, not hang or leave the pool running


@pytest.mark.parametrize("on_error", ["mark", "keep"])
def test_jsonl_output_is_byte_identical_for_any_jobs(tmp_path, capsysbinary, on_error) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    make_jsonl(path, 3000, seed=1)  # several chunks of CHUNK_BYTES
    assert os.path.getsize(path) > 600_000
    outputs, errors = [], []
    for jobs in ("1", "2", "3"):
        status = main(["--jsonl", "-j", jobs, "--on-error", on_error, str(path)])
        captured = capsysbinary.readouterr()
        assert status == 1  # the junk lines are failures
        outputs.append(captured.out)
        errors.append(captured.err)
    assert outputs[0] == outputs[1] == outputs[2]
    assert errors[0] == errors[1] == errors[2]
    assert outputs[0].count(b"\n") == 3000


def test_files_output_is_identical_and_in_order_for_any_jobs(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2)
    names = []
    for number in range(25):
        path = tmp_path / f"p{number:02d}.txt"
        path.write_text(page(rng) + f"\n문서 {number}번의 본문 문장이 여기에서 길게 이어지며 끝을 맺는다.", encoding="utf-8")
        names.append(str(path))
    names.insert(5, str(tmp_path / "missing.txt"))
    runs = []
    for jobs in ("1", "2"):
        for extra in ([], ["--explain"], ["--format", "json"]):
            status = main(["-j", jobs] + extra + names)
            captured = capsys.readouterr()
            assert status == 1 and "missing.txt" in captured.err
            runs.append((tuple(extra), captured.out))
    serial, parallel = runs[:3], runs[3:]
    assert serial == parallel
    explained = serial[1][1]
    assert [line for line in explained.splitlines() if line.startswith("# /")] == \
           [f"# {name}" for name in names if "missing" not in name]


# --- progress ---------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_unless_stderr_is_a_terminal() -> None:
    from cleaner.progress import progress_for

    quiet = io.StringIO()
    with progress_for(quiet) as bar:
        bar.update(3, 3 * 1024 * 1024)
    assert quiet.getvalue() == "" and bar.docs == 3


@pytest.mark.parametrize("with_tqdm", [True, False])
def test_progress_on_a_terminal_shows_docs_and_bytes_per_second(monkeypatch, with_tqdm) -> None:  # type: ignore[no-untyped-def]
    from cleaner.progress import progress_for

    if with_tqdm:
        pytest.importorskip("tqdm")
    else:
        monkeypatch.setitem(sys.modules, "tqdm", None)  # as if not installed: the fallback line
    terminal = _Terminal()
    with progress_for(terminal, total_bytes=4 * 1024 * 1024) as bar:
        bar.update(1200, 2 * 1024 * 1024)
        bar.update(800, 2 * 1024 * 1024)
    shown = terminal.getvalue()
    assert "2,000 docs" in shown and "docs/s" in shown
    assert ("MB/s" in shown) if not with_tqdm else ("4.00M" in shown and "B/s" in shown)

"""--jsonl: records in, records out, same count and order, nothing dropped, failures said."""
from __future__ import annotations

import gzip
import io
import json
import random
from typing import Any, Dict, List

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, clean
from cleaner.cli import main
from cleaner.jsonl import (
    ERROR_FIELD, RAW_FIELD, REASON_FIELD, READ_BYTES, Chunk, RecordOptions, iter_chunks, process_chunk, process_line, run_stream,
)

PAGE = "메뉴\n정치\n정부가 새 정책을 발표했다. 시행은 내년부터다.\n무단 전재 및 재배포 금지"
BODY = "정부가 새 정책을 발표했다. 시행은 내년부터다."


def records(count: int, seed: int = 0) -> List[Dict[str, Any]]:
    """Records with every kind of JSON value beside the text (all written here)."""
    rng = random.Random(seed)
    out = []
    for number in range(count):
        text = PAGE.replace("새 정책", f"{rng.choice(['새', '다른', '옛'])} 정책 {number}번")
        out.append({"id": number, "text": text, "url": f"https://site{number % 3}.example.kr/{number}",
                    "score": rng.random(), "tags": ["뉴스", {"depth": number}], "ok": number % 2 == 0,
                    "missing": None, "big": 2 ** 70 + number, "emoji": "👍", "quote": 'a "b" \\ c'})
    return out


def jsonl(items: List[Any]) -> bytes:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items).encode("utf-8")


def run_cli(args: List[str], capsysbinary) -> tuple:  # type: ignore[no-untyped-def]
    status = main(args)
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode("utf-8")


def test_records_out_equal_records_in_with_other_fields_untouched(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    items = records(40)
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl(items))
    status, out, err = run_cli(["--jsonl", str(path)], capsysbinary)
    assert status == 0 and err == ""
    got = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert len(got) == len(items)
    for before, after in zip(items, got):
        assert list(after) == list(before)  # same keys, same order
        assert {k: v for k, v in after.items() if k != "text"} == {k: v for k, v in before.items() if k != "text"}
        assert after["text"] == clean(before["text"])


def test_output_field_keeps_the_input_field(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl([{"body": PAGE, "id": 1}]))
    status, out, _ = run_cli(["--jsonl", "--field", "body", "--output-field", "clean", str(path)], capsysbinary)
    assert status == 0
    assert json.loads(out) == {"body": PAGE, "id": 1, "clean": BODY}


def test_a_record_with_an_empty_body_says_why(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl([{"id": 1, "text": PAGE}, {"id": 2, "text": ""}, {"id": 3, "text": " \n "},
                            {"id": 4, "text": "메뉴\n정치\n경제"}]))
    status, out, _ = run_cli(["--jsonl", "--output-field", "clean", str(path)], capsysbinary)
    assert status == 0  # an empty body is an answer, not a failure
    records = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert REASON_FIELD not in records[0] and records[0]["clean"] == BODY
    assert [(r["clean"], r[REASON_FIELD]) for r in records[1:3]] == [("", "empty input")] * 2
    assert records[3]["clean"] == "" and records[3][REASON_FIELD].startswith("no prose block")


BAD_INPUT = (
    b'{"text": "' + PAGE.replace("\n", "\\n").encode() + b'", "id": 1}\n'
    b"not json at all\n"
    b"\n"
    b'{"id": 3}\n'
    b"[1, 2]\n"
    b'{"text": 5, "id": 5}\n'
    b'{"text": "\xff\xfe broken utf-8"}\n'
    b'{"text": "' + PAGE.replace("\n", "\\n").encode() + b'", "id": 7}'  # no final newline
)


def test_mark_keeps_every_line_and_reports_line_numbers(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(BAD_INPUT)
    status, out, err = run_cli(["--jsonl", str(path)], capsysbinary)
    assert status == 1
    lines = out.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == 8  # one output line per input line
    assert json.loads(lines[0]) == {"text": BODY, "id": 1}
    assert json.loads(lines[1]) == {ERROR_FIELD: "malformed JSON: Expecting value (column 1)", RAW_FIELD: "not json at all"}
    assert lines[2] == ""
    assert json.loads(lines[3]) == {"id": 3, ERROR_FIELD: "no field 'text'"}
    assert json.loads(lines[4])[RAW_FIELD] == "[1, 2]"
    assert json.loads(lines[5]) == {"text": 5, "id": 5, ERROR_FIELD: "field 'text' is a number, not a string"}
    assert json.loads(lines[6])[RAW_FIELD].startswith('{"text": "\\xff\\xfe broken')
    assert json.loads(lines[7]) == {"text": BODY, "id": 7}
    reported = [line.split(": ", 1)[1].split(":")[1] for line in err.splitlines()]
    assert reported == ["2", "4", "5", "6", "7"]
    assert all(line.startswith(f"cleaner: {path}:") for line in err.splitlines())


def test_keep_passes_failures_through_byte_for_byte(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(BAD_INPUT)
    status, out, err = run_cli(["--jsonl", "--on-error", "keep", str(path)], capsysbinary)
    assert status == 1 and len(err.splitlines()) == 5
    lines = out.split(b"\n")
    original = BAD_INPUT.split(b"\n")
    for number in (1, 2, 3, 4, 5, 6):
        assert lines[number] == original[number]


def test_empty_never_lets_uncleaned_text_through(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl([{"text": 5}, {"text": PAGE}]))
    status, out, _ = run_cli(["--jsonl", "--on-error", "empty", "--output-field", "clean", str(path)], capsysbinary)
    first, second = [json.loads(line) for line in out.decode().splitlines()]
    assert first == {"text": 5, "clean": "", ERROR_FIELD: "field 'text' is a number, not a string"}
    assert second == {"text": PAGE, "clean": BODY}


def test_mark_with_output_field_writes_null(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl([{"other": 1}]))
    _, out, _ = run_cli(["--jsonl", "--output-field", "clean", str(path)], capsysbinary)
    assert json.loads(out) == {"other": 1, "clean": None, ERROR_FIELD: "no field 'text'"}


def test_abort_stops_at_the_first_failure(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(BAD_INPUT)
    status, out, err = run_cli(["--jsonl", "--on-error", "abort", str(path)], capsysbinary)
    assert status == 1
    assert [json.loads(line) for line in out.decode().splitlines()] == [{"text": BODY, "id": 1}]
    assert err.strip() == f"cleaner: {path}:2: malformed JSON: Expecting value (column 1)"


class _FailsOn:
    """A cleaner that raises on one text (fault injection: the real one has no known failure)."""

    def __init__(self, poison: str) -> None:
        self.poison, self.real = poison, Cleaner()

    def analyze(self, text: str, **kwargs: Any) -> Any:
        if text == self.poison:
            raise MemoryError("simulated")
        return self.real.analyze(text, **kwargs)


def test_a_record_that_fails_keeps_its_text_and_gets_an_error_field() -> None:
    data = jsonl([{"text": PAGE, "n": 1}, {"text": "독", "n": 2}, {"text": PAGE, "n": 3}])
    result = process_chunk(Chunk("x.jsonl", 10, data), _FailsOn("독"), RecordOptions())
    out = [json.loads(line) for line in result.data.decode().splitlines()]
    assert out == [{"text": BODY, "n": 1},
                   {"text": "독", "n": 2, ERROR_FIELD: "cannot process: MemoryError: simulated"},
                   {"text": BODY, "n": 3}]
    assert result.errors == ("x.jsonl:11: cannot process: MemoryError: simulated",)


def test_lone_surrogates_and_odd_values_survive() -> None:
    raw = b'{"text": "' + PAGE.replace("\n", "\\n").encode() + b'", "other": "\\ud800x", "n": 1e400, "m": -0.0}'
    line, error = process_line(raw, Cleaner(), RecordOptions())
    assert error is None
    assert b'"other": "\\ud800x"' in line  # not UTF-8-encodable: kept as its JSON escape
    record = json.loads(line)
    assert record == {"text": BODY, "other": "\ud800x", "n": float("inf"), "m": -0.0}


def test_gzip_input_and_stdin(tmp_path, capsysbinary, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    items = records(5)
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(items)))
    status, out, _ = run_cli(["--jsonl", str(path)], capsysbinary)
    assert status == 0 and len(out.splitlines()) == 5
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(jsonl(items))))
    status, from_stdin, _ = run_cli(["--jsonl", "-"], capsysbinary)
    assert status == 0 and from_stdin == out


def test_several_files_in_order_and_a_missing_one_reported(tmp_path, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    one.write_bytes(jsonl([{"text": PAGE, "f": 1}]))
    two.write_bytes(jsonl([{"text": PAGE, "f": 2}, {"text": PAGE, "f": 3}]))
    status, out, err = run_cli(["--jsonl", str(one), str(tmp_path / "nope.jsonl"), str(two)], capsysbinary)
    assert status == 1 and "nope.jsonl" in err
    assert [json.loads(line)["f"] for line in out.splitlines()] == [1, 2, 3]


def test_usage_errors() -> None:
    assert main(["--jsonl", "--format", "json", "-"]) == 2
    assert main(["--output-field", "x", "-"]) == 2
    assert main(["-j", "-1", "-"]) == 2
    assert main(["--jsonl", "--on-error", "ignore", "-"]) == 2


class _CountingStream(io.RawIOBase):
    """A stream that counts how much was read from it."""

    def __init__(self, data: bytes) -> None:
        self.inner, self.read_bytes = io.BytesIO(data), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = self.inner.readinto(buffer)
        self.read_bytes += count
        return count


def test_input_is_streamed_not_read_whole() -> None:
    data = jsonl(records(12000))
    assert len(data) > 3 * READ_BYTES
    stream = _CountingStream(data)
    chunks = iter_chunks(io.BufferedReader(stream, buffer_size=8192), "big", chunk_bytes=64 * 1024)
    first = next(chunks)
    assert 0 < len(first.data) <= 64 * 1024
    assert stream.read_bytes <= READ_BYTES + 2 * 8192  # one read's worth, not the whole input
    rest = list(chunks)
    assert b"".join([first.data] + [c.data for c in rest]) == data


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab가\n\r {}\"\\"), max_size=30), max_size=30),
       st.integers(min_value=1, max_value=64), st.booleans())
def test_chunks_cover_every_line_once_with_line_numbers(lines, chunk_bytes, final_newline) -> None:  # type: ignore[no-untyped-def]
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8")
    if final_newline and data:
        data += b"\n"
    chunks = list(iter_chunks(io.BytesIO(data), "h", chunk_bytes=chunk_bytes))
    joined = b"".join(c.data for c in chunks)
    assert joined == (data if data.endswith(b"\n") or not data else data + b"\n")
    line = 1
    for chunk in chunks:
        assert chunk.first_line == line and chunk.data.endswith(b"\n")
        line += chunk.data.count(b"\n")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.dictionaries(st.sampled_from(["text", "url", "a", "b"]),
                                          st.one_of(st.text(max_size=40), st.integers(), st.none(),
                                                    st.floats(allow_nan=False))),
                          st.text(max_size=20)), max_size=12),
       st.sampled_from(["mark", "keep", "empty"]))
def test_never_a_record_lost(items, policy) -> None:  # type: ignore[no-untyped-def]
    """Any mix of records and junk lines: one output line per input line, in order."""
    lines = [json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x.replace("\n", " ") for x in items]
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    out = io.BytesIO()
    stats = run_stream_bytes(data, policy, out)
    got = out.getvalue().split(b"\n")[:-1] if data else []
    assert len(got) == len(lines)
    for before, after in zip(lines, got):
        # Blank means ASCII whitespace only (what JSON calls whitespace); a line of "\x1f" is
        # not blank, so it comes out as a marked record instead.
        if not before.encode("utf-8").strip():
            assert after == b""
            continue
        try:
            original = json.loads(before)
        except ValueError:
            original = None
        if isinstance(original, dict):
            record = json.loads(after)
            assert {k: v for k, v in record.items() if k not in ("text", ERROR_FIELD, REASON_FIELD)} == \
                   {k: v for k, v in original.items() if k != "text"}
    assert stats.records == sum(1 for line in lines if line.encode("utf-8").strip())


def run_stream_bytes(data: bytes, policy: str, out: io.BytesIO):  # type: ignore[no-untyped-def]
    import os
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as handle:
        handle.write(data)
    try:
        return run_stream([handle.name], Cleaner(), RecordOptions(on_error=policy), out, report=lambda m: None)
    finally:
        os.unlink(handle.name)

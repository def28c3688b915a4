"""The CLI when things go wrong: every failure is one line on stderr naming the input, exit 1,
and the other inputs are still processed; EPIPE is quiet; Ctrl-C exits 130 without a traceback;
JSONL gives one record out per record in, whatever the records hold.

Most tests run the real command in a subprocess (signals, closed descriptors, /dev/full);
a few patch the process and call cleaner.cli.main in this one.
"""
from __future__ import annotations

import errno
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, List, Optional

import pytest

from cleaner import cli, decode
from cli_harness import run_in_process

BODY_A = "정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다."
BODY_B = "시민단체는 이번 발표를 환영하면서도 세부 기준이 더 필요하다고 밝혔다."
RUN_TIMEOUT = 300  # a safety net against a hang, not a timing assertion


def cleaner(*args: str, input: Optional[bytes] = None, cwd: Optional[Path] = None,
            **kwargs) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=input, cwd=cwd,
                          capture_output=True, timeout=RUN_TIMEOUT, **kwargs)


def stderr_lines(done: subprocess.CompletedProcess) -> List[str]:
    text = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text
    return text.splitlines()


def binary_bytes(size: int = 4096) -> bytes:
    """A PNG-looking file: the signature, then bytes as random as compressed image data."""
    rng = random.Random(6)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(size))




@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(BODY_A + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY_B + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    (tmp_path / "image.png").write_bytes(binary_bytes())
    (tmp_path / "broken.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data at all" * 10)
    return tmp_path


# --- each failure: one line, exit 1, the others still processed ---------------------------------

def test_every_failure_is_one_line_and_the_rest_is_processed(inputs: Path) -> None:
    names = ["a.txt", "missing.txt", "folder", "empty.txt", "image.png", "broken.gz", "b.txt"]
    done = cleaner(*names, cwd=inputs)
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == f"{BODY_A}\n{BODY_B}\n"
    lines = stderr_lines(done)
    assert len(lines) == 4, lines  # an empty file is no failure (see test_empty_input_...)
    expected = {"missing.txt": "No such file or directory", "folder": "is a directory",
                "image.png": "binary file, not text", "broken.gz": "corrupt gzip data"}
    for line, (name, why) in zip(lines, expected.items()):
        assert line.startswith(f"cleaner: {name}: "), line
        assert why in line, line


def test_json_mode_writes_one_object_per_input_failures_included(inputs: Path) -> None:
    """Output object N is input N's, so a consumer can pair them without reading stderr."""
    names = ["a.txt", "empty.txt", "image.png", "missing.txt", "b.txt"]
    done = cleaner("--format", "json", *names, cwd=inputs)
    assert done.returncode == 1
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["source"] for r in records] == names
    assert [r["text"] for r in records] == [BODY_A, "", "", "", BODY_B]
    assert [r.get("error") for r in records] == [None, None, "binary file, not text",
                                                 "No such file or directory", None]
    assert records[1]["reason"] == "empty input"  # empty is an answer, not a failure
    assert all(set(r) >= {"text", "reason", "metadata", "blocks", "fixes"} for r in records)
    assert len(stderr_lines(done)) == 2


def test_failures_with_worker_processes(inputs: Path) -> None:
    names = ["a.txt", "missing.txt", "image.png", "b.txt", "folder", "a.txt"]
    one, two = cleaner(*names, cwd=inputs), cleaner("-j", "2", *names, cwd=inputs)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout == f"{BODY_A}\n{BODY_B}\n{BODY_A}\n".encode("utf-8")
    assert stderr_lines(one) == stderr_lines(two)
    assert len(stderr_lines(two)) == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(inputs: Path) -> None:
    secret = inputs / "secret.txt"
    secret.write_text(BODY_B, encoding="utf-8")
    secret.chmod(0)
    done = cleaner("secret.txt", "a.txt", cwd=inputs)
    assert done.returncode == 1
    assert stderr_lines(done) == ["cleaner: secret.txt: Permission denied"]
    assert done.stdout.decode("utf-8") == BODY_A + "\n"


def test_unreadable_file_in_process(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as root would see it: open() fails with EACCES (the test above needs a user)."""
    import builtins

    real_open = builtins.open
    secret = str(inputs / "secret.txt")

    def deny(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if file == secret:
            raise PermissionError(errno.EACCES, "Permission denied", file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    code, out, err = run_in_process([secret, str(inputs / "a.txt")])
    assert code == 1
    assert err == f"cleaner: {secret}: Permission denied\n"
    assert out.decode("utf-8") == BODY_A + "\n"


@pytest.mark.parametrize("data", [b"", b"  \n\t\n \n"], ids=["empty", "whitespace"])
def test_empty_input_is_an_empty_answer_not_a_failure(data: bytes) -> None:
    """An empty page in a pipeline is not an error: empty output, exit 0, the reason where
    reasons are shown; empty and whitespace-only input get the same answer."""
    done = cleaner(input=data)
    assert (done.returncode, done.stdout, stderr_lines(done)) == (0, b"", [])
    done = cleaner("--format", "json", input=data)
    assert done.returncode == 0 and stderr_lines(done) == []
    (record,) = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert (record["text"], record["reason"], record["source"]) == ("", "empty input", "<stdin>")
    done = cleaner("--explain", input=data)
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == "# <stdin>\n# no body: empty input\n"
    done = cleaner("--jsonl", input=json.dumps({"id": 1, "text": data.decode()}).encode() + b"\n")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"id": 1, "text": "", "cleaner_reason": "empty input"}


def test_binary_stdin() -> None:
    done = cleaner(input=binary_bytes())
    assert done.returncode == 1
    assert stderr_lines(done) == ["cleaner: <stdin>: binary file, not text"]


@pytest.mark.parametrize("data", [
    ("\x00".join(BODY_A) + "\n").encode("utf-8"),                  # NUL between every character
    (BODY_A + "\n").encode("utf-16-le"),                            # UTF-16, no BOM
    (BODY_A + "\n").encode("utf-16-be"),
    (BODY_A + "\n").encode("cp949"),
    gzip.compress((BODY_A + "\n").encode("utf-8")),
], ids=["nul-bytes", "utf-16-le", "utf-16-be", "cp949", "gzip"])
def test_odd_text_is_not_binary(data: bytes) -> None:
    assert not decode.looks_binary(data)
    done = cleaner(input=data)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == BODY_A + "\n"
    assert stderr_lines(done) == []


@pytest.mark.parametrize("data", [binary_bytes(100_000), gzip.compress(binary_bytes(10_000)),
                                  bytes(range(256)) * 64, b"\x00" * 5000],
                         ids=["png-like", "gzip-of-binary", "all-bytes", "zeros"])
def test_binary_data_is_binary(data: bytes) -> None:
    assert decode.looks_binary(data)


def test_gzip_bomb_is_one_failure(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_DECOMPRESSED_BYTES", 1024 * 1024)
    bomb = inputs / "bomb.gz"
    bomb.write_bytes(gzip.compress(b"\n" * (4 * 1024 * 1024)))
    code, out, err = run_in_process([str(bomb), str(inputs / "a.txt")])
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"cleaner: {bomb}: cannot process: DecodeError: ")
    assert out.decode("utf-8") == BODY_A + "\n"


def test_a_gzip_file_cut_short_is_one_failure_and_the_rest_is_processed(inputs: Path) -> None:
    whole = gzip.compress(((BODY_B + "\n") * 40).encode("utf-8"))
    (inputs / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    done = cleaner("a.txt", "cut.txt.gz", "b.txt", cwd=inputs)
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == f"{BODY_A}\n{BODY_B}\n"  # nothing of the cut file
    lines = stderr_lines(done)
    assert len(lines) == 1 and lines[0].startswith("cleaner: cut.txt.gz: "), lines
    assert "cut short" in lines[0]


def test_a_crash_inside_the_pipeline_is_one_line(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a stage raises for one document (here a bug with a two-line message), the
    message stays one line and the next document is still cleaned."""
    real_run = cli.run

    def flaky(data, config):  # type: ignore[no-untyped-def]
        if BODY_B.encode("utf-8") in bytes(data):
            raise RuntimeError("stage failed\nsecond line")
        return real_run(data, config)

    monkeypatch.setattr(cli, "run", flaky)
    code, out, err = run_in_process([str(inputs / "b.txt"), str(inputs / "a.txt")])
    assert code == 1
    assert err == f"cleaner: {inputs / 'b.txt'}: cannot process: RuntimeError: stage failed\\x0asecond line\n"
    assert out.decode("utf-8") == BODY_A + "\n"


def test_file_names_that_would_break_a_line(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.txt"
    done = cleaner(str(odd))
    assert done.returncode == 1
    assert stderr_lines(done) == [f"cleaner: {tmp_path}/two\\x0alines.txt: No such file or directory"]


def test_undecodable_file_name_in_json(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/\xff\xfe.txt"
    with open(name, "wb") as handle:
        handle.write((BODY_A + "\n").encode("utf-8"))
    done = subprocess.run([sys.executable, "-m", "cleaner", "--format", "json", os.fsdecode(name)],
                          capture_output=True, timeout=RUN_TIMEOUT)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
    assert record["source"].endswith("/\\xff\\xfe.txt")
    assert record["text"] == BODY_A


def test_closed_stdin() -> None:
    done = subprocess.run([sys.executable, "-m", "cleaner"], capture_output=False, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, preexec_fn=lambda: os.close(0), timeout=RUN_TIMEOUT)
    assert done.returncode == 1
    assert stderr_lines(done) == ["cleaner: <stdin>: standard input is closed"]


def test_closed_stdout(inputs: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cleaner", "a.txt"], cwd=inputs, stderr=subprocess.PIPE,
                          preexec_fn=lambda: os.close(1), timeout=RUN_TIMEOUT)
    assert done.returncode == 1
    assert stderr_lines(done) == ["cleaner: <stdout>: standard output is closed"]


# --- output that fails ------------------------------------------------------------------------------

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")


@needs_dev_full
@pytest.mark.parametrize("flags", [[], ["--format", "json"], ["-j", "2"], ["--no-boilerplate"]])
def test_disk_full_is_one_line(inputs: Path, flags: List[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "cleaner", *flags, "a.txt", "b.txt"], cwd=inputs,
                              stdout=full, stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
    assert done.returncode == 1
    assert stderr_lines(done) == ["cleaner: a.txt: cannot write the output: No space left on device"]


@needs_dev_full
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_disk_full_jsonl(tmp_path: Path, jobs: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": BODY_A}, ensure_ascii=False) + "\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "cleaner", "--jsonl", "-j", jobs, str(source)],
                              stdout=full, stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
    assert done.returncode == 1
    assert stderr_lines(done) == ["cleaner: <stdout>: cannot write the output: No space left on device"]


def _big_inputs(tmp_path: Path, count: int = 60) -> List[str]:
    """Enough output to fill a pipe's buffer many times over."""
    names = []
    for i in range(count):
        path = tmp_path / f"doc{i}.txt"
        path.write_text((BODY_A + " " + BODY_B + "\n") * 40, encoding="utf-8")
        names.append(str(path))
    return names


@pytest.mark.parametrize("flags", [[], ["-j", "2"], ["--no-boilerplate"], ["--format", "json"]])
def test_reader_going_away_is_quiet(tmp_path: Path, flags: List[str]) -> None:
    """`cleaner *.txt | head -1`: EPIPE ends the run quietly."""
    process = subprocess.Popen([sys.executable, "-m", "cleaner", *flags, *_big_inputs(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(100)
    process.stdout.close()
    err = process.stderr.read()
    code = process.wait(timeout=RUN_TIMEOUT)
    assert first
    assert err == b"", err.decode("utf-8", "replace")
    assert code == 0


def test_reader_going_away_is_quiet_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    record = json.dumps({"text": (BODY_A + "\n") * 20}, ensure_ascii=False)
    source.write_text((record + "\n") * 3000, encoding="utf-8")
    done = subprocess.run(f"{sys.executable} -m cleaner --jsonl {source} | head -c 100 > /dev/null",
                          shell=True, stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
    assert done.stderr == b"", done.stderr.decode("utf-8", "replace")


# --- Ctrl-C -----------------------------------------------------------------------------------------

def _wait_until(predicate, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _blocked_reading_a_pipe(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/wchan") as handle:
            return "pipe" in handle.read()
    except OSError:
        return False


def assert_ctrl_c_is_quiet(process: subprocess.Popen, ready: Callable[[], bool], never: str) -> None:
    """Send SIGINT once `ready()`: exit 130, no traceback."""
    try:
        assert _wait_until(ready), never
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode("utf-8", "replace")


@pytest.mark.skipif(not os.path.exists("/proc/self/wchan"), reason="needs /proc (Linux)")
def test_ctrl_c_while_waiting_for_stdin() -> None:
    process = subprocess.Popen([sys.executable, "-m", "cleaner"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert_ctrl_c_is_quiet(process, lambda: _blocked_reading_a_pipe(process.pid), "never read stdin")


def _bytes_read(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/io") as handle:
            fields = dict(line.split(": ") for line in handle.read().splitlines())
        return int(fields["rchar"])
    except (OSError, KeyError, ValueError):
        return 0


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs /proc (Linux)")
@pytest.mark.parametrize("flags", [[], ["-j", "2"]])
def test_ctrl_c_while_cleaning(tmp_path: Path, flags: List[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text((BODY_A + " " + BODY_B + " ") * 60_000, encoding="utf-8")  # one 9 MB line
    names = [str(big)] * 3
    process = subprocess.Popen([sys.executable, "-m", "cleaner", *flags, *names],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Interrupt once the first file has been read, i.e. while it is being cleaned.
    assert_ctrl_c_is_quiet(process, lambda: _bytes_read(process.pid) > big.stat().st_size, "never read the file")


# --- JSONL: records in, records out ----------------------------------------------------------------

def _jsonl_lines() -> List[bytes]:
    """One line per way a record can go wrong, between good ones (blank lines included)."""
    good = lambda i: json.dumps({"id": i, "text": f"메뉴\n{BODY_A}"}, ensure_ascii=False).encode("utf-8")
    return [
        good(1),
        b"{oops",                                                   # malformed JSON
        b"",                                                        # blank line
        b"[1, 2, 3]",                                               # not an object
        b'"just a string"',
        b"null",
        json.dumps({"id": 2, "title": "no text field"}).encode(),  # missing field
        json.dumps({"id": 3, "text": ["not", "a", "string"]}).encode(),
        json.dumps({"id": 4, "text": None}).encode(),
        b'{"id": 5, "text": "\xff\xfe broken utf-8"}',              # invalid UTF-8
        b'{"id": 6, "text": "NUL \\u0000 inside, zero\\u200bwidth"}',
        b'{"id": 7, "text": "lone surrogate \\ud800 here"}',
        b"   \t ",                                                  # whitespace only
        b"{" * 50_000 + b"}" * 50_000,                              # nested beyond recursion
        b'{"id": 8, "text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        json.dumps({"id": 9, "text": "가" * 200_000}).encode(),     # a long record
        b'{"id": 10, "text": "' + "한 줄".encode("utf-8") + b'"}\r',  # CRLF line ending
        b'{"id": 11, "text": "x", "text": "duplicate key"}',
        b"\x00\x00\x00",                                            # NUL bytes
        good(12),
    ]


def _check_records(lines_in: List[bytes], out: bytes, on_error: str = "mark") -> int:
    """Records in == records out, in order; returns the number of failed records."""
    lines_out = out.split(b"\n")
    assert lines_out[-1] == b"", "output ends with a newline"
    lines_out.pop()
    assert len(lines_out) == len(lines_in), "one output line per input line"
    failed = 0
    for raw, line in zip(lines_in, lines_out):
        if not raw.strip():
            assert line == b""
            continue
        if on_error == "keep" and line == raw:
            failed += 1
            continue
        record = json.loads(line)
        assert isinstance(record, dict)
        if "cleaner_error" in record:
            failed += 1
        else:
            assert isinstance(record["text"], str)
    return failed


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_every_failure_keeps_its_record(tmp_path: Path, jobs: str) -> None:
    lines = _jsonl_lines()
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    done = cleaner("--jsonl", "-j", jobs, str(source))
    failed = _check_records(lines, done.stdout)
    assert done.returncode == 1
    errors = stderr_lines(done)
    assert len(errors) == failed
    assert all(line.startswith(f"cleaner: {source}:") for line in errors)
    out = [json.loads(line) for line in done.stdout.split(b"\n") if line.strip()]
    assert out[0] == {"id": 1, "text": BODY_A} and out[-1] == {"id": 12, "text": BODY_A}


def test_jsonl_same_bytes_for_any_jobs(tmp_path: Path) -> None:
    lines = _jsonl_lines()
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines))  # no final newline either
    one, two = cleaner("--jsonl", str(source)), cleaner("--jsonl", "-j", "2", str(source))
    assert one.stdout == two.stdout
    _check_records(lines, one.stdout)


@pytest.mark.parametrize("on_error", ["mark", "keep", "empty"])
def test_jsonl_on_error_modes_keep_the_count(tmp_path: Path, on_error: str) -> None:
    lines = _jsonl_lines()
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    done = cleaner("--jsonl", "--on-error", on_error, str(source))
    assert done.returncode == 1
    assert _check_records(lines, done.stdout, on_error) == len(stderr_lines(done))


def test_jsonl_abort_writes_the_records_before_it(tmp_path: Path) -> None:
    lines = _jsonl_lines()
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    done = cleaner("--jsonl", "--on-error", "abort", str(source))
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == json.dumps({"id": 1, "text": BODY_A}, ensure_ascii=False) + "\n"
    assert stderr_lines(done) == [f"cleaner: {source}:2: malformed JSON: Expecting property name "
                                  f"enclosed in double quotes (column 2)"]


def test_jsonl_from_stdin_and_a_missing_file(tmp_path: Path) -> None:
    lines = _jsonl_lines()
    done = cleaner("--jsonl", "-", str(tmp_path / "missing.jsonl"), input=b"\n".join(lines) + b"\n")
    assert done.returncode == 1
    failed = _check_records(lines, done.stdout)
    errors = stderr_lines(done)
    assert len(errors) == failed + 1
    assert errors[-1] == f"cleaner: {tmp_path / 'missing.jsonl'}: No such file or directory"


def test_jsonl_a_crash_inside_the_pipeline_keeps_the_record(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import Cleaner

    real_analyze = Cleaner.analyze  # (Cleaner.clean goes through it too)

    def flaky(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if "boom" in data:
            raise MemoryError("pretend")
        return real_analyze(self, data, **kwargs)

    monkeypatch.setattr(Cleaner, "analyze", flaky)
    lines = [json.dumps({"text": BODY_A}, ensure_ascii=False).encode("utf-8"),
             json.dumps({"id": 2, "text": "boom"}).encode(), json.dumps({"text": BODY_B}, ensure_ascii=False).encode("utf-8")]
    code, out, err = run_in_process(["--jsonl"], stdin=b"\n".join(lines) + b"\n")
    assert code == 1
    assert _check_records(lines, out) == 1
    assert json.loads(out.split(b"\n")[1]) == {"id": 2, "text": "boom",
                                                "cleaner_error": "cannot process: MemoryError: pretend"}
    assert err == "cleaner: <stdin>:2: cannot process: MemoryError: pretend\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_jsonl_from_a_named_pipe(tmp_path: Path) -> None:
    """`cleaner --jsonl <(zcat crawl.jsonl.gz)` reads a pipe by name: every record must arrive."""
    lines = [json.dumps({"id": i, "text": BODY_A}, ensure_ascii=False).encode("utf-8") for i in range(100)]
    fifo = tmp_path / "records"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as handle:
                handle.write(b"\n".join(lines) + b"\n")
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        done = subprocess.run([sys.executable, "-m", "cleaner", "--jsonl", str(fifo)],
                              capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:  # the writer thread is a daemon: nothing waits for it
        pytest.fail("cleaner --jsonl never finished reading a named pipe")
    assert done.returncode == 0, done.stderr
    assert _check_records(lines, done.stdout) == 0


@pytest.mark.parametrize("command", [[], ["learn", "-o", "site.profile"]], ids=["clean", "learn"])
def test_a_truncated_gzip_jsonl_input_keeps_what_was_read(tmp_path: Path, command: List[str]) -> None:
    """A .gz cut short mid-stream: its complete records are used, the cut is one line naming
    the file, exit 1, and the next input is still read."""
    records = [json.dumps({"text": f"{BODY_A} {i}", "url": f"https://a.example/{i}"}, ensure_ascii=False)
               for i in range(2_000)]
    whole = gzip.compress(("\n".join(records) + "\n").encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "next.jsonl").write_text(records[0] + "\n", encoding="utf-8")
    done = cleaner(*command, "--jsonl", "cut.jsonl.gz", "next.jsonl", cwd=tmp_path)
    lines = stderr_lines(done)
    assert done.returncode == 1
    failures = [line for line in lines if "cut.jsonl.gz" in line]
    assert len(failures) == 1 and "read failed" in failures[0], lines
    assert len(lines) == 1 or (command and lines[1].startswith("cleaner learn: ") and "pages" in lines[1])
    if not command:
        out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
        # the records before the cut, in order, then next.jsonl's
        assert 100 < len(out) - 1 < len(records)
        assert [r["url"] for r in out[:-1]] == [f"https://a.example/{i}" for i in range(len(out) - 1)]
        assert out[-1]["url"] == "https://a.example/0"
    else:
        pages = int(lines[1].split("cleaner learn: ")[1].split(" pages")[0])
        assert 100 < pages < len(records) + 1  # learned from the records before the cut, and next's

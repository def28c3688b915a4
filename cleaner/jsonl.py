"""JSONL records in, JSONL records out: the same count, in the same order, nothing dropped.

Each input line is one record (a JSON object). The text in `field` is cleaned and written back to
the same field, or to `output_field`; when the cleaned text is empty, a "cleaner_reason" field
says why. Every other field passes through (parsed and re-serialised:
same keys in the same order and the same values, though not necessarily the same bytes, e.g.
"\\u00e9" comes out as "é"). Blank lines stay blank lines, so output line N is always the record
of input line N.

When something fails, `on_error` (the CLI's --on-error) decides what the record becomes; every
failure is also reported, naming the file and line ("data.jsonl:12: ..."):

  mark   (default) the record keeps its text untouched and gets an error field
         ("cleaner_error": what failed); a separate output field is null. A line that is not a
         JSON object becomes {"cleaner_error": ..., "cleaner_raw": <the line as text>}.
  keep   the record passes through as it came (a separate output field gets the uncleaned text);
         a line that is not a JSON object is copied as it is. Only the report says it failed.
  empty  like mark, but the output field is "" (for pipelines that must never see uncleaned text).
  abort  stop at the first failure; the records before it have been written.

The work unit is a chunk of whole lines (`Chunk`), so worker processes (cleaner.workers) get
bytes and give bytes back: the parent process only reads, splits at newlines and writes.

>>> import json
>>> from cleaner import Cleaner
>>> page = json.dumps({"id": 7, "text": "메뉴\\n정부가 새 정책을 발표했다."}, ensure_ascii=False)
>>> out = process_chunk(Chunk("in.jsonl", 1, (page + "\\n{oops\\n").encode()), Cleaner(), RecordOptions())
>>> print(out.data.decode())
{"id": 7, "text": "정부가 새 정책을 발표했다."}
{"cleaner_error": "malformed JSON: Expecting property name enclosed in double quotes (column 2)", "cleaner_raw": "{oops"}
<BLANKLINE>
>>> out.records, out.errors
(2, ('in.jsonl:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)',))
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, Callable, Dict, Iterator, List, Optional, Tuple

from cleaner.decode import GZIP_MAGIC
from cleaner.workers import ordered_map, warm_up

ERROR_FIELD = "cleaner_error"
# Added to a record whose cleaned text is empty: why (Result.reason: "empty input", a listing
# page, furniture only).
REASON_FIELD = "cleaner_reason"
RAW_FIELD = "cleaner_raw"
ON_ERROR = ("mark", "keep", "empty", "abort")

# Lines are handed to workers in chunks of about this many bytes: big enough that pickling and
# the pipe cost nothing next to cleaning, small enough to keep both cores busy to the end and
# the memory in flight a few megabytes.
CHUNK_BYTES = 256 * 1024
# How much is read from the input at a time.
READ_BYTES = 1024 * 1024


@dataclass(frozen=True)
class RecordOptions:
    """How records are read and written (the CLI's --field, --output-field, --url-field, ...)."""

    field: str = "text"
    output_field: Optional[str] = None
    url_field: str = "url"
    site_field: Optional[str] = None
    on_error: str = "mark"

    def __post_init__(self) -> None:
        if self.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {', '.join(ON_ERROR)}; got {self.on_error!r}")

    @property
    def target(self) -> str:
        return self.output_field or self.field


@dataclass(frozen=True)
class Chunk:
    """Whole input lines: `data` starts at line `first_line` (1-based) of the input `name`."""

    name: str
    first_line: int
    data: bytes


@dataclass(frozen=True)
class ChunkResult:
    """The output lines of one chunk, the failures found in it, and what was read."""

    data: bytes
    records: int
    in_bytes: int
    errors: Tuple[str, ...] = ()
    aborted: bool = False


class RecordError(Exception):
    """A record that cannot be cleaned (its field is missing or not a string)."""


# --- reading ----------------------------------------------------------------------------------


def open_input(name: str) -> BinaryIO:
    """A binary stream for a file name ('-' is stdin); gzip is recognised by its magic bytes."""
    raw: BinaryIO = sys.stdin.buffer if name == "-" else open(name, "rb")
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
    return buffered


def iter_chunks(stream: BinaryIO, name: str, chunk_bytes: int = CHUNK_BYTES) -> Iterator[Chunk]:
    """Whole lines of `stream` in chunks of about `chunk_bytes`, streamed (never read whole).

    A final line without a newline still counts as a line. A line longer than a chunk is
    read until it ends (its own size is the only thing held). When reading fails, the whole
    lines read before are yielded, then the error is raised.

    >>> [(c.first_line, c.data) for c in iter_chunks(io.BytesIO(b"a\\nb\\nc"), "x", chunk_bytes=2)]
    [(1, b'a\\n'), (2, b'b\\n'), (3, b'c\\n')]
    """
    line = 1
    pending = b""
    # read1: at most one read of the source per call, so when a read fails (a .gz cut short)
    # everything decoded before it is already here, and its whole lines still go out
    read = getattr(stream, "read1", stream.read)
    while True:
        try:
            block = read(max(READ_BYTES, chunk_bytes))
        except (OSError, EOFError):
            cut = pending.rfind(b"\n")
            if cut >= 0:
                yield Chunk(name, line, pending[:cut + 1])
            raise
        if not block:
            break
        pending += block
        while len(pending) >= chunk_bytes:
            cut = pending.rfind(b"\n", 0, chunk_bytes)
            if cut < 0:
                cut = pending.find(b"\n", chunk_bytes)
                if cut < 0:
                    break  # a line longer than the chunk: read on until it ends
            data, pending = pending[:cut + 1], pending[cut + 1:]
            yield Chunk(name, line, data)
            line += data.count(b"\n")
    if pending:
        if not pending.endswith(b"\n"):
            pending += b"\n"
        yield Chunk(name, line, pending)


# --- one record -------------------------------------------------------------------------------


def process_chunk(chunk: Chunk, cleaner: Any, options: RecordOptions) -> ChunkResult:
    """Clean every record of a chunk (with `cleaner.analyze`, a Cleaner's); one output line per
    input line, in order."""
    out: List[bytes] = []
    errors: List[str] = []
    records = 0
    lines = chunk.data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for offset, raw in enumerate(lines):
        if not raw.strip():
            out.append(b"")
            continue
        records += 1
        line, error = process_line(raw, cleaner, options)
        if error is not None:
            errors.append(f"{display_name(chunk.name)}:{chunk.first_line + offset}: {error}")
            if options.on_error == "abort":
                return ChunkResult(_join(out), records - 1, len(chunk.data), tuple(errors), aborted=True)
        out.append(line)
    return ChunkResult(_join(out), records, len(chunk.data), tuple(errors))


class MalformedLine(ValueError):
    """An input line that is not a JSON object (the message says why)."""


def parse_line(raw: bytes) -> Dict[str, Any]:
    """One input line (without its newline) -> its record; MalformedLine if it is not one."""
    try:
        record = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise MalformedLine(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except ValueError as exc:
        raise MalformedLine(f"malformed JSON: {_json_error(exc)}") from None
    except RecursionError:
        raise MalformedLine("malformed JSON: nested too deeply to read") from None
    if not isinstance(record, dict):
        raise MalformedLine(f"not a JSON object ({_json_type(record)})")
    return record


def record_text(record: Dict[str, Any], options: RecordOptions) -> str:
    """The record's text field; RecordError if it is missing or not a string."""
    text = record.get(options.field)
    if not isinstance(text, str):
        if options.field not in record:
            raise RecordError(f"no field {options.field!r}")
        raise RecordError(f"field {options.field!r} is {_json_type(text)}, not a string")
    return text


def record_source(record: Dict[str, Any], options: RecordOptions) -> Tuple[Optional[str], Optional[str]]:
    """(the record's URL, its site field) as a Cleaner takes them: the site, when given, names the
    site directly; otherwise the URL's host does (`cleaner learn` reads records the same way)."""
    url = record.get(options.url_field)
    site = record.get(options.site_field) if options.site_field else None
    return (url if isinstance(url, str) else None), (None if site is None else str(site))


def process_line(raw: bytes, cleaner: Any, options: RecordOptions) -> Tuple[bytes, Optional[str]]:
    """One input line (without its newline) -> (output line, the failure or None)."""
    try:
        record = parse_line(raw)
    except MalformedLine as exc:
        return _malformed(raw, str(exc), options)
    try:
        text = record_text(record, options)
        url, site = record_source(record, options)
        result = cleaner.analyze(text, url=url, site=site)
    except Exception as exc:  # one bad record must not stop the others
        return _failed(record, raw, _exception_text(exc), options)
    record[options.target] = result.text
    if result.reason is not None:
        # An empty body is an answer, not a failure; the record says why it is empty, so a
        # pipeline can tell an empty page from a listing page or a page of furniture.
        record[REASON_FIELD] = result.reason
    return _dumps(record), None


def _failed(record: Dict[str, Any], raw: bytes, error: str, options: RecordOptions) -> Tuple[bytes, str]:
    if options.on_error == "keep":
        if options.output_field and options.output_field != options.field:
            record[options.output_field] = record.get(options.field)
            return _dumps(record), error
        return raw, error
    if options.output_field and options.output_field != options.field:
        record[options.output_field] = "" if options.on_error == "empty" else None
    elif options.on_error == "empty":
        record[options.field] = ""
    record[ERROR_FIELD] = error
    return _dumps(record), error


def _malformed(raw: bytes, error: str, options: RecordOptions) -> Tuple[bytes, str]:
    if options.on_error == "keep":
        return raw, error
    return _dumps({ERROR_FIELD: error, RAW_FIELD: raw.decode("utf-8", "backslashreplace")}), error


def _dumps(record: Dict[str, Any]) -> bytes:
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate ("\ud800" in the input) cannot be UTF-8: keep it as its JSON escape.
        return json.dumps(record, ensure_ascii=True).encode("ascii")


def _join(lines: List[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


def _json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (column {exc.colno})"
    return str(exc)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _exception_text(exc: BaseException) -> str:
    if isinstance(exc, RecordError):
        return str(exc)
    return f"cannot process: {type(exc).__name__}: {exc}"


# Control characters in a file name would break a message (or the JSON "source") in two.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(32), 127, 0x85)}
_ESCAPES.update({0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """Text for a one-line message: control characters and line separators as escapes.

    >>> one_line("a\\nb")
    'a\\\\x0ab'
    """
    return text.translate(_ESCAPES)


def display_name(name: str) -> str:
    """An input's name in messages and in JSON: one line of valid UTF-8, whatever the file is
    called (undecodable bytes of a file name are shown as \\xNN escapes); '-' is <stdin>."""
    if name == "-":
        return "<stdin>"
    return one_line(name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


# --- the whole stream -------------------------------------------------------------------------


@dataclass
class StreamStats:
    records: int = 0
    failures: int = 0
    aborted: bool = False


# The Cleaner and options of this process, installed once per worker (cleaner.workers).
_STATE: Dict[str, Any] = {}


def install(cleaner: Any, options: RecordOptions) -> None:
    _STATE["cleaner"], _STATE["options"] = cleaner, options


def process_installed(chunk: Chunk) -> ChunkResult:
    """process_chunk with the Cleaner and options `install` put in this process."""
    return process_chunk(chunk, _STATE["cleaner"], _STATE["options"])


def input_chunks(names: List[str], report: Callable[[str], None],
                 chunk_bytes: int = CHUNK_BYTES) -> Iterator[Chunk]:
    """The chunks of every input in turn ('-' is stdin). An input that cannot be opened, or
    read to its end (a truncated .gz), is reported in one line and the others go on; what was
    read of it before the error is kept."""
    for name in names:
        try:
            stream = open_input(name)
        except OSError as exc:
            report(f"{display_name(name)}: {exc.strerror or exc}")
            continue
        try:
            yield from iter_chunks(stream, name, chunk_bytes)
        except (OSError, EOFError) as exc:
            report(f"{display_name(name)}: read failed: {exc}")
        finally:
            if name != "-":
                stream.close()


def run_stream(names: List[str], cleaner: Any, options: RecordOptions, out: IO[bytes], *,
               jobs: int = 1, report: Optional[Callable[[str], None]] = None,
               progress: Any = None, chunk_bytes: int = CHUNK_BYTES) -> StreamStats:
    """Clean the JSONL inputs `names` ('-' is stdin) to `out`, in order, with `jobs` processes.

    Failures go to `report` one line each; a file that cannot be opened is reported and skipped.
    The output is byte-identical whatever `jobs` is.
    """

    if jobs > 1:
        warm_up(cleaner)
    report = report or (lambda message: print(f"cleaner: {message}", file=sys.stderr))
    stats = StreamStats()

    def failed(message: str) -> None:
        report(message)
        stats.failures += 1

    results = ordered_map(process_installed, input_chunks(names, failed, chunk_bytes), jobs=jobs,
                          initializer=install, initargs=(cleaner, options))
    try:
        for result in results:
            out.write(result.data)
            stats.records += result.records
            stats.failures += len(result.errors)
            for message in result.errors:
                report(message)
            if progress is not None:
                progress.update(result.records, result.in_bytes)
            if result.aborted:
                stats.aborted = True
                break
        out.flush()
    finally:
        results.close()
    return stats


def input_size(names: List[str]) -> Optional[int]:
    """Total bytes of the named inputs when all are plain files (for a progress bar's total)."""
    total = 0
    for name in names:
        if name == "-" or not os.path.isfile(name):
            return None  # stdin, a named pipe or a device: opening it here would eat its data
        try:
            with open(name, "rb") as handle:
                if handle.read(2) == GZIP_MAGIC:
                    return None  # progress counts decompressed bytes: no total to count against
            total += os.path.getsize(name)
        except OSError:
            return None
    return total

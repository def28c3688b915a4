"""The `cleaner` command: a filter that behaves like a good Unix tool.

Exit status: 0 every input was processed; 1 some input failed (each said on stderr in one line
naming it, the others still processed); 2 usage error; 130 interrupted.
"""
from __future__ import annotations

import argparse
import errno
import functools
import io
import json
import os
import sys
from typing import IO, List, Optional, Sequence, Tuple

from cleaner import Cleaner, __version__, templates
from cleaner.config import Config
from cleaner.decode import looks_binary
from cleaner.document import BODY, Result
from cleaner.jsonl import (MalformedLine, RecordError, RecordOptions, input_chunks, input_size, parse_line,
                           record_source, record_text, run_stream)
# Names in messages and JSON: one line whatever the file is called (the records' messages too).
from cleaner.jsonl import display_name as _display
from cleaner.jsonl import one_line as _one_line
from cleaner.pipeline import run
from cleaner.progress import progress_for
from cleaner.spacing import kiwi_backend  # kiwipiepy itself is loaded only when asked for
from cleaner.templates import DEFAULT_SITE, Learner, page_hashes, site_of
from cleaner.workers import available_cpus, ordered_map

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DESCRIPTION = """\
Turn scraped web pages (plain text or HTML, Korean first) into the text a reader keeps:
the headline, subheadings and paragraphs of the article, one block per line. Menus, tickers,
widget headers, teasers of other articles, bylines, copyright and share prompts are dropped,
and spaces that a narrow column's line wraps left inside words ("삼성전 자") are removed.
"""

EPILOG = """\
examples:
  cleaner page.html                      body text of one page
  curl -s URL | cleaner                  (cleaner itself never fetches anything)
  cleaner --explain page.txt             every block with KEEP/DROP and the reason
  cleaner --format json *.html > out.jsonl   one JSON object per document
  cleaner --no-boilerplate dump.txt      keep every line, only repair spacing
  cleaner -j 2 pages/*.html > bodies.txt     two worker processes, same output as -j 1
  cleaner --jsonl -j 0 crawl.jsonl > clean.jsonl   records: "text" cleaned, other fields kept
  cleaner learn --jsonl -o site.profile crawl.jsonl   first pass: learn site templates
  cleaner --jsonl --profile site.profile crawl.jsonl  second pass: drop them too

subcommand: `cleaner learn ...` (see `cleaner learn --help`) learns a site-template profile. It
is taken as the subcommand only when no file named "learn" exists; `cleaner ./learn` always
cleans such a file.

--on-error (records): mark (default) keep the text, add "cleaner_error"; keep: pass the record
through as it came; empty: output field "" plus "cleaner_error"; abort: stop at the first
failure. Every failure is said on stderr as FILE:LINE: reason. A line that is not a JSON object
is never dropped: it becomes {"cleaner_error": ..., "cleaner_raw": "<the line>"} (or is copied
as it is with keep). Blank lines stay, so output line N is input line N's record.

--format json writes one object per input, in order: an input that failed gets one too, with
empty "text" and an "error" field. A page with no body (an empty file, whitespace, a listing
page) is not a failure: its text is empty and "reason" says why (--explain: "# no body: ...";
--jsonl: a "cleaner_reason" field).

exit status: 0 ok, 1 some input failed (said on stderr; the rest was processed), 2 usage,
130 interrupted.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="input files (text, HTML, or .gz of either); none or '-' reads stdin")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: body blocks, one per line (default); json: one object per "
                             "document with text, blocks, labels, reasons, fixes and metadata")
    parser.add_argument("--explain", action="store_true",
                        help="print every input block as KEEP or DROP with its reasons, and each "
                             "spacing fix with its evidence (--format json objects always hold "
                             "all of it: with json, --explain changes nothing)")
    parser.add_argument("--no-boilerplate", action="store_true",
                        help="keep every line (same line count out as in): only normalise and "
                             "repair spacing")
    parser.add_argument("--no-spacing", action="store_true", help="do not repair spacing")
    parser.add_argument("--spacing", choices=("rules", "kiwi"), default="rules",
                        help="spacing engine: built-in rules (default) or kiwipiepy "
                             "(pip install 'webtext-cleaner[kiwi]'; slower, more recall)")
    parser.add_argument("--spacing-level", choices=("conservative", "balanced", "aggressive"),
                        default="balanced", help="how much evidence a space removal needs")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="input_format", action="store_const", const="html",
                      help="treat every input as HTML (default: detect)")
    kind.add_argument("--text", dest="input_format", action="store_const", const="text",
                      help="treat every input as plain text (default: detect)")
    scale = parser.add_argument_group("corpus scale")
    scale.add_argument("--jsonl", action="store_true",
                       help="inputs are JSONL records: one record out per record in, same order, "
                            "every other field passed through")
    scale.add_argument("--field", default="text", help="the records' text field (default: text)")
    scale.add_argument("--output-field", default=None, metavar="FIELD",
                       help="write the cleaned text to this field (default: replace --field)")
    scale.add_argument("--url-field", default="url", metavar="FIELD",
                       help="the records' URL field: page URL and, by its host, the site for "
                            "--profile (default: url)")
    scale.add_argument("--site-field", default=None, metavar="FIELD",
                       help="a field naming the record's site directly (instead of the URL host)")
    scale.add_argument("--on-error", choices=("mark", "keep", "empty", "abort"), default="mark",
                       help="what a record that fails becomes (see below; default: mark)")
    scale.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                       help="worker processes (0: one per CPU); the output is the same bytes as -j 1")
    scale.add_argument("--profile", default=None, metavar="FILE",
                       help="site-template profile from `cleaner learn`: lines it lists for the "
                            "page's site are dropped (reason template:FILE)")
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    return parser


def config_from_args(args: argparse.Namespace) -> Config:
    return Config(
        input_format=args.input_format or "auto",
        boilerplate=not args.no_boilerplate,
        spacing="off" if args.no_spacing else args.spacing,
        spacing_level=args.spacing_level,
        profile_path=args.profile,
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The `cleaner` command; returns the exit status. Ctrl-C anywhere exits 130, no traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


class _OutputError(Exception):
    """Writing the output failed (a full disk, a closed stream): nothing more can be written."""


def _main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["learn"] and not os.path.exists("learn"):
        return learn_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    try:
        config = config_from_args(args)
        cleaner = _cleaner_for(config, args)
    except (ValueError, OSError) as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if config.spacing == "kiwi":
        if not kiwi_backend.available():
            print(f"cleaner: {kiwi_backend.MISSING}", file=sys.stderr)
            return EXIT_USAGE
    out = _utf8_stdout()
    if out is None:  # started with stdout closed (`cleaner page.html >&-`)
        print("cleaner: <stdout>: standard output is closed", file=sys.stderr)
        return EXIT_INPUT_FAILED
    try:
        if args.jsonl:
            return _process_jsonl(args.files or ["-"], cleaner, args, out)
        return _process_files(args.files or ["-"], config, args, out)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK
    except _OutputError as exc:  # said once; what is still buffered cannot be written either
        print(exc, file=sys.stderr)
        _silence_broken_pipe()
        return EXIT_INPUT_FAILED


def _cleaner_for(config: Config, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The Cleaner (its profile read once, here, so a bad --profile is a usage error)."""

    if args.jobs < 0:
        raise ValueError("-j must be 0 (one per CPU) or more")
    if not args.jsonl and (args.output_field or args.site_field):
        raise ValueError("--output-field and --site-field apply to --jsonl records")
    if args.jsonl and (args.format != "text" or args.explain):
        raise ValueError("--format json and --explain apply to files, not --jsonl records")
    return Cleaner(config)


def _jobs(args: argparse.Namespace) -> int:
    return available_cpus() if args.jobs <= 0 else args.jobs


def _process_jsonl(names: List[str], cleaner, args: argparse.Namespace, out: IO[str]) -> int:  # type: ignore[no-untyped-def]
    """--jsonl: records in, records out (cleaner.jsonl), streamed through -j workers."""

    options = RecordOptions(field=args.field, output_field=args.output_field, url_field=args.url_field,
                            site_field=args.site_field, on_error=args.on_error)
    out.flush()
    # Records are written as the bytes the workers made; a text stream without a buffer (an
    # embedding program's) gets them decoded.
    sink = out.buffer if hasattr(out, "buffer") else _TextSink(out)
    with progress_for(total_bytes=input_size(names)) as bar:
        try:
            stats = run_stream(names, cleaner, options, sink, jobs=_jobs(args), progress=bar)
        except BrokenPipeError:
            raise
        except OSError as exc:  # inputs that cannot be read are reported by run_stream itself
            raise _OutputError(f"cleaner: <stdout>: cannot write the output: {_os_error_text(exc)}") from exc
    return EXIT_INPUT_FAILED if stats.failures or stats.aborted else EXIT_OK


class _TextSink:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, data: bytes) -> None:
        # --on-error keep copies a non-UTF-8 line as it came: only a byte stream can carry it.
        self.out.write(data.decode("utf-8", "replace"))

    def flush(self) -> None:
        self.out.flush()


def _process_files(names: List[str], config: Config, args: argparse.Namespace, out: IO[str]) -> int:
    """Each file one document; with -j N, N processes, results written in input order."""

    status = EXIT_OK
    # stdin is read here: a worker process does not share it.
    items = ((name, _read_stdin() if name == "-" else None) for name in names)
    results = ordered_map(functools.partial(_process_file, config=config, args=args), items,
                          jobs=_jobs(args))
    with progress_for() as bar:
        try:
            for name, (text, error, nbytes) in zip(names, results):
                if error is not None:
                    print(error, file=sys.stderr)
                    status = EXIT_INPUT_FAILED
                if text:
                    try:
                        out.write(text)
                        out.flush()
                    except BrokenPipeError:
                        raise
                    except OSError as exc:
                        raise _OutputError(f"cleaner: {_display(name)}: cannot write the output: "
                                           f"{_os_error_text(exc)}") from exc
                bar.update(1, nbytes)
        finally:
            results.close()
    return status


def _process_file(item: Tuple[str, Optional[bytes]], *, config: Config,
                  args: argparse.Namespace) -> Tuple[str, Optional[str], int]:
    """One file -> (its output, the failure said in one line or None, bytes read).

    An empty file is not a failure (an empty page is an answer in a pipeline): its Result has
    no text and the reason "empty input", as whitespace-only input has.
    """
    name, data = item
    if isinstance(data, OSError):
        return _failed(name, _os_error_text(data), 0, args)
    if data is None:
        try:
            data = _read_input(name)
        except OSError as exc:
            return _failed(name, _os_error_text(exc), 0, args)
    if looks_binary(data):
        return _failed(name, "binary file, not text", len(data), args)
    try:
        result = run(data, config)
    except Exception as exc:  # one bad document must not stop the others
        return _failed(name, f"cannot process: {type(exc).__name__}: {_one_line(str(exc))}",
                       len(data), args)
    buffer = io.StringIO()
    _write_result(result, name, args, buffer)
    return buffer.getvalue(), None, len(data)


def _failed(name: str, why: str, nbytes: int, args: argparse.Namespace) -> Tuple[str, str, int]:
    """A failed input: said on stderr; with --format json it still gets its one object (empty
    text, "error" saying what failed), so output object N is always input N."""
    output = ""
    if args.format == "json":
        record = Result(text="", blocks=(), fixes=(), reason="input failed").to_dict()
        record["source"] = _display(name)
        record["error"] = why
        output = json.dumps(record, ensure_ascii=False) + "\n"
    return output, f"cleaner: {_display(name)}: {why}", nbytes


def _read_stdin():  # type: ignore[no-untyped-def]
    try:
        return _read_input("-")
    except OSError as exc:  # reported in order, like any input that cannot be read
        return exc


def _read_input(name: str) -> bytes:
    if name == "-":
        if sys.stdin is None:  # started with stdin closed (`cleaner <&-`)
            raise OSError(errno.EBADF, "standard input is closed")
        return sys.stdin.buffer.read()
    if os.path.isdir(name):
        raise IsADirectoryError(errno.EISDIR, "is a directory", name)
    with open(name, "rb") as handle:
        return handle.read()


def _write_result(result: Result, name: str, args: argparse.Namespace, out: IO[str]) -> None:
    if args.format == "json":
        record = result.to_dict()
        record["source"] = _display(name)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif args.explain:
        out.write(explain(result, _display(name)))
    elif result.text:
        # --no-boilerplate text keeps the input's final newline; every output line ends with one.
        out.write(result.text if result.text.endswith("\n") else result.text + "\n")


def explain(result: Result, name: str) -> str:
    """Human-readable decisions: one line per block, fixes indented under their block."""
    lines = [f"# {name}"]
    if result.reason:
        lines.append(f"# no body: {result.reason}")
    fixes_by_block: dict = {}
    for fix in result.fixes:
        fixes_by_block.setdefault(fix.block, []).append(fix)
    for block in result.blocks:
        verdict = "KEEP" if block.label == BODY else "DROP"
        why = ", ".join(block.reasons) or "-"
        lines.append(f"{verdict} [{why}] {block.text}")
        for fix in fixes_by_block.get(block.index, []):
            lines.append(f"     fix @{fix.offset}: {fix.before!r} -> {fix.after!r} "
                         f"({', '.join(fix.evidence)})")
    return "\n".join(lines) + "\n"


def _utf8_stdout() -> IO[str]:
    """stdout as UTF-8 whatever the locale (a C locale would otherwise fail on Hangul)."""
    stream = sys.stdout
    if hasattr(stream, "reconfigure"):
        try:
            stream.reconfigure(encoding="utf-8", errors="strict")  # type: ignore[attr-defined]
        except (ValueError, OSError):
            pass
    return stream


def _silence_broken_pipe() -> None:
    """After EPIPE (e.g. `cleaner x | head`), make interpreter shutdown quiet too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _os_error_text(exc: OSError) -> str:
    return exc.strerror or str(exc)


# --- `cleaner learn` --------------------------------------------------------------------------

LEARN_DESCRIPTION = """\
First pass over a corpus: find the lines that recur across many pages of one site (menus,
footers, section labels, share prompts, whatever they say) and write them to a small profile
file. The second pass applies it: `cleaner --profile FILE ...` drops those lines, naming the
profile as the reason. Only 64-bit hashes of normalised lines are stored, never text, and memory
is bounded (--max-sites x --max-lines counters).

A page's site is the host of its URL (--url-field, default "url") or the value of --site-field.
Plain files (without --jsonl) are the pages of one site, which the profile then applies to every
page whose site is unknown.
"""

LEARN_EPILOG = """\
examples:
  cleaner learn --jsonl -o news.profile crawl.jsonl     learn from records with a "url" field
  cleaner --jsonl --profile news.profile crawl.jsonl    apply it
  cleaner learn -o site.profile pages/*.txt             plain files: pages of one site
  cleaner --profile site.profile pages/a.txt

A file literally named "learn" is cleaned, not taken as this command: `cleaner learn` is the
command only when no file of that name exists (write ./learn to be explicit).

exit status: 0 ok, 1 some input failed (said on stderr; the profile is still written), 2 usage,
130 interrupted.
"""


def build_learn_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner learn", description=LEARN_DESCRIPTION,
                                     epilog=LEARN_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="pages (or JSONL with --jsonl); none or '-' reads stdin")
    parser.add_argument("-o", "--output", required=True, metavar="PROFILE",
                        help="the profile file to write")
    parser.add_argument("--jsonl", action="store_true", help="inputs are JSONL records")
    parser.add_argument("--field", default="text", help="the records' text field (default: text)")
    parser.add_argument("--url-field", default="url",
                        help="the records' URL field; the site is its host (default: url)")
    parser.add_argument("--site-field", default=None,
                        help="a records' field naming the site directly (instead of the URL's host)")
    parser.add_argument("--min-pages", type=int, default=templates.MIN_TEMPLATE_PAGES,
                        help="a template line is on at least this many pages "
                             f"(default: {templates.MIN_TEMPLATE_PAGES})")
    parser.add_argument("--min-share", type=float, default=templates.MIN_TEMPLATE_SHARE,
                        help="... and on at least this share of its site's pages "
                             f"(default: {templates.MIN_TEMPLATE_SHARE})")
    parser.add_argument("--max-sites", type=int, default=templates.MAX_SITES,
                        help=f"sites counted at once; the smallest give way (default: {templates.MAX_SITES})")
    parser.add_argument("--max-lines", type=int, default=templates.MAX_LINES_PER_SITE,
                        help=f"line counters per site (default: {templates.MAX_LINES_PER_SITE})")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="worker processes splitting pages into lines (0: one per CPU)")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="input_format", action="store_const", const="html",
                      help="treat every page as HTML (default: detect)")
    kind.add_argument("--text", dest="input_format", action="store_const", const="text",
                      help="treat every page as plain text (default: detect)")
    return parser


# One page's work in `cleaner learn`: (site, its sorted block hashes) per page, the failures
# said in one line each, pages, bytes read.
LearnedChunk = Tuple[List[Tuple[str, Tuple[int, ...]]], Tuple[str, ...], int, int]

# The Config and record options of this process's learn workers (installed once per worker,
# as cleaner.jsonl installs the Cleaner of `--jsonl` workers).
_LEARN_STATE: dict = {}


def _install_learn(config: Config, options) -> None:  # type: ignore[no-untyped-def]
    _LEARN_STATE["config"], _LEARN_STATE["options"] = config, options


def _page_hashes(data, config: Config) -> Tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(sorted(page_hashes(data, config)))


def _learn_chunk(chunk) -> LearnedChunk:  # type: ignore[no-untyped-def]
    """One JSONL chunk, its records read as `cleaner --jsonl` reads them (cleaner.jsonl)."""

    config, options = _LEARN_STATE["config"], _LEARN_STATE["options"]
    pages: List[Tuple[str, Tuple[int, ...]]] = []
    errors: List[str] = []
    for offset, raw in enumerate(chunk.data.split(b"\n")[:-1]):
        if not raw.strip():
            continue
        where = f"{_display(chunk.name)}:{chunk.first_line + offset}"
        try:
            record = parse_line(raw)
            text = record_text(record, options)
        except (MalformedLine, RecordError) as exc:
            errors.append(f"{where}: {exc}")
            continue
        url, site = record_source(record, options)
        try:
            pages.append((site_of(url) if site is None else site, _page_hashes(text, config)))
        except Exception as exc:  # one bad page must not stop the pass
            errors.append(f"{where}: cannot process: {type(exc).__name__}: {_one_line(str(exc))}")
    return pages, tuple(errors), len(pages), len(chunk.data)


def _learn_file(name: str) -> LearnedChunk:
    """One plain page file ('-' is stdin, read by the parent) -> its block hashes, site unknown."""

    try:
        data = _read_input(name)
        hashes = _page_hashes(data, _LEARN_STATE["config"])
    except OSError as exc:
        return [], (f"{_display(name)}: {_os_error_text(exc)}",), 0, 0
    except Exception as exc:  # one bad page must not stop the pass
        return [], (f"{_display(name)}: cannot process: {type(exc).__name__}: {_one_line(str(exc))}",), 0, 0
    return [(DEFAULT_SITE, hashes)], (), 1, len(data)


def learn_main(argv: List[str]) -> int:
    """`cleaner learn ...`: exit 0 ok, 1 some input failed (the profile is still written), 2 usage,
    130 interrupted."""
    try:
        return _learn(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _learn(argv: List[str]) -> int:
    parser = build_learn_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        learner = Learner(min_pages=args.min_pages, min_share=args.min_share,
                          max_lines=args.max_lines, max_sites=args.max_sites)
    except ValueError as exc:
        print(f"cleaner learn: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = Config(input_format=args.input_format or "auto")
    options = RecordOptions(field=args.field, url_field=args.url_field, site_field=args.site_field)
    names = args.files or ["-"]
    failures = 0

    def report(message: str) -> None:
        nonlocal failures
        failures += 1
        print(f"cleaner learn: {message}", file=sys.stderr)

    jobs = _jobs(args)
    if args.jsonl:
        results = ordered_map(_learn_chunk, input_chunks(names, report), jobs=jobs,
                              initializer=_install_learn, initargs=(config, options))
    else:
        if "-" in names:  # stdin is read here: a worker process does not share it
            _install_learn(config, options)
            pages, errors, _, _ = _learn_file("-")
            for site, hashes in pages:
                learner.add_hashes(site, hashes)
            for message in errors:
                report(message)
            names = [n for n in names if n != "-"]
        results = ordered_map(_learn_file, names, jobs=jobs, initializer=_install_learn,
                              initargs=(config, options))
    with progress_for(desc="cleaner learn") as bar:
        try:
            for pages, errors, count, nbytes in results:
                for site, hashes in pages:
                    learner.add_hashes(site, hashes)
                for message in errors:
                    report(message)
                bar.update(count, nbytes)
        finally:
            results.close()
    profile = learner.profile(os.path.basename(args.output))
    try:
        profile.save(args.output)
    except OSError as exc:
        print(f"cleaner learn: {_display(args.output)}: {_os_error_text(exc)}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    lines = sum(len(entry.hashes) for entry in profile.sites.values())
    print(f"cleaner learn: {learner.pages} pages, {len(profile.sites)} sites with template lines, "
          f"{lines} lines -> {_display(args.output)}", file=sys.stderr)
    return EXIT_INPUT_FAILED if failures else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())

"""The `cleaner` command: a filter that behaves like a good Unix tool.

Exit status: 0 every input was processed; 1 some input failed (each said on stderr in one line
naming it, the others still processed); 2 usage error; 130 interrupted.
"""
from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
from typing import IO, Iterable, List, Optional, Sequence

from cleaner import __version__
from cleaner.config import Config
from cleaner.document import BODY, Result
from cleaner.pipeline import run

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
                             "spacing fix with its evidence")
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
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    return parser


def config_from_args(args: argparse.Namespace) -> Config:
    return Config(
        input_format=args.input_format or "auto",
        boilerplate=not args.no_boilerplate,
        spacing="off" if args.no_spacing else args.spacing,
        spacing_level=args.spacing_level,
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    out = _utf8_stdout()
    try:
        return _process_files(args.files or ["-"], config, args, out)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK


def _process_files(names: List[str], config: Config, args: argparse.Namespace, out: IO[str]) -> int:
    status = EXIT_OK
    for name in names:
        try:
            data = _read_input(name)
        except OSError as exc:
            print(f"cleaner: {_display(name)}: {_os_error_text(exc)}", file=sys.stderr)
            status = EXIT_INPUT_FAILED
            continue
        try:
            result = run(data, config)
        except Exception as exc:  # one bad document must not stop the others
            print(f"cleaner: {_display(name)}: cannot process: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            status = EXIT_INPUT_FAILED
            continue
        _write_result(result, name, args, out)
        out.flush()
    return status


def _read_input(name: str) -> bytes:
    if name == "-":
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
        out.write(result.text + "\n")


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


def _display(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _os_error_text(exc: OSError) -> str:
    return exc.strerror or str(exc)


if __name__ == "__main__":
    raise SystemExit(main())

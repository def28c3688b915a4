"""The CLI run in this process, for tests that call it thousands of times (a subprocess each
would be far too slow): cleaner.cli.main with stdin, stdout and stderr swapped for memory."""
from __future__ import annotations

import io
import sys
from typing import Sequence, Tuple

from cleaner import cli


def run_in_process(argv: Sequence[str], stdin: bytes = b"") -> Tuple[int, bytes, str]:
    """(exit code, stdout bytes, stderr text) of `cleaner ARGV` reading `stdin`."""
    saved = sys.stdin, sys.stdout, sys.stderr
    out = io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.StringIO()
    try:
        code = cli.main(list(argv))
        sys.stdout.flush()
        return code, out.getvalue(), sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved

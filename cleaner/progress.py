"""Progress on stderr (documents/s and MB/s), only when stderr is a terminal.

A filter's stderr is for people: when it is a file or a pipe (a batch job, a test), nothing is
written, so logs stay clean. tqdm draws the bar when it is installed (the `progress` extra; it is
imported only when a bar is shown); otherwise one line is rewritten in place.

>>> import io
>>> bar = progress_for(io.StringIO())   # not a terminal: a bar that does nothing
>>> bar.update(10, 2048); bar.close(); bar.docs
10
"""
from __future__ import annotations

import sys
import time
from typing import IO, Any, Optional

# Redraw at most this often (seconds): drawing is cheap, but not free at 10,000 documents/s.
REFRESH_SECONDS = 0.5

_MB = 1024 * 1024


class Progress:
    """Counts documents and bytes; subclasses show them."""

    def __init__(self) -> None:
        self.docs = 0
        self.bytes = 0
        self.started = time.monotonic()

    def update(self, docs: int, nbytes: int) -> None:
        self.docs += docs
        self.bytes += nbytes

    def close(self) -> None:
        pass

    def rates(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (f"{self.docs:,} docs, {self.docs / elapsed:,.0f} docs/s, "
                f"{self.bytes / _MB / elapsed:,.1f} MB/s")

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _TqdmProgress(Progress):
    def __init__(self, stream: IO[str], total_bytes: Optional[int], desc: str) -> None:
        super().__init__()
        from tqdm import tqdm  # lazily: only a terminal user sees it

        class _Bar(tqdm):  # type: ignore[misc,valid-type]
            # No monitor thread: worker processes are forked while the bar is up (workers.py).
            monitor_interval = 0

        self._bar = _Bar(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1024,
                         desc=desc, file=stream, mininterval=REFRESH_SECONDS, leave=True)
        self._last = 0.0

    def update(self, docs: int, nbytes: int) -> None:
        super().update(docs, nbytes)
        self._bar.update(nbytes)
        now = time.monotonic()
        if now - self._last >= REFRESH_SECONDS:
            self._last = now
            elapsed = max(now - self.started, 1e-9)
            self._bar.set_postfix_str(f"{self.docs:,} docs, {self.docs / elapsed:,.0f} docs/s",
                                      refresh=False)

    def close(self) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self._bar.set_postfix_str(f"{self.docs:,} docs, {self.docs / elapsed:,.0f} docs/s", refresh=False)
        self._bar.close()


class _LineProgress(Progress):
    """Without tqdm: one status line, rewritten in place."""

    def __init__(self, stream: IO[str], desc: str) -> None:
        super().__init__()
        self._stream = stream
        self._desc = desc
        self._last = 0.0

    def update(self, docs: int, nbytes: int) -> None:
        super().update(docs, nbytes)
        now = time.monotonic()
        if now - self._last >= REFRESH_SECONDS:
            self._last = now
            self._stream.write(f"\r{self._desc}: {self.rates()}")
            self._stream.flush()

    def close(self) -> None:
        self._stream.write(f"\r{self._desc}: {self.rates()}\n")
        self._stream.flush()


def progress_for(stream: Optional[IO[str]] = None, *, total_bytes: Optional[int] = None,
                 desc: str = "cleaner", enabled: Optional[bool] = None) -> Progress:
    """A progress display on `stream` (stderr), shown only when it is a terminal."""
    stream = stream if stream is not None else sys.stderr
    if enabled is None:
        try:
            enabled = stream.isatty()
        except (AttributeError, ValueError):
            enabled = False
    if not enabled:
        return Progress()
    try:
        return _TqdmProgress(stream, total_bytes, desc)
    except ImportError:
        return _LineProgress(stream, desc)

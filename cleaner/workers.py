"""`-j N`: an order-preserving, streaming process pool with a bounded number of tasks in flight.

`multiprocessing.Pool.imap` keeps order but its feeder thread reads the whole input ahead of the
workers, so memory grows with the input. `ordered_map` submits at most `max_in_flight` tasks,
waits for the *oldest* before submitting the next, and yields results in submission order: the
input is pulled only as fast as results are written, memory stays at a few tasks, and the output
is the same bytes for any number of workers (each task is a pure function of its input).

With jobs=1 nothing is spawned: the same function runs in this process, after the same
initializer, so `-j 1` is exactly the serial path.

>>> list(ordered_map(abs, iter([-3, 1, -2]), jobs=1))
[3, 1, 2]
"""
from __future__ import annotations

import os
import signal
import sys
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, Generator, Iterable, Optional, Tuple, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future
# multiprocessing and concurrent.futures are imported when workers start (-j N): a run in one
# process, the usual one, does not pay for them at start-up (issue 15).

T = TypeVar("T")
R = TypeVar("R")

# Tasks in flight per worker: one being worked on and one queued, so a worker never waits for
# the parent to read the next chunk, and no more than that is held in memory.
IN_FLIGHT_PER_WORKER = 2


def available_cpus() -> int:
    """CPUs this process may run on (what -j 0 means)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# A page that takes every lazy load of the plain-text path (rule patterns, spacing lexicons).
_WARM_UP_PAGE = "메뉴\n정부가 새 정책을 발표했 다. 시행은 내년 부터다.\n무단 전재 및 재배포 금지"


def warm_up(cleaner: Any) -> None:
    """Run the cleaner once in this process before forking workers.

    Forked workers inherit what is already compiled and loaded, instead of each paying for it
    again on its first document (which costs a short run a fifth of its CPU time).
    """
    try:
        cleaner.clean(_WARM_UP_PAGE)
    except Exception:  # a warm-up must never stop the real run; the error will show there
        pass


def _context() -> Any:
    # "fork" on Linux: workers start in milliseconds with cleaner already imported, and nothing
    # depends on how the main module was started (spawn and forkserver re-run it, which fails
    # for `python -` and costs an import per worker). ProcessPoolExecutor forks every worker
    # before it starts its own thread, and our progress bar runs no thread (progress.py), so no
    # lock is held across the fork. "spawn" elsewhere (fork is unsafe on macOS).
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker_init(initializer: Optional[Callable[..., Any]], initargs: Tuple[Any, ...]) -> None:
    # Ctrl-C goes to the whole process group: the parent stops the pool and says so once,
    # instead of every worker printing its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def ordered_map(func: Callable[[T], R], items: Iterable[T], *, jobs: int = 1,
                initializer: Optional[Callable[..., Any]] = None, initargs: Tuple[Any, ...] = (),
                max_in_flight: Optional[int] = None) -> Generator[R, None, None]:
    """func(item) for every item, in order, computed by `jobs` worker processes.

    `func`, `initializer` and `initargs` must pickle (module-level functions). An exception
    raised by `func` is raised here, at its item's turn. Closing the generator early (an abort, a
    broken pipe) cancels what is queued and stops the workers.
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield func(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    limit = max_in_flight or IN_FLIGHT_PER_WORKER * jobs
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(),
                                   initializer=_worker_init, initargs=(initializer, initargs))
    pending: Deque[Future] = deque()
    try:
        for item in items:
            pending.append(executor.submit(func, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)

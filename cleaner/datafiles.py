"""The package's data files, cleaner/data/<lang>/<name>: one loader for every stage, and one
cache for what is worked out from them.

Rules (cleaner.rules) and word lists (cleaner.spacing.lexicon) are commented text files, read
through the package's resources so they load from a wheel or a zip as from a checkout.

>>> next(data_entries("ko/widget_header.txt")).startswith("#")
False
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, List, TypeVar, Union

T = TypeVar("T")


def read_data(path: str) -> str:
    """The text of one data file, by its path under cleaner/data ("ko/widget_header.txt")."""
    return resources.files("cleaner").joinpath(f"data/{path}").read_text(encoding="utf-8")


def data_entries(path: str) -> Iterator[str]:
    """The entries of one data file: its lines, stripped, without blank lines and `#` comments."""
    for line in read_data(path).splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped


@lru_cache(maxsize=None)
def data_digest(path: str) -> str:
    """A digest of one data file's text: what a table built from it is kept under (`cached`).

    >>> data_digest("ko/widget_header.txt") == data_digest("ko/widget_header.txt") != data_digest("ko/byline.txt")
    True
    """
    return hashlib.sha256(read_data(path).encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def code_digest(path: str) -> str:
    """A digest of one module's source file (pass its __file__): the code that builds a table
    belongs in the table's key. Empty when the source cannot be read (a zip import)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def cache_sources(data_paths: Iterable[str], *code: str) -> List[str]:
    """What a table built from these data files by this code (the modules' __file__) is kept
    under in the user cache (`cached`): the files' digests and the modules' sources, this one's
    included (it reads the entries)."""
    return [code_digest(path) for path in (__file__, *code)] + [data_digest(path) for path in data_paths]


def cache_dir() -> Path:
    """$CLEANER_CACHE_DIR, else the user cache directory (XDG_CACHE_HOME, ~/.cache)."""
    if os.environ.get("CLEANER_CACHE_DIR"):
        return Path(os.environ["CLEANER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "webtext-cleaner"


def cached(name: str, sources: Iterable[Union[str, bytes]], build: Callable[[], Any],
           revive: Callable[[Any], T] = lambda value: value) -> T:
    """revive(build()), where what build() returned may have been kept by an earlier process in
    the user cache directory.

    Some tables take tens of milliseconds to work out from the data files (the rules' required
    literals, the spacing lexicon's sets), most of a short run's start, and every process would
    work them out again. build() returns the table as JSON data (lists, str-keyed dicts,
    strings, numbers, None): a safe format to read back, where a pickle or marshal could run or
    crash on a tampered file. revive() turns that into what the caller uses (sets, tuples), and
    runs on a fresh table too, after a round trip through JSON: a run with an empty cache and a
    run with a full one see the same values. The kept copy is keyed by everything it was made
    from: `sources` (the data files' digests and the code that builds the table), so an edited
    data file or a new release is never served an old table. The cache is never required: a
    directory that cannot be read or written, or a damaged file, costs only the time of build().

    >>> import tempfile
    >>> os.environ["CLEANER_CACHE_DIR"] = tempfile.mkdtemp()
    >>> sets = cached("example", ["a source"], lambda: {"word": ["b", "a"]}, lambda t: {k: frozenset(v) for k, v in t.items()})
    >>> sets == {"word": frozenset({"a", "b"})}
    True
    >>> cached("example", ["a source"], lambda: "not built again") == {"word": ["b", "a"]}  # kept from the first call
    True
    >>> cached("example", ["another source"], lambda: (1, None))  # another key; tuples come back as lists
    [1, None]
    >>> del os.environ["CLEANER_CACHE_DIR"]
    """
    digest = hashlib.sha256(name.encode("utf-8"))
    for source in sources:
        data = source.encode("utf-8") if isinstance(source, str) else source
        digest.update(len(data).to_bytes(8, "little") + data)
    path = cache_dir() / f"{name}-{digest.hexdigest()[:32]}.json"
    try:
        return revive(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        pass  # none kept, or not what this code keeps: built again
    text = json.dumps(build(), ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)  # atomic: a reader sees the whole file or none
        for stale in path.parent.glob(f"{name}-*.json"):  # made by other versions of the code or data
            if stale != path:
                stale.unlink()
    except OSError:
        pass
    return revive(json.loads(text))

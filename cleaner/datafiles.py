"""The package's data files, cleaner/data/<lang>/<name>: one loader for every stage.

Rules (cleaner.rules) and word lists (cleaner.spacing.lexicon) are commented text files, read
through the package's resources so they load from a wheel or a zip as from a checkout.

>>> next(data_entries("ko/widget_header.txt")).startswith("#")
False
"""
from __future__ import annotations

from importlib import resources
from typing import Iterator


def read_data(path: str) -> str:
    """The text of one data file, by its path under cleaner/data ("ko/widget_header.txt")."""
    return resources.files("cleaner").joinpath(f"data/{path}").read_text(encoding="utf-8")


def data_entries(path: str) -> Iterator[str]:
    """The entries of one data file: its lines, stripped, without blank lines and `#` comments."""
    for line in read_data(path).splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped

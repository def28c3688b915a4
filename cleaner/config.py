"""One frozen Config: every documented threshold and switch, with its default.

The defaults are the named constants at the top of each stage's module (as jusText does), so
the number and the reason for it live next to the code that uses it; Config only gathers them
so a caller can override any of them in one place:

>>> from cleaner import Config
>>> Config().spacing
'rules'
>>> Config(spacing="off").with_(boilerplate=False).boilerplate
False

A Config is immutable, hashable, picklable and compares by value, so a Cleaner built from it can
be shipped to worker processes and used as a cache key (HF datasets fingerprints it).
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Optional

from cleaner import classify as _classify

INPUT_FORMATS = ("auto", "text", "html")
SPACING_MODES = ("rules", "kiwi", "off")
SPACING_LEVELS = ("conservative", "balanced", "aggressive")


@dataclass(frozen=True)
class Config:
    # --- what the input is ------------------------------------------------------------------
    input_format: str = "auto"
    """"auto" sniffs HTML against plain text; "text" and "html" force one path."""

    # --- boilerplate --------------------------------------------------------------------------
    boilerplate: bool = True
    """False keeps every line (same line count out as in): only normalise and repair."""

    min_body_chars: int = _classify.MIN_BODY_CHARS
    """A block shorter than this (letters, no spaces) needs a sentence ending to count as prose."""

    min_prose_chars: int = _classify.MIN_PROSE_CHARS
    """A block at least this long (letters) reads as prose even without a sentence ending."""

    # --- spacing repair ----------------------------------------------------------------------
    spacing: str = "rules"
    """"rules" (built-in evidence), "kiwi" (kiwipiepy removals, optional extra) or "off"."""

    spacing_level: str = "balanced"
    """How much evidence a removal needs (cleaner.spacing.LEVELS gives, per level, the line-break
    probability that strong, reliable and other word evidence each require):
    "conservative": only strong evidence (an orphan particle/ending, an open stem, the joined form
    used elsewhere in the document) at a probable line break; other word evidence only at a known
    break (hard-wrapped input). "balanced" (default): also reliable word evidence (derivation,
    particle, copula, a numeral's unit or ordinal prefix) at a likely break, and any word evidence where the column's periodicity is
    sure of a break. "aggressive": word evidence at any likely break: more recall, several times
    the damage to the author's spaces."""

    # --- HTML ---------------------------------------------------------------------------------
    html_favor: str = "precision"
    """trafilatura's bias when finding the main column: "precision", "recall" or "balanced"."""

    # --- corpus level -------------------------------------------------------------------------
    profile_path: Optional[str] = None
    """A site-template profile written by `cleaner learn`; lines it knows as template are dropped."""

    def __post_init__(self) -> None:
        _check_choice("input_format", self.input_format, INPUT_FORMATS)
        _check_choice("spacing", self.spacing, SPACING_MODES)
        _check_choice("spacing_level", self.spacing_level, SPACING_LEVELS)
        _check_choice("html_favor", self.html_favor, ("precision", "recall", "balanced"))

    def with_(self, **changes: object) -> "Config":
        """A copy with some fields changed (the original stays as it was)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def fingerprint(self) -> str:
        """A digest of every field, the same in every process (for caches and job names)."""
        values = tuple(getattr(self, f.name) for f in dataclasses.fields(self))  # astuple deep-copies
        return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=16).hexdigest()

    def __hash__(self) -> int:
        # The generated hash mixes str fields, which PYTHONHASHSEED salts per process; worker
        # processes and cluster executors must agree on it, so hash the stable fingerprint.
        return int(self.fingerprint[:16], 16)


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"Config.{name} must be one of {', '.join(choices)}; got {value!r}")

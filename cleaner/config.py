"""One frozen Config: the switches and thresholds a caller may change, with their defaults.

Exactly these are options: the fields below, and nothing else. Every stage reads them from the
Config it is given, never from a constant of its own (the defaults of the two classifier
thresholds live here, MIN_PROSE_CHARS and MIN_BODY_CHARS, not in cleaner.classify).

The other numbers in the package (about 130 module constants: the classifier's context-pass
weights, the HTML stage's retry and listing thresholds, the spacing evidence's probabilities,
the template learner's counts ...) are measured settings, not options: each stands next to the
code that uses it with the measurement that chose it, and changing one is a change to the code,
judged by the benchmarks, not a call-time choice.

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

# A block with this many letters or more reads as prose even without a sentence ending.
# Korean news paragraphs are rarely under 40 syllables; menus and labels rarely over 30.
MIN_PROSE_CHARS = 40
# A block with a sentence ending needs at least this many letters to count as prose
# ("네." or "Yes." is not a paragraph).
MIN_BODY_CHARS = 10

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

    min_body_chars: int = MIN_BODY_CHARS
    """A block needs at least this many letters (no spaces) to count as prose with a sentence
    ending; a shorter one right above a photo credit is that photo's caption."""

    min_prose_chars: int = MIN_PROSE_CHARS
    """A block at least this long (letters) reads as prose even without a sentence ending; a
    box's link list ends at the first block this long with a sentence ending."""

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

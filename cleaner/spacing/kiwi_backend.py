"""`--spacing kiwi`: kiwipiepy's spacer proposes, the vetoes dispose, and only removals count.

Kiwi's `space()` (space_tolerance=1) re-spaces a whole paragraph with its morphological
analyser: it finds breaks that no word list knows, at about a twentieth of the rules' speed.
Left free it also inserts spaces into compounds ("제3조제2항"), so we keep only the spaces it
removes, and drop those our vetoes forbid. kiwipiepy is an optional extra
(`pip install 'webtext-cleaner[kiwi]'`), imported only when this backend is asked for.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

from cleaner.spacing.candidates import candidates
from cleaner.spacing.vetoes import text_tokens, veto

# Kiwi's own setting: how many spaces it may disagree with per word before it re-spaces.
SPACE_TOLERANCE = 1
MISSING = "--spacing kiwi needs kiwipiepy: pip install 'webtext-cleaner[kiwi]'"


def available() -> bool:
    """Whether kiwipiepy can be imported (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("kiwipiepy") is not None


@lru_cache(maxsize=1)
def _kiwi():
    try:
        from kiwipiepy import Kiwi
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(MISSING) from exc
    kiwi = Kiwi()
    config = getattr(kiwi, "global_config", None)  # kiwipiepy >= 0.22; older ones set it directly
    if config is not None and hasattr(config, "space_tolerance"):
        config.space_tolerance = SPACE_TOLERANCE
    else:  # pragma: no cover
        kiwi.space_tolerance = SPACE_TOLERANCE
    return kiwi


def kiwi_removals(texts: Sequence[str]) -> List[Dict[int, Tuple[str, ...]]]:
    """For each text: {offset of a space Kiwi removes and no veto protects: ("kiwi",)}."""
    kiwi = _kiwi()
    out = []
    for text in texts:
        respaced = kiwi.space(text, reset_whitespace=False)
        kept = _space_positions(respaced)
        tokens = text_tokens(text)
        removals: Dict[int, Tuple[str, ...]] = {}
        seen = 0
        by_offset = {c.offset: c for c in candidates(text)}
        for i, char in enumerate(text):
            if char.isspace():
                if seen not in kept and i in by_offset and not veto(by_offset[i], tokens):
                    removals[i] = ("kiwi",)
            else:
                seen += 1
        out.append(removals)
    return out


def _space_positions(text: str) -> set:
    """Spaces indexed by the number of non-space characters before them."""
    positions, seen = set(), 0
    for char in text:
        if char.isspace():
            positions.add(seen)
        else:
            seen += 1
    return positions

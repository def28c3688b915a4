"""Optional integrations with data-pipeline frameworks, each imported only when asked for.

`import cleaner` never imports a framework; `from cleaner.integrations.datatrove import
CleanerFilter` (or `cleaner.integrations.CleanerFilter`) imports datatrove then
(pip install 'webtext-cleaner[datatrove]').
"""
from __future__ import annotations

from typing import Any

_LAZY = {"CleanerFormatter": "datatrove", "CleanerFilter": "datatrove"}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

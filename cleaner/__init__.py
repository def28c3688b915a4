"""cleaner: turn scraped web documents into the text a reader would keep, and say why.

>>> from cleaner import clean
>>> print(clean("메뉴\\n정치\\n정부가 새 정책을 발표했다. 시행은 내년부터다.\\n무단 전재 및 재배포 금지"))
정부가 새 정책을 발표했다. 시행은 내년부터다.
"""
from __future__ import annotations

from typing import Optional

from cleaner.config import Config
from cleaner.document import Block, Fix, Result
from cleaner.pipeline import Input, run

__all__ = ["clean", "analyze", "Cleaner", "Config", "Result", "Block", "Fix"]
__version__ = "0.1.0"


class Cleaner:
    """A reusable cleaner for one Config: picklable, thread-safe (it holds no mutable state).

    Two Cleaners with equal Configs are equal and hash alike, so data pipelines that fingerprint
    their functions (HF datasets) cache results deterministically.
    """

    __slots__ = ("config",)

    def __init__(self, config: Optional[Config] = None) -> None:
        self.config = config if config is not None else Config()

    def analyze(self, data: Input, *, url: Optional[str] = None) -> Result:
        """Every stage's decisions for one document (text, blocks, fixes, metadata)."""
        return run(data, self.config, url=url)

    def clean(self, data: Input, *, url: Optional[str] = None) -> str:
        """The body text of one document, one block per line."""
        return run(data, self.config, url=url).text

    def __call__(self, data: Input) -> str:
        return self.clean(data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cleaner) and other.config == self.config

    def __hash__(self) -> int:
        return hash(("Cleaner", self.config))

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"

    def __getstate__(self) -> Config:
        return self.config

    def __setstate__(self, state: Config) -> None:
        self.config = state


def analyze(data: Input, config: Optional[Config] = None, *, url: Optional[str] = None) -> Result:
    """Run every stage on one document and return the full Result."""
    return run(data, config or Config(), url=url)


def clean(data: Input, config: Optional[Config] = None, *, url: Optional[str] = None) -> str:
    """The text a reader would keep from one document (str or bytes, text or HTML)."""
    return run(data, config or Config(), url=url).text

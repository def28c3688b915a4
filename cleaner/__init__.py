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
from cleaner.templates import load_profile

__all__ = ["clean", "analyze", "Cleaner", "Config", "Result", "Block", "Fix"]
__version__ = "0.1.0"


class Cleaner:
    """A reusable cleaner for one Config: picklable, thread-safe (it holds no mutable state).

    With Config.profile_path set, the site-template profile is read once, here, and travels with
    the Cleaner when it is pickled (a cluster executor needs no copy of the file).

    Two Cleaners with equal Configs (and equal profiles) are equal, hash alike in every process
    and pickle to the same bytes, so data pipelines that fingerprint their functions (HF datasets
    hashes the dill pickle) cache results deterministically.
    """

    __slots__ = ("config", "profile")

    def __init__(self, config: Optional[Config] = None) -> None:
        self.config = config if config is not None else Config()
        self.profile = None
        if self.config.profile_path:
            self.profile = load_profile(self.config.profile_path)

    def template(self, url: Optional[str] = None, site: Optional[str] = None):  # type: ignore[no-untyped-def]
        """The site template for a page: from `site` if given, else from the host of `url`."""
        if self.profile is None:
            return None
        return self.profile.for_site(site) if site is not None else self.profile.for_url(url)

    def analyze(self, data: Input, *, url: Optional[str] = None, site: Optional[str] = None) -> Result:
        """Every stage's decisions for one document (text, blocks, fixes, metadata)."""
        return run(data, self.config, url=url, template=self.template(url, site))

    def clean(self, data: Input, *, url: Optional[str] = None, site: Optional[str] = None) -> str:
        """The body text of one document, one block per line."""
        return self.analyze(data, url=url, site=site).text

    def __call__(self, data: Input) -> str:
        return self.clean(data)

    @property
    def fingerprint(self) -> str:
        """A digest of the Config and the profile's content, the same in every process."""
        profile = self.profile.digest if self.profile is not None else ""
        return f"{self.config.fingerprint}-{profile}" if profile else self.config.fingerprint

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Cleaner) and other.config == self.config
                and other.fingerprint == self.fingerprint)

    def __hash__(self) -> int:
        return int(self.fingerprint[:16], 16)

    def __repr__(self) -> str:
        return f"Cleaner({self.config!r})"

    def __getstate__(self) -> tuple:
        return (self.config, self.profile)

    def __setstate__(self, state) -> None:  # type: ignore[no-untyped-def]
        if isinstance(state, Config):  # pickles from before profiles travelled with the Cleaner
            state = (state, None)
        self.config, self.profile = state


def analyze(data: Input, config: Optional[Config] = None, *, url: Optional[str] = None) -> Result:
    """Run every stage on one document and return the full Result."""
    return run(data, config or Config(), url=url)


def clean(data: Input, config: Optional[Config] = None, *, url: Optional[str] = None) -> str:
    """The text a reader would keep from one document (str or bytes, text or HTML)."""
    return run(data, config or Config(), url=url).text

"""datatrove pipeline steps: a formatter that cleans each document, a filter that also drops
documents with no body (naming the reason).

>>> from datatrove.executor import LocalPipelineExecutor               # doctest: +SKIP
>>> from datatrove.pipeline.readers import JsonlReader                  # doctest: +SKIP
>>> from datatrove.pipeline.writers import JsonlWriter                  # doctest: +SKIP
>>> LocalPipelineExecutor([JsonlReader("crawl/"), CleanerFilter(), JsonlWriter("clean/")],
...                       tasks=8).run()                                 # doctest: +SKIP

Written against datatrove 0.10 (BaseFormatter.format receives and returns a str; a filter
returns a bool or (False, reason)). Both steps pickle (datatrove ships steps to its workers
with dill), and a Cleaner built with a site-template profile carries it along. With a profile,
a document's site comes from its metadata's URL (`url_key`, the key datatrove's readers use).
"""
from __future__ import annotations

import re
from typing import Any, Optional

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from cleaner import Cleaner, Config

ERROR_KEY = "cleaner_error"
REASON_KEY = "cleaner_reason"


def _cleaner(cleaner: Optional[Cleaner], config: Optional[Config]) -> Cleaner:
    if cleaner is not None and config is not None:
        raise ValueError("give a Cleaner or a Config, not both")
    return cleaner if cleaner is not None else Cleaner(config)


class CleanerFormatter(BaseFormatter):
    """Replace each document's text with the text a reader keeps (possibly empty).

    A document that cannot be cleaned keeps its text and gets metadata["cleaner_error"].
    """

    name = "🧹 cleaner"

    def __init__(self, cleaner: Optional[Cleaner] = None, *, config: Optional[Config] = None,
                 url_key: str = "url") -> None:
        super().__init__()
        self.cleaner = _cleaner(cleaner, config)
        self.url_key = url_key

    def format(self, text: str) -> str:
        return self.cleaner.clean(text)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    doc.text = self.cleaner.clean(doc.text, url=_url(doc, self.url_key))
                except Exception as exc:  # one bad document must not stop the task
                    doc.metadata[ERROR_KEY] = f"{type(exc).__name__}: {exc}"
                    self.stat_update("cleaner_error")
            yield doc


class CleanerFilter(BaseFilter):
    """Keep documents that have a body, drop the rest with the reason cleaner gives.

    With `rewrite` (the default) a kept document's text becomes the cleaned body, so one step
    cleans and filters (the document is analysed once). A drop's reason goes, in snake case, to
    datatrove's stats ("dropped_no_prose_block") and, with an exclusion writer, to
    metadata["filter_reason"]; cleaner's own sentence goes to metadata["cleaner_reason"].
    A document that cannot be cleaned is kept as it is, with metadata["cleaner_error"].
    """

    name = "🧹 cleaner filter"

    def __init__(self, cleaner: Optional[Cleaner] = None, *, config: Optional[Config] = None,
                 rewrite: bool = True, url_key: str = "url", exclusion_writer: Any = None) -> None:
        super().__init__(exclusion_writer)
        self.cleaner = _cleaner(cleaner, config)
        self.rewrite = rewrite
        self.url_key = url_key

    def filter(self, doc: Document) -> "bool | tuple[bool, str]":
        try:
            result = self.cleaner.analyze(doc.text, url=_url(doc, self.url_key))
        except Exception as exc:
            doc.metadata[ERROR_KEY] = f"{type(exc).__name__}: {exc}"
            self.stat_update("cleaner_error")
            return True
        if not result.text:
            reason = result.reason or "no body"
            doc.metadata[REASON_KEY] = reason
            return False, reason_slug(reason)
        if self.rewrite:
            doc.text = result.text
        return True


def reason_slug(reason: str) -> str:
    """A datatrove-style stat name for a reason: its first clause in snake case.

    >>> reason_slug("no prose block: navigation, tickers and labels only")
    'no_prose_block'
    """
    clause = re.split(r"[:(;,]", reason, maxsplit=1)[0]
    return "_".join(re.findall(r"\w+", clause.lower())) or "no_body"


def _url(doc: Document, key: str) -> Optional[str]:
    url = doc.metadata.get(key)
    return url if isinstance(url, str) else None

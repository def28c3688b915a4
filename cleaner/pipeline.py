"""The stages wired together: decode -> segment -> classify -> repair -> settle -> Result.

Each stage is a function of its input and the Config in a module of its own (cleaner.decode,
cleaner.segment, cleaner.classify, cleaner.spacing, cleaner.settle); this module only decides
which stages run and in what order, so a reader can follow one document from bytes to Result
here and read each stage in its own module.
"""
from __future__ import annotations

from functools import lru_cache, partial
from typing import Any, Callable, Dict, Optional, Union

from cleaner import classify as classify_stage
from cleaner.config import Config
from cleaner.decode import to_text
from cleaner.document import BODY, Result
from cleaner.segment import segment
from cleaner.settle import rejoin_wrapped_body, repair_lines, rereader, settle
from cleaner.templates import template_for

Input = Union[str, bytes, bytearray, memoryview]


def run(data: Input, config: Config, *, url: Optional[str] = None,
        template: Optional[Callable[[str], Optional[str]]] = None) -> Result:
    """One document through every stage.

    `template` is the page's site template (cleaner.templates.SiteTemplate); when it is None and
    Config.profile_path is set, it is looked up in that profile (read once per process) by `url`.
    """
    segmented = segment(to_text(data), config)
    metadata: Dict[str, Any] = {"url": url} if url else {}
    metadata.update(segmented.metadata)

    if not config.boilerplate:
        blocks, fixes = repair_lines(segmented.blocks, config)
        # The input's final newline is kept, so the output has the input's lines, a trailing
        # empty one included, and cleaning it again changes nothing. A last line that is empty
        # (or was only spaces) needs the newline too, or it would read as no line at all.
        final = "\n" if blocks and (segmented.text.endswith("\n") or not blocks[-1].text) else ""
        kept = "\n".join(b.text for b in blocks) + final
        return Result(text=kept, blocks=tuple(blocks), fixes=tuple(fixes), metadata=metadata)

    if template is None and config.profile_path:
        template = template_for(config.profile_path, url)
    # The document may be classified up to three times (as read, re-joined at the article's
    # column, as printed): its blocks' features are computed once, in a memo of this document.
    classify = partial(classify_stage.classify, config=config, template=template,
                       features_of=lru_cache(maxsize=None)(classify_stage.features))
    blocks = segmented.blocks
    if segmented.is_html:
        labelled, found = classify(blocks, main_column=True)
        reread = None
    else:
        labelled, found = classify(blocks)
        labelled, found = rejoin_wrapped_body(segmented.text, blocks, labelled, found, classify)
        reread = rereader(classify)
    for key, value in found.items():
        metadata.setdefault(key, value)
    labelled, fixes = settle(labelled, config, reread)
    body = [b.text for b in labelled if b.label == BODY]
    reason = segmented.reason
    if not body and reason is None:
        reason = classify_stage.empty_reason(labelled)
    return Result(text="\n".join(body), blocks=tuple(labelled), fixes=tuple(fixes),
                  metadata=metadata, reason=reason)

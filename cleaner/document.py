"""The values that flow between stages: Block, Fix and Result.

They are plain frozen dataclasses so that every stage is a pure function from one to the next,
and so that a Result can be turned into JSON (`Result.to_dict`) without knowing any stage.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Optional, Tuple

BODY = "body"
BOILERPLATE = "boilerplate"

# What kind of decision set a block's label (Block.decided_by). Later passes read this, never the
# wording of a reason, so a reason can be renamed without changing what a later pass does.
UNDECIDED = ""  # straight from stage 2 (segment), or kept as it is under --no-boilerplate
RULE = "rule"  # a named rule of cleaner.rules matched ("rule:byline" ...)
TEMPLATE = "template"  # the site's template profile lists the line (cleaner.templates)
FEATURE = "feature"  # the block's own features: "prose", or too "short", or "no-letters"
CAPTION = "caption"  # the block reads as a photo's caption ("caption-nominal", "caption-after-image")
CONTEXT = "context"  # its neighbours decided: headline, subheading, list item, teaser after a widget ...
PAGE = "page"  # the page-wide choice of the article run: "outside-article", "weaker-prose-run", "teaser-run:*"
CUT = "cut"  # an end-of-article marker above it ended the article ("after-article-end")
MAIN_COLUMN = "main-column"  # the HTML main-column pass (the page's main column is the article)
SETTLE = "settle"  # the next reading of the printed body would drop it ("reread:*")


@dataclass(frozen=True)
class Block:
    """One unit of the page: a line, or hard-wrapped lines re-joined into a paragraph.

    `initial` is the label of the per-block pass, `label` the final one after the context
    passes; both are kept (as jusText does) so an explanation can show what changed and why.
    `reasons` lists every rule, feature or context decision that led to `label`, most decisive
    first. `wrap_offsets` are the offsets in `text` of spaces that were line breaks in the input
    (the spacing stage treats them as candidates with exact wrap evidence). `decided_by` is the
    kind of decision that set `label` (RULE, TEMPLATE, FEATURE, CAPTION, CONTEXT, PAGE, CUT,
    MAIN_COLUMN, SETTLE above; UNDECIDED before classification): the state later passes read.
    """

    index: int
    text: str
    start_line: int
    end_line: int
    initial: str = BODY
    label: str = BODY
    reasons: Tuple[str, ...] = ()
    kind: str = "paragraph"
    wrap_offsets: Tuple[int, ...] = ()
    decided_by: str = UNDECIDED

    @property
    def is_body(self) -> bool:
        return self.label == BODY


@dataclass(frozen=True)
class Fix:
    """One spacing repair inside a block.

    `offset` is where `before` starts in the block's text as it was before repair; `after`
    replaces it. `evidence` names what decided the repair (e.g. "same-document", "orphan-particle",
    "wrap-period"), most decisive first.
    """

    block: int
    offset: int
    before: str
    after: str
    evidence: Tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """What `analyze` returns: the kept text, and everything needed to explain it.

    `reason` is set when `text` is empty on purpose (no article body, a listing page ...), so a
    rejection is never a bare None or an unexplained empty string.
    """

    text: str
    blocks: Tuple[Block, ...]
    fixes: Tuple[Fix, ...] = ()
    metadata: Dict[str, Any] = field(default_factory=dict)
    reason: Optional[str] = None

    @property
    def body_blocks(self) -> Tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.is_body)

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-ready dict: text, blocks with labels and reasons, fixes, metadata."""
        return {
            "text": self.text,
            "reason": self.reason,
            "metadata": dict(self.metadata),
            "blocks": [asdict(b) for b in self.blocks],
            "fixes": [asdict(f) for f in self.fixes],
        }

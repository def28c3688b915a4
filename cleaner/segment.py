"""Stage 2: a decoded document -> blocks, the page's metadata, and why there is no body.

One function, `segment`, is the whole stage; the pipeline and the template learner
(cleaner.templates.page_blocks) both call it, so a template line is what the classifier sees.
Every way of cutting a page into blocks, and every fallback, is decided here:

- Plain text or HTML: sniffed near the start of the input (`looks_like_html`), unless
  Config.input_format says which.
- Plain text: normalised (cleaner.decode.normalize), then lines -> blocks, hard-wrapped lines
  re-joined into paragraphs (cleaner.blocks).
- HTML: the main column, page metadata and a no-article reason (cleaner.html, which uses the
  safe parser of cleaner.html_dom). A page with too many tags, or nested too deeply for the
  tree walks, is read flat instead (`flatten_markup`), as plain text.
- Config(boilerplate=False): every line is one block, nothing is joined; for HTML, every
  visible line of the page.

>>> seg = segment("메뉴\\n정부가 새 정책을 발표했다.", Config())
>>> [b.text for b in seg.blocks], seg.is_html, seg.metadata
(['메뉴', '정부가 새 정책을 발표했다.'], False, {'input_format': 'text'})
"""
from __future__ import annotations

import html as html_entities
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import regex

from cleaner import blocks as block_stage
from cleaner import html as html_stage
from cleaner.config import Config
from cleaner.decode import normalize
from cleaner.document import Block
from cleaner.html_dom import parse_html
from cleaner.patterns import LazyPattern


@dataclass(frozen=True)
class Segmented:
    """What stage 2 hands on.

    `text` is the text the blocks were cut from: the normalised page text for plain text (the
    settle stage cuts it again at the article's column), the visible text of an HTML page under
    Config(boilerplate=False), else the page's markup. `metadata` holds "input_format" and, for
    HTML, the page's title, date, source ... and "html_fallback" when the page was read flat.
    `reason` is set when an HTML page has no article (a listing or home page).
    """

    blocks: List[Block]
    metadata: Dict[str, Any]
    reason: Optional[str]
    is_html: bool
    text: str


def segment(raw: str, config: Config) -> Segmented:
    """Cut one decoded document into blocks, as Config says (see the module's docstring)."""
    is_html = config.input_format == "html" or (config.input_format == "auto" and looks_like_html(raw))
    metadata: Dict[str, Any] = {"input_format": "html" if is_html else "text"}
    if not is_html:
        # HTML is normalised block by block in cleaner.html: normalising a whole page, markup and
        # scripts included, costs more than the rest of the HTML path's margin over trafilatura.
        text = normalize(raw)
        blocks = block_stage.build_blocks(text) if config.boilerplate else block_stage.split_lines(text)
        return Segmented(blocks, metadata, None, False, text)
    if not config.boilerplate:
        text = _visible_text(raw)
        return Segmented(block_stage.split_lines(text), metadata, None, True, text)
    blocks, html_metadata, reason = _blocks_from_html(raw, config)
    metadata.update(html_metadata)
    return Segmented(blocks, metadata, reason, True, raw)


# An input is HTML when, near its start, it has a doctype or one of the tags every page has.
# (Plain text that *mentions* a tag is rare; --text forces the plain path when it happens.)
_HTML_SNIFF = LazyPattern(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|div[\s>]|p>|title>)",
                          regex.IGNORECASE)
HTML_SNIFF_WINDOW = 4096


def looks_like_html(text: str) -> bool:
    """Whether the decoded text is an HTML page rather than page text.

    >>> looks_like_html("<!DOCTYPE html><html><body>본문</body></html>")
    True
    >>> looks_like_html("본문입니다. a < b 이고 b > c 이다.")
    False
    """
    return bool(_HTML_SNIFF.search(text[:HTML_SNIFF_WINDOW]))


# --- HTML, with its fallbacks -------------------------------------------------------------------

# More "<" than this and a page is read flat. Article pages have a few thousand (at most about
# 5,000 in the 195 evaluation pages); a very long encyclopedia article or forum thread some
# tens of thousands.
MAX_MARKUP_TAGS = 100_000

# Deeper than this, trafilatura's tree walks give up (real pages nest a few dozen levels).
MAX_TREE_DEPTH = 500


def _blocks_from_html(html: str, config: Config) -> Tuple[List[Block], Dict[str, Any], Optional[str]]:
    """The main column as blocks, page metadata, and a reason when there is no body."""
    if html.count("<") > MAX_MARKUP_TAGS:
        # trafilatura's main-column pass grows faster than the page (80,000 short paragraphs:
        # 18 s, twice as many: about four times that); a page this size is read flat, as plain
        # text, so that no page holds up a corpus run.
        return _read_flat(html), {"html_fallback": "too many tags"}, None
    try:
        extraction = html_stage.extract(html, config)
    except RecursionError:
        # Markup nested thousands deep defeats the recursive tree walks (trafilatura's and
        # ours); the page's text is still there: read it flat, as plain text.
        return _read_flat(html), {"html_fallback": "nested too deeply"}, None
    if extraction.reason is None and not any(b.kind != "title" for b in extraction.blocks) \
            and markup_depth(html) > MAX_TREE_DEPTH:
        # The main-column search found nothing in a page nested deeper than it can walk: read
        # the page flat instead, and let the plain-text classifier find the article.
        metadata = dict(extraction.metadata, html_fallback="nested too deeply")
        return _read_flat(html), metadata, None
    return extraction.blocks, extraction.metadata, extraction.reason


def _visible_text(html: str) -> str:
    """Every visible line of the page (Config(boilerplate=False)), flat when the tree is too deep."""
    try:
        return html_stage.visible_text(html)
    except RecursionError:
        return flatten_markup(html)


def _read_flat(html: str) -> List[Block]:
    return block_stage.build_blocks(normalize(flatten_markup(html)))


def markup_depth(html: str) -> int:
    """How deep the page's elements nest, walked without recursion."""
    from lxml import etree  # heavy third-party parser: loaded only for HTML input

    depth = deepest = 0
    for event, _ in etree.iterwalk(parse_html(html), events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


# Tags after which a browser starts a new line; every other tag is dropped in place. A tag
# ends at the next ">" before any other "<" (so a page of "<" without ">" is scanned once, not
# once per "<"), and an unclosed comment or script runs to the end of the page, as in a browser.
_BLOCK_TAG = LazyPattern(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|"
                         r"blockquote|pre|dd|dt|dl|figure|figcaption|aside|nav|main|td|th)\b[^<>]*>",
                         regex.IGNORECASE)
_SKIPPED = LazyPattern(r"<(script|style|head|template|noscript)\b[^<>]*>.*?(?:</\1\s*>|\Z)",
                       regex.IGNORECASE | regex.DOTALL)
_ANY_TAG = LazyPattern(r"<!--.*?(?:-->|\Z)|<![^<>]*>|<[^<>]*>", regex.DOTALL)


def flatten_markup(html: str) -> str:
    """A page's text without any tree: block tags become line breaks, other tags vanish.

    Linear in the page's size whatever its nesting; used only when the tree walks recurse too
    deeply.

    >>> flatten_markup("<div><p>첫 문단</p><b>둘째</b>줄<script>x()</script></div>").split()
    ['첫', '문단', '둘째줄']
    """
    text = _SKIPPED.sub("", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return html_entities.unescape(text)

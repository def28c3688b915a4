"""The stages of DESIGN.md wired together: decode -> blocks -> classify -> repair -> Result.

Each stage is a pure function of its input and the Config; this module only decides which
stages run and in what order, so a reader can follow one document from bytes to Result here
and read each stage in its own module.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache, partial
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

import regex

from cleaner import blocks as block_stage
from cleaner import classify as classify_stage
from cleaner.config import Config
from cleaner.decode import normalize, to_text
from cleaner.document import BODY, BOILERPLATE, Block, Fix, Result

Input = Union[str, bytes, bytearray, memoryview]
# classify_stage.classify with the document's Config, template and feature memo bound.
Classifier = Callable[[Sequence[Block]], Tuple[List[Block], Dict[str, Any]]]

# An input is HTML when, near its start, it has a doctype or one of the tags every page has.
# (Plain text that *mentions* a tag is rare; --text forces the plain path when it happens.)
_HTML_SNIFF = regex.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|div[\s>]|p>|title>)",
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


def run(data: Input, config: Config, *, url: Optional[str] = None,
        template: Optional[Callable[[str], Optional[str]]] = None) -> Result:
    """One document through every stage.

    `template` is the page's site template (cleaner.templates.SiteTemplate); when it is None and
    Config.profile_path is set, it is looked up in that profile (read once per process) by `url`.
    """
    raw = to_text(data)
    metadata: Dict[str, Any] = {}
    if url:
        metadata["url"] = url
    is_html = config.input_format == "html" or (config.input_format == "auto" and looks_like_html(raw))
    # HTML is normalised block by block in cleaner.html: normalising a whole page, markup and
    # scripts included, costs more than the rest of the HTML path's margin over trafilatura.
    text = raw if is_html else normalize(raw)
    metadata["input_format"] = "html" if is_html else "text"

    if not config.boilerplate:
        source = _html_to_text(text) if is_html else text
        blocks = block_stage.split_lines(source)
        blocks, fixes = _repair(blocks, config)
        # The input's final newline is kept, so the output has the input's lines, a trailing
        # empty one included, and cleaning it again changes nothing. A last line that is empty
        # (or was only spaces) needs the newline too, or it would read as no line at all.
        final = "\n" if blocks and (source.endswith("\n") or not blocks[-1].text) else ""
        kept = "\n".join(b.text for b in blocks) + final
        return Result(text=kept, blocks=tuple(blocks), fixes=tuple(fixes), metadata=metadata)

    reason: Optional[str] = None
    if is_html:
        blocks, html_metadata, reason = _blocks_from_html(text, config)
        metadata.update(html_metadata)
    else:
        blocks = block_stage.build_blocks(text)
    if template is None and config.profile_path:
        from cleaner.templates import template_for

        template = template_for(config.profile_path, url)
    # The document may be classified up to three times (as read, re-joined at the article's
    # column, as printed): its blocks' features are computed once, in a memo of this document.
    classify = partial(classify_stage.classify, config=config, template=template,
                       features_of=lru_cache(maxsize=None)(classify_stage.features))
    labelled, found = classify(blocks)
    if not is_html:
        labelled, found = _rejoin_wrapped_body(text, blocks, labelled, found, classify)
    if is_html:
        labelled = _main_column_context(labelled)
    for key, value in found.items():
        metadata.setdefault(key, value)
    reread = None if is_html else _reread(classify)
    labelled, fixes = _repair_as_printed(labelled, config, reread)
    body = [b.text for b in labelled if b.label == BODY]
    if not body and reason is None:
        reason = classify_stage.empty_reason(labelled)
    return Result(text="\n".join(body), blocks=tuple(labelled), fixes=tuple(fixes),
                  metadata=metadata, reason=reason)


def _rejoin_wrapped_body(text: str, blocks: List[Block], labelled: List[Block], found: Dict[str, Any],
                         classify: Classifier) -> Tuple[List[Block], Dict[str, Any]]:
    """Re-join the article's lines when they, on their own, are hard-wrapped at one column.

    The page's furniture (menus, teaser leads of every length) can hide the column the article
    was wrapped at; once the article is found, its own lines show it. Without this second look,
    cleaning the output again would re-join what the first pass left apart.
    """
    if any(b.wrap_offsets for b in blocks):
        return labelled, found
    column = block_stage.column_width([b.text for b in labelled if b.label == BODY])
    if column is None:
        return labelled, found
    rejoined = block_stage.build_blocks(text, column=column)
    if len(rejoined) == len(blocks):
        return labelled, found
    return classify(rejoined)


def _repair_as_printed(blocks: List[Block], config: Config,
                       reread: Optional[Callable[[List[str]], List[Optional[str]]]] = None
                       ) -> Tuple[List[Block], List[Fix]]:
    """Repair, then make sure the body as printed reads the same when it is cleaned again.

    Cleaning is promised idempotent, and the next reading of our output sees only the body,
    one block per line. Two things can differ there, and this reading settles both first:
    - Paragraphs re-joined from wrapped lines, a line and a bit each, can line up at a width of
      their own (before repair, or once repair has shortened them); the next reading would join
      them, so the blocks are joined as it would join them ("rewrapped:N") and repaired again.
    - Without the furniture between them, body blocks meet as one run of prose that the context
      pass can judge otherwise (two paragraphs a widget header kept apart read as a teaser
      run). `reread` (text input only) labels the printed body as the next reading would; what
      it drops is dropped here, with its reason after "reread:".
    Each round has fewer blocks or fewer body blocks, so it ends.
    """
    while True:
        repaired, fixes = _repair(blocks, config)
        wrapped = printed_wrap_groups(repaired)
        if wrapped is not None:
            blocks = join_groups(blocks, *wrapped)
            continue
        body = [i for i, b in enumerate(repaired) if b.label == BODY]
        dropped = reread([repaired[i].text for i in body]) if reread is not None and body else []
        if not any(dropped):
            return repaired, fixes
        blocks = list(blocks)
        for i, reason in zip(body, dropped):
            if reason is not None:
                blocks[i] = replace(blocks[i], label=BOILERPLATE, reasons=(f"reread:{reason}",) + blocks[i].reasons)


def _reread(classify: Classifier) -> Callable[[List[str]], List[Optional[str]]]:
    """How the next reading of printed body lines labels them: for each line, None when it is
    body again, else the reason it would be dropped."""
    def reread(lines: List[str]) -> List[Optional[str]]:
        text = "\n".join(lines)
        blocks = block_stage.build_blocks(text)
        if len(blocks) != len(lines):
            return [None] * len(lines)  # it would join lines: printed_wrap_groups' concern
        labelled, found = classify(blocks)
        labelled, _ = _rejoin_wrapped_body(text, blocks, labelled, found, classify)
        if len(labelled) != len(lines):
            return [None] * len(lines)
        return [None if b.label == BODY else (b.reasons[0] if b.reasons else "boilerplate") for b in labelled]
    return reread


def printed_wrap_groups(blocks: Sequence[Block]) -> Optional[Tuple[List[List[int]], int]]:
    """The runs of body blocks (indices) that, printed one per line, read as one hard-wrapped
    paragraph each, and the column; None when no two printed lines would be joined.

    >>> lines = ["가" * 11 + " 나", "다" * 11 + " 라", "마" * 11 + " 바다."]
    >>> printed_wrap_groups([Block(i, t, i, i + 1) for i, t in enumerate(lines)])
    ([[0, 1, 2]], 28)
    """
    body = [i for i, b in enumerate(blocks) if b.label == BODY]
    column = block_stage.column_width([blocks[i].text for i in body])
    if column is None:
        return None
    groups: List[List[int]] = []
    for position, i in enumerate(body):
        if groups and block_stage.joins_next(blocks[body[position - 1]].text, blocks[i].text, column):
            groups[-1].append(i)
        else:
            groups.append([i])
    groups = [group for group in groups if len(group) > 1]
    return (groups, column) if groups else None


def join_groups(blocks: Sequence[Block], groups: List[List[int]], column: int) -> List[Block]:
    """Each group of blocks becomes one paragraph where its first block was; the joining spaces
    are wrap offsets (as line breaks in the input are), and the reasons say why."""
    joined: Dict[int, Block] = {}
    for group in groups:
        parts = [blocks[i] for i in group]
        offsets: List[int] = []
        position = 0
        for part in parts:
            offsets.extend(position + o for o in part.wrap_offsets)
            position += len(part.text) + 1
            offsets.append(position - 1)
        first = parts[0]
        joined[group[0]] = replace(first, text=" ".join(p.text for p in parts), end_line=parts[-1].end_line,
                                   kind="paragraph", wrap_offsets=tuple(offsets[:-1]),
                                   reasons=(f"rewrapped:{column}",) + first.reasons)
    absorbed = {i for group in groups for i in group[1:]}
    kept = [joined.get(i, b) for i, b in enumerate(blocks) if i not in absorbed]
    return [replace(b, index=i) for i, b in enumerate(kept)]


def _blocks_from_html(html: str, config: Config) -> Tuple[List[Block], Dict[str, Any], Optional[str]]:
    """HTML path: the main column as blocks, page metadata, and a reason when there is no body."""
    from cleaner import html as html_stage  # trafilatura is heavy: load it only for HTML input

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


# More "<" than this and a page is read flat. Article pages have a few thousand (at most about
# 5,000 in the 195 evaluation pages); a very long encyclopedia article or forum thread some
# tens of thousands.
MAX_MARKUP_TAGS = 100_000


def _read_flat(html: str) -> List[Block]:
    return block_stage.build_blocks(normalize(flatten_markup(html)))


# Deeper than this, trafilatura's tree walks give up (real pages nest a few dozen levels).
MAX_TREE_DEPTH = 500


def markup_depth(html: str) -> int:
    """How deep the page's elements nest, walked without recursion."""
    from lxml import etree

    from cleaner.html_dom import parse_html

    depth = deepest = 0
    for event, _ in etree.iterwalk(parse_html(html), events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _main_column_context(blocks: List[Block]) -> List[Block]:
    """HTML blocks are already the page's main column: cleaner.html adjusts the context pass."""
    from cleaner import html as html_stage

    return html_stage.main_column_context(blocks)


def _html_to_text(html: str) -> str:
    from cleaner import html as html_stage

    try:
        return html_stage.visible_text(html)
    except RecursionError:
        return flatten_markup(html)


# Tags after which a browser starts a new line; every other tag is dropped in place. A tag
# ends at the next ">" before any other "<" (so a page of "<" without ">" is scanned once, not
# once per "<"), and an unclosed comment or script runs to the end of the page, as in a browser.
_BLOCK_TAG = regex.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|"
                           r"blockquote|pre|dd|dt|dl|figure|figcaption|aside|nav|main|td|th)\b[^<>]*>",
                           regex.IGNORECASE)
_SKIPPED = regex.compile(r"<(script|style|head|template|noscript)\b[^<>]*>.*?(?:</\1\s*>|\Z)",
                         regex.IGNORECASE | regex.DOTALL)
_ANY_TAG = regex.compile(r"<!--.*?(?:-->|\Z)|<![^<>]*>|<[^<>]*>", regex.DOTALL)


def flatten_markup(html: str) -> str:
    """A page's text without any tree: block tags become line breaks, other tags vanish.

    Linear in the page's size whatever its nesting; used only when the tree walks recurse too
    deeply.

    >>> flatten_markup("<div><p>첫 문단</p><b>둘째</b>줄<script>x()</script></div>").split()
    ['첫', '문단', '둘째줄']
    """
    import html as html_entities

    text = _SKIPPED.sub("", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return html_entities.unescape(text)


def _repair(blocks: List[Block], config: Config) -> Tuple[List[Block], List[Fix]]:
    """Spacing repair on body blocks (every block under --no-boilerplate)."""
    if config.spacing == "off":
        return blocks, []
    from cleaner.spacing import repair_blocks

    return repair_blocks(blocks, config)

"""A safe lxml parse of untrusted HTML, shared by the HTML stage and the evaluation renderer.

No network access and no external entities, ever: the parser is told not to fetch anything and
not to resolve entities, so a page cannot make cleaner open a socket or read a local file.
"""
from __future__ import annotations

from typing import Any, List

import regex

from cleaner.patterns import LazyPattern

# C0 controls other than tab, line feed and carriage return (not XML characters), as UTF-8 bytes.
_NOT_XML_BYTES = bytes((*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20)))
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")


def _parser() -> Any:
    from lxml import html as lxml_html

    # A fresh parser per call: lxml parsers keep state and are not safe to share across threads.
    # It reads UTF-8 bytes: given a str, lxml hands libxml2 the string's own buffer (UTF-16 for
    # a Korean page), which libxml2 converts to UTF-8 first; the tree is the same.
    return lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                huge_tree=True, default_doctype=False, encoding="utf-8")


_INTERNAL_SUBSET = LazyPattern(r"<!DOCTYPE[^>\[]{0,200}\[[^\]]{0,100000}\]\s*>", regex.IGNORECASE)


def parse_html(markup: str) -> Any:
    """The page as an lxml tree (an empty <html> for input lxml cannot make sense of)."""
    from lxml import etree
    from lxml import html as lxml_html

    # A DOCTYPE with an internal subset ("<!DOCTYPE html [<!ENTITY x "y">]>") is not HTML
    # syntax: libxml2's HTML parser leaves "]>" as page text. Its entities are never resolved
    # anyway, so the subset goes.
    markup = _INTERNAL_SUBSET.sub("<!DOCTYPE html>", markup, count=1)
    # An XML declaration is no HTML (and lxml refuses one with an encoding in str input); drop it.
    if markup.lstrip().startswith("<?xml"):
        markup = markup.split("?>", 1)[-1]
    # A lone surrogate (str input only: decoded bytes never hold one) makes libxml2 drop the
    # rest of its text node; it cannot be written out anyway.
    try:
        encoded = markup.encode("utf-8")
    except UnicodeEncodeError:
        markup = _SURROGATE.sub("", markup)
        encoded = markup.encode("utf-8")
    # C0 controls are not XML characters: libxml2's HTML parser keeps them in text nodes, but
    # any later edit of such a node (htmldate and trafilatura drop elements) raises ValueError.
    # They carry no text (decode.normalize removes them from plain text too). They are deleted
    # from the UTF-8 bytes (a pattern scan of the page cost as much as parsing it): a C0 control
    # is one byte there, and no other character has such a byte.
    encoded = encoded.translate(None, _NOT_XML_BYTES)
    try:
        tree = lxml_html.document_fromstring(encoded, parser=_parser())
    except (etree.ParserError, ValueError):
        tree = lxml_html.document_fromstring("<html><body></body></html>")
    return tree


# Elements that start a new block in a browser; everything else flows inline with the text.
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "script", "style", "noscript", "template", "iframe",
    "button", "select", "textarea", "video", "audio", "canvas", "svg", "object", "img", "picture",
))
# A container's loose text is wrapped only when one of its runs (text between two blocks) holds
# this many letters: enough for a line of prose, more than the separators and labels of a
# breadcrumb ("뉴스 > 경제") or a date line.
WRAP_MIN_LETTERS = 20
_LETTER = LazyPattern(r"\p{L}")
_CONTAINER_TAGS = ("div", "td", "section", "article", "main")
_CONTAINER = " or ".join(f"self::{tag}" for tag in _CONTAINER_TAGS)
_INLINE = "self::strong or self::b or self::span or self::em or self::font or self::i"
# Containers with loose text, a <br> of their own, or an inline child holding <br>s: text laid
# out without <p> (a <div> per paragraph, or <br><br> between paragraphs). Written as a union:
# the containers by name, tested for text (half the time of starting from every text node and
# taking its parent), and the parents of <br>s (testing every container for a <br> is slower).
_LOOSE_TEXT_CONTAINERS = (f"({'|'.join(f'//{tag}' for tag in _CONTAINER_TAGS)})[*][text()[normalize-space()]]"
                          f" | //br/parent::*[{_CONTAINER}] | //br/parent::*[{_INLINE}]/parent::*[{_CONTAINER}]")


def wrap_loose_text(tree: Any) -> Any:
    """Wrap text that sits loose between block elements in <p> elements, in place.

    Korean news pages often write the article as bare text with <br><br> between paragraphs,
    straight inside a <div> that also holds figures and buttons, and stack a subtitle's lines
    with <br> in a <div> or <strong>. trafilatura loses the text after a figure it prunes (lxml
    keeps it as the figure's *tail*) and the first line of <br>-separated text outside a <p>; in
    a <p> of its own both survive. <br><br> ends a paragraph; inline elements and a single <br>
    stay with the text around them.

    >>> from lxml import html as lxml_html
    >>> tree = parse_html("<div>리드<figure>사진</figure>첫째 문단에서 <b>강조</b>한 말<br>같은 문단의 둘째 줄입니다<br><br>둘째 문단</div>")
    >>> lxml_html.tostring(wrap_loose_text(tree).find(".//div"), encoding="unicode")
    '<div><p>리드</p><figure>사진</figure><p>첫째 문단에서 <b>강조</b>한 말<br>같은 문단의 둘째 줄입니다</p><p>둘째 문단</p></div>'
    >>> tree = parse_html('<div><a>뉴스</a> &gt; <a>경제</a><div>본문</div></div>')
    >>> lxml_html.tostring(wrap_loose_text(tree).find(".//div"), encoding="unicode")
    '<div><a>뉴스</a> &gt; <a>경제</a><div>본문</div></div>'
    >>> tree = parse_html('<article>기사의 첫 문단은 상자 앞에 따로 놓인 긴 글입니다.<a>링크<div>상자</div></a></article>')
    >>> lxml_html.tostring(wrap_loose_text(tree).find(".//article"), encoding="unicode")
    '<article><p>기사의 첫 문단은 상자 앞에 따로 놓인 긴 글입니다.</p><a>링크<div>상자</div></a></article>'
    """
    for container in tree.xpath(_LOOSE_TEXT_CONTAINERS):
        runs = _runs(container)
        if max(_run_letters(run) for run, _ in runs) >= WRAP_MIN_LETTERS:
            _wrap_runs(container, runs)
    return tree


def _runs(container: Any) -> List[Any]:
    """The container's content as (run, boundary) pairs: a run is its leading text and the inline
    children up to the boundary, a block child or None (a <br><br>, or the end)."""
    runs: List[Any] = []
    lead, inline = container.text or "", []
    pending_br: Any = None
    for child in container:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in BLOCK_TAGS or _holds_blocks(child):
            runs.append(((lead, inline), child))
            lead, inline, pending_br = child.tail or "", [], None
        elif tag == "br" and pending_br is not None:
            inline.remove(pending_br)
            runs.append(((lead, inline), None))
            lead, inline, pending_br = child.tail or "", [], None
        elif tag == "br" and not inline and not lead.strip():
            lead += child.tail or ""  # a <br> that starts a run breaks nothing
        else:
            inline.append(child)
            pending_br = child if tag == "br" and not (child.tail or "").strip() else None
    runs.append(((lead, inline), None))
    return runs


# Block tags that are no paragraph inside an inline element: images, media and controls
# (a ticker's arrow icon in `<span>(8,560원 <img>0 0.0%)</span>`), and invisible elements.
_NO_PARAGRAPH_INSIDE = frozenset(("img", "picture", "svg", "video", "audio", "canvas", "object", "iframe",
                                  "button", "select", "textarea", "script", "style", "noscript", "template"))
PARAGRAPH_TAGS = BLOCK_TAGS - _NO_PARAGRAPH_INSIDE


def _holds_blocks(element: Any) -> bool:
    """Whether an inline element holds block elements (`<a><div>...</div></a>`, HTML5 allows it):
    wrapped in a <p> it would nest paragraphs, which trafilatura puts out of order. An image or
    a control inside it is no paragraph: the element stays with the text around it.

    >>> tree = parse_html("<div><a>삼성중공업</a> <span>(8,560원 <img>0 0.0%)</span>은 지난해 11월 희망퇴직 신청을 받았다.<br><br>둘째 문단</div>")
    >>> from lxml import html as lxml_html
    >>> lxml_html.tostring(wrap_loose_text(tree).find(".//div"), encoding="unicode")
    '<div><p><a>삼성중공업</a> <span>(8,560원 <img>0 0.0%)</span>은 지난해 11월 희망퇴직 신청을 받았다.</p><p>둘째 문단</p></div>'
    """
    return len(element) > 0 and any(isinstance(d.tag, str) and d.tag.lower() in PARAGRAPH_TAGS
                                    for d in element.iterdescendants())


def _run_letters(run: Any) -> int:
    lead, inline = run
    text = lead + "".join((child.text_content() if isinstance(child.tag, str) else "") + (child.tail or "")
                          for child in inline)
    return len(_LETTER.findall(text))


def _wrap_runs(container: Any, runs: List[Any]) -> None:
    from lxml import html as lxml_html

    children = list(container)
    for child in children:
        if isinstance(child.tag, str) and child.tag.lower() in BLOCK_TAGS:
            child.tail = None
        container.remove(child)
    container.text = None
    for (lead, inline), boundary in runs:
        if _run_letters((lead, inline)) or lead.strip():
            paragraph = lxml_html.Element("p")
            paragraph.text = lead
            container.append(paragraph)
            paragraph.extend(inline)
        elif len(container):
            container[-1].tail = (container[-1].tail or "") + lead
            container.extend(inline)
        else:
            container.text = lead
            container.extend(inline)
        if boundary is not None:
            container.append(boundary)


# Elements a browser lays out on lines of their own (cells share their row's line).
LINE_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
))
# Elements whose content a reader never sees.
INVISIBLE_TAGS = frozenset(("head", "script", "style", "noscript", "template", "title", "meta", "link",
                            "iframe", "object", "embed", "svg", "canvas", "select", "option", "button"))


def render_text(tree: Any) -> str:
    """The visible text of a parsed page, one block per line, as a browser's select-all-and-copy
    gives it: block elements and <br> start lines, inline elements flow on (their edges add no
    space: "<b>방침</b>이다" is one word), runs of whitespace fold into one space, and scripts,
    styles and the <head> are left out. Blank lines are dropped.

    >>> render_text(parse_html("<p>첫 <b>문단</b>이다<img src=a.png>.</p><div>둘째<br>줄</div><script>x=1</script>"))
    '첫 문단이다.\\n둘째\\n줄'
    >>> render_text(parse_html("<table><tr><td>가</td><td>나</td></tr><tr><td>다</td></tr></table>"))
    '가 나\\n다'
    """
    lines: List[str] = []
    parts: List[str] = []

    def flush() -> None:
        line = " ".join("".join(parts).split())
        parts.clear()
        if line:
            lines.append(line)

    def walk(element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in INVISIBLE_TAGS:  # comments and processing instructions too
            return
        block = tag in LINE_TAGS
        if block:
            flush()
        elif tag in ("td", "th") and parts:
            parts.append(" ")  # cells of a row share its line
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            flush()

    walk(tree)
    flush()
    return "\n".join(lines)

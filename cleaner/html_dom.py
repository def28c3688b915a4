"""A safe lxml parse of untrusted HTML, shared by the HTML stage and the evaluation renderer.

No network access and no external entities, ever: the parser is told not to fetch anything and
not to resolve entities, so a page cannot make cleaner open a socket or read a local file.
"""
from __future__ import annotations

from typing import Any, List

import regex


def _parser() -> Any:
    from lxml import html as lxml_html

    # A fresh parser per call: lxml parsers keep state and are not safe to share across threads.
    return lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                huge_tree=True, default_doctype=False)


def parse_html(markup: str) -> Any:
    """The page as an lxml tree (an empty <html> for input lxml cannot make sense of)."""
    from lxml import etree
    from lxml import html as lxml_html

    # lxml refuses str input that carries an XML encoding declaration; drop it.
    if markup.lstrip().startswith("<?xml"):
        markup = markup.split("?>", 1)[-1]
    try:
        tree = lxml_html.document_fromstring(markup, parser=_parser())
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
# A container's loose text is wrapped only when it holds this many letters: enough for a line
# of prose, more than the separators and labels of breadcrumbs and date lines.
WRAP_MIN_LETTERS = 20
_LETTER = regex.compile(r"\p{L}")
# Containers whose loose text (text between their child blocks) is wrapped in a <p>.
_LOOSE_TEXT_CONTAINERS = (
    "//*[self::div or self::td or self::section or self::article or self::main]"
    "[text()[normalize-space()]][*]"
)


def wrap_loose_text(tree: Any) -> Any:
    """Wrap text that sits loose between block elements in <p> elements, in place.

    Korean news pages often write the article as bare text with <br><br> between paragraphs,
    straight inside a <div> that also holds figures and buttons. Extractors that prune the
    figure lose the text that follows it (lxml keeps it as the figure's *tail*); in a <p> of
    its own it survives. <br><br> ends a paragraph; inline elements and a single <br> stay
    with the text around them.

    >>> from lxml import html as lxml_html
    >>> tree = parse_html("<div>리드 문단입니다<figure>사진</figure>첫째 문단에서 <b>강조</b><br>둘째 줄입니다<br><br>둘째 문단</div>")
    >>> lxml_html.tostring(wrap_loose_text(tree).find(".//div"), encoding="unicode")
    '<div><p>리드 문단입니다</p><figure>사진</figure><p>첫째 문단에서 <b>강조</b><br>둘째 줄입니다</p><p>둘째 문단</p></div>'
    """
    from lxml import html as lxml_html

    for container in tree.xpath(_LOOSE_TEXT_CONTAINERS):
        if sum(len(_LETTER.findall(t)) for t in container.xpath("text()")) < WRAP_MIN_LETTERS:
            continue  # separators between links ("뉴스 > 경제"), a date label: not paragraphs
        runs: List[List[Any]] = [[container.text or ""]]  # each run: leading text, then inline children
        blocks: List[Any] = []
        previous_br: Any = None
        for child in list(container):
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in BLOCK_TAGS:
                blocks.append(child)
                runs.append([child.tail or ""])
                child.tail = None
            elif tag == "br" and previous_br is not None:
                # <br><br> ends a paragraph: the pair becomes a boundary between two <p>.
                runs[-1].remove(previous_br)
                runs[-1][0] += previous_br.tail or ""
                blocks.append(None)
                runs.append([child.tail or ""])
                previous_br = None
                continue
            elif tag == "br" and len(runs[-1]) == 1 and not runs[-1][0].strip():
                runs[-1][0] += child.tail or ""  # a third <br>, or one at a run's start: nothing to break
                continue
            else:
                runs[-1].append(child)
            previous_br = child if tag == "br" and not (child.tail or "").strip() else None
        container.text = None
        for child in list(container):
            container.remove(child)
        for i, run in enumerate(runs):
            lead, inline = run[0], run[1:]
            has_text = lead.strip() or any((c.text_content() or "").strip() or (c.tail or "").strip() for c in inline)
            if has_text:
                paragraph = lxml_html.Element("p")
                paragraph.text = lead
                paragraph.extend(inline)
                container.append(paragraph)
            else:
                if container.__len__():
                    last = container[-1]
                    last.tail = (last.tail or "") + lead
                else:
                    container.text = (container.text or "") + lead
                container.extend(inline)
            if i < len(blocks) and blocks[i] is not None:
                container.append(blocks[i])
    return tree


def render_text(tree: Any) -> str:
    """The visible text of a parsed page, one block per line, as a browser's select-all-and-copy
    gives it (html_text's layout guess: block elements and <br> start lines; scripts, styles
    and the <head> are not visible). Blank lines between blocks are dropped.

    >>> render_text(parse_html("<p>첫 문단</p><div>둘째<br>줄</div><script>x=1</script>"))
    '첫 문단\\n둘째\\n줄'
    """
    import html_text

    for head in tree.xpath("/html/head"):
        head.getparent().remove(head)
    text = html_text.extract_text(tree, guess_layout=True)
    return "\n".join(line for line in (l.strip() for l in text.split("\n")) if line)

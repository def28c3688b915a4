"""A safe lxml parse of untrusted HTML, shared by the HTML stage and the evaluation renderer.

No network access and no external entities, ever: the parser is told not to fetch anything and
not to resolve entities, so a page cannot make cleaner open a socket or read a local file.
"""
from __future__ import annotations

from typing import Any


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

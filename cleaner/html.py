"""Stage 2, HTML helpers of cleaner.segment: a page's main column as blocks, its metadata, and
why there is no article.

trafilatura finds the main column (it is good at that); we turn what it returns into Blocks for
our classifier, which then drops what trafilatura lets through (bylines, copyright lines, share
prompts, photo credits ...). Around it, three things trafilatura does not do for us:

- **Headline.** trafilatura's text starts below the headline; the page's own headline (the
  visible <h1> that matches the metadata title, else the metadata title without its site
  suffix) becomes the first block.
- **Script-rendered pages.** When the DOM has no article (the body is filled in by scripts), the
  article is taken from the data the page embeds for its scripts: JSON-LD `articleBody`, or the
  longest prose field of the page data, found by shape rather than by framework: a body-like
  string, or a list of typed text elements (Arc/Fusion `globalContent.content_elements`,
  Next.js `__NEXT_DATA__` blocks), a Nuxt 3 payload read through its indexes, or, where the
  state is a script literal rather than JSON (Nuxt 2's `window.__NUXT__`), its quoted fields.
- **Listing and home pages.** A page whose main column is a list of links, or a page that
  declares no article and whose main column holds no sentence, has no article: it gives no
  blocks and a reason.

The page is parsed once, with the safe parser of `cleaner.html_dom` (no network, no entities);
trafilatura works on a copy of that tree.

>>> page = ("<html><head><title>새 정책 발표 - 한국일보</title></head><body><h1>새 정책 발표</h1>"
...         "<article><p>정부가 새 정책을 발표했다. 시행은 내년부터라고 밝혔다. 관계자는 준비가 끝났다고 말했다.</p>"
...         "<p>야당은 재원 대책이 없다고 비판했다. 정부는 다음 달 세부안을 내놓을 예정이다.</p></article></body></html>")
>>> result = extract(page)
>>> [(b.kind, b.text) for b in result.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('title', '새 정책 발표'),
 ('paragraph', '정부가 새 정책을 발표했다. 시행은 내년부터라고 밝혔다. 관계자는 준비가 끝났다고 말했다.'),
 ('paragraph', '야당은 재원 대책이 없다고 비판했다. 정부는 다음 달 세부안을 내놓을 예정이다.')]
>>> result.metadata["title"], result.reason
('새 정책 발표', None)
"""
from __future__ import annotations

import json
from copy import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import regex

from cleaner import rules
from cleaner.chars import KOREAN_SENTENCE_FINAL, collapse_spaces, letter_count, without_spaces
from cleaner.config import Config
from cleaner.decode import normalize
from cleaner.document import Block
from cleaner.html_dom import INVISIBLE_TAGS, parse_html, render_text, wrap_loose_text
from cleaner.patterns import LazyPattern

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# --- thresholds -------------------------------------------------------------------------------
# trafilatura settings, chosen by measurement (benchmarks/bench_html.py; body F1 on the 14
# ko-pages with gold / the 181 en-aeb pages, with this module's other defaults):
#   favor precision 0.981 / 0.958, balanced 0.980 / 0.953, recall 0.980 / 0.952 (Config.html_favor);
#   tables off 0.981 / 0.954 (tables hold article text: results, data boxes);
#   comments on: no change on either set, and readers' comments are never the article;
#   fast mode off 0.981 / 0.957 and a third slower: the readability/jusText comparison it
#   skips is what the recall retry below does for the pages that need it (without the retry,
#   fast mode falls to 0.843 / 0.929).
INCLUDE_TABLES = True
INCLUDE_COMMENTS = False
FAST_EXTRACTION = True
# Wrap loose text between a container's blocks in <p> before trafilatura sees the page (see
# cleaner.html_dom.wrap_loose_text: a lead paragraph after a figure is otherwise lost). Off:
# 0.974 / 0.956.
WRAP_LOOSE_TEXT = True
# A precision-mode main column with fewer letters than this, and less than RETRY_BELOW_COVERAGE
# of the page's text, is extracted again in recall mode; the retry is kept when it has at least
# RETRY_GAIN times the letters (precision mode had settled on a fragment). Short Korean news
# items (200-500 letters) cover more of their page, and pay for no second extraction.
RETRY_BELOW_LETTERS = 300
RETRY_BELOW_COVERAGE = 0.1
RETRY_GAIN = 2.0
# Whether a single line break inside a paragraph starts a new block. Splitting leaves short
# fragments the classifier drops (0.972 / 0.948); <br><br> still ends a paragraph (wrap_loose_text).
# Off, a line of furniture at a paragraph's start or end still stands alone (_split_at_furniture).
SPLIT_AT_LINE_BREAKS = False
# A main column where links without a sentence (headlines of other pages) hold at least this
# share of the letters is a list of other pages (a most-viewed list, a section front), not an
# article. Links that are whole sentences belong to the text (a deals roundup links every item).
LISTING_LINK_SHARE = 0.5
# A block whose letters are at least this share link text is marked kind="link" (a teaser or a
# related-article entry), so the classifier can treat it as one. Portal lists add the source
# and a "포토" label outside the link, about a quarter of an entry.
LINK_BLOCK_SHARE = 0.6
# A page that declares no article (no og:type=article, no JSON-LD Article) needs at least this
# many sentences in its main column to be taken for one: a home page's main column is headlines,
# labels and a footer.
MIN_ARTICLE_SENTENCES = 2
# The embedded article replaces the DOM's main column when the DOM gave fewer letters than this
# share of the embedded one (script-rendered pages give the DOM almost nothing).
EMBEDDED_PREFERENCE_SHARE = 0.5
# An embedded string must have this many letters to be taken for an article body.
MIN_EMBEDDED_LETTERS = 200
# A title with fewer letters than this ("Home", "t", "뉴스") is no headline.
MIN_HEADLINE_LETTERS = 5
# A <h1>/<h2> counts as the headline when its text covers at least this share of the metadata
# title (the rest being the site name the title tag adds).
HEADLINE_TITLE_SHARE = 0.6
# A heading that starts with the metadata title is the headline when at most this much longer:
# og:title often holds a shortened headline ("A reservoir that makes its own electricity" of
# "...: Harlow Bay tests floating solar"); a longer heading is a paragraph that quotes it, and
# one cut off with an ellipsis a teaser.
HEADLINE_LONGER_THAN_TITLE = 2.5

# JSON keys under which page data keeps an article body (compared lower-cased, "_"/"-" removed).
_BODY_KEYS = LazyPattern(r"articlebody|body|content|contenthtml|html|text|articletext|story")
# Where inline scripts start a JSON value: `= {`, `push({`, `(["...` and so on.
_JSON_START = LazyPattern(r"(?:=|\(|:)\s*(?=[\[{])")
_SENTENCE = LazyPattern(rf"\p{{L}}[.!?。？！](?=[\s\"'”’)\]」』]|$)|[{KOREAN_SENTENCE_FINAL}]\s*[.!?]")
_TAG = LazyPattern(r"<[a-zA-Z/!][^>]*>")
# A template placeholder the page's script replaces before anyone sees it ("$$ARTICLEAD$$",
# "{{ad_slot}}", "%%BANNER%%"): markup, not text.
_PLACEHOLDER = LazyPattern(r"\$\$[\w-]+\$\$|\{\{\s*[\w.-]+\s*\}\}|%%[\w-]+%%")
_ARTICLE_TYPES = LazyPattern(r"Article|BlogPosting|Report|Posting", regex.IGNORECASE)
# Separators between a headline and the site name in <title> ("제목 - 매일경제", "제목ㅣ한국일보").
# "-정치" glued to the headline is a section name only when one short Hangul word follows it.
# Each separator starts where its run of spaces does ((?<!\s)): a search started inside a long
# run would scan the rest of the run once per start.
_TITLE_SEPARATOR = LazyPattern(r"(?<!\s)(?:\s+[-–—|:·]+\s+|\s*[|ㅣ]\s*|\s*::\s*)|-(?=\p{Hangul}{1,6}(?:$|\s*[|ㅣ]))")


class Line(NamedTuple):
    """One line of the main column before it becomes a Block."""

    text: str
    kind: str
    letters: int


@dataclass(frozen=True)
class HtmlExtraction:
    """What the HTML stage hands to the classifier.

    `blocks` are unlabelled (the classifier labels them); `kind` says what the DOM made of each:
    "title" (the headline, from the page's metadata), "heading", "paragraph", "item" (a list
    entry), "quote", "row" (a table row), "code", or "link" (a block that is almost all link
    text: a teaser or a related-article entry). `source` says where the text came from:
    "dom", "json-ld" or "page-data". `reason` is set when the page has no article.
    """

    blocks: List[Block]
    metadata: Dict[str, Any] = field(default_factory=dict)
    reason: Optional[str] = None
    source: str = "dom"


def extract(html: str, config: Optional[Config] = None) -> HtmlExtraction:
    """The main column of one page as blocks, with metadata and, when there is none, a reason."""
    config = config or Config()
    tree = parse_html(html)
    linked_data = json_ld(tree)
    metadata = page_metadata(tree, linked_data)
    drop_hidden_copies(tree)
    lines = _main_column(tree, config)
    source = "dom"

    dom_letters = sum(line.letters for line in lines)
    embedded = embedded_article(tree, page_data=dom_letters < MIN_EMBEDDED_LETTERS, linked_data=linked_data)
    if embedded is not None:
        embedded_source, embedded_lines = embedded
        embedded_letters = sum(line.letters for line in embedded_lines)
        # Taken when the DOM gave little, or gave the same text run together (trafilatura's own
        # fallback reads articleBody, without its line breaks).
        if (dom_letters < EMBEDDED_PREFERENCE_SHARE * embedded_letters
                or without_spaces("".join(line.text for line in lines)) == without_spaces("".join(line.text for line in embedded_lines))):
            lines, source = embedded_lines, embedded_source
    metadata["source"] = source

    reason = _no_article_reason(lines, tree, linked_data)
    if reason is not None and source == "dom" and dom_letters >= MIN_EMBEDDED_LETTERS and declares_article(tree, linked_data):
        # Before a page that says it is an article is called a listing, the candidate the DOM
        # pass passed over is reconsidered: the article in its page data. (A JSON-LD body found
        # above is the one this would find again: page data is read only without one.)
        if embedded is None:
            embedded = embedded_article(tree, page_data=True, linked_data=linked_data)
        if embedded is not None and _no_article_reason(embedded[1], tree, linked_data) is None:
            source, lines = embedded
            metadata["source"] = source
            reason = None
    if reason is not None:
        return HtmlExtraction(blocks=[], metadata=metadata, reason=reason, source=source)

    headline = page_headline(tree, metadata.get("title"), metadata.get("site_name"))
    if headline and letter_count(headline) >= MIN_HEADLINE_LETTERS:
        metadata["title"] = headline
        found = _headline_position(headline, lines)
        if found is None:
            lines.insert(0, Line(headline, "title", letter_count(headline)))
        else:
            lines[found] = lines[found]._replace(kind="title")  # trafilatura kept it: mark it as the headline
    return HtmlExtraction(blocks=_to_blocks(lines), metadata=metadata, source=source)


def visible_text(html: str) -> str:
    """Every visible line of the page, one block per line (for --no-boilerplate on HTML)."""
    return normalize(render_text(parse_html(html)))


# --- the main column --------------------------------------------------------------------------

def _main_column(tree: "HtmlElement", config: Config) -> List[Line]:
    """trafilatura's main column as lines."""
    if WRAP_LOOSE_TEXT:
        wrap_loose_text(tree)
    lines = _trafilatura_lines(tree, config.html_favor)
    found = sum(line.letters for line in lines)
    if config.html_favor == "precision" and found < RETRY_BELOW_LETTERS:
        # Precision mode sometimes settles on a paywall notice or a caption; trafilatura's
        # balanced mode retries a short result that covers little of the page with recall
        # settings, precision mode does not.
        page = letter_count("".join(tree.xpath(_VISIBLE_TEXT)))
        if found < RETRY_BELOW_COVERAGE * page:
            retry = _trafilatura_lines(tree, "recall", fast=False)
            if sum(line.letters for line in retry) >= RETRY_GAIN * found:
                lines = retry
    return lines


_VISIBLE_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"

# Elements a reader does not see where they stand: hidden by attribute or inline style, or named
# as the page's print or AMP version of itself. The style test is a predicate on @style, so
# that the elements without one (most of a page) cost no string functions: half the query's time.
_HIDDEN = ("//body//*[@hidden or @aria-hidden='true'"
           " or @style[contains(translate(., 'DISPLAYNOE ', 'displaynoe'), 'display:none')"
           " or contains(translate(., 'VISBLTYHDN ', 'visbltyhdn'), 'visibility:hidden')]]")
_COPY_NAME = LazyPattern(r"print|(?<![a-z])amp(?![a-z])", regex.IGNORECASE)
# Every class and id of the body's elements, in document order (an element's own together).
_CLASS_AND_ID = "//body//*/@class | //body//*/@id"
# A hidden element is a copy when it has this many letters and this share of them is in lines
# the page also shows elsewhere (a print copy of the article, a collapsed duplicate).
MIN_HIDDEN_COPY_LETTERS = 100
HIDDEN_COPY_SHARE = 0.8


def drop_hidden_copies(tree: "HtmlElement") -> List[str]:
    """Remove, in place, hidden copies of text the page also shows: print and AMP versions and
    display:none duplicates of the article. They are not the article's competitors: left in,
    trafilatura may take the copy, and the visible article then reads as a repeat of it. Hidden
    text the page shows nowhere else (the rest of an article behind a "more" button) stays.
    Returns the removed elements' tags, for tests.

    >>> from cleaner.html_dom import parse_html
    >>> line = "정부가 새 정책을 발표했다. 시행은 내년부터라고 관계자가 밝혔다. " * 5
    >>> tree = parse_html(f'<body><div id="a"><p>{line}</p></div><div class="print_area" style="display:none"><p>{line}</p></div></body>')
    >>> drop_hidden_copies(tree), len(tree.xpath("//p"))
    (['div'], 1)
    """
    # Hidden ones first: a visible article whose wrapper is named for printing stays when its
    # hidden copy has gone.
    candidates = tree.xpath(_HIDDEN) + _named_as_copy(tree)
    candidates = [e for e in candidates if letter_count(e.text_content()) >= MIN_HIDDEN_COPY_LETTERS]
    page: Optional[str] = None  # the page's text, read when a candidate needs it
    removed: List[str] = []
    gone: set = set()
    for element in candidates:
        if any(ancestor in gone for ancestor in element.iterancestors()) or element in gone:
            continue
        lines = [without_spaces(line) for line in render_text(element).split("\n")]
        letters = sum(letter_count(line) for line in lines)
        if letters < MIN_HIDDEN_COPY_LETTERS:
            continue
        if page is None:
            page = _visible_text_without_spaces(tree)
        shown = sum(letter_count(line) for line in lines if line and page.count(line) >= 2)
        if shown >= HIDDEN_COPY_SHARE * letters:
            gone.add(element)
            removed.append(element.tag)
            element.drop_tree()
            page = None
    return removed


def _visible_text_without_spaces(tree: "HtmlElement") -> str:
    """`without_spaces(render_text(tree))` for a tree parse_html made (lower-case tags): its
    visible text with no whitespace, so without the lines render_text breaks it into. Read from
    a copy with the invisible elements stripped (their tails stay, as render_text keeps them),
    lxml joins the text in C: about 0.8 ms a page where the walk takes 1.3."""
    from lxml import etree

    visible = copy(tree)
    etree.strip_elements(visible, *INVISIBLE_TAGS, with_tail=False)
    return without_spaces(visible.text_content())


def _named_as_copy(tree: "HtmlElement") -> List["HtmlElement"]:
    """The elements whose class or id names a print or AMP copy, in document order.

    The names are read as plain strings (lxml makes each element object through a Python class
    lookup, the cost of the old scan) and searched together, joined by NUL, which no name holds
    (libxml2 keeps strings NUL-terminated) and no match crosses: most pages name no copy. The
    elements holding the matching names are then taken by the names' positions in the same
    query, in one pass.
    """
    names = "\0".join(tree.xpath(_CLASS_AND_ID, smart_strings=False))
    positions: List[int] = []  # of the matching names, 1-based, as XPath counts
    position, counted = 1, 0
    for found in _COPY_NAME.finditer(names):
        position += names.count("\0", counted, found.start())
        counted = found.start()
        if not positions or positions[-1] != position:
            positions.append(position)
    if not positions:
        return []
    if len(positions) > MAX_COPY_NAMES_QUERIED:
        return [element for element in tree.xpath("//body//*[@class or @id]")
                if _COPY_NAME.search(f"{element.get('class', '')} {element.get('id', '')}")]
    return tree.xpath(f"({_CLASS_AND_ID})[{' or '.join(f'position() = {p}' for p in positions)}]/..")


# Past this many matching names, each element is tested in Python instead (the query compares
# every name's position with each of theirs).
MAX_COPY_NAMES_QUERIED = 64


def _trafilatura_lines(tree: "HtmlElement", favor: str, fast: Optional[bool] = None) -> List[Line]:
    from trafilatura import bare_extraction

    document = bare_extraction(
        tree,
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
        fast=FAST_EXTRACTION if fast is None else fast,
        include_comments=INCLUDE_COMMENTS,
        include_tables=INCLUDE_TABLES,
        include_links=True,  # only to measure link density; links are never output as such
        with_metadata=False,  # page_metadata does the cheap part; htmldate's author scan is slow
        # The body tree is all we read: in any format but "python", bare_extraction leaves it
        # unrendered (its text rendering cost a twentieth of the extraction; no formatting
        # option differs, the two formats have the same defaults).
        output_format="txt",
    )
    if document is None or document.body is None:
        return []
    return _body_lines(document.body)


# trafilatura's output vocabulary: these start a new line; everything else is inline.
_LINE_TAGS = {"p": "paragraph", "head": "heading", "item": "item", "quote": "quote", "row": "row",
              "code": "code", "list": None, "table": None, "div": None, "body": None,
              "doc": None, "main": None, "comments": None}


def _body_lines(body: Any) -> List[Line]:
    """trafilatura's output tree as lines: one per paragraph, heading, list item, quote or
    table row; kind "link" when the line is mostly link text. A single line break stays inside
    its paragraph unless it sets off page furniture (`_split_at_furniture`)."""
    lines: List[Line] = []
    parts: List[str] = []
    link_parts: List[str] = []  # the parts that are link text
    kind_stack: List[str] = ["paragraph"]

    def flush() -> None:
        if not parts:  # (link text is always a part too)
            return
        # Parts join with nothing: an inline element's edge is no word boundary ("<b>방침</b>이다"
        # is one word); the page's own whitespace is in the parts.
        pieces = [collapse_spaces(normalize(piece).replace("\n", " ")) for piece in "".join(parts).split(_LINE_BREAK)]
        parts.clear()
        in_links = letter_count("".join(link_parts)) if link_parts else 0
        link_parts.clear()
        present = [piece for piece in pieces if piece]
        whole = " ".join(present)  # each piece is collapsed and stripped already
        letters = letter_count(whole)
        kind = kind_stack[-1]
        if letters and in_links >= LINK_BLOCK_SHARE * letters:
            kind = "link"
        for text in _split_at_furniture(pieces):
            if text and not _PLACEHOLDER.fullmatch(text):
                lines.append(Line(text, kind, letters if text == whole else letter_count(text)))

    def walk(element: Any, in_link: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        is_line = tag in _LINE_TAGS
        if tag == "lb":
            if SPLIT_AT_LINE_BREAKS:
                flush()
            else:
                parts.append(_LINE_BREAK)
        elif tag == "cell":
            parts.append(" ")  # cells of a row share its line
        elif is_line:
            flush()
            if _LINE_TAGS[tag]:
                kind_stack.append(_LINE_TAGS[tag])
        link = in_link or tag == "ref"
        if element.text and tag != "lb":
            parts.append(element.text)
            if link:
                link_parts.append(element.text)
        for child in element:
            walk(child, link)
            if child.tail:
                parts.append(child.tail)
                if link:
                    link_parts.append(child.tail)
        if is_line:
            flush()
            if _LINE_TAGS[tag]:
                kind_stack.pop()

    walk(body, False)
    flush()
    return lines


# A single <br> inside a paragraph, until `_split_at_furniture` decides what it separates (a
# private-use character: page text never reaches here with one, normalize drops them).
_LINE_BREAK = "\ue000"
# Lines set off by <br> that are furniture by a rule of this role stand as blocks of their own:
# a byline or e-mail under the last paragraph, a copyright line, a credit or contact line, a
# broadcast cue above the first. Widget headers and image buttons inside a paragraph are rare,
# and a date line is as often the article's ("2025년 3월 4일<br>...").
_FURNITURE_ROLES = (rules.BYLINE, rules.END, rules.DROP)
# ... when they are short: a paragraph that a rule would drop whole is not furniture set off.
MAX_FURNITURE_LINE_LETTERS = 80


def _split_at_furniture(pieces: Sequence[str]) -> List[str]:
    """The lines of one paragraph (its <br>-separated pieces) as blocks: the pieces at its start
    and at its end that a rule knows as furniture stand alone (an anchor's cue above the first
    paragraph; a byline, e-mail, tip line or copyright under the last), when what they are set
    off from is prose (holds a sentence). Everything else stays one paragraph: a single <br>
    inside prose is the author's line break, a link between a list's items is the list's, and a
    caption's credit is the caption's.

    >>> _split_at_furniture(["【 앵커멘트 】", "시가 새 정책을 발표했습니다.", "내년부터 시행합니다.", "김철수 기자 kim@example.kr"])
    ['【 앵커멘트 】', '시가 새 정책을 발표했습니다. 내년부터 시행합니다.', '김철수 기자 kim@example.kr']
    >>> _split_at_furniture(["취업 (CG)", "[연합뉴스TV 제공]"])
    ['취업 (CG) [연합뉴스TV 제공]']
    """
    pieces = [piece for piece in pieces if piece]
    if len(pieces) < 2:  # nothing to set off (and no rule to try)
        return pieces

    def furniture(piece: str) -> bool:
        found = rules.match_rules(piece) if letter_count(piece) <= MAX_FURNITURE_LINE_LETTERS else None
        return found is not None and found.role in _FURNITURE_ROLES

    first, last = 0, len(pieces)
    while first < last and furniture(pieces[first]):
        first += 1
    while last > first and furniture(pieces[last - 1]):
        last -= 1
    prose = " ".join(pieces[first:last])
    if first == last or (first == 0 and last == len(pieces)) or not _SENTENCE.search(prose):
        return [" ".join(pieces)]
    return pieces[:first] + [prose] + pieces[last:]


# --- listing and home pages -------------------------------------------------------------------

def _no_article_reason(lines: Sequence[Line], tree: "HtmlElement", linked_data: Sequence[Dict[str, Any]]) -> Optional[str]:
    if not lines:
        return None  # nothing found: the classifier says "empty" in its own words
    total = sum(line.letters for line in lines)
    teasers = sum(line.letters for line in lines if line.kind == "link" and not _SENTENCE.search(line.text))
    if total and teasers >= LISTING_LINK_SHARE * total:
        return (f"listing page: {teasers / total:.0%} of the main column is links to other pages "
                "(a list of headlines, not an article)")
    # A footer's "All Rights Reserved." is not an article's sentence: lines a rule knows as page
    # furniture are not counted.
    sentences = 0
    for text, _, _ in lines:
        found = len(_SENTENCE.findall(text))
        if found and rules.match_rules(text) is None:
            sentences += found
            if sentences >= MIN_ARTICLE_SENTENCES:
                return None
    if not declares_article(tree, linked_data):
        return (f"no article: the page declares none and its main column has {sentences} "
                "sentence(s) (a home or section page)")
    return None


def declares_article(tree: "HtmlElement", linked_data: Optional[Sequence[Dict[str, Any]]] = None) -> bool:
    """Whether the page says it is an article (og:type, JSON-LD @type, or an <article> element)."""
    for value in tree.xpath('//meta[@property="og:type"]/@content'):
        if value.strip().lower() in ("article", "blog", "news", "newsarticle"):
            return True
    if _articles(json_ld(tree) if linked_data is None else linked_data):
        return True
    return bool(tree.xpath("//article"))


# --- metadata ---------------------------------------------------------------------------------

def page_metadata(tree: "HtmlElement", linked_data: Optional[Sequence[Dict[str, Any]]] = None) -> Dict[str, Any]:
    """Title, date, section, author and site name, where the page gives them.

    The page's JSON-LD article first (what the site says of itself), then its meta tags read by
    trafilatura (OpenGraph, article:*, Dublin Core ...), then the <title>. The date falls back
    to htmldate's quick mode. trafilatura's own JSON-LD reader and its DOM scan for an author
    are left out: together they cost more than a tenth of the extraction, and bylines in the
    text are the classifier's business.
    """
    from trafilatura.metadata import examine_meta

    found = examine_meta(tree)
    article = _first(_articles(json_ld(tree) if linked_data is None else linked_data))
    metadata: Dict[str, Any] = {}
    title = _text(article.get("headline")) or found.title or tree.findtext(".//title")
    if title and title.strip():
        metadata["title"] = collapse_spaces(normalize(title))
    date = _iso_date(_text(article.get("datePublished"))) or _meta_date(tree)
    if not date:
        from htmldate import find_date

        date = find_date(tree, extensive_search=False, original_date=True)
    if date:
        metadata["date"] = date
    section = (_text(article.get("articleSection")) or _meta_section(tree)
               or (found.categories[0] if found.categories else None))
    if section:
        metadata["section"] = collapse_spaces(normalize(section))
    author = _names(article.get("author")) or found.author
    if author:
        metadata["author"] = collapse_spaces(normalize(author))
    site_name = _names(article.get("publisher")) or found.sitename
    if site_name:
        metadata["site_name"] = collapse_spaces(normalize(site_name))
    return metadata


_ISO_DAY = LazyPattern(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_META = ('//meta[@property="article:published_time" or @name="article:published_time"'
              ' or @itemprop="datePublished" or @name="pubdate" or @property="og:pubdate"]/@content')


def _iso_date(value: Optional[str]) -> Optional[str]:
    found = _ISO_DAY.match(value.strip()) if value else None
    return "-".join(found.groups()) if found else None


def _meta_date(tree: "HtmlElement") -> Optional[str]:
    for value in tree.xpath(_DATE_META):
        date = _iso_date(value)
        if date:
            return date
    return None


def _meta_section(tree: "HtmlElement") -> Optional[str]:
    for value in tree.xpath('//meta[@property="article:section" or @name="article:section"]/@content'):
        if value.strip():
            return value
    return None


# --- JSON-LD ----------------------------------------------------------------------------------

def json_ld(tree: "HtmlElement") -> List[Dict[str, Any]]:
    """Every JSON-LD object the page holds (lists and @graph flattened); malformed ones skipped.

    >>> from cleaner.html_dom import parse_html
    >>> page = parse_html('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
    ...                   '"headline": "제목"}, {"@type": "WebSite"}]}</script>')
    >>> [o.get("@type") for o in json_ld(page)]
    [None, 'NewsArticle', 'WebSite']
    """
    objects: List[Dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            value = json.loads(script, strict=False)
        except ValueError:
            continue
        stack = [value]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph
    return objects


def _articles(objects: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    def is_article(item: Dict[str, Any]) -> bool:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        return any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)
    return [item for item in objects if is_article(item)]


def _first(items: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    return items[0] if items else {}


def _text(value: Any) -> Optional[str]:
    """A JSON-LD value as one string (the first of a list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() or None if isinstance(value, str) else None


def _names(value: Any) -> Optional[str]:
    """Person or organisation names ("a", {"name": "a"}, or a list of them), "; "-joined."""
    items = value if isinstance(value, list) else [value]
    names = [item if isinstance(item, str) else item.get("name") if isinstance(item, dict) else None
             for item in items]
    names = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    return "; ".join(dict.fromkeys(names)) or None


def page_headline(tree: "HtmlElement", title: Optional[str], site_name: Optional[str] = None) -> Optional[str]:
    """The headline as the page shows it: the heading the metadata title starts with (or, when
    the metadata title is a shortened headline, the heading that starts with it), else the
    metadata title without the site name <title> tags add.

    >>> from cleaner.html_dom import parse_html
    >>> page_headline(parse_html("<h1>새 정책 발표</h1>"), "새 정책 발표 - 한국일보")
    '새 정책 발표'
    >>> page_headline(parse_html("<p>본문</p>"), "새 정책 발표 | 한국일보", "한국일보")
    '새 정책 발표'
    >>> page_headline(parse_html("<h1>새 정책 발표: 내년부터 시행</h1>"), "새 정책 발표")
    '새 정책 발표: 내년부터 시행'
    """
    if not title:
        return None
    squashed_title = without_spaces(title)
    for path in ("//h1", "//h2|//h3"):  # most pages put the headline in their <h1>
        best = None
        for heading in tree.xpath(path):
            text = collapse_spaces(normalize("".join(heading.itertext())))
            squashed = without_spaces(text)
            if squashed and ((squashed_title.startswith(squashed)
                              and len(squashed) >= HEADLINE_TITLE_SHARE * len(squashed_title))
                             or (squashed.startswith(squashed_title) and not text.endswith(("…", "..."))
                                 and len(squashed) <= HEADLINE_LONGER_THAN_TITLE * len(squashed_title))):
                if best is None or len(squashed) > len(without_spaces(best)):
                    best = text
        if best:
            return best
    return strip_site_name(title, site_name)


def strip_site_name(title: str, site_name: Optional[str] = None) -> str:
    """The title without the site name (and section) that <title> tags add.

    A trailing piece goes when it names the site or is one short word; a leading piece only
    when it names the site (a leading "[속보]" or "Covid-19:" is the headline's own).

    >>> strip_site_name("새 정책 발표 - 매일경제")
    '새 정책 발표'
    >>> strip_site_name("장동혁 대표 발언-정치ㅣ한국일보", "한국일보")
    '장동혁 대표 발언'
    >>> strip_site_name("대전일보 모바일 :: 성금 기탁 줄 잇는다", "대전일보")
    '성금 기탁 줄 잇는다'
    >>> strip_site_name("A - B: what the 1-2 means")
    'A - B: what the 1-2 means'
    """
    pieces = [p for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    if len(pieces) < 2:
        return title
    site = without_spaces(site_name or "")
    half = len(without_spaces(title)) / 2

    def names_site(piece: str) -> bool:
        squashed = without_spaces(piece)
        return bool(site) and (site in squashed or squashed in site) and len(squashed) < half

    def one_short_word(piece: str) -> bool:
        return len(piece.strip()) <= SITE_NAME_MAX_CHARS and not _SPACE_OR_QUOTE.search(piece.strip())

    while len(pieces) > 1 and (names_site(pieces[-1]) or one_short_word(pieces[-1])):
        pieces.pop()
    while len(pieces) > 1 and names_site(pieces[0]):
        pieces.pop(0)
    return pieces[0].strip() if len(pieces) == 1 else title


# A trailing title piece this short, in one word, is a site or section name ("매일경제", "뉴스").
SITE_NAME_MAX_CHARS = 12
_SPACE_OR_QUOTE = LazyPattern(r"[\s\"'“”‘’]")


def _headline_position(headline: str, lines: Sequence[Line]) -> Optional[int]:
    """Where the main column already has the headline (alone, or with a kicker), or None."""
    squashed = without_spaces(headline)
    for i, (text, _, _) in enumerate(lines[:HEADLINE_SEARCH_BLOCKS]):
        block = without_spaces(text)
        if squashed == block or (squashed and squashed in block and len(block) < 2 * len(squashed)):
            return i
    return None


# How many blocks from the top may already hold the headline.
HEADLINE_SEARCH_BLOCKS = 5


# --- embedded page data -----------------------------------------------------------------------

def embedded_article(tree: "HtmlElement", page_data: bool = True,
                     linked_data: Optional[Sequence[Dict[str, Any]]] = None) -> Optional[Tuple[str, List[Line]]]:
    """The article the page embeds for its scripts, as (source, lines), or None.

    JSON-LD `articleBody` first; else, when `page_data` is true, the longest body-like string
    ("content", "body", "html" ...) in the JSON an inline script holds (scanning every inline
    script costs time, so the caller asks for it only when the DOM gave no article). HTML
    inside the string is rendered to lines.
    """
    best: Optional[Tuple[int, str, str]] = None
    for item in json_ld(tree) if linked_data is None else linked_data:
        string = item.get("articleBody")
        if isinstance(string, str):
            letters = letter_count(_TAG.sub(" ", string))
            if letters >= MIN_EMBEDDED_LETTERS and (best is None or letters > best[0]):
                best = (letters, "json-ld", string)
    if best is None and page_data:
        for script in tree.xpath("//script[not(@src)]"):
            text = script.text
            if not text or script.get("type", "").lower() == "application/ld+json":
                continue
            found = False
            for value in _json_values(text):
                for string in _prose_fields(value):
                    found = True
                    best = _longer(best, "page-data", string)
            if not found:
                # State written as a script literal, not JSON (Nuxt 2's `window.__NUXT__ =
                # (function(a, b) {return {data: [{body: "..."}]}}(...))`): its quoted fields.
                for key, string in _literal_fields(text):
                    if _BODY_KEYS.fullmatch(key):
                        best = _longer(best, "page-data", string)
    if best is None:
        return None
    _, source, string = best
    if _TAG.search(string):
        rendered = render_text(parse_html(f"<html><body>{string}</body></html>"))
    else:
        rendered = string
    lines = [Line(text, "paragraph", letter_count(text))
             for text in (collapse_spaces(normalize(part)) for part in rendered.split("\n"))
             if text and not _PLACEHOLDER.fullmatch(text)]
    return (source, lines) if lines else None


# A JSON value in a script is first parsed from this many characters after its start ...
JSON_WINDOW = 8192
# ... and parsed in place, when longer, this many times per script (page data is one or two
# values; a script of code that fails thousands of times is not page data).
MAX_LONG_JSON_TRIES = 16


def _json_values(script: str) -> Iterator[Any]:
    """Every JSON value an inline script holds: the whole text, or values after `=`, `(`, `:`."""
    stripped = script.strip()
    decoder = json.JSONDecoder(strict=False)
    if stripped[:1] in "{[":
        try:
            yield json.loads(stripped, strict=False)
            return
        except ValueError:
            pass
    position = 0
    long_tries = 0
    while True:
        match = _JSON_START.search(script, position)
        if match is None:
            return
        start = match.end()
        position = start + 1
        # A failed parse costs json the lines before the failure (its error message counts
        # them): from the start of a megabyte script, at each of thousands of candidate starts,
        # that is quadratic. So a value is first parsed from a window of its own; only a value
        # longer than the window (page data, where the article is) is parsed in place, and only
        # MAX_LONG_JSON_TRIES times per script.
        window = script[start:start + JSON_WINDOW]
        try:
            value, end = decoder.raw_decode(window)
            end += start
        except (ValueError, RecursionError):
            if len(window) < JSON_WINDOW or long_tries >= MAX_LONG_JSON_TRIES:
                continue
            long_tries += 1
            try:
                value, end = decoder.raw_decode(script, start)
            except (ValueError, RecursionError):
                continue
        if isinstance(value, (dict, list)) and value:
            yield value
        position = end


def _longer(best: Optional[Tuple[int, str, str]], source: str, string: str) -> Optional[Tuple[int, str, str]]:
    """The longer of the best article body so far and this string, if the string reads as one
    (MIN_EMBEDDED_LETTERS letters and MIN_ARTICLE_SENTENCES sentences)."""
    plain = _TAG.sub(" ", string)
    letters = letter_count(plain)
    if (letters >= MIN_EMBEDDED_LETTERS and len(_SENTENCE.findall(plain)) >= MIN_ARTICLE_SENTENCES
            and (best is None or letters > best[0])):
        return (letters, source, string)
    return best


# Element types of a structured body that are the article's text (Arc's content_elements,
# Next.js and headless-CMS block lists): everything else (image, video, raw_html, ad, embed,
# related links) is furniture or a caption.
_TEXT_ELEMENT_TYPES = LazyPattern(r"text|paragraph|p|header|heading|h[1-6]|subheading|quote|blockquote|list_?item",
                                  regex.IGNORECASE)
# A list is a structured body when at least this many of its elements are text elements.
MIN_TEXT_ELEMENTS = 2


def _prose_fields(value: Any) -> Iterator[str]:
    """Candidate article bodies in one JSON value, found by shape rather than by framework:
    every string under a body-like key ("articleBody", "content", "body", "html" ...), and every
    list of text elements (`[{"type": "text", "content": "..."}, {"type": "image"} ...]`, as Arc's
    `content_elements` and block-based CMSs keep a body) joined one element per line. A Nuxt 3
    payload (`__NUXT_DATA__`, a flat array whose objects point at their values by index) is read
    through its indexes.
    """
    for key, string in _strings(value):
        if _BODY_KEYS.fullmatch(key):
            yield string
    for elements in _lists(value):
        texts = []
        for element in elements:
            if not isinstance(element, dict):
                continue
            # Typed elements only: a list of untyped objects with text is as often comments.
            kind = element.get("type", element.get("_type"))
            if not (isinstance(kind, str) and _TEXT_ELEMENT_TYPES.fullmatch(kind)):
                continue
            text = next((v for k, v in element.items()
                         if isinstance(v, str) and _BODY_KEYS.fullmatch(_normal_key(k))), None)
            if text:
                texts.append(text)
        if len(texts) >= MIN_TEXT_ELEMENTS:
            yield "\n".join(f"<p>{text}</p>" if not _TAG.search(text) else text for text in texts)
    if isinstance(value, list) and any(isinstance(item, dict) for item in value[:4]):
        for item in value:
            if isinstance(item, dict):
                for key, index in item.items():
                    if (isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(value)
                            and isinstance(value[index], str) and _BODY_KEYS.fullmatch(_normal_key(key))):
                        yield value[index]


def _lists(value: Any) -> Iterator[List[Any]]:
    """Every list inside a JSON value whose elements are objects."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            if any(isinstance(element, dict) for element in item):
                yield item
            stack.extend(item)


# A quoted field of a script literal: `body:"..."`, `"body": "..."`, `'body':'...'`.
_LITERAL_FIELD = LazyPattern(r"""["']?([A-Za-z_$][\w$]{0,40})["']?\s*:\s*"((?:[^"\\]|\\.){200,})""" + '"')


def _literal_fields(script: str) -> Iterator[Tuple[str, str]]:
    """(normalised key, string) for each long double-quoted field of a script's object literal."""
    for match in _LITERAL_FIELD.finditer(script):
        try:
            string = json.loads(f'"{match.group(2)}"', strict=False)
        except ValueError:
            continue
        yield _normal_key(match.group(1)), string


def _normal_key(key: Any) -> str:
    return str(key).lower().replace("_", "").replace("-", "")


def _strings(value: Any, key: str = "") -> Iterator[Tuple[str, str]]:
    """(normalised key, string) for every string in a JSON value, depth first."""
    stack = [(key, value)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, dict):
            for k, v in value.items():
                stack.append((_normal_key(k), v))
        elif isinstance(value, list):
            for v in value:
                stack.append((key, v))


# --- blocks -----------------------------------------------------------------------------------

def _to_blocks(lines: Sequence[Line]) -> List[Block]:
    return [Block(index=i, text=text, start_line=i, end_line=i + 1, kind=kind)
            for i, (text, kind, _) in enumerate(lines)]


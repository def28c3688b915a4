"""No single match may cost an article (issue 13, item 2).

Each test is one way a whole article used to be lost to one decision, on a page or text written
for it: an end-of-article pattern matched inside the article's prose and cut every paragraph
after it; the visible article was dropped as a repeat of a hidden print copy; and, with nothing
left, the page was called a listing. Every decision stays explained (reasons, decided_by).
"""
from __future__ import annotations

from typing import List

from cleaner import Config, analyze
from cleaner.classify import (AFTER_END, CUT_OUTWEIGHS_ARTICLE, END_INSIDE_PROSE, RECONSIDERED,
                              main_column_context)
from cleaner.document import BODY, BOILERPLATE, CUT, FEATURE, RULE, Block
from cleaner.html import drop_hidden_copies
from cleaner.html_dom import parse_html
from cleaner.rules import match_rules

HEADLINE = "시, 산업단지 유휴부지 정비 나선다"
# The second paragraph says "무단사용"; the third names a copyright holder in a sentence.
PARAGRAPHS = [
    "시가 산업단지 안의 유휴부지를 정비하는 사업에 착수했다고 밝혔다. 올해 안에 세 곳을 먼저 "
    "정비하고 내년에는 나머지 부지로 범위를 넓힐 계획이다.",
    "시는 그동안 일부 업체가 공용 부지를 무단사용해 온 사실을 확인하고 원상복구를 명령했다. "
    "기한 안에 따르지 않으면 변상금을 부과할 방침이다.",
    "저작권자 단체와 함께 만든 안내 책자도 입주 기업에 배포했다.",
    "정비가 끝난 부지는 청년 창업 기업에 싸게 빌려줄 예정이다. 시 관계자는 입주 수요가 많아 "
    "경쟁이 치열할 것으로 내다봤다.",
    "산업단지 관리공단은 다음 달 설명회를 열어 신청 자격과 절차를 안내하기로 했다. 자세한 "
    "내용은 공단 누리집에서 확인할 수 있다.",
]
BYLINE = "박기자 기자 park@example.kr"
NOTICE = "ⓒ 가상일보, 무단 전재 및 재배포 금지"


def page(article: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE} - 가상일보</title>
<meta property="og:type" content="article"></head><body>
<nav><a href="/">홈</a> <a href="/local">지역</a></nav>
<h1>{HEADLINE}</h1>
{article}
{extra}
<footer><p>가상일보 | 서울시 가상구 00로 0</p></footer></body></html>"""


def article_html() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f'<div class="article_body">{body}<p>{BYLINE}</p><p>{NOTICE}</p></div>'


def kept(text: str) -> List[str]:
    return [p for p in PARAGRAPHS if p in text]


# --- an end-of-article pattern inside prose -------------------------------------------------------

def test_a_sentence_about_unauthorised_use_is_no_copyright_notice() -> None:
    assert match_rules(PARAGRAPHS[1]) is None
    # The notices themselves still are.
    for notice in (NOTICE, "무단전재 및 재배포 금지", "이 기사를 무단 복제하는 것은 저작권법에 따라 금지됩니다."):
        assert match_rules(notice) is not None and match_rules(notice).name == "copyright"


def test_an_end_marker_inside_prose_ends_nothing_in_text() -> None:
    text = "\n".join(["지역", HEADLINE, "2025.03.04 09:00", *PARAGRAPHS, BYLINE, NOTICE,
                      "많이 본 뉴스", "다른 기사의 첫 문단이 이렇게 길게 이어져서 마치 본문처럼 보인다."])
    result = analyze(text, Config(spacing="off"))
    assert kept(result.text) == [p for p in PARAGRAPHS if p != PARAGRAPHS[2]]
    marker = next(b for b in result.blocks if b.text == PARAGRAPHS[2])
    # The sentence that matched is dropped by its rule, and says why it ended nothing.
    assert marker.label == BOILERPLATE and marker.decided_by == RULE
    assert marker.reasons[:2] == (END_INSIDE_PROSE, "rule:copyright")
    # The real notice, on its own line after the byline, still ends the article.
    assert "다른 기사의 첫 문단" not in result.text


def test_a_notice_after_the_last_paragraph_still_ends_the_article() -> None:
    text = "\n".join([HEADLINE, "2025.03.04 09:00", *PARAGRAPHS[:2], NOTICE,
                      "이어지는 다른 기사의 문단은 이렇게 길고 문장으로 끝나서 본문처럼 읽힌다.",
                      "그 기사의 둘째 문단도 역시 길게 이어지며 마침표로 끝나는 문장이다."])
    blocks = analyze(text, Config(spacing="off")).blocks
    after = [b for b in blocks if b.text.startswith(("이어지는", "그 기사의"))]
    assert all(b.label == BOILERPLATE and b.decided_by == CUT and b.reasons[0] == AFTER_END for b in after)


# --- hidden copies and repeats ----------------------------------------------------------------------

def test_a_hidden_print_copy_does_not_cost_the_visible_article() -> None:
    print_copy = article_html().replace('class="article_body"', 'class="print_only"')
    result = analyze(page(article_html(), print_copy), Config(spacing="off"))
    assert result.reason is None
    assert kept(result.text) == [p for p in PARAGRAPHS if p != PARAGRAPHS[2]]
    assert all(result.text.count(p) == 1 for p in kept(result.text))


def test_hidden_copies_go_and_hidden_text_shown_nowhere_else_stays() -> None:
    copy = f'<div style="display: none">{article_html()}</div>'
    tree = parse_html(page(article_html(), copy))
    assert drop_hidden_copies(tree) == ["div"]
    assert sum(PARAGRAPHS[0] in p.text_content() for p in tree.xpath("//p")) == 1
    # The rest of an article behind a "more" button is hidden but shown nowhere else: it stays.
    rest = f'<div hidden><p>{PARAGRAPHS[3]}</p><p>{PARAGRAPHS[4]}</p></div>'
    tree = parse_html(page("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), rest))
    assert drop_hidden_copies(tree) == []


def test_print_and_amp_copies_are_found_by_name_however_the_page_writes_it() -> None:
    copy = article_html().replace('class="article_body"', "{}")
    # A class that spans lines and shouts is still a print copy's; a word that only holds the
    # letters ("campaign", "stamp") names none, and the copy in it is the page's business.
    for attributes, removed in (('class="article\n  PRINT-area"', ["div"]), ('id="amp-article"', ["div"]),
                                ('class="campaign stamp"', [])):
        assert drop_hidden_copies(parse_html(page(article_html(), copy.format(attributes)))) == removed
    # Many print buttons (each too short to be a copy) do not hide the copy among them.
    buttons = '<a class="btn-print">인쇄</a>' * 100
    tree = parse_html(page(article_html(), buttons + copy.format('class="article_print"') + buttons))
    assert drop_hidden_copies(tree) == ["div"]


def _block(i: int, text: str, label: str = BODY, reasons: tuple = ("prose",), decided_by: str = FEATURE,
           initial: str = BODY) -> Block:
    return Block(index=i, text=text, start_line=i, end_line=i + 1, initial=initial, label=label,
                 reasons=reasons, decided_by=decided_by)


def test_a_repeat_counts_only_when_the_later_copy_stays() -> None:
    # The later copy of the lead was cut: the first copy is the one that remains, so it stays.
    blocks = [_block(0, PARAGRAPHS[0]), _block(1, PARAGRAPHS[1]),
              _block(2, NOTICE, BOILERPLATE, ("rule:copyright",), RULE, initial=BOILERPLATE),
              _block(3, PARAGRAPHS[0], BOILERPLATE, (AFTER_END, "prose"), CUT)]
    out = main_column_context(blocks)
    assert [b.label for b in out] == [BODY, BODY, BOILERPLATE, BOILERPLATE]


def test_what_a_cut_took_is_reconsidered_before_the_page_is_empty() -> None:
    # Every candidate was taken by a cut or as a repeat: the page is not called a listing, the
    # candidates come back, each saying why.
    blocks = [_block(0, "가상일보 지역면 상단 안내", BOILERPLATE, ("rule:copyright",), RULE, initial=BOILERPLATE),
              _block(1, PARAGRAPHS[0], BOILERPLATE, (AFTER_END, "prose"), CUT),
              _block(2, PARAGRAPHS[1], BOILERPLATE, (AFTER_END, "prose"), CUT)]
    out = main_column_context(blocks)
    assert [b.label for b in out] == [BOILERPLATE, BODY, BODY]
    assert out[1].reasons[0] in (RECONSIDERED, CUT_OUTWEIGHS_ARTICLE)


def test_a_cut_that_takes_most_of_the_main_column_is_undone() -> None:
    blocks = [_block(0, PARAGRAPHS[0]),
              _block(1, NOTICE, BOILERPLATE, ("rule:copyright",), RULE, initial=BOILERPLATE)]
    blocks += [_block(i + 2, p, BOILERPLATE, (AFTER_END, "prose"), CUT) for i, p in enumerate(PARAGRAPHS[1:])]
    out = main_column_context(blocks)
    assert [b.label for b in out] == [BODY, BOILERPLATE, BODY, BODY, BODY, BODY]
    assert all(b.reasons[0] == CUT_OUTWEIGHS_ARTICLE and b.decided_by == "main-column" for b in out[2:])
    # A cut that takes less than it leaves stands.
    blocks = [_block(i, p) for i, p in enumerate(PARAGRAPHS[:4])]
    blocks += [_block(4, NOTICE, BOILERPLATE, ("rule:copyright",), RULE, initial=BOILERPLATE),
               _block(5, PARAGRAPHS[4], BOILERPLATE, (AFTER_END, "prose"), CUT)]
    assert main_column_context(blocks)[5].label == BOILERPLATE

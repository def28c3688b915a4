"""The HTML path (cleaner.html, cleaner.html_dom) on pages written for these tests.

Each page is a small but complete news page: header furniture, the article, a byline and a
copyright line, and the related-article furniture sites put around it.
"""
from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path
from typing import List

import pytest

from cleaner import Config, analyze, clean
from cleaner.classify import main_column_context
from cleaner.document import BODY, BOILERPLATE, CONTEXT, FEATURE, PAGE, RULE, Block
from cleaner.html import (
    HtmlExtraction,
    declares_article,
    extract,
    page_headline,
    strip_site_name,
    visible_text,
)
from cleaner.html_dom import parse_html, render_text, wrap_loose_text

HEADLINE = "정부, 내년 예산안 국회 제출…총지출 3% 증가"
PARAGRAPHS = [
    "정부가 내년도 예산안을 국회에 제출했다. 총지출은 올해보다 3% 늘어난 규모로, 기획재정부는 "
    "지출 구조조정으로 재원을 마련했다고 설명했다.",
    "야당은 복지 예산이 부족하다며 국회 심사 과정에서 증액을 요구하겠다고 밝혔다. 여당은 재정 "
    "건전성을 지키는 범위에서 조정이 가능하다는 입장이다.",
    "국회는 상임위원회 예비심사를 거쳐 다음 달 본회의에서 예산안을 처리할 예정이다. 법정 처리 "
    "시한은 12월 2일이다.",
    "전문가들은 경기 둔화에 대비한 재정의 역할이 커지고 있다며 집행 속도를 높여야 한다고 "
    "지적했다. 지방자치단체에 대한 교부금도 함께 늘어난다.",
]
BYLINE = "김기자 기자 reporter@example.co.kr"
COPYRIGHT = "Copyright ⓒ 예시일보. 무단 전재 및 재배포 금지"


def news_page(paragraphs: List[str] = PARAGRAPHS, *, head: str = "", before: str = "",
              title: str = f"{HEADLINE} - 예시일보") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/news/{i}">다른 기사 제목 {i}번째 이야기</a></li>' for i in range(8))
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="예시일보">
<meta property="article:section" content="경제">
<meta property="article:published_time" content="2024-03-05T10:00:00+09:00">
<meta name="author" content="김 기자">
{head}</head><body>
<header><nav><ul><li><a href="/">홈</a></li><li><a href="/politics">정치</a></li>
<li><a href="/economy">경제</a></li><li><a href="/society">사회</a></li></ul></nav></header>
<main><article>
<h1 class="headline">{HEADLINE}</h1>
<div class="byline">입력 2024.03.05 10:00</div>
{before}
<div class="article-body">{body}<p>{BYLINE}</p><p>{COPYRIGHT}</p></div>
</article>
<aside><h3>많이 본 뉴스</h3><ul>{related}</ul></aside></main>
<footer><p>예시일보 | 서울시 중구 예시로 1 | 대표전화 02-000-0000</p></footer>
</body></html>"""


# --- the article ------------------------------------------------------------------------------

def test_article_text_headline_first_and_furniture_dropped() -> None:
    result = analyze(news_page())
    lines = result.text.split("\n")
    assert lines[0] == HEADLINE
    assert lines[1:] == PARAGRAPHS
    assert BYLINE not in result.text and "무단 전재" not in result.text
    assert result.reason is None
    assert result.metadata["input_format"] == "html"


def test_metadata() -> None:
    metadata = analyze(news_page()).metadata
    assert metadata["title"] == HEADLINE  # the site name the <title> adds is not the headline
    assert metadata["date"] == "2024-03-05"
    assert metadata["section"] == "경제"
    assert metadata["site_name"] == "예시일보"
    assert metadata["author"] == "김 기자"
    assert metadata["source"] == "dom"


def test_headline_is_not_repeated_and_is_marked() -> None:
    blocks = extract(news_page()).blocks
    assert [b.text for b in blocks].count(HEADLINE) == 1
    assert blocks[0].kind == "title"


def test_headline_from_the_title_tag_when_the_page_has_no_heading() -> None:
    html = news_page().replace(f'<h1 class="headline">{HEADLINE}</h1>', "")
    assert analyze(html).text.split("\n")[0] == HEADLINE


def test_headline_helpers() -> None:
    assert page_headline(parse_html(f"<h1>{HEADLINE}</h1>"), f"{HEADLINE} | 예시일보") == HEADLINE
    assert strip_site_name("예산안 제출-경제ㅣ예시일보", "예시일보") == "예산안 제출"
    assert strip_site_name("Covid-19: what we know - Example Times", "Example Times") == "Covid-19: what we know"
    assert strip_site_name("Covid-19: what we know - Example Times") == "Covid-19: what we know - Example Times"
    assert strip_site_name("[속보] 예산안 제출") == "[속보] 예산안 제출"


def test_gzip_page() -> None:
    html = news_page().encode("utf-8")
    assert clean(gzip.compress(html)) == clean(html)


def test_inline_element_edges_add_no_space() -> None:
    paragraphs = ["국회는 조만간 예산안을 <b>처리할 방침</b>이다. 여야는 <span>합의</span>를 "
                  "서두르고 있으며 <a href='/x'>본회의</a>는 다음 달로 잡혔다고 관계자가 전했다."] + PARAGRAPHS[1:]
    text = clean(news_page(paragraphs))
    assert "처리할 방침이다." in text and "합의를 서두르고" in text and "본회의는" in text


def test_text_after_a_figure_is_kept() -> None:
    # Article text laid out with <br><br>, straight in a <div> with a figure in it: the lead
    # after the figure is the figure's tail in lxml and easy to lose.
    lead = "정부가 내년도 예산안을 확정했다고 오늘 발표했다. 총지출은 올해보다 늘어난다."
    body = ('<div class="article-text"><figure><img src="a.jpg"><figcaption></figcaption></figure>'
            f"{lead}<br><br>" + "<br><br>".join(PARAGRAPHS) + "</div>")
    html = news_page([]).replace('<div class="article-body">', f'<div class="article-body">{body}')
    text = clean(html)
    assert lead in text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in text.split("\n")


def test_an_inline_quote_with_an_icon_stays_in_its_sentence() -> None:
    # A company name linked to its quote, the quote in a <span> with an arrow icon, the
    # sentence going on after it; the paragraphs laid out with <br><br> in a <div>. The icon
    # once made the <span> a block: the name was lost and the sentence came out twice.
    quoted = ('<a href="#q">예시중공업</a> <span class="up">(8,560원 <img src="up.gif" alt="상승">'
              "120 1.4%)</span>은 지난해 11월 근속 7년 이상 생산직을 대상으로 희망퇴직 신청을 받았다.")
    body = '<div class="article-text">' + "<br><br>".join(PARAGRAPHS[:2] + [quoted] + PARAGRAPHS[2:]) + "</div>"
    html = news_page([]).replace('<div class="article-body">', f'<div class="article-body">{body}')
    lines = clean(html).split("\n")
    assert "예시중공업 (8,560원 120 1.4%)은 지난해 11월 근속 7년 이상 생산직을 대상으로 희망퇴직 신청을 받았다." in lines
    assert sum("희망퇴직 신청을 받았다" in line for line in lines) == 1


def test_first_line_of_a_br_stacked_subtitle_is_kept() -> None:
    subtitle = '<div class="subtitle">예산안 국회 제출<br>총지출 3% 늘어<br>복지 예산 두고 여야 공방</div>'
    result = extract(news_page(before=subtitle))
    assert any("예산안 국회 제출" in b.text for b in result.blocks)


def test_summary_box_repeating_the_lead_is_dropped() -> None:
    box = f'<div class="summary"><strong>자동요약</strong><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>'
    result = analyze(news_page(before=box))
    assert result.text.count(PARAGRAPHS[0]) == 1 and result.text.count(PARAGRAPHS[1]) == 1
    # When the box reaches the classifier, its copy goes and the article's stays.
    texts = [HEADLINE, PARAGRAPHS[0][:60], PARAGRAPHS[1]] + PARAGRAPHS + [PARAGRAPHS[2]]
    blocks = [Block(index=i, text=t, start_line=i, end_line=i + 1, kind="title" if i == 0 else "paragraph",
                    reasons=("prose",), decided_by=FEATURE) for i, t in enumerate(texts)]
    out = main_column_context(blocks)
    assert [b.label for b in out[:4]] == [BODY, BOILERPLATE, BOILERPLATE, BODY]
    assert out[1].reasons[0] == out[2].reasons[0] == "repeated-later"
    assert all(b.label == BODY for b in out[3:])  # repeats inside the article are its own


def test_template_placeholders_are_not_text() -> None:
    paragraphs = PARAGRAPHS[:2] + ["$$ARTICLEAD$$", "{{ ad_slot }}"] + PARAGRAPHS[2:]
    result = extract(news_page(paragraphs))
    assert not any("ARTICLEAD" in b.text or "ad_slot" in b.text for b in result.blocks)


# --- script-rendered pages --------------------------------------------------------------------

def script_page(script: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE} - 예시일보</title>
<meta property="og:type" content="article"></head>
<body><div id="__next"><div class="loading">로딩 중</div></div>{script}</body></html>"""


def test_json_ld_article_body() -> None:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
            "articleSection": "경제", "articleBody": "\n".join(PARAGRAPHS)}
    html = script_page(f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>')
    result = analyze(html)
    assert result.metadata["source"] == "json-ld"
    assert result.text.split("\n") == [HEADLINE] + PARAGRAPHS
    assert result.metadata["section"] == "경제"


def test_framework_page_data() -> None:
    content = "".join(f'<p class="editor-p">{p.replace("기획재정부는", "<strong>기획재정부</strong>는")}</p>'
                      for p in PARAGRAPHS)
    state = {"queries": [{"state": {"data": {"detail": {"title": HEADLINE, "contentHtml": content,
                                                        "writer": "김기자"}}}}]}
    script = (f'<script>window["__STATE__"] = window["__STATE__"] || [];'
              f'window["__STATE__"].push({json.dumps(state, ensure_ascii=False)});</script>')
    result = analyze(script_page(script))
    assert result.metadata["source"] == "page-data"
    assert result.text.split("\n") == [HEADLINE] + PARAGRAPHS


def test_next_data_script() -> None:
    props = {"props": {"pageProps": {"article": {"body": "\n".join(PARAGRAPHS), "id": 7}}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(props, ensure_ascii=False)}</script>'
    result = analyze(script_page(script))
    assert result.metadata["source"] == "page-data"
    assert PARAGRAPHS[2] in result.text.split("\n")


def test_page_data_is_not_used_when_the_dom_has_the_article() -> None:
    decoy = {"article": {"content": "데이터에만 있는 다른 문장이다. " * 30}}
    html = news_page(head=f"<script>var state = {json.dumps(decoy, ensure_ascii=False)};</script>")
    result = analyze(html)
    assert result.metadata["source"] == "dom"
    assert "데이터에만" not in result.text


# --- pages without an article -----------------------------------------------------------------

def test_listing_page_gives_no_text_and_a_reason() -> None:
    items = "".join(f'<li><a href="/news/{i}">{t}</a> <span>사진</span> 예시일보</li>'
                    for i, t in enumerate(["여야 예산 공방 격화…본회의 일정 불투명", "수도권 아파트값 3주 연속 상승",
                                           "반도체 수출 회복세 뚜렷", "주말 전국 비 소식…기온 뚝",
                                           "프로야구 개막전 매진 행렬", "새 학기 교육 정책 무엇이 달라지나",
                                           "금리 동결 전망 우세", "지역 축제 관광객 발길 이어져",
                                           "해외 여행객 다시 늘어", "전기차 보조금 개편안 발표"]))
    html = f"""<!DOCTYPE html><html><head><title>많이 본 뉴스 : 예시포털</title></head><body>
<div class="ranking"><h2>많이 본 뉴스</h2><ul>{items}</ul></div></body></html>"""
    result = analyze(html)
    assert result.text == ""
    assert result.reason and result.reason.startswith("listing page")


def test_home_page_gives_no_text_and_a_reason() -> None:
    sections = "".join(f'<div class="section"><h2>{s}</h2><ul>' +
                       "".join(f'<li><a href="/{s}/{i}">{s} 주요 소식 {i}</a></li>' for i in range(4)) +
                       "</ul></div>" for s in ("정치", "경제", "사회", "문화"))
    html = f"""<!DOCTYPE html><html><head><title>예시일보 - 대한민국 대표 신문</title></head><body>
<div class="top-story"><h1><a href="/top">오늘의 주요 뉴스 모음</a></h1><p>경제 동향과 정치 소식 한눈에 보기</p></div>
{sections}<div class="footer"><p>예시일보 | 등록번호 서울 아00000 | Copyright ⓒ 예시일보. All Rights Reserved.</p></div>
</body></html>"""
    result = analyze(html)
    assert result.text == ""
    assert result.reason and ("no article" in result.reason or "listing" in result.reason)


def test_an_article_whose_sentences_are_links_is_not_a_listing() -> None:
    # (A paragraph that is one link and nothing else trafilatura drops by itself.)
    linked = [f'{p[:20]}<a href="/deal/{i}">{p[20:]}</a>' for i, p in enumerate(PARAGRAPHS)]
    assert all(b.kind == "link" for b in extract(news_page(linked)).blocks if b.text in PARAGRAPHS)
    result = analyze(news_page(linked))
    assert result.reason is None
    assert PARAGRAPHS[3] in result.text


def test_declares_article() -> None:
    assert declares_article(parse_html('<meta property="og:type" content="article"><p>x</p>'))
    assert declares_article(parse_html('<script type="application/ld+json">{"@type": "NewsArticle"}</script>'))
    assert not declares_article(parse_html('<meta property="og:type" content="website"><p>x</p>'))


# --- the main-column context hook -------------------------------------------------------------

def test_main_column_context_restores_whole_page_decisions_only() -> None:
    def block(i: int, text: str, label: str, reasons: tuple, decided_by: str, initial: str = BODY,
              kind: str = "paragraph") -> Block:
        return Block(index=i, text=text, start_line=i, end_line=i + 1, initial=initial, label=label,
                     reasons=reasons, kind=kind, decided_by=decided_by)

    blocks = [
        block(0, HEADLINE, BOILERPLATE, ("short",), FEATURE, initial=BOILERPLATE, kind="title"),
        block(1, PARAGRAPHS[0], BODY, ("prose",), FEATURE),
        block(2, "표 1", BOILERPLATE, ("short",), FEATURE, initial=BOILERPLATE),
        block(3, PARAGRAPHS[1], BOILERPLATE, ("outside-article", "prose"), PAGE),
        block(4, BYLINE, BOILERPLATE, ("rule:byline",), RULE, initial=BOILERPLATE),
        block(5, PARAGRAPHS[2], BOILERPLATE, ("teaser-after-widget", "prose"), CONTEXT),
    ]
    out = main_column_context(blocks)
    assert [b.label for b in out] == [BODY, BODY, BODY, BODY, BOILERPLATE, BOILERPLATE]
    assert out[0].reasons[0] == "headline:page-title"
    assert out[2].reasons[0] == "inside-main-column"
    assert out[3].reasons[0] == "main-column"


def test_main_column_context_reads_the_decision_kind_not_the_reason_words() -> None:
    # A page-wide choice is undone whatever its reason says, and a reason that merely reads like
    # one ("outside-article" written by another kind of decision) is left alone.
    renamed = Block(0, PARAGRAPHS[0], 0, 1, label=BOILERPLATE, reasons=("some-renamed-page-choice", "prose"),
                    decided_by=PAGE)
    lookalike = Block(1, PARAGRAPHS[1], 1, 2, label=BOILERPLATE, reasons=("outside-article", "prose"),
                      decided_by=CONTEXT)
    out = main_column_context([renamed, lookalike])
    assert [b.label for b in out] == [BODY, BOILERPLATE]
    assert out[0].decided_by == "main-column"


def test_no_body_means_no_headline() -> None:
    blocks = [Block(0, HEADLINE, 0, 1, initial=BOILERPLATE, label=BOILERPLATE, reasons=("short",), kind="title",
                    decided_by=FEATURE)]
    assert main_column_context(blocks)[0].label == BOILERPLATE


# --- --no-boilerplate, and the DOM helpers ----------------------------------------------------

def test_visible_text_for_no_boilerplate() -> None:
    html = ("<html><head><title>제목</title><style>p{}</style></head><body><p>첫째 <b>줄</b>이다</p>"
            "<div>둘째\u00a0줄<br>셋째 줄</div><script>var x = '숨은 글';</script>"
            "<table><tr><td>가</td><td>나</td></tr></table></body></html>")
    assert visible_text(html) == "첫째 줄이다\n둘째 줄\n셋째 줄\n가 나"
    result = analyze(html, Config(boilerplate=False))
    assert result.text.rstrip("\n").split("\n") == ["첫째 줄이다", "둘째 줄", "셋째 줄", "가 나"]


def test_wrap_loose_text_leaves_breadcrumbs_alone() -> None:
    tree = wrap_loose_text(parse_html('<div><a href="/">뉴스</a> &gt; <a href="/e">경제</a><div>본문</div></div>'))
    assert tree.find(".//p") is None
    assert render_text(tree) == "뉴스 > 경제\n본문"


def test_extract_returns_unlabelled_blocks_in_order() -> None:
    result = extract(news_page())
    assert isinstance(result, HtmlExtraction)
    assert [b.index for b in result.blocks] == list(range(len(result.blocks)))
    assert all(b.label == BODY and b.reasons == () for b in result.blocks)


# --- no network, no entities ------------------------------------------------------------------

@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    attempts: List[str] = []

    def refuse(name: str):
        def _refuse(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network access attempted: {name}")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    with pytest.raises(OSError):  # the guard is armed
        socket.create_connection(("example.invalid", 80))
    attempts.clear()
    return attempts


def test_pages_pointing_at_the_network_open_no_socket(no_network: List[str]) -> None:
    remote = ('<link rel="stylesheet" href="http://example.invalid/a.css">'
              '<script src="http://example.invalid/a.js"></script>'
              '<meta http-equiv="refresh" content="0; url=http://example.invalid/">'
              '<link rel="canonical" href="http://example.invalid/news/1">')
    html = news_page(head=remote, before='<img src="http://example.invalid/a.jpg">'
                                         '<iframe src="http://example.invalid/frame"></iframe>')
    html = html.replace("<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
                                           '"http://example.invalid/xhtml1-strict.dtd">')
    result = analyze(html)
    assert PARAGRAPHS[0] in result.text
    analyze(html, Config(boilerplate=False))
    analyze(script_page('<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": '
                        + json.dumps(" ".join(PARAGRAPHS), ensure_ascii=False) + "}</script>"))
    assert no_network == []


def test_external_entities_are_never_resolved(tmp_path: Path, no_network: List[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-비밀-0xC0FFEE", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    body = "".join(f"<p>{p} &leak;</p>" for p in PARAGRAPHS)
    pages = [
        f'<!DOCTYPE html [<!ENTITY leak SYSTEM "{secret.as_uri()}">]><html><head><title>t</title></head>'
        f"<body><article>{body}</article></body></html>",
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html SYSTEM "{dtd.as_uri()}">'
        f"<html><head><title>t</title></head><body><article>{body}</article></body></html>",
        f'<!DOCTYPE html [<!ENTITY leak SYSTEM "http://example.invalid/x">]><html><body>{body}</body></html>',
    ]
    for html in pages:
        for config in (Config(), Config(boilerplate=False)):
            result = analyze(html.encode("utf-8"), config)
            dumped = json.dumps(result.to_dict(), ensure_ascii=False)
            assert "SECRET" not in dumped and "0xC0FFEE" not in dumped
            assert PARAGRAPHS[1].split(".")[0] in result.text
    assert no_network == []


def test_c0_controls_are_dropped_from_the_page_and_nothing_else() -> None:
    # A C0 control is one byte in UTF-8 and no other character holds such a byte: the parse
    # drops exactly those characters (tab, line feed and carriage return stay whitespace).
    tree = parse_html("<p>정\x01부\x1f가\tnew 정책을\x0b 발표\x00했다 \U0001F600\u2028끝</p>")
    assert tree.xpath("string(//p)") == "정부가\tnew 정책을 발표했다 \U0001F600\u2028끝"

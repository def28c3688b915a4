"""Article bodies kept only in a page's data (issue 13, item 4): found by shape, not by
framework, on small pages written to mimic each framework's real structure, and on the real
script-only page of ../shared/data when it is there.

- Arc XP / Fusion: `Fusion.globalContent = {..., "content_elements": [{"type": "text", "content":
  "..."}, {"type": "image", ...}, {"type": "header", ...}]}; Fusion.globalContentConfig = ...`
- Next.js: `<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": ...}}`, the
  body a string or a list of typed blocks.
- Nuxt 2: `window.__NUXT__ = (function(a, b) {return {data: [{article: {body: "..."}}]}}(...))`, a
  script literal rather than JSON.
- Nuxt 3: `<script type="application/json" id="__NUXT_DATA__">`, a flat array whose objects point
  at their values by index.
- JSON-LD: `articleBody` (tests/test_html.py).
"""
from __future__ import annotations

import json

import pytest

from cleaner import Config, analyze
from cleaner.evaluate import DEFAULT_SHARED

HEADLINE = "도서관 야간 개방 한 달, 이용자 두 배로"
PARAGRAPHS = [
    "시립도서관이 평일 밤 10시까지 문을 연 지 한 달 만에 야간 이용자가 두 배로 늘었다. 퇴근한 "
    "직장인과 시험을 앞둔 학생이 주로 찾는다고 도서관은 밝혔다.",
    "도서관은 야간 근무 인력을 두 명 늘리고 열람실 조명을 바꿨다. 주차장도 밤 11시까지 무료로 "
    "열어 두기로 했다.",
    "이용자들은 대체로 만족한다는 반응이다. 다만 주말 야간 개방을 바라는 의견도 적지 않아 "
    "도서관은 다음 달 설문조사를 할 계획이다.",
    "도서관 관계자는 야간 이용자가 꾸준히 늘면 어린이 열람실도 저녁 시간에 열 수 있도록 "
    "예산을 요청하겠다고 말했다. 시의회는 내년 예산 심사에서 이를 다룰 예정이다.",
]
SUBHEADING = "주말 개방은 설문 뒤 결정"
QUALITY = Config(spacing="off")


def script_page(scripts: str) -> str:
    """A page whose DOM holds no article: the body is rendered by the page's scripts."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE} - 가상뉴스</title>
<meta property="og:type" content="article"></head>
<body><div id="app"><div class="spinner">불러오는 중</div></div>{scripts}</body></html>"""


def body_lines(html: str) -> list:
    result = analyze(html, QUALITY)
    assert result.metadata["source"] == "page-data", result.metadata
    return result.text.split("\n")


def test_arc_fusion_global_content() -> None:
    elements = [{"_id": "a1", "type": "text", "content": PARAGRAPHS[0]},
                {"_id": "a2", "type": "image", "url": "https://img.example.kr/1.jpg",
                 "caption": "야간 개방 중인 시립도서관 열람실. 가상뉴스 제공"},
                {"_id": "a3", "type": "text", "content": PARAGRAPHS[1].replace("열람실", "<b>열람실</b>")},
                {"_id": "a4", "type": "header", "level": 2, "content": SUBHEADING},
                {"_id": "a5", "type": "raw_html", "content": "<div class='ad'>광고</div>"},
                {"_id": "a6", "type": "text", "content": PARAGRAPHS[2]},
                {"_id": "a7", "type": "text", "content": PARAGRAPHS[3]}]
    content = {"_id": "ABCDEF", "type": "story", "headlines": {"basic": HEADLINE},
               "description": {"basic": "시립도서관 야간 이용자가 늘었다."},
               "content_elements": elements, "taxonomy": {"sections": [{"name": "사회"}]}}
    script = (f'<script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{{}};'
              f'Fusion.arcSite="example";Fusion.globalContent={json.dumps(content, ensure_ascii=False)};'
              f'Fusion.globalContentConfig={{"source":"content-api","query":{{"_id":"ABCDEF"}}}};'
              f'Fusion.contentCache={{}};</script>')
    assert body_lines(script_page(script)) == [HEADLINE, PARAGRAPHS[0], PARAGRAPHS[1], SUBHEADING] + PARAGRAPHS[2:]


def test_next_data_with_a_body_of_typed_blocks() -> None:
    blocks = [{"type": "paragraph", "text": PARAGRAPHS[0]}, {"type": "image", "src": "/1.jpg"},
              {"type": "paragraph", "text": PARAGRAPHS[1]}, {"type": "heading", "text": SUBHEADING},
              {"type": "paragraph", "text": PARAGRAPHS[2]}, {"type": "paragraph", "text": PARAGRAPHS[3]}]
    data = {"props": {"pageProps": {"article": {"id": 42, "title": HEADLINE, "blocks": blocks},
                                    "related": [{"title": "다른 기사 제목", "summary": "다른 기사 요약."}]}},
            "page": "/news/[id]", "query": {"id": "42"}, "buildId": "b1", "isFallback": False}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
    assert body_lines(script_page(script)) == [HEADLINE, PARAGRAPHS[0], PARAGRAPHS[1], SUBHEADING] + PARAGRAPHS[2:]


def test_nuxt2_state_written_as_a_script_literal() -> None:
    body = json.dumps("".join(f"<p>{p}</p>" for p in PARAGRAPHS), ensure_ascii=False)
    script = ('<script>window.__NUXT__=(function(a,b,c){return {layout:"default",data:[{article:'
              f'{{id:a,title:"{HEADLINE}",section:b,body:{body},author:c}}}}],fetch:{{}},error:null,'
              'state:{user:null},serverRendered:true}}(1024,"사회","가상기자"));</script>')
    assert body_lines(script_page(script)) == [HEADLINE] + PARAGRAPHS


def test_nuxt3_payload_read_through_its_indexes() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    payload = [["ShallowReactive", 1], {"data": 2, "state": 6}, {"article-42": 3}, {"title": 4, "content": 5},
               HEADLINE, body, {}]
    script = f'<script type="application/json" id="__NUXT_DATA__" data-ssr="true">{json.dumps(payload, ensure_ascii=False)}</script>'
    assert body_lines(script_page(script)) == [HEADLINE] + PARAGRAPHS


def test_untyped_lists_such_as_comments_are_no_body() -> None:
    comments = [{"user": f"독자{i}", "text": f"댓글 {i}번입니다. 좋은 기사네요. 잘 읽었습니다. " * 3} for i in range(6)]
    data = {"props": {"pageProps": {"comments": comments}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'
    assert analyze(script_page(script), QUALITY).text.strip() in ("", HEADLINE)


SCRIPT_ONLY = DEFAULT_SHARED / "ko-pages" / "html" / "fundus_HankookIlbo_2026_01_29_6e27815.html"


@pytest.mark.skipif(not SCRIPT_ONLY.exists(), reason="../shared/data is not here")
def test_the_real_script_only_page() -> None:
    # A national daily's page whose DOM body is empty: the article is in its page data.
    result = analyze(SCRIPT_ONLY.read_bytes(), QUALITY)
    assert result.metadata["source"] == "page-data" and result.reason is None
    lines = result.text.split("\n")
    assert len(lines) >= 5 and sum(len(line) for line in lines) >= 1000

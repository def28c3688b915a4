"""`<br>` line structure kept where it sets off furniture from prose (issue 13, item 3).

A broadcaster writes its transcript as one <div> of <br>-separated lines: the anchor's cue above
the first paragraph, the reporter's byline, e-mail and tip line under the last. Joined into the
paragraphs, the cue and the byline reached the classifier as part of the article; as lines of
their own, the rules drop them. Pages written for these tests.
"""
from __future__ import annotations

from cleaner import Config, analyze

HEADLINE = "가상시 시내버스 노선 개편, 다음 달 시행"
CUE = "【 앵커멘트 】"
LEAD = ("가상시가 다음 달부터 시내버스 노선을 대폭 바꿉니다. 출퇴근 시간 배차 간격이 줄고, 외곽 "
        "지역을 잇는 노선이 새로 생깁니다.")
SECOND = ("시는 노선 개편으로 환승 대기 시간이 평균 5분 줄어들 것으로 내다봤습니다. 바뀐 노선은 "
          "정류장 안내판과 시 누리집에서 확인할 수 있습니다.")
BYLINE = "가상방송 홍길동입니다."
TIP_LINE = "[전화] 02-000-0000 [메일] jebo@example.kr"


def page(body: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE} - 가상방송</title>
<meta property="og:type" content="article"></head><body>
<nav><a href="/">뉴스</a> <a href="/local">지역</a></nav>
<h1>{HEADLINE}</h1>
<div class="article_txt">{body}</div>
<footer><p>가상방송 | 가상시 가상구 00로 0</p></footer></body></html>"""


def test_cue_byline_and_tip_line_set_off_by_br_are_dropped() -> None:
    body = f"{CUE}<br>{LEAD}<br><br>{SECOND}<br>{BYLINE}<br>{TIP_LINE}"
    result = analyze(page(body), Config(spacing="off"))
    assert result.text.split("\n") == [HEADLINE, LEAD, SECOND]
    reasons = {b.text: b.reasons[0] for b in result.blocks}
    assert reasons[CUE].startswith("rule:") and reasons[BYLINE] == "rule:byline"
    assert reasons[TIP_LINE] == "rule:tip_line"


def test_a_single_br_inside_prose_stays_one_paragraph() -> None:
    halves = LEAD.split(", ")
    body = f"{halves[0]},<br>{halves[1]}<br><br>{SECOND}"
    result = analyze(page(body), Config(spacing="off"))
    assert result.text.split("\n") == [HEADLINE, LEAD, SECOND]


def test_furniture_between_lines_of_a_list_stays_with_the_list() -> None:
    # A link between a list's items, and a caption with its credit, are no furniture set off.
    items = "<br>".join(f"{i}) 가상 상품 {i}번 세트 할인 중 http://example.kr/d{i}" for i in range(1, 5))
    result = analyze(page(f"{LEAD}<br><br>{items}<br><br>{SECOND}"), Config(spacing="off"))
    holding = [b.text for b in result.blocks if "가상 상품" in b.text]
    assert len(holding) == 1 and holding[0].count("http://example.kr/d") == 4

"""Adversarial documents, generated here: what the worst of the web hands cleaner.

Each test says what must hold: no exception, nothing invented (the output's letters are a
subsequence of the input's), nothing lost where nothing may be (--no-boilerplate, a single prose
line), and the right text out of odd encodings. No test asserts a timing (the timings are in
benchmarks/bench_regex.py); inputs that once took minutes run in a subprocess with a generous
time limit, so a regression fails the test instead of hanging the suite.
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from cleaner import Config, analyze, clean
from cleaner.decode import DecodeError, decode

PARAGRAPH = "정부가 새 정책을 발표했다. 시행은 내년부터 전국에서 단계적으로 이뤄진다."
SECOND = "시민단체는 이번 발표를 환영하면서도 세부 기준이 더 필요하다고 밝혔다."
PAGE = f"메뉴\n정치\n새 정책 발표\n2024.03.05 10:00\n{PARAGRAPH}\n{SECOND}\n무단 전재 및 재배포 금지\n"
MB = 1024 * 1024
SAFETY_NET = 180  # seconds: a hang detector for a subprocess, not a timing assertion

NO_BOILERPLATE = Config(boilerplate=False)


def letters(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def assert_nothing_invented(data, out: str) -> None:  # type: ignore[no-untyped-def]
    assert is_subsequence(letters(out), letters(decode(data)))


def isolated(check: str) -> None:
    """Run `check` (a function of this module) in a fresh interpreter under the safety net:
    a document that makes a stage hang fails its test instead of stalling the suite."""
    try:
        done = subprocess.run([sys.executable, "-c", f"import test_adversarial as t; t.{check}()"],
                              cwd=Path(__file__).parent, capture_output=True, timeout=SAFETY_NET)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{check} did not finish in {SAFETY_NET} s (a stage is super-linear on it)")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-3000:]


# --- size -----------------------------------------------------------------------------------------

def test_10_mb_single_line_of_prose() -> None:
    isolated("check_10_mb_single_line_of_prose")


def check_10_mb_single_line_of_prose() -> None:
    unit = PARAGRAPH + " "
    line = unit * (10 * MB // len(unit.encode("utf-8")))
    assert len(line.encode("utf-8")) > 9.9 * MB and "\n" not in line
    result = analyze(line)
    # One block of prose: all of it is the article, and spacing repair only removes spaces.
    assert len(result.blocks) == 1 and result.blocks[0].is_body
    assert letters(result.text) == letters(line)


def test_10_mb_single_line_of_punctuation() -> None:
    isolated("check_10_mb_single_line_of_punctuation")


def check_10_mb_single_line_of_punctuation() -> None:
    line = ".,·-… " * (10 * MB // len(".,·-… ".encode("utf-8")))
    result = analyze(line)
    assert result.text == "" and result.reason
    assert letters(clean(line, NO_BOILERPLATE)) == letters(line)


def test_100000_one_character_lines() -> None:
    chars = "가a.1😀ㅋ다,"
    text = "".join(chars[i % len(chars)] + "\n" for i in range(100_000))
    out = clean(text)
    assert_nothing_invented(text, out)
    kept = analyze(text, NO_BOILERPLATE)
    assert len(kept.blocks) == 100_000
    assert kept.text == text  # nothing to normalise or repair: every line comes back as it was


def test_100000_one_character_lines_cli(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("가\n" * 100_000, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleaner", "--no-boilerplate", str(path)],
                          capture_output=True, timeout=SAFETY_NET)
    assert done.returncode == 0, done.stderr
    assert done.stdout == path.read_bytes()


def test_one_long_word() -> None:
    word = "가나다라마바사" * 100_000  # 700,000 syllables, no space
    assert letters(clean(word + ".")) == word + "."


@pytest.mark.parametrize("tail", ["이다", "에서는", "천만", "년"])
def test_a_long_word_of_particles_or_units(tail: str) -> None:
    # A right token made of thousands of particles (or units after a numeral) once recursed a
    # level per particle and raised RecursionError wherever a removal was asked about.
    for text in ("법인 " + tail * 5000 + " 진다.", "3 " + tail * 5000, "제 3" + tail * 5000):
        for config in (NO_BOILERPLATE, NO_BOILERPLATE.with_(spacing_level="aggressive")):
            assert letters(clean(text, config)) == letters(text)


def test_a_megabyte_of_one_syllable_words() -> None:
    isolated("check_a_megabyte_of_one_syllable_words")


def check_a_megabyte_of_one_syllable_words() -> None:
    spaced = "가 나 " * 100_000  # letter-spaced text: a candidate space after every syllable
    for config in (Config(), NO_BOILERPLATE):
        assert letters(clean(spaced, config)) == letters(spaced)


def test_a_megabyte_paragraph_of_hard_wrapped_lines() -> None:
    isolated("check_a_megabyte_paragraph_of_hard_wrapped_lines")


def check_a_megabyte_paragraph_of_hard_wrapped_lines() -> None:
    # 40,000 lines of one width read as one hard-wrapped paragraph of a megabyte; the column
    # search over it once copied its path of breaks at every line (quadratic).
    lines = ["가나다라마바사아자차카타파하정부새책발표"[i % 7:i % 7 + 12] * 2 for i in range(40_000)]
    text = "\n".join(lines)
    for config in (Config(), NO_BOILERPLATE):
        assert letters(clean(text, config)) == letters(text)


# --- HTML -----------------------------------------------------------------------------------------

def test_html_thousands_of_short_items() -> None:
    isolated("check_html_thousands_of_short_items")


def check_html_thousands_of_short_items() -> None:
    # No article, 40,000 items of 24 letters: every one was once compared with every later one
    # (is the article repeating a summary box?), which took minutes.
    items = "".join(f"<p>{'가나다라마바사아자차카타파하정부새책발표'[i % 7:i % 7 + 12] * 2}</p>" for i in range(40_000))
    result = analyze("<html><body><article>" + items + "</article></body></html>")
    assert result.text == "" and result.reason

def nested(depth: int, open_tag: str = "<div>", close_tag: str = "</div>", inner: str = "") -> str:
    inner = inner or f"<p>{PARAGRAPH}</p><p>{SECOND}</p>"
    return ("<!DOCTYPE html><html><head><title>새 정책 발표</title></head><body>"
            + open_tag * depth + inner + close_tag * depth + "</body></html>")


@pytest.mark.parametrize("depth", [100, 10_000])
@pytest.mark.parametrize("config", [Config(), NO_BOILERPLATE], ids=["default", "no-boilerplate"])
def test_html_nested_deep(depth: int, config: Config) -> None:
    page = nested(depth)
    out = clean(page, config)
    assert PARAGRAPH in out and SECOND in out


@pytest.mark.parametrize("page", [
    nested(10_000, "<div><span>", ""),                    # never closed
    nested(10_000, "<b><i>", "</i></b>"),                 # inline formatting
    nested(10_000, "<table><tr><td>", "</td></tr></table>"),
    "<html><body>" + "<div>" * 10_000 + PARAGRAPH,       # cut off
], ids=["unclosed", "inline", "tables", "truncated"])
def test_html_nested_deep_variants(page: str) -> None:
    for config in (Config(), NO_BOILERPLATE):
        out = clean(page, config)
        assert_nothing_invented(page, out)
        assert PARAGRAPH in out


def test_an_internal_doctype_subset_does_not_hide_the_article() -> None:
    """A DOCTYPE with an internal subset (entity declarations) is still an HTML page."""
    page = (f'<!DOCTYPE html [<!ENTITY site "한국일보">]><html><body><p>{PARAGRAPH}</p>'
            f'<p>{SECOND}</p></body></html>')
    for config in (Config(), NO_BOILERPLATE):
        out = clean(page, config)
        assert PARAGRAPH in out and "]>" not in out


# --- encodings --------------------------------------------------------------------------------------

@pytest.mark.parametrize("junk", [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xea\xb0", b"\x80\x80\x80"],
                         ids=["ff", "overlong", "surrogate", "truncated", "continuations"])
def test_invalid_utf8(junk: bytes) -> None:
    data = PAGE.encode("utf-8")
    cut = data.index(" ".encode("utf-8"), data.index(PARAGRAPH.encode("utf-8")))  # between two words
    broken = data[:cut] + junk + data[cut:]
    text = decode(broken)
    assert "\ufffd" not in text
    assert letters(text) == letters(PAGE)  # the junk is gone, every character around it kept
    assert clean(broken) == clean(PAGE)


def test_invalid_utf8_in_a_large_document() -> None:
    data = (PAGE * 20_000).encode("utf-8")  # 4 MB
    middle = data.index(b"\n", len(data) // 2) + 1
    broken = data[:middle] + b"\xff\xfe" + data[middle:]
    assert letters(decode(broken)) == letters(PAGE * 20_000)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [PAGE, PARAGRAPH, "삼성전자 주가 3% 상승", "Hello 세계 123\n" * 5],
                         ids=["page", "sentence", "mixed", "mostly-ascii"])
def test_utf16_without_bom(encoding: str, text: str) -> None:
    data = text.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert decode(data) == decode(text)
    assert clean(data) == clean(text)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32", "cp949"])
def test_other_encodings(encoding: str) -> None:
    assert clean(PAGE.encode(encoding)) == clean(PAGE)


def test_gzip_inside_gzip_and_truncated_gzip() -> None:
    once = gzip.compress(PAGE.encode("utf-8"))
    assert clean(once) == clean(PAGE)
    # Gzip inside gzip is not unwrapped twice; whatever comes out was in the input.
    assert_nothing_invented(gzip.compress(once), clean(gzip.compress(once)))
    big = gzip.compress((PAGE * 200).encode("utf-8"))
    truncated = big[: len(big) // 2]
    # A page without its end is not cleaned as if it were whole: an error says it was cut.
    with pytest.raises(DecodeError, match="cut short"):
        clean(truncated)


@pytest.mark.parametrize("placement", ["every-character", "runs", "line-start"])
def test_nul_bytes(placement: str) -> None:
    if placement == "every-character":
        dirty = "\x00".join(PAGE)
    elif placement == "runs":
        dirty = PAGE.replace(" ", "\x00\x00\x00 ")
    else:
        dirty = "\n".join("\x00" + line for line in PAGE.split("\n"))
    for data in (dirty, dirty.encode("utf-8")):
        assert decode(data) == decode(PAGE)
        assert clean(data) == clean(PAGE)


def test_nfd_and_nfc_hangul_mixed() -> None:
    lines = PAGE.split("\n")
    mixed = "\n".join(unicodedata.normalize("NFD", line) if i % 2 else line for i, line in enumerate(lines))
    assert mixed != PAGE
    out = clean(mixed)
    assert out == clean(PAGE)
    assert unicodedata.is_normalized("NFC", out)
    # The copyright line is recognised in NFD too.
    copyright_nfd = unicodedata.normalize("NFD", "무단 전재 및 재배포 금지")
    result = analyze(f"{PARAGRAPH}\n{copyright_nfd}")
    assert result.blocks[-1].reasons[0] == "rule:copyright"


def test_nfd_inside_a_word() -> None:
    """Half a word decomposed (a copy from two sources): it composes back into one word."""
    word = "대한민국"
    half = word[:2] + unicodedata.normalize("NFD", word[2:])
    assert clean(f"{half}의 {PARAGRAPH}") == clean(f"{word}의 {PARAGRAPH}")


# --- scripts and invisible characters ------------------------------------------------------------

FAMILY = "👨\u200d👩\u200d👧"
EMOJI_LINE = (f"오늘 가족 나들이 {FAMILY} 정말 즐거웠다 👍🏽🇰🇷 다음에도 또 가고 싶다. "
              "אבג שלום مرحبا بالعالم \u202eטקסט הפוך\u202c 끝.")


def test_emoji_zwj_and_rtl() -> None:
    text = f"{PARAGRAPH}\n{EMOJI_LINE}\n{SECOND}"
    result = analyze(text)
    assert_nothing_invented(text, result.text)
    assert FAMILY in result.text  # a ZWJ sequence is one emoji: its joiners stay
    assert "שלום" in result.text and "مرحبا" in result.text
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


def test_joiners_inside_hangul_words_are_dropped() -> None:
    split = "삼성\u200d전자\u200c는 " + PARAGRAPH
    assert clean(split) == clean("삼성전자는 " + PARAGRAPH)


def test_lone_surrogates_and_private_use() -> None:
    text = f"{PARAGRAPH}\ud800\udfff\n\ue000\U000f0000 {SECOND}"
    out = clean(text)
    out.encode("utf-8")  # no lone surrogate survives
    assert_nothing_invented(text, out)


@pytest.mark.parametrize("breaks", ["\r\n", "\r", "\u2028", "\x0b", "\x0c", "\x85"])
def test_every_kind_of_line_break(breaks: str) -> None:
    assert clean(PAGE.replace("\n", breaks)) == clean(PAGE)


def test_every_kind_of_space() -> None:
    odd = PAGE.replace(" ", "\u00a0").replace("발표했다.", "발표했다.\u3000\u2009\t")
    assert letters(clean(odd)) == letters(clean(PAGE))


def test_bytes_and_str_agree() -> None:
    for page in (PAGE, EMOJI_LINE, nested(3)):
        assert clean(page.encode("utf-8")) == clean(page)


# --- lines that once made the rules backtrack for minutes ---------------------------------------

HOSTILE_LINES = {
    # Each item of a repeated rule matching the same text two ways: 2^n paths.
    "navigation-repeat": "더보기" * 40 + "x",
    "navigation-repeat-2": "목록" * 60 + "x",
    "share-repeat": "공유" * 80 + "x",
    # Quadratic on long runs (anchored rules, the laughter ending, the rules' decoration).
    "ellipsis": "…" * 200_000 + "가",
    "dots": "." * 1_000_000 + "가",
    "ticker": "▲" + "1," * 200_000 + "x",
    "copyright-signs": "ⓒ" * 200_000 + "가",
    "laughter": "ㅋ" * 1_000_000 + ".",
    "tildes": "~" * 1_000_000 + "가",
}


def test_hostile_lines_finish(tmp_path: Path) -> None:
    """Every hostile line through the API and the CLI, in a subprocess with a safety net."""
    script = textwrap.dedent(f"""
        import json, sys
        from cleaner import Config, analyze
        lines = json.loads(sys.stdin.read())
        for name, line in lines.items():
            for config in (Config(), Config(boilerplate=False)):
                result = analyze(line, config)
                assert set(result.text) <= set(line) | {{"\\n", " "}}, name
            print(name, flush=True)
    """)
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(HOSTILE_LINES).encode(),
                          capture_output=True, timeout=SAFETY_NET)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode().split() == list(HOSTILE_LINES)
    path = tmp_path / "hostile.txt"
    path.write_text("\n".join(HOSTILE_LINES.values()), encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "cleaner", str(path)], capture_output=True, timeout=SAFETY_NET)
    assert cli.returncode == 0, cli.stderr


def test_html_with_more_tags_than_the_main_column_search_takes() -> None:
    isolated("check_html_with_more_tags_than_the_main_column_search_takes")


def check_html_with_more_tags_than_the_main_column_search_takes() -> None:
    # 60,000 short items around one article: read flat (trafilatura's pass grows faster than
    # the page), and the plain-text classifier still finds the article.
    items = "".join(f"<li><a href='/{i}'>다른 기사 {i}</a></li>" for i in range(60_000))
    page = (f"<html><head><title>새 정책 발표</title></head><body><ul>{items}</ul>"
            f"<article><h1>새 정책 발표</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article></body></html>")
    result = analyze(page)
    assert result.metadata.get("html_fallback") == "too many tags"
    assert PARAGRAPH in result.text and SECOND in result.text
    assert "다른 기사 59999" not in result.text


def test_a_megabyte_script_of_json_lookalikes() -> None:
    isolated("check_a_megabyte_script_of_json_lookalikes")


def check_a_megabyte_script_of_json_lookalikes() -> None:
    # 80,000 places where a JSON value could start and fails to, then the page data with the
    # article: each failure once cost a count of the lines before it (quadratic); the page data
    # after them, longer than the first parsing window, is still read.
    lookalikes = 'x = {"k": 1, ' * 80_000
    more = "".join(f"<p>{place}에서도 설명회가 열렸고 주민들은 세부 기준을 물었다.</p>"
                   for place in ("부산", "대구", "광주", "대전", "울산", "세종"))
    body = f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{more}"
    data = json.dumps({"article": {"articleBody": body, "related": ["다른 기사 제목"] * 2_000}},
                      ensure_ascii=False)
    assert len(data) > 2 * 8192  # longer than the first parsing window (html.JSON_WINDOW)
    page = (f"<html><head><title>새 정책 발표</title></head><body><div id='app'></div>"
            f"<script>{lookalikes}</script><script>window.__DATA__ = {data};</script></body></html>")
    result = analyze(page)
    assert PARAGRAPH in result.text and SECOND in result.text


def test_flat_markup_of_unclosed_tags() -> None:
    isolated("check_flat_markup_of_unclosed_tags")


def check_flat_markup_of_unclosed_tags() -> None:
    # A page read flat (too deep or too many tags) made of "<" that never close: each one once
    # scanned the rest of the page for its ">" (a megabyte took minutes). An unclosed comment
    # or script runs to the end of the page, as in a browser.
    from cleaner.segment import flatten_markup

    for junk in ("<", "<p", "<!--", "<script>", "<!x"):
        page = f"<div>{PARAGRAPH}</div>" + (junk + "가 ") * 200_000
        text = flatten_markup(page)
        assert PARAGRAPH in text
        assert is_subsequence(letters(text), letters(page))

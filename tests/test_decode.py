"""Bytes in, text out: BOM, UTF-8, declared charset, detection, gzip (cleaner.decode).

The Korean pages here are written for these tests and re-encoded the way Korean sites serve
them: EUC-KR (KS X 1001 syllables only), CP949 (syllables only CP949 has, such as 똠 or 햏,
still labelled "euc-kr" as sites do), and the same pages without any declaration.
"""
from __future__ import annotations

import codecs
import gzip
import zlib

import pytest

from cleaner import Config, analyze, clean
from cleaner.decode import DecodeError, decode, decode_bytes, declared_charset, to_text

ARTICLE = (
    "정부가 내년 예산안을 국회에 제출했다. 총지출은 올해보다 3% 늘어난 규모다. "
    "기획재정부는 지출 구조조정으로 재원을 마련했다고 설명했다. 야당은 복지 예산이 부족하다며 "
    "심사 과정에서 증액을 요구하겠다고 밝혔다. 국회는 다음 달 본회의에서 예산안을 처리할 예정이다."
)
# Syllables outside KS X 1001: EUC-KR proper cannot encode them, CP949 can.
CP949_ONLY = "똠방각하는 햏자의 뷁 소리에 놀라 쓩 하고 달아났다고 전해진다."


def page(body: str, meta: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{meta}<title>예산안 제출</title></head><body>"
            f"<h1>예산안 제출</h1><article><p>{body}</p><p>{body}</p></article></body></html>")


EUC_KR_META = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'


@pytest.mark.parametrize("meta", [EUC_KR_META, '<meta charset="EUC-KR">', '<meta charset=ks_c_5601-1987>'])
def test_declared_euc_kr_page(meta: str) -> None:
    html = page(ARTICLE, meta)
    assert decode_bytes(html.encode("euc-kr")) == html


def test_cp949_syllables_in_a_page_labelled_euc_kr() -> None:
    html = page(ARTICLE + " " + CP949_ONLY, EUC_KR_META)
    data = html.encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc-kr")  # Python's strict EUC-KR has no 똠: the label undersells the bytes
    assert decode_bytes(data) == html


@pytest.mark.parametrize("encoding", ["euc-kr", "cp949"])
def test_undeclared_korean_page_is_detected(encoding: str) -> None:
    body = ARTICLE if encoding == "euc-kr" else ARTICLE + " " + CP949_ONLY
    html = page(body)
    assert declared_charset(html.encode(encoding)) is None
    assert decode_bytes(html.encode(encoding)) == html


def test_stale_euc_kr_declaration_on_a_utf8_page() -> None:
    # Saved or converted to UTF-8 without its <meta> being updated: the bytes win.
    html = page(ARTICLE, EUC_KR_META)
    assert decode_bytes(html.encode("utf-8")) == html
    # Some UTF-8 Korean is also valid CP949, as mojibake: trusting the label would be wrong.
    tricky = '<html><head><meta charset="euc-kr"><title>각각</title></head><body><p>각각 간간 갈갈</p></body></html>'
    assert tricky.encode("utf-8").decode("cp949") != tricky
    assert decode_bytes(tricky.encode("utf-8")) == tricky


def test_declared_page_with_a_stray_byte_keeps_its_charset() -> None:
    data = page(ARTICLE * 5, EUC_KR_META).encode("cp949")
    broken = data[:300] + b"\xff" + data[300:]
    text = decode_bytes(broken)
    assert ARTICLE in text
    assert 1 <= text.count("\ufffd") <= 3  # the stray byte, and the character it split


def test_declaration_after_long_scripts_still_counts() -> None:
    script = "<script>var config = {};" + " " * 9000 + "</script>"
    html = f"<html><head>{script}{EUC_KR_META}</head><body><p>{ARTICLE}</p></body></html>"
    assert declared_charset(html.encode("cp949")) == "cp949"
    assert decode_bytes(html.encode("cp949")) == html


def test_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="euc-kr"?>' + page(ARTICLE)
    assert declared_charset(html.encode("cp949")) == "cp949"
    assert decode_bytes(html.encode("cp949")) == html


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                          (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_byte_order_mark_beats_the_declaration(bom: bytes, encoding: str) -> None:
    html = page(ARTICLE, EUC_KR_META)
    assert decode_bytes(bom + html.encode(encoding)) == html


def test_gzip_input() -> None:
    html = page(ARTICLE, EUC_KR_META)
    assert decode_bytes(gzip.compress(html.encode("cp949"))) == html
    assert decode_bytes(gzip.compress(html.encode("utf-8"))) == html


def test_corrupt_gzip_is_an_error_not_garbage() -> None:
    data = gzip.compress(page(ARTICLE).encode("utf-8"))
    with pytest.raises(DecodeError):
        decode_bytes(data[:10] + b"\x00" * 20 + data[30:])


@pytest.mark.parametrize("keep", [10, 30, -9, -1], ids=["header-only", "mid-stream", "no-trailer", "last-byte"])
def test_gzip_cut_short_is_an_error_not_the_part_that_arrived(keep: int) -> None:
    data = gzip.compress(page(ARTICLE).encode("utf-8"))
    with pytest.raises(DecodeError, match="cut short"):
        decode_bytes(data[:keep])


def test_concatenated_gzip_members_are_all_read() -> None:
    first, second = page(ARTICLE), "덧붙인 둘째 부분"
    data = gzip.compress(first.encode("utf-8")) + gzip.compress(second.encode("utf-8"))
    assert decode_bytes(data) == first + second
    assert decode_bytes(data + b"\x00" * 8) == first + second  # padding after the last member


def test_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import decode as decode_module

    monkeypatch.setattr(decode_module, "MAX_DECOMPRESSED_BYTES", 1000)
    with pytest.raises(DecodeError):
        decode_bytes(gzip.compress(b"a" * 5000))


@pytest.mark.parametrize("text", ["삼성", "한국", "정부", "삼", "삼성전자", "대한민국 만세", "서울 3°C",
                                  "“삼성” 주가 · 상승", "똠양꿍 맛집", "Galaxy S24 출시"])
@pytest.mark.parametrize("encoding", ["euc-kr", "cp949"])
def test_short_korean_legacy_bytes_decode_as_korean(text: str, encoding: str) -> None:
    """Too short for a statistical detector ("삼성" came out as GB2312's "鳴撩"), read as the
    longer pages are; and through the whole API, not only here."""
    data = text.encode(encoding)
    if encoding == "euc-kr" and len(data) > len(text.encode("cp949")):
        pytest.skip("a syllable outside KS X 1001 (EUC-KR spells it as 8 bytes of jamo)")
    assert decode_bytes(data) == text
    assert analyze(data, Config(boilerplate=False)).text == text


@pytest.mark.parametrize("text, encoding", [
    ("日本語のテキストです。東京は日本の首都であり、多くの人々が住んでいます。", "shift_jis"),
    ("ひらがなとカタカナ", "shift_jis"),
    ("日本語のテキストです。東京は日本の首都であり、多くの人々が住んでいます。", "euc_jp"),
    ("中华人民共和国是世界上人口最多的国家之一，首都是北京。经济发展迅速，科技进步显著。", "gbk"),
    ("café, naïve, résumé: Ãé", "latin-1"),
])
def test_other_legacy_encodings_are_not_taken_for_korean(text: str, encoding: str) -> None:
    from cleaner.decode import _as_korean

    assert _as_korean(text.encode(encoding)) is None


def test_undecodable_bytes_never_raise() -> None:
    text = decode_bytes(bytes(range(256)) * 3)
    assert isinstance(text, str) and text


def test_to_text_leaves_normalisation_to_the_caller() -> None:
    raw = "삼성\u200b전자\r\n"
    assert to_text(raw) == raw
    assert to_text(raw.encode("utf-8")) == raw
    assert decode(raw.encode("utf-8")) == "삼성전자\n"


@pytest.mark.parametrize("encoding", ["euc-kr", "cp949"])
def test_the_whole_pipeline_reads_korean_bytes(encoding: str) -> None:
    html = page(ARTICLE, EUC_KR_META)
    expected = clean(html.encode("utf-8"))
    assert ARTICLE in expected
    assert clean(html.encode(encoding)) == expected
    assert clean(gzip.compress(html.encode(encoding))) == expected
    assert analyze(html.encode(encoding)).metadata["title"] == "예산안 제출"


def test_gzip_deflate_stream_is_not_mistaken_for_gzip() -> None:
    # Raw deflate has no gzip magic: it is not decompressed (and then not text either).
    data = zlib.compress(page(ARTICLE).encode("utf-8"))
    assert not decode_bytes(data).startswith("<!DOCTYPE")

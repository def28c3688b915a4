"""The Python contract of docs/architecture.md: clean, analyze, Cleaner, Config."""
from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from cleaner import Cleaner, Config, Result, analyze, clean

PAGE = ("전체메뉴\n경제\n반도체 수출 넉 달 만에 반등\n입력 2025.04.01 09:00\n"
        "반도체 수출이 넉 달 만에 증가세로 돌아섰다. 지난달 반도체 수출액은 전년보다 5% 늘었다.\n"
        "업계는 메모리 가격 회복이 실적을 이끌었다고 분석했다.\n무단 전재 및 재배포 금지\n")


def test_clean_returns_the_body_text() -> None:
    assert clean(PAGE).splitlines() == [
        "반도체 수출 넉 달 만에 반등",
        "반도체 수출이 넉 달 만에 증가세로 돌아섰다. 지난달 반도체 수출액은 전년보다 5% 늘었다.",
        "업계는 메모리 가격 회복이 실적을 이끌었다고 분석했다.",
    ]


def test_bytes_and_str_give_the_same_result() -> None:
    assert clean(PAGE.encode("utf-8")) == clean(PAGE)
    assert clean(PAGE.encode("cp949")) == clean(PAGE)


def test_analyze_explains_every_block() -> None:
    result = analyze(PAGE)
    assert isinstance(result, Result)
    assert result.text == clean(PAGE)
    assert [b.label for b in result.blocks].count("body") == 3
    assert all(b.reasons for b in result.blocks)
    assert result.metadata["date"] == "2025-04-01"
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_every_byte_type_is_a_document() -> None:
    data = PAGE.encode("utf-8")
    assert clean(bytearray(data)) == clean(memoryview(data)) == clean(data) == clean(PAGE)


@pytest.mark.parametrize("value", [None, 123, 1.5, ["text"], {"text": PAGE}],
                         ids=["None", "int", "float", "list", "dict"])
def test_anything_else_is_a_type_error_saying_what_a_document_is(value: object) -> None:
    # bytes(123) is 123 NUL bytes: without the check, clean(123) quietly returned "".
    for call in (clean, analyze, Cleaner().clean, Cleaner().analyze, Cleaner(Config(boilerplate=False))):
        with pytest.raises(TypeError, match=r"str, bytes, bytearray or memoryview, not " + type(value).__name__):
            call(value)  # type: ignore[arg-type]


def test_a_path_is_not_read_and_the_error_says_how_to_pass_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    with pytest.raises(TypeError, match=r"read_bytes\(\)"):
        clean(path)  # type: ignore[arg-type]
    assert clean(path.read_bytes()) == clean(PAGE)


def test_empty_document_has_a_reason() -> None:
    result = analyze("")
    assert result.text == "" and result.reason


def test_config_is_frozen_and_validated() -> None:
    config = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.spacing = "off"  # type: ignore[misc]
    with pytest.raises(ValueError, match="spacing"):
        Config(spacing="sometimes")
    assert config.with_(boilerplate=False).boilerplate is False and config.boilerplate is True


def test_cleaner_is_reusable_picklable_and_hashable() -> None:
    cleaner = Cleaner(Config(spacing="off"))
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy == cleaner and hash(copy) == hash(cleaner)
    assert copy.clean(PAGE) == cleaner.clean(PAGE) == cleaner(PAGE)


def test_no_boilerplate_keeps_every_line() -> None:
    text = "메뉴\n\n본문 한 줄\n무단 전재 및 재배포 금지"
    out = clean(text, Config(boilerplate=False, spacing="off"))
    assert out.split("\n") == ["메뉴", "", "본문 한 줄", "무단 전재 및 재배포 금지"]

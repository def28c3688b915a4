"""The character measures of cleaner.chars (one translation table) count as the regexes do."""
from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cleaner import chars


def by_regex(text: str):
    letters = len(chars.LETTER.findall(text))
    syllabic = len(chars.SYLLABIC.findall(text))
    return (len(text) + len(chars.WIDE.findall(text)), len(chars.HANGUL.findall(text)), letters,
            syllabic + round((letters - syllabic) * chars.ALPHABETIC_LETTER_WEIGHT))


def by_table(text: str):
    return chars.display_width(text), chars.hangul_count(text), chars.letter_count(text), chars.letter_mass(text)


KOREAN = st.text(alphabet=st.sampled_from("삼성전자 정부는 ㄱㅏ ᄀ ㈀ 漢字 ひらカタ ｶﾅ ＡＢ ab 1 . \u3000 ﬁ ß İ"), max_size=40)


@given(st.one_of(st.text(max_size=60), KOREAN))
@example("")
@example("삼성 Electronics 1")
@example("\U0001F600\U00020000ｶ")
def test_measures_equal_the_regex_counts(text: str) -> None:
    assert by_table(text) == by_regex(text)
    assert by_table(text) == by_regex(text)  # the kept last text gives the same


def test_every_code_point_of_the_first_planes_is_classified_as_the_regexes_do() -> None:
    text = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(text), 4096):
        chunk = text[start:start + 4096]
        assert by_table(chunk) == by_regex(chunk)

"""Rebuild cleaner/data/ko/spacing_lexicon.txt from wordfreq's Korean word list.

    pip install wordfreq && python -m cleaner.spacing.build_lexicon > cleaner/data/ko/spacing_lexicon.txt

wordfreq (Robyn Speer, Luminoso) counts Korean tokens, as MeCab with mecab-ko-dic splits them, in
Wikipedia, subtitles, news, web text and more; its data is CC-BY-SA 4.0. We keep the Hangul
tokens of two or more syllables and their Zipf frequency (log10 of occurrences per billion
words): a break that falls inside one of them ("경 우", "필 요한") fell inside a word. Nothing
here reads the evaluation data. Not imported at run time.
"""
from __future__ import annotations

import math
import sys

import regex

HANGUL_WORD = regex.compile(r"^[\uac00-\ud7a3]{2,}$")
HEADER = """\
# Korean word list for spacing repair: a word and its Zipf frequency (log10 per billion words).
# Source: wordfreq 3.1.1 (https://github.com/rspeer/wordfreq), Korean "small" list: tokens as
# MeCab/mecab-ko-dic splits them, counted over Wikipedia, OpenSubtitles, news, web and other
# text. Licence of this file: CC-BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/),
# as wordfreq's data; attribution: wordfreq by Robyn Speer and Luminoso Technologies.
# Built by `python -m cleaner.spacing.build_lexicon`: Hangul tokens of 2+ syllables only.
"""


def main() -> int:
    import wordfreq  # build-time only

    freqs = wordfreq.get_frequency_dict("ko", wordlist="small")
    out = sys.stdout
    out.write(HEADER)
    rows = sorted(((w, f) for w, f in freqs.items() if HANGUL_WORD.match(w)), key=lambda r: (-r[1], r[0]))
    for word, freq in rows:
        out.write(f"{word}\t{math.log10(freq) + 9:.1f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

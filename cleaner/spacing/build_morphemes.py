"""Rebuild cleaner/data/ko/spacing_morphemes.tsv from the morpheme dictionary of Kiwi.

    pip install kiwipiepy && python -m cleaner.spacing.build_morphemes > cleaner/data/ko/spacing_morphemes.tsv

Kiwi's model (kiwipiepy_model, Apache-2.0) lists every morpheme it knows with its part of speech,
most frequent first within each part of speech. We keep, in Hangul syllables only, the classes
the spacing evidence asks about (see the file header). Nothing here reads the evaluation data.
Not imported at run time.
"""
from __future__ import annotations

import re
import sys
from typing import Dict, List

HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
# class -> (Kiwi tags, how many of the most frequent forms of each tag, min and max syllables)
CLASSES = {
    # general nouns: a break that falls inside one fell inside a word
    "noun": (("NNG",), 30000, 2, 8),
    # endings: a token made of them stands alone only when a wrap cut it off its stem
    "ending": (("EC", "EF", "ETM", "ETN"), 250, 1, 5),
    # pre-final endings (tense, honorific): they start an ending chain
    "prefinal": (("EP",), 10, 1, 2),
    # noun suffixes (들, 적, 성 ...): they continue the noun before them
    "suffix": (("XSN",), 60, 1, 3),
    # bound nouns and counters (번, 명, 개 ...): they follow a numeral or an adnominal form
    "bound": (("NNB",), 200, 1, 3),
    # one-syllable words that stand on their own (nouns, pronouns, numerals, determiners,
    # adverbs): a one-syllable token that is one of them is no evidence of a wrap. Only the
    # most frequent: further down the lists come onomatopoeia and rare readings (욱, 훈)
    "word1": ({"NNG": 300, "NNB": 120, "NP": 20, "NR": 30, "MM": 40, "MAG": 60, "MAJ": 10, "IC": 15}, 0, 1, 1),
}
HEADER = """\
# Korean morphemes for spacing repair: `form<TAB>class`, Hangul syllables only.
# Source: the morpheme dictionary of Kiwi (Korean Intelligent Word Identifier), as shipped in
# kiwipiepy_model 0.24.0 (https://github.com/bab2min/Kiwi); Licence: Apache-2.0,
# (c) 2017-2026 Minchul Lee and the Kiwi contributors. Kiwi lists its morphemes with their
# part of speech (Sejong tag set), most frequent first; we keep the most frequent of each class:
#   noun      NNG, 2-8 syllables (the 30,000 most frequent; rarer ones are mostly noise)
#   ending    EC EF ETM ETN (250 most frequent of each)
#   prefinal  EP (10 most frequent)
#   suffix    XSN (60 most frequent)
#   bound     NNB (200 most frequent)
#   word1     one-syllable NNG (300 most frequent) NNB (120) NP (20) NR (30) MM (40) MAG (60)
#             MAJ (10) IC (15)
# Built by `python -m cleaner.spacing.build_morphemes`.
"""


def main() -> int:
    from kiwipiepy import Kiwi  # build-time only

    kiwi = Kiwi()
    by_tag: Dict[str, List[str]] = {}
    index = 0
    while True:
        try:
            morpheme = kiwi.morpheme(index)
        except ValueError:
            break
        by_tag.setdefault(str(morpheme.tag), []).append(morpheme.form)
        index += 1
    out = sys.stdout
    out.write(HEADER)
    for name, (tags, most, shortest, longest) in CLASSES.items():
        seen = set()
        for tag in tags:
            forms = [f for f in by_tag.get(tag, []) if HANGUL.match(f) and shortest <= len(f) <= longest]
            for form in forms[:tags[tag] if isinstance(tags, dict) else most]:
                if form not in seen:
                    seen.add(form)
                    out.write(f"{form}\t{name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

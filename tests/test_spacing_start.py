"""Start-up cost of the spacing stage: importing it compiles no pattern and reads no word list.

Patterns are compiled and word lists read on first use, and the lexicon only when a paragraph
needs lexical evidence: not for text without Hangul, not with spacing off. Each check runs in a
fresh interpreter, where nothing has been compiled or loaded yet.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Reports which modules compiled a pattern (re or regex) during `import cleaner.spacing`, and
# which of the spacing stage's cached loaders hold something after each step.
PROBE = r"""
import json, re, sys
import regex

compiled = []

def recording(compile_):
    def wrapper(pattern, *args, **kwargs):
        compiled.append(sys._getframe(1).f_globals.get("__name__", "?"))
        return compile_(pattern, *args, **kwargs)
    return wrapper

re.compile = recording(re.compile)
regex.compile = recording(regex.compile)
import cleaner.spacing
from cleaner import Config, clean
from cleaner.spacing import candidates, evidence, hangul, lexicon, period

loaders = [getattr(lexicon, name) for name in ("particles", "endings", "standalone", "bound_nouns", "adverbs",
                                               "suffixes", "units", "words", "morphemes", "noun_ranks")]
loaders += [evidence._frequent, evidence._starts, evidence._chain_matchers, evidence._ending_starts]

def loaded():
    return sorted(f.__name__ for f in loaders if f.cache_info().currsize)

report = {"compiled": sorted(set(m for m in compiled if m.startswith("cleaner.spacing"))), "import": loaded()}
clean("The committee met on Monday and\nagreed to publish the minutes\nof the meeting next week.\n")
report["english"] = loaded()
clean("국가는 법률이 정하는 바에 의하여 재외국민을 보호할 의무 를 진다.", Config(spacing="off"))
report["spacing off"] = loaded()
clean("국가는 법률이 정하는 바에 의하여 재외국민을 보호할 의무 를 진다.")
report["korean"] = loaded()
print(json.dumps(report))
"""


def probe() -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=str(ROOT))
    return json.loads(done.stdout)


def test_importing_the_stage_compiles_nothing_and_loads_nothing() -> None:
    report = probe()
    assert report["compiled"] == []
    assert report["import"] == []
    assert report["english"] == []  # no Hangul: no lexical evidence to ask for
    assert report["spacing off"] == []
    # the probe can see a load: Korean text with a broken word needs the word lists
    assert "particles" in report["korean"]

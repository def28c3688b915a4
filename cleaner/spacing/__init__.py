"""Stage 4: spacing repair. Remove the spaces that line wraps left inside words, and only those.

A narrow column broke lines mid-word, and the breaks became spaces ("삼성전 자", "의무 를",
"했 다."). For every space between two tokens of a body block this stage weighs:

0. whether the text was wrapped at all (`wrapped`): text of unknown layout whose words show no
   wrap gets no removal, whatever column its line lengths suggest;
1. where the line breaks were: exactly known for hard-wrapped input (`Block.wrap_offsets`),
   otherwise read back from the column, a monospace one exactly (`period`, per document when
   its paragraphs agree on one width, per paragraph otherwise) or a proportional one within a
   tolerance (`proportional`). A spurious space can only be at a break;
2. lexical evidence that the space is inside a word (`evidence`): orphan particles and
   endings, a 하다/되다 form after a noun, a frequent word spanning the space, a one-syllable
   left token that is no word, the joined form used elsewhere in the same document;
3. vetoes (`vetoes`): spaces that must stay whatever else is said.

Only removals: a spacer left free inserts spaces into compounds ("제3조제2항"), so this stage
never adds one, and changes nothing but spaces. Every removal is a Fix naming its evidence.

How much evidence a removal needs is `Config.spacing_level`:

- "conservative": only orphan particles/endings or the same-document form, at a probable
  break; anything else only at a known line break (hard-wrapped input).
- "balanced" (default): also lexical evidence at a break the periodicity is sure of.
- "aggressive": also lexical evidence at a merely possible break, and orphans anywhere.

>>> from cleaner.document import Block
>>> blocks = [Block(0, "국가는 법률이 정하는 바에 의하여 재외국민을 보호할 의무 를 진다.", 0, 1)]
>>> fixed, fixes = repair_blocks(blocks, None)
>>> fixed[0].text
'국가는 법률이 정하는 바에 의하여 재외국민을 보호할 의무를 진다.'
>>> fixes[0].before, fixes[0].after, fixes[0].evidence
('의무 를', '의무를', ('orphan-particle',))
"""
from __future__ import annotations

import re

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from cleaner.document import BODY, Block, Fix
from cleaner.patterns import LazyPattern
from cleaner.spacing import period, proportional
from cleaner.spacing.candidates import Candidate, removable, word_end, word_start
from cleaner.spacing.evidence import DocumentIndex, compound, lexical_evidence, named
from cleaner.spacing.kiwi_backend import kiwi_removals  # kiwipiepy itself is loaded only when asked for
from cleaner.spacing.vetoes import veto
from cleaner.spacing.wrapped import MIN_POSTERIOR, posteriors, score as wrap_score, signal_class

__all__ = ["repair_blocks", "repair_text", "decide", "decide_once", "fixpoint", "LEVELS"]

# Evidence that is nearly always right wherever it is found (0.99+ at a break, docs/architecture.md);
# same-document only when it joins a fragment (not two words: `evidence.compound`). Each kind's
# strength is written once, in the table `evidence.EVIDENCE`.
STRONG = named("strong")
# Break probability (from periodicity) each level asks of strong and of other lexical evidence.
# Measured on wrap-broken official and news prose: lexical evidence is about 0.96 precise at a
# real break, 0.06 elsewhere; strong evidence 1.0 at a break, about 0.8 elsewhere.
LEVELS: Dict[str, Tuple[float, float, float]] = {
    #               strong, reliable lexical, other lexical evidence needs p >=
    "conservative": (0.5, 1.01, 1.01),
    "balanced": (0.2, 0.3, 0.8),
    "aggressive": (0.0, 0.2, 0.2),
}
# Lexical evidence that is seldom found at an author's space, so a likely break suffices:
# measured 0.92-1.0 precise at break probabilities of 0.4-0.8 and 0.85 at 0.3-0.4 (11 of 13 on
# wrap-broken official and news prose), where a spanning word or a one-syllable token is
# 0.5-0.8 precise. A word spanning from a lone syllable ("주 택을") was 38 of 38 right there.
RELIABLE = named("reliable")
# The same, for the break probability of a proportional column (`proportional`), which places
# breaks within a tolerance and so cannot tell a break at the author's space from one inside a
# word. Measured on real layouts (benchmarks/layouts.py): strong evidence 0.99 precise at p >= 0.5
# and 0.4 below; reliable lexical evidence 0.97 at p >= 0.5; other lexical evidence (a spanning
# word, a one-syllable token) 0.88 even at p >= 0.9, so never enough at the default level.
PROPORTIONAL_LEVELS: Dict[str, Tuple[float, float, float]] = {
    "conservative": (0.8, 1.01, 1.01),
    "balanced": (0.5, 0.5, 1.01),
    "aggressive": (0.3, 0.3, 0.8),
}
DEFAULT_LEVEL = "balanced"
# How much likelier the evidence is at a wrap break than at an author's space (measured on
# wrap-broken official and news prose: strong evidence ~0.5 of breaks vs ~0.003 of other
# spaces; other lexical evidence ~0.5 vs ~0.04). Used to weigh column widths (period).
STRONG_RATIO = 50.0
LEXICAL_RATIO = 10.0
# Without a document width, widths that explain this many fewer breaks than the best one are
# not asked about: each break less makes a width BREAK_ODDS times less likely a priori, and
# the evidence at their breaks rarely changed a decision (measured: same recall and
# precision on dev and news prose, 5-8% faster).
WIDTH_MARGIN = 2
# The log-odds of a monospace column (`period.wrapped_log_odds`) that confirm a paragraph whose
# words lean to "wrapped" (a `wrapped.posterior` of LEANING or more, its document counted)
# without passing the gate on their own.
CONFIRMED_COLUMN = 4.0
LEANING = 0.5


# A space the rules may remove (`candidates.removable`), in a text with single spaces.
_CANDIDATE_SPACE = LazyPattern(r"[\uac00-\ud7a3] +[\uac00-\ud7a30-9]|[0-9] +[\uac00-\ud7a3]", engine=re)


def repair_blocks(blocks: Sequence[Block], config) -> Tuple[List[Block], List[Fix]]:
    """Repair the spacing of every body block; other blocks pass through unchanged.

    `config` is a cleaner Config (its `spacing` and `spacing_level` are read) or None for the
    defaults. With spacing "kiwi" the removals come from kiwipiepy (an optional extra), still
    only at places the vetoes allow.

    The repaired blocks are a fixpoint: repairing them again (as one-line blocks, which is how
    cleaning the output again sees them) removes nothing more (see `fixpoint`).
    """
    mode = getattr(config, "spacing", "rules") if config is not None else "rules"
    level = getattr(config, "spacing_level", DEFAULT_LEVEL) if config is not None else DEFAULT_LEVEL
    if mode == "off":
        return list(blocks), []
    # Every body block is context (same-document evidence), even one without a space: a block
    # the repair leaves without spaces is still there when the output is cleaned again.
    body = [b for b in blocks if b.label == BODY]
    # Only a space between two Hangul syllables, between a numeral and Hangul, or at a known
    # line break is ever removed:
    # with none of either there is nothing to decide (and no column to search for).
    if not any(b.wrap_offsets or _CANDIDATE_SPACE.search(b.text) for b in body):
        return list(blocks), []
    texts = [b.text for b in body]
    offsets = [b.wrap_offsets for b in body]
    if mode == "kiwi":
        decisions = fixpoint(texts, lambda current, known: kiwi_removals(current), offsets)
    else:
        decisions = decide(texts, level, wrap_offsets=offsets)
    repaired: Dict[int, Block] = {}
    fixes: List[Fix] = []
    for block, removals in zip(body, decisions):
        if removals:
            text, block_fixes = apply(block, removals)
            repaired[block.index] = replace(block, text=text, wrap_offsets=())
            fixes.extend(block_fixes)
    return [repaired.get(b.index, b) for b in blocks], fixes


Decisions = List[Dict[int, Tuple[str, ...]]]


def decide(texts: Sequence[str], level: str = DEFAULT_LEVEL,
           wrap_offsets: Optional[Sequence[Sequence[int]]] = None) -> Decisions:
    """For each text of one document: {offset of a space to remove: its evidence}.

    The removals are those of `fixpoint`: deciding again on the repaired texts finds nothing.
    """
    memo = Memo()
    return fixpoint(texts, lambda current, known: decide_once(current, level, known, memo), wrap_offsets)


def fixpoint(texts: Sequence[str], once: Callable[[List[str], Optional[List[Tuple[int, ...]]]], Decisions],
             wrap_offsets: Optional[Sequence[Sequence[int]]] = None) -> Decisions:
    """Removals after which `once` finds nothing more to remove: cleaning is idempotent.

    Evidence is not monotone in what was already removed: joining "삼성전 자" makes the
    token "삼성전자" that same-document evidence finds elsewhere, a longer left token may reach
    a word in the lexicon, and the repaired paragraph has other consistent column widths than
    the broken one. So one pass may leave a space that a second pass, on its output, removes.
    Instead of hoping evidence never changes, the stage runs `once` on its own output until it
    removes nothing. The last round is the exact computation a second clean would do (the
    repaired blocks have no known line breaks any more), so its finding nothing *is* the
    idempotence. Termination needs no bound: every round but the last removes at least one
    space, so there are at most (spaces + 1) rounds; on prose it is two, rarely three.

    Known line breaks (`wrap_offsets`) count in the first round only: a second clean sees the
    repaired paragraphs as single lines, so a round without them always follows. Whatever
    `once` says, a space is removed only where `candidates.removable` allows it, or at a known
    line break in the first round.

    Offsets in the result are those of the original texts.
    """
    current = list(texts)
    out: Decisions = [{} for _ in current]
    known: Optional[List[Tuple[int, ...]]] = [tuple(o) for o in wrap_offsets] if wrap_offsets else None
    while True:
        decisions = once(current, known)
        changed = False
        for i, removals in enumerate(decisions):
            text = current[i]
            exact = set(known[i]) if known else ()
            allowed = {offset: evidence for offset, evidence in removals.items()
                       if text[offset] == " " and (offset in exact or removable(text, offset))}
            if not allowed:
                continue
            changed = True
            # an offset in the current text, plus the removals before it, is one in the original
            removed = sorted(out[i])
            shifted = [offset - k for k, offset in enumerate(removed)]
            for offset, evidence in allowed.items():
                out[i][offset + bisect_right(shifted, offset)] = tuple(evidence)
            current[i] = _without(text, allowed)
        if not changed and not (known and any(known)):
            return out
        known = None  # a second clean sees single lines: the last round must be that one


def _without(text: str, removals) -> str:
    """The text without the characters at the given offsets.

    >>> _without("삼성전 자 주가", {3})
    '삼성전자 주가'
    """
    parts, start = [], 0
    for offset in sorted(removals):
        parts.append(text[start:offset])
        start = offset + 1
    parts.append(text[start:])
    return "".join(parts)




class Memo:
    """What one document's rounds share, so a round costs little for a paragraph it did not
    change: each text's layout and consistent widths, and at each spot its candidate, lexical
    evidence and veto (all depend on the text alone). Local to one `decide` call: nothing
    outlives the document."""

    __slots__ = ("layouts", "widths", "spots", "lexical", "words", "scores")

    def __init__(self) -> None:
        self.layouts: Dict[str, period.Layout] = {}
        self.widths: Dict[str, List[period.Group]] = {}
        self.spots: Dict[str, Dict[int, Optional[Spot]]] = {}
        self.lexical: Dict[Tuple[str, str, str], Tuple[str, ...]] = {}
        self.words: Dict[str, List[str]] = {}  # each text's words, for the DocumentIndex
        self.scores: Dict[str, float] = {}  # each text's wrap score (`wrapped`)

    def layout(self, text: str) -> period.Layout:
        found = self.layouts.get(text)
        if found is None:
            found = self.layouts[text] = period.Layout(text)
        return found

    def groups(self, text: str) -> List[period.Group]:
        """The text's consistent monospace widths (`period.groups`), found on first use: a text
        the gate turns away needs none."""
        found = self.widths.get(text)
        if found is None:
            found = self.widths[text] = period.groups(self.layout(text))
        return found


# A space worth asking about: its candidate, its lexical evidence (none looked for where a veto
# protects it), whether a veto protects it.
Spot = Tuple[Candidate, Tuple[str, ...], bool]


def decide_once(texts: Sequence[str], level: str = DEFAULT_LEVEL,
                wrap_offsets: Optional[Sequence[Sequence[int]]] = None,
                memo: Optional[Memo] = None) -> Decisions:
    """One round of decisions on the texts as they are (see `fixpoint` for why one is not enough).

    The gate comes first (`wrapped`): a text of unknown layout whose words show no wrap gets no
    removal. In the others, the words at every space are weighed (a proportional column may have
    broken at any of them; at a known break only there) against the probability that a line
    broke there: the monospace column's first, the proportional column's for the evidence the
    first leaves undecided.
    """
    strong_p, reliable_p, lexical_p = LEVELS[level]
    column_strong_p, column_reliable_p, column_lexical_p = PROPORTIONAL_LEVELS[level]
    memo = memo or Memo()
    known = [tuple(o) for o in wrap_offsets] if wrap_offsets else [() for _ in texts]
    laid = [memo.layout(text) for text in texts]
    unknown = [i for i, offsets in enumerate(known) if not offsets]
    # No harm first: a text of unknown layout is repaired only when its words show it was
    # wrapped (`wrapped`); known line breaks are evidence enough.
    leaning = dict(zip(unknown, posteriors([_wrap_score(texts[i], laid[i], memo) for i in unknown])))
    gate = {i: p >= MIN_POSTERIOR for i, p in leaning.items()}
    for i, p in leaning.items():
        # A monospace column that explains the breaks where the words are broken confirms a
        # paragraph whose words lean to "wrapped" without proving it; it never opens one alone.
        if not gate[i] and p >= LEANING and memo.groups(texts[i]):
            ratios = _ratios(_spots(texts[i], laid[i], laid[i].spaces, (), memo))
            gate[i] = period.wrapped_log_odds(memo.groups(texts[i]), ratios) >= CONFIRMED_COLUMN
    unknown_texts = [texts[i] for i in unknown]
    # The document's width is read only for paragraphs the gate let through (known line breaks
    # need none), so a document it turned away entirely is not measured; and too few paragraphs
    # never agree on a width.
    cells = (period.document_width(unknown_texts, [memo.groups(text) for text in unknown_texts])
             if any(gate.values()) and len(unknown_texts) >= period.DOCUMENT_MIN_BLOCKS else None)
    document = DocumentIndex(texts, memo.words)
    out: Decisions = []
    for i, (text, offsets, layout) in enumerate(zip(texts, known, laid)):
        if not offsets and not gate[i]:
            out.append({})
            continue
        wrap = "wrap-offset" if offsets else "wrap-period"
        found = [] if offsets else memo.groups(text)  # known line breaks need no column
        if cells is None and found:
            most = max(len(breaks) for _, _, breaks in found)
            found = [g for g in found if len(g[2]) >= most - WIDTH_MARGIN]
        if offsets:
            where: Sequence[int] = sorted(set(offsets))
        else:
            # every space: a proportional column may have broken at any of them (the gate has
            # looked at them all already, so this costs nothing more)
            where = layout.spaces
        spots = _spots(text, layout, where, offsets, memo)
        evidence: Dict[int, List[str]] = {}
        strong: Set[int] = set()
        for candidate, lexical, vetoed in spots:
            if vetoed:
                continue
            same = document.same_document(candidate)
            names = sorted(lexical, key=_weaker)
            is_strong = _strong_lexical(names)
            if same and not compound(candidate):
                names.insert(0, same)
                is_strong = True
            elif same:
                names.append(same)  # authors spell compounds both ways: only lexical evidence
            if names:
                evidence[candidate.offset] = names
                if is_strong:
                    strong.add(candidate.offset)
        if not evidence:
            out.append({})
            continue
        if offsets:
            exact = set(offsets)
            p_break = {offset: 1.0 for offset in evidence if offset in exact}
        else:
            # a monospace column (`period`, exact) first, then a proportional one (within a
            # tolerance) for the evidence the first leaves undecided
            ratios = {offset: STRONG_RATIO if offset in strong else LEXICAL_RATIO for offset in evidence}
            p_break = period.break_probability(text, cells, ratios, found)
        removals: Dict[int, Tuple[str, ...]] = {}
        undecided = []
        for offset, names in evidence.items():
            p = p_break.get(offset, 0.0)
            if (offset in strong and p >= strong_p) or (names[0] in RELIABLE and p >= reliable_p) or p >= lexical_p:
                removals[offset] = tuple(names) + ((wrap,) if p >= lexical_p else ())
            elif not offsets and ((offset in strong and column_strong_p <= 1.0)
                                  or (names[0] in RELIABLE and column_reliable_p <= 1.0) or column_lexical_p <= 1.0):
                undecided.append(offset)
        if undecided:
            column = proportional.break_probability(text, ratios, at=undecided)
            for offset in undecided:
                names, q = evidence[offset], column.get(offset, 0.0)
                if ((offset in strong and q >= column_strong_p) or (names[0] in RELIABLE and q >= column_reliable_p)
                        or q >= column_lexical_p):
                    removals[offset] = tuple(names) + ("wrap-column",)
        out.append(removals)
    return out


def _strong_lexical(names: Sequence[str]) -> bool:
    """Whether a space's lexical evidence (strongest first) counts as strong: a strong kind, or
    two kinds agreeing, which are as good as a strong one (measured: lexicon with one-syllable,
    particle, split ... 0.99+ precise wherever found)."""
    return bool(names) and (names[0] in STRONG or len(names) >= 2)


def _ratios(spots: Sequence[Spot]) -> Dict[int, float]:
    """How much likelier each space's lexical evidence is at a wrap break (for the column models)."""
    return {candidate.offset: STRONG_RATIO if _strong_lexical(lexical) else LEXICAL_RATIO
            for candidate, lexical, vetoed in spots if lexical and not vetoed}


def _wrap_score(text: str, layout: period.Layout, memo: Memo) -> float:
    """The text's `wrapped.score`: the evidence class of every space between two syllables."""
    found = memo.scores.get(text)
    if found is None:
        found = memo.scores[text] = wrap_score([
            signal_class(candidate, lexical, vetoed) for candidate, lexical, vetoed in _spots(text, layout, layout.spaces, (), memo)
            if "가" <= candidate.left_word[-1:] <= "힣" and "가" <= candidate.right_word[:1] <= "힣"])
    return found


def _spots(text: str, layout: period.Layout, where: Sequence[int], offsets: Sequence[int],
           memo: Memo) -> List[Spot]:
    """The spaces at `where` that may be removed at all: between two syllables (`fixpoint`) or
    at a known line break, with a token on each side. Each is worked out once per text."""
    known = memo.spots.get(text)
    if known is None:
        known = memo.spots[text] = {}
    tokens, starts = layout.tokens, layout.starts
    exact = set(offsets) if offsets else ()
    lexical_memo = memo.lexical
    out: List[Spot] = []
    last = len(text) - 1
    for offset in where:
        spot = known.get(offset, False)
        if spot is False:
            spot = known[offset] = None
            if 0 < offset < last and text[offset] == " " and (offset in exact or removable(text, offset)):
                k = bisect_left(starts, offset + 1)  # the space is just before token k
                left, right = tokens[k - 1], tokens[k]
                if left and right:
                    after = tokens[k + 1] if k + 1 < len(tokens) else ""
                    candidate = Candidate(offset, k - 1, left, right, word_end(left), word_start(right), after)
                    if veto(candidate, tokens) is not None:
                        # nothing reads the evidence at a vetoed space (its class is "vetoed",
                        # it gives no ratio and no removal), so none is looked for
                        spot = known[offset] = (candidate, (), True)
                    else:
                        lexical = lexical_memo.get((left, right, after))
                        if lexical is None:
                            lexical = lexical_memo[(left, right, after)] = lexical_evidence(candidate)
                        spot = known[offset] = (candidate, lexical, False)
        if spot is not None:
            out.append(spot)
    return out


def _weaker(name: str) -> bool:
    return name not in STRONG


def apply(block: Block, removals: Dict[int, Tuple[str, ...]]) -> Tuple[str, List[Fix]]:
    """The block's text without the removed spaces, and the Fixes that explain it.

    A Fix shows the tokens around a removed space as they were and as they became, at the
    offset of the left token in the text before repair. Removals that touch the same token
    ("대 한민 국" -> "대한민국") make one Fix, so fixes never overlap and, applied in order,
    rebuild the repaired text; its evidence is that of each removal, first seen first.

    >>> text, fixes = apply(Block(0, "대 한민 국 만세", 0, 1), {1: ("a",), 4: ("b", "a")})
    >>> text, [(f.offset, f.before, f.after, f.evidence) for f in fixes]
    ('대한민국 만세', [(0, '대 한민 국', '대한민국', ('a', 'b'))])
    """
    text = block.text
    fixes = []
    chain: List[int] = []
    for offset in sorted(removals) + [None]:
        if chain and (offset is None or " " in text[chain[-1] + 1:offset]):
            start = text.rfind(" ", 0, chain[0]) + 1
            end = text.find(" ", chain[-1] + 1)
            end = len(text) if end < 0 else end
            before = text[start:end]
            after = "".join(c for j, c in enumerate(before, start) if j not in removals)
            evidence = tuple(dict.fromkeys(name for o in chain for name in removals[o]))
            fixes.append(Fix(block=block.index, offset=start, before=before, after=after, evidence=evidence))
            chain = []
        if offset is not None:
            chain.append(offset)
    return _without(text, removals), fixes


def repair_text(text: str, level: str = DEFAULT_LEVEL) -> str:
    """One paragraph repaired on its own (no document context): a convenience for scripts.

    >>> repair_text("헌법을 이제 국회의 의결을 거쳐 국민투표 에 의하여 개정한다.")
    '헌법을 이제 국회의 의결을 거쳐 국민투표에 의하여 개정한다.'
    """
    return _without(text, decide([text], level)[0])

"""Stage 3: label each block body or boilerplate, with the reasons.

Two passes, as in jusText, and both labels are kept on the Block:

1. Per block (`Block.initial`): the named rules of `cleaner.rules` first (a match drops the block
   and names the rule), then features: a block with enough letters, or with a sentence ending,
   reads as prose; the rest are "short" and wait for their context.
2. Context (`Block.label`):
   - Widget headers and end-of-article markers cut the page into regions. In each region the
     best run of prose (maximum-sum run: prose adds its letters, furniture subtracts) is found;
     the strongest run on the page is the article. Runs in other regions are kept only when they
     are nearly as strong and do not follow a widget header: prose after "많이 본 뉴스" is a
     teaser of another article, however much it reads like prose.
   - Short blocks between the article's paragraphs are subheadings; the short blocks just before
     it (past the date line and the byline) are its headline and subtitle.

>>> from cleaner.blocks import build_blocks
>>> from cleaner.config import Config
>>> page = "메뉴\\n정치\\n정부 새 교육 정책 발표\\n2024.03.05 10:00\\n정부가 새 정책을 발표했다. 시행은 내년부터다.\\n많이 본 뉴스\\n다른 기사의 첫 문단이 이렇게 길게 이어지고 있어서 마치 본문처럼 보인다."
>>> blocks, meta = classify(build_blocks(page), Config())
>>> [(b.label, b.reasons[0]) for b in blocks]  # doctest: +NORMALIZE_WHITESPACE
[('boilerplate', 'rule:navigation'), ('boilerplate', 'rule:navigation'), ('body', 'headline'),
 ('boilerplate', 'rule:datetime'), ('body', 'prose'), ('boilerplate', 'rule:widget_header'),
 ('boilerplate', 'teaser-after-widget')]
>>> meta["date"]
'2024-03-05'
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import regex

from cleaner import rules
from cleaner.chars import KOREAN_BLOCK_FINAL, KOREAN_SENTENCE_FINAL, hangul_count, letter_count, letter_mass, without_spaces
from cleaner.config import Config
from cleaner.document import (BODY, BOILERPLATE, CAPTION, CONTEXT, CUT, FEATURE, MAIN_COLUMN, PAGE, RULE,
                              TEMPLATE, Block)
from cleaner.patterns import LazyPattern

# --- thresholds --------------------------------------------------------------------------------
# (Config.min_prose_chars and Config.min_body_chars, which say when a block reads as prose, are
# options: read from the Config, never from a constant here.)
# A short block counts as a headline or subheading only with at least this many letters.
MIN_HEADING_CHARS = 6
# A heading is short: longer blocks without a sentence ending are captions or teasers.
MAX_HEADING_CHARS = 80
# Subtitle lines sit directly above the first paragraph (Korean news stacks up to 7 of them,
# with a photo and its credit between them and the text).
SUBTITLE_LOOKBACK = 10
# Between the headline and the first paragraph lie the date, byline, share buttons, summary
# boxes ...; the headline is looked for this many blocks up, just above a date or byline.
HEADLINE_LOOKBACK = 50
# ... and it must be that close above the date/byline it belongs to.
HEADLINE_MARKER_DISTANCE = 8
# A headline may come with a kicker and a deck stacked above the byline: up to this many lines.
MAX_HEADLINE_STACK = 3
# A run no widget header opened is preferred as the article when at least this strong relative
# to the strongest run of the page.
UNOPENED_RUN_SHARE = 0.25
# An article has at least this much prose; on a page built of lists (at least MIN_LIST_SIGNALS
# widget headers or truncated headlines), a weaker best run is a stray sentence, not an article.
MIN_ARTICLE_MASS = 50
MIN_LIST_SIGNALS = 3
# A prose run outside the article's region is kept when at least this strong relative to it.
SECONDARY_RUN_SHARE = 0.5
# What a non-prose block costs a run of prose: a caption or subheading between paragraphs does
# not break the article, a menu of twenty items does.
SHORT_BLOCK_COST = 20
RULE_BLOCK_COST = 15
# Lines that look like content (a bulleted or numbered item, a heading-sized line) cost less:
# recipes, explainers and Q&As put lists and short headings between their paragraphs.
HEADING_COST = 10
LIST_ITEM_COST = 2
# A list item needs a few letters ("- 두부 1모"); a lone bullet or number is not one.
MIN_LIST_ITEM_CHARS = 2
# Inside the article a subheading may be as short as "만드는 법" or "Method".
MIN_SUBHEADING_CHARS = 3
# The section label sits right above the headline (a date line may sit between); it is short.
SECTION_LOOKBACK = 2
MAX_SECTION_CHARS = 12
# A caption under a photo is at most this long; a longer block after an image is a paragraph.
MAX_CAPTION_CHARS = 100
# A headline found above the date/byline has at least this many letters (menu items have fewer).
MIN_HEADLINE_CHARS = 8
# A run of prose whose paragraphs mostly stop mid-sentence is a list of teaser leads cut off by
# their widget, not an article (article paragraphs end their sentences).
TEASER_CUT_OFF_SHARE = 0.5
# ... and a list of several paragraphs has at least two such leads: one paragraph that ends
# without a full stop (a colon, a quote, a dropped period) among finished ones is the article's.
MIN_TEASER_CUT_OFFS = 2
# After a widget header, a run where nearly every prose block follows its own short title is a
# list of other articles (title, lead, title, lead ...).
TEASER_PAIRED_SHARE = 0.8
# A related-articles box inside the article holds a few links; prose right after a box that
# small continues the article.
MAX_INLINE_BOX_BLOCKS = 8
# Short sentences (an interview's question and answer) come in small groups between paragraphs.
MAX_SHORT_SENTENCE_RUN = 4
# Headings inside the article come alone or in pairs; three short lines in a row are a list of
# links or a widget.
MAX_SUBHEADING_RUN = 2

# Sentence endings: Korean final endings before terminal punctuation, or any terminal
# punctuation for other languages; closing quotes and brackets may follow.
SENTENCE_END = LazyPattern(
    r"""(?:
          [{block_final}]\s*[.!?…]+             # 했다.  했습니다.  할까?  (Korean final endings)
        | \p{Latin}[.!?]                       # English and other Latin-script sentences
        | [.!?。！？]
        )
        [\s"'”’)\]」』>~\p{Extended_Pictographic}\ufe0f\u200d]*$""".replace("{block_final}", KOREAN_BLOCK_FINAL),
    regex.VERBOSE,
)

# A sentence boundary inside a block: a Korean final ending or Latin word, terminal punctuation,
# then a space. Captions are one sentence; paragraphs usually more.
_SENTENCE_BOUNDARY = LazyPattern(rf"(?:[{KOREAN_SENTENCE_FINAL}]|\p{{Latin}})[.!?]+[\"'”’)]*\s+(?=\S)")


def _sentence_count(text: str) -> int:
    return 1 + len(_SENTENCE_BOUNDARY.findall(text))


# How blogs and comments end a sentence without punctuation: laughter, tildes, an emoji. They
# finish a thought (a teaser cut off by its widget does not), but do not make a title prose.
# Searched in reverse (regex's (?r)): only the block's end can match, and a forward search
# would rescan a long run of ㅋ or ~ from every position in it (quadratic; 10 KB took 1.8 s).
CASUAL_END = LazyPattern(r"(?r)(?:[ㅎㅋㅠㅜ]{2,}|~+|\p{Extended_Pictographic}[\ufe0f\u200d\p{Extended_Pictographic}]*)[\s)]*$")

# A sentence closing on a noun and a full stop (no final ending before it): how captions end.
NOMINAL_END = LazyPattern(rf"[\p{{Hangul}}--[{KOREAN_BLOCK_FINAL}]]\.[\s\"'”’)\]]*$", regex.V1)

# List items inside an article: a bullet or a number opens them.
LIST_ITEM = LazyPattern(r"^(?:[-•·▪◦*‣–✔✅▶►▷◇◆□■○●※]|\d{1,2}[.)]|[①-⑳]|[가-하]\.|\p{Extended_Pictographic})\s*\S")

# The opener of a region after a box that may sit inside an article (related links, an ad), as
# opposed to a page widget ("많이 본 뉴스") that only ever follows it.
INLINE_BOX = "inline-box"

# Why the runs of prose that are not the article are dropped. The first three are choices about
# the whole page (Block.decided_by PAGE), which the HTML main-column pass undoes: there,
# trafilatura has already chosen the article.
WEAKER_RUN = "weaker-prose-run"
TEASERS_CUT_OFF = "teaser-run:leads-cut-off"
TEASERS_UNDER_TITLES = "teaser-run:title-lead-pairs"
PAGE_CHOICES = frozenset({WEAKER_RUN, TEASERS_CUT_OFF, TEASERS_UNDER_TITLES})
STRAY_PROSE = "stray-prose-on-listing-page"
# Why an end-of-article marker did not end the article (see `_inside_prose`).
END_INSIDE_PROSE = "end-marker-inside-prose"
# Prose after the article's end marker (decided_by CUT).
AFTER_END = "after-article-end"

_ISO_DATE = LazyPattern(r"(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})")
# The label of an article's own date line ("입력 2024.03.01 09:00", "기자 수정 ..."), as opposed to
# a site header's date of today ("2024년 03월 05일 화요일") that sits above every article.
_ARTICLE_DATE_LABEL = LazyPattern(r"입력|수정|등록|게재|승인|송고|발행|업데이트|published|updated|posted",
                                  regex.IGNORECASE)


@dataclass(frozen=True)
class Features:
    """What the per-block pass looks at, kept so tests and explanations can show it."""

    letters: int
    hangul: int
    sentence_end: bool
    casual_end: bool
    list_item: bool
    rule: Optional[rules.RuleMatch]


def features(text: str) -> Features:
    letters = letter_mass(text)
    return Features(letters=letters, hangul=hangul_count(text),
                    sentence_end=bool(SENTENCE_END.search(text)),
                    casual_end=bool(CASUAL_END.search(text)),
                    list_item=bool(LIST_ITEM.match(text)),
                    rule=rules.match_rules(text, letters))


def classify(blocks: Sequence[Block], config: Config,
             template: Optional[Callable[[str], Optional[str]]] = None,
             features_of: Callable[[str], Features] = features,
             main_column: bool = False) -> Tuple[List[Block], Dict[str, Any]]:
    """Label every block; return the labelled blocks and the metadata found on the way.

    `template` (a cleaner.templates.SiteTemplate) maps a block's text to a removal reason when
    the site's profile knows the block as template. `features_of` is `features`, or a memo of it
    for one document that is read more than once (cleaner.pipeline). `main_column` says the
    blocks are already a page's main column (HTML input): `main_column_context` then adjusts the
    context pass's page-wide choices.
    """
    feats = [features_of(b.text) for b in blocks]
    labelled = [_initial(b, f, config) for b, f in zip(blocks, feats)]
    if template:
        _apply_template(labelled, feats, template)
    _mark_captions(labelled, feats)
    labelled, metadata = _context(labelled, feats, config)
    if main_column:
        labelled = main_column_context(labelled)
    return labelled, metadata


def _apply_template(out: List[Block], feats: List[Features], template: Callable[[str], Optional[str]]) -> None:
    """A block the site's profile lists is boilerplate whatever it says (cleaner.templates).

    Done before the context pass and given a rule, so it breaks prose runs like furniture and
    cannot come back as a headline, subheading or caption; a rule it already matched keeps its
    role (a widget header still opens a teaser region).
    """
    for i, block in enumerate(out):
        reason = template(block.text)
        if reason is not None:
            out[i] = replace(block, initial=BOILERPLATE, label=BOILERPLATE, decided_by=TEMPLATE,
                             reasons=(reason,) + block.reasons)
            if feats[i].rule is None:
                feats[i] = replace(feats[i], rule=rules.RuleMatch(reason, rules.DROP))


def is_prose(f: Features, config: Config) -> bool:
    """Whether a block with these features reads as prose on its own (Config.min_prose_chars,
    Config.min_body_chars); a rule match never does."""
    return f.rule is None and (
        f.letters >= config.min_prose_chars
        or (f.letters >= config.min_body_chars and (f.sentence_end or f.casual_end)))


def _initial(block: Block, f: Features, config: Config) -> Block:
    if f.rule is not None:
        reason = f"rule:{f.rule.name}"
        return replace(block, initial=BOILERPLATE, label=BOILERPLATE, decided_by=RULE, reasons=(reason,))
    if is_prose(f, config):
        if _nominal_caption(block.text, f):
            return replace(block, initial=BOILERPLATE, label=BOILERPLATE, decided_by=CAPTION,
                           reasons=("caption-nominal",))
        return replace(block, initial=BODY, label=BODY, decided_by=FEATURE, reasons=("prose",))
    if f.letters == 0:
        return replace(block, initial=BOILERPLATE, label=BOILERPLATE, decided_by=FEATURE, reasons=("no-letters",))
    return replace(block, initial=BOILERPLATE, label=BOILERPLATE, decided_by=FEATURE, reasons=("short",))


def _nominal_caption(text: str, f: Features) -> bool:
    """A Korean photo caption is one sentence ending in a noun: "... 정상에 오른 손제이." The
    article's sentences end in a verb ("...했다."), so a short one-sentence block that closes on a
    noun and a full stop is the caption of a photo the text dump lost."""
    return (f.letters <= MAX_CAPTION_CHARS and f.hangul * 2 > f.letters
            and bool(NOMINAL_END.search(text)) and _sentence_count(text) == 1)


def _block_score(block: Block, f: Features) -> int:
    if block.initial == BODY:
        return f.letters
    if f.rule is not None:
        return -RULE_BLOCK_COST
    if f.list_item and f.letters >= MIN_LIST_ITEM_CHARS:
        return -LIST_ITEM_COST
    if _heading_like(f):
        return -HEADING_COST
    return -SHORT_BLOCK_COST


def _best_run(scores: Sequence[int], start: int, end: int) -> Tuple[int, int, int]:
    """Maximum-sum run of scores[start:end] as (score, first, last+1); (0, start, start) if none."""
    best = (0, start, start)
    running, run_start = 0, start
    for i in range(start, end):
        if running <= 0:
            running, run_start = 0, i
        running += scores[i]
        if running > best[0]:
            best = (running, run_start, i + 1)
    return best


def _context(blocks: List[Block], feats: List[Features], config: Config) -> Tuple[List[Block], Dict[str, Any]]:
    metadata: Dict[str, Any] = {}
    if not blocks:
        return blocks, metadata
    scores = [_block_score(b, f) for b, f in zip(blocks, feats)]

    out = list(blocks)
    # Regions between widget headers and end-of-article markers; remember what opened each. An
    # end marker inside prose (a sentence of the article that happens to say "무단 사용", a
    # credited caption between two paragraphs) is dropped by its rule but ends nothing.
    regions: List[Tuple[int, int, Optional[str]]] = []
    start, opener = 0, None
    for i, f in enumerate(feats):
        if f.rule is not None and f.rule.role == rules.END and _inside_prose(feats, i, config):
            out[i] = replace(out[i], reasons=(END_INSIDE_PROSE,) + out[i].reasons)
        elif f.rule is not None and f.rule.role in (rules.WIDGET, rules.END):
            regions.append((start, i, opener))
            start, opener = i + 1, (INLINE_BOX if f.rule.name == "related_box" else f.rule.role)
    regions.append((start, len(blocks), opener))

    runs = []
    for s_, e_, opener in regions:
        score, first, last = _best_run(scores, s_, e_)
        if score > 0:
            runs.append((score, first, last, opener, _teaser_evidence(out, feats, first, last, opener)))
    articles = [run for run in runs if run[4] is None]
    best = max(articles, key=lambda run: run[0], default=None)
    # A run that no widget header opened is the article if it is at all comparable: prose right
    # after "많이 본 뉴스" is another article's lead, however long.
    unopened = [run for run in articles if run[3] is None]
    best_unopened = max(unopened, key=lambda run: run[0], default=None)
    if best is not None and best_unopened is not None and best_unopened[0] >= UNOPENED_RUN_SHARE * best[0]:
        best = best_unopened
    if best is not None and best[0] < MIN_ARTICLE_MASS and _page_of_lists(feats):
        # One short sentence among widgets and truncated headlines is a listing page's caption,
        # not an article.
        runs = [run[:4] + (run[4] or STRAY_PROSE,) for run in runs]
        best = None
    kept_runs: List[Tuple[int, int]] = []
    teaser_runs: List[Tuple[int, int, str]] = []  # (first, last, reason)
    for run in runs:
        score, first, last, opener, teaser = run
        if teaser is not None:
            teaser_runs.append((first, last, teaser))
        elif run is best:
            kept_runs.append((first, last))
        elif best is not None and score >= SECONDARY_RUN_SHARE * best[0] and (
                opener is None or _continues_after_box(run, kept_runs, out, feats)):
            if opener is not None:
                first = _first_full_paragraph(feats, first, last, config)
                teaser_runs.append((run[1], first, "teaser-in-related-box"))
            kept_runs.append((first, last))
        else:
            reason = {rules.WIDGET: "teaser-after-widget", INLINE_BOX: "teaser-after-widget",
                      rules.END: AFTER_END}.get(
                opener or "", WEAKER_RUN)
            teaser_runs.append((first, last, reason))

    for first, last, reason in teaser_runs:
        # Which run is the article, and whether a run reads as a list of teasers, are choices
        # about the whole page (PAGE); what follows the article's end is cut by its marker
        # (CUT: the HTML main-column pass weighs the cut against what remains); what follows a
        # widget header, or what a listing page holds, is decided by that context.
        kind = PAGE if reason in PAGE_CHOICES else CUT if reason == AFTER_END else CONTEXT
        for i in range(first, last):
            if out[i].initial == BODY:
                out[i] = replace(out[i], label=BOILERPLATE, decided_by=kind, reasons=(reason,) + out[i].reasons)
    # Prose outside every run (stray paragraphs among the furniture) is not the article either.
    in_run = set()
    for first, last in kept_runs:
        in_run.update(range(first, last))
    for i, block in enumerate(out):
        if block.initial == BODY and i not in in_run and block.label == BODY:
            out[i] = replace(block, label=BOILERPLATE, decided_by=PAGE, reasons=("outside-article",) + block.reasons)

    for first, last in kept_runs:
        _keep_subheadings(out, feats, first, last)
    if kept_runs:
        first = min(first for first, _ in kept_runs)
        _keep_headline(out, feats, first, metadata, config)
    _collect_metadata(out, feats, metadata)
    return out, metadata


def _inside_prose(feats: List[Features], i: int, config: Config) -> bool:
    """Whether an end-of-article marker at block i stands inside the article's prose rather than
    on a line of its own: it reads as a sentence itself, and the blocks on both sides are
    paragraphs (long enough to be prose on their own, ending a sentence). A real notice stands
    after the last paragraph, next to a byline, share buttons or a widget; one that reads as a
    sentence and has a paragraph on each side is part of the text, and cutting there would
    cost every paragraph after it.
    """
    def paragraph(j: int) -> bool:
        return _full_paragraph(feats[j], config)

    f = feats[i]
    return (0 < i < len(feats) - 1 and f.sentence_end and f.letters >= config.min_body_chars
            and paragraph(i - 1) and paragraph(i + 1))


def _teaser_evidence(out: List[Block], feats: List[Features], first: int, last: int,
                     opener: Optional[str]) -> Optional[str]:
    """Why a run of prose is a list of teasers rather than an article, or None."""
    prose = [i for i in range(first, last) if out[i].initial == BODY]
    if not prose or (len(prose) < 2 and opener not in (rules.WIDGET, INLINE_BOX)):
        return None  # one paragraph alone is judged as a teaser only right after a widget header
    cut_off = [i for i in prose if not (feats[i].sentence_end or feats[i].casual_end)]
    if len(cut_off) >= max(min(MIN_TEASER_CUT_OFFS, len(prose)), TEASER_CUT_OFF_SHARE * len(prose)):
        return TEASERS_CUT_OFF
    if opener in (rules.WIDGET, INLINE_BOX):
        paired = [i for i in prose if _titled(out, feats, i, first)]
        if len(paired) >= TEASER_PAIRED_SHARE * len(prose):
            return TEASERS_UNDER_TITLES
    return None


def _page_of_lists(feats: List[Features]) -> bool:
    """Whether the page is built of lists: several widget headers or truncated headlines."""
    listy = sum(1 for f in feats if f.rule is not None and f.rule.name in ("widget_header", "truncated"))
    return listy >= MIN_LIST_SIGNALS


def _continues_after_box(run: Tuple[int, int, int, Optional[str], Optional[str]],
                         kept_runs: List[Tuple[int, int]], out: List[Block], feats: List[Features]) -> bool:
    """Whether a run after a widget header resumes the article right after a small inline box
    ("관련기사" with a few links between two paragraphs), rather than starting a teaser list."""
    _, first, _, opener, _ = run
    if opener != INLINE_BOX or not kept_runs:
        return False
    previous_end = max(last for _, last in kept_runs)
    return previous_end <= first and first - previous_end <= MAX_INLINE_BOX_BLOCKS


def _full_paragraph(f: Features, config: Config) -> bool:
    """A paragraph of prose on its own: no rule matched, long enough, ending a sentence."""
    return f.rule is None and f.letters >= config.min_prose_chars and f.sentence_end


def _first_full_paragraph(feats: List[Features], first: int, last: int, config: Config) -> int:
    """Skip a box's leading links: the article resumes at the first long, finished sentence."""
    for i in range(first, last):
        if _full_paragraph(feats[i], config):
            return i
    return last


def _titled(out: List[Block], feats: List[Features], i: int, first: int) -> bool:
    """Whether a prose block directly follows a short title (a rank number may sit between)."""
    j = i - 1
    while j >= first and feats[j].letters == 0:
        j -= 1
    return j >= first and out[j].initial != BODY and _heading_like(feats[j])


def _heading_like(f: Features) -> bool:
    return (f.rule is None and MIN_HEADING_CHARS <= f.letters <= MAX_HEADING_CHARS
            and not f.sentence_end)


def _is_image_or_caption(out: List[Block], feats: List[Features], i: int) -> bool:
    """An image button, or the block right after one (its caption), or a photo credit."""
    f = feats[i]
    if f.rule is not None and f.rule.name in ("image_marker", "photo_credit"):
        return True
    return i > 0 and feats[i - 1].rule is not None and feats[i - 1].rule.role == rules.IMAGE


def _precedes_credit(feats: List[Features], i: int, config: Config) -> bool:
    """A short block right above a photo credit is that photo's caption ("취업 (CG)")."""
    following = feats[i + 1].rule if i + 1 < len(feats) else None
    return following is not None and following.name == "photo_credit" and feats[i].letters < config.min_body_chars


def _mark_captions(out: List[Block], feats: List[Features]) -> None:
    """The block after an image button is the photo's caption, however much it reads like prose."""
    for i in range(1, len(out)):
        previous = feats[i - 1].rule
        if previous is not None and previous.role == rules.IMAGE and feats[i].rule is None:
            if feats[i].letters <= MAX_CAPTION_CHARS and _sentence_count(out[i].text) <= 1:
                out[i] = replace(out[i], initial=BOILERPLATE, label=BOILERPLATE, decided_by=CAPTION,
                                 reasons=("caption-after-image",) + out[i].reasons)


def _keep_short_sentences(out: List[Block], feats: List[Features], first: int, last: int) -> None:
    """Short finished sentences between the article's paragraphs ("진짜 강추예요!!", an interview's
    "―왜 거절했나요." / "부담스러웠어요.") are part of it: up to MAX_SHORT_SENTENCE_RUN in a row."""
    def short_sentence(i: int) -> bool:
        f = feats[i]
        # Too short on its own, and nothing since; a few letters, ending a sentence.
        return _too_short(out[i]) and f.letters >= MIN_SUBHEADING_CHARS and (f.sentence_end or f.casual_end)

    i = first
    while i < last:
        if not short_sentence(i):
            i += 1
            continue
        end = i
        while end < last and short_sentence(end):
            end += 1
        if (end - i <= MAX_SHORT_SENTENCE_RUN and _prose_near(out, feats, i - 1, -1, first)
                and _prose_near(out, feats, end, +1, last - 1)):
            for j in range(i, end):
                out[j] = replace(out[j], label=BODY, decided_by=CONTEXT, reasons=("short-sentence",) + out[j].reasons)
        i = end


def _keep_list_items(out: List[Block], feats: List[Features], first: int, last: int) -> None:
    """Bulleted or numbered items inside the article, with article prose before and after them."""
    prose = [i for i in range(first, last) if out[i].label == BODY]
    if not prose:
        return
    for i in range(prose[0] + 1 if prose[0] > first else first, last):
        f = feats[i]
        if (out[i].label != BODY and f.rule is None and f.list_item and f.letters >= MIN_LIST_ITEM_CHARS
                and any(p < i for p in prose) and any(p > i for p in prose)):
            out[i] = replace(out[i], label=BODY, decided_by=CONTEXT, reasons=("list-item",) + out[i].reasons)


def _headline_like(f: Features, text: str) -> bool:
    """A headline may end with "!" or "?" (or even a full stop), but it is one sentence."""
    return (f.rule is None and MIN_HEADLINE_CHARS <= f.letters <= MAX_HEADING_CHARS
            and _sentence_count(text) == 1)


def _subheading_like(f: Features) -> bool:
    return (f.rule is None and MIN_SUBHEADING_CHARS <= f.letters <= MAX_HEADING_CHARS
            and not f.sentence_end)


def _keep_subheadings(out: List[Block], feats: List[Features], first: int, last: int) -> None:
    """Short heading-like blocks between the article's paragraphs are its subheadings."""
    _keep_list_items(out, feats, first, last)
    _keep_short_sentences(out, feats, first, last)
    i = first
    while i < last:
        if out[i].label == BODY or not _subheading_like(feats[i]):
            i += 1
            continue
        run_end = i
        while run_end < last and out[run_end].label != BODY and _subheading_like(feats[run_end]):
            run_end += 1
        if run_end - i <= MAX_SUBHEADING_RUN and _prose_near(out, feats, i - 1, -1, first) \
                and _prose_near(out, feats, run_end, +1, last - 1):
            for j in range(i, run_end):
                out[j] = replace(out[j], label=BODY, decided_by=CONTEXT, reasons=("subheading",) + out[j].reasons)
        i = run_end


def _prose_near(out: List[Block], feats: List[Features], i: int, step: int, limit: int) -> bool:
    """Whether article prose is next in this direction, past at most an image and its caption."""
    skipped = 0
    while (i >= limit if step < 0 else i <= limit) and skipped <= 2:
        if out[i].label == BODY and (out[i].initial == BODY or out[i].reasons[0] in ("list-item", "short-sentence")):
            return True
        if not _is_image_or_caption(out, feats, i):
            return False
        skipped += 1
        i += step
    return False


def _keep_headline(out: List[Block], feats: List[Features], first: int, metadata: Dict[str, Any],
                   config: Config) -> None:
    """Keep the headline and subtitle lines above the article's first paragraph.

    Subtitles: heading-like blocks stacked directly above the first paragraph (an image and its
    caption may sit between). Headline: walking further up past the date, byline, share buttons
    and summary boxes, the first heading-like block just above a date or byline line. Without
    such a marker, the topmost subtitle line is taken as the headline.
    """
    kept: List[int] = []
    i = first - 1
    steps = 0
    while i >= 0 and steps < SUBTITLE_LOOKBACK:
        if _heading_like(feats[i]) and out[i].label != BODY:
            kept.append(i)
        elif not (_is_image_or_caption(out, feats, i) or _precedes_credit(feats, i, config)):
            break
        i -= 1
        steps += 1

    marker_at: Optional[int] = None
    headline: Optional[int] = None
    for j in range(i, max(-1, i - HEADLINE_LOOKBACK), -1):
        f = feats[j]
        if out[j].label == BODY:
            break  # another kept run: the article's header is not above it
        if f.rule is not None and f.rule.role in (rules.DATE, rules.BYLINE):
            marker_at = j
            continue
        if marker_at is not None and marker_at - j > HEADLINE_MARKER_DISTANCE:
            break
        if marker_at is not None and _headline_like(f, out[j].text):
            headline = j
            break
    if headline is not None:
        kept.append(headline)
        # Headline, deck and kicker come stacked: take the heading lines right above it too.
        j = headline - 1
        while j >= 0 and headline - j < MAX_HEADLINE_STACK and _heading_like(feats[j]) \
                and _headline_like(feats[j], out[j].text) and out[j].label != BODY:
            kept.append(j)
            j -= 1
    for position, j in enumerate(sorted(kept)):
        reason = "headline" if position == 0 else "subtitle"
        out[j] = replace(out[j], label=BODY, decided_by=CONTEXT, reasons=(reason,) + out[j].reasons)
    if kept:
        metadata.setdefault("title", out[min(kept)].text)
        section = _section_above(out, feats, min(kept))
        if section:
            metadata.setdefault("section", section)


def _section_above(out: List[Block], feats: List[Features], headline: int) -> Optional[str]:
    """The section label just above the headline ("경제 > 산업", "정치 정치일반"), if any."""
    for j in range(headline - 1, max(-1, headline - 1 - SECTION_LOOKBACK), -1):
        rule = feats[j].rule
        if rule is not None and rule.name == "navigation" and feats[j].letters <= MAX_SECTION_CHARS:
            return out[j].text
        if rule is None or rule.role != rules.DATE:
            return None
    return None


def _collect_metadata(out: List[Block], feats: List[Features], metadata: Dict[str, Any]) -> None:
    # The article's own labelled date line (or byline: "기자 입력 2025.06.17") first, then any
    # date line, then any byline that carries a date; in page order within each.
    def rank(pair: Tuple[Block, Features]) -> int:
        block, f = pair
        if f.rule is None or f.rule.role not in (rules.DATE, rules.BYLINE):
            return 3
        if _ARTICLE_DATE_LABEL.search(block.text):
            return 0
        return 1 if f.rule.role == rules.DATE else 2

    ordered = sorted(zip(out, feats), key=rank)
    for block, f in ordered:
        if f.rule is not None and f.rule.role in (rules.DATE, rules.BYLINE) and "date" not in metadata:
            found = _ISO_DATE.search(block.text)
            if found:
                y, m, d = found.groups()
                metadata["date"] = f"{y}-{int(m):02d}-{int(d):02d}"


# --- the HTML main column ------------------------------------------------------------------------

# Short blocks without a rule between the article's first and last paragraph (list items, table
# rows, subheadings the classifier did not recognise) are kept: trafilatura put them there.
KEEP_SHORT_INSIDE = True
# ... and so are those right after its last paragraph, up to the first block a rule drops.
KEEP_SHORT_AFTER = False


def main_column_context(blocks: Sequence[Block]) -> List[Block]:
    """The context pass's labels, adjusted for blocks that are already a page's main column.

    The context pass assumes the whole page is in front of it: which run of prose is the
    article, and whether a run reads like a list of teasers (decided_by PAGE). trafilatura has
    already made the first decision, and its main column is one article, so these are undone.
    Rule matches (bylines, copyright, share prompts, photo credits ...) and what follows a widget
    header or the end of the article stay as decided. The page's headline (kind "title") is kept
    whenever the page has a body.
    """
    out = list(blocks)
    for i, block in enumerate(out):
        if block.label != BODY and block.initial == BODY and block.decided_by == PAGE:
            out[i] = replace(block, label=BODY, decided_by=MAIN_COLUMN, reasons=("main-column",) + block.reasons)
    _weigh_cut(out)
    repeats = [i for i in _repeated_later(out) if out[i].label == BODY]
    for i in repeats:
        out[i] = replace(out[i], label=BOILERPLATE, decided_by=MAIN_COLUMN, reasons=("repeated-later",) + out[i].reasons)
    body = [i for i, block in enumerate(out) if block.label == BODY and block.kind != "title"]
    if not body:
        # Before the page is taken for one without an article, the article candidates that a
        # cut or a repeat took are reconsidered: the main column is one article, and a page
        # must not come out empty because its article was read as a copy of itself or as
        # what follows its own end.
        taken = [i for i, block in enumerate(out)
                 if block.initial == BODY and block.label != BODY and (block.decided_by == CUT or i in repeats)]
        for i in taken:
            out[i] = replace(out[i], label=BODY, decided_by=MAIN_COLUMN, reasons=(RECONSIDERED,) + out[i].reasons)
        body = taken
    if not body:
        return out
    end = body[-1] + 1
    if KEEP_SHORT_AFTER:
        while end < len(out) and _too_short(out[end]):
            end += 1
    if KEEP_SHORT_INSIDE:
        for i in range(body[0], end):
            block = out[i]
            if _too_short(block):
                out[i] = replace(block, label=BODY, decided_by=MAIN_COLUMN, reasons=("inside-main-column",) + block.reasons)
    for i, block in enumerate(out):
        # The page's headline is kept, unless a rule says it is furniture (a breadcrumb or a
        # menu label taken for the title: "구정소식 > 보도자료").
        if block.kind == "title" and block.label != BODY and block.decided_by != RULE:
            out[i] = replace(block, label=BODY, decided_by=MAIN_COLUMN, reasons=("headline:page-title",) + block.reasons)
    return out


# Why a block that a cut or a repeat had taken is body again (main_column_context).
RECONSIDERED = "reconsidered:article-would-be-lost"
CUT_OUTWEIGHS_ARTICLE = "cut-outweighs-article"


def _weigh_cut(out: List[Block]) -> None:
    """Undo an end-of-article cut that took more of the main column's prose than it left.

    trafilatura's main column is one article; a notice that ends it stands after the last
    paragraph, with a byline or buttons after it, not before most of the text. When the prose
    cut (decided_by CUT) outweighs the prose kept, the marker was not the article's end.
    """
    cut = sum(letter_count(b.text) for b in out if b.decided_by == CUT and b.initial == BODY)
    kept = sum(letter_count(b.text) for b in out if b.label == BODY and b.kind != "title")
    if cut and cut > kept:
        for i, block in enumerate(out):
            if block.decided_by == CUT and block.initial == BODY:
                out[i] = replace(block, label=BODY, decided_by=MAIN_COLUMN, reasons=(CUT_OUTWEIGHS_ARTICLE,) + block.reasons)


def _too_short(block: Block) -> bool:
    """Dropped by its own features (too short, or no letters), and by nothing since."""
    return block.decided_by == FEATURE and block.initial != BODY


def _repeated_later(blocks: Sequence[Block]) -> List[int]:
    """Blocks above the article whose text the main column repeats further down (inside a later
    block labelled body, or as one).

    A summary box ("자동요약", key points) or a teaser of the lead sits above the article and
    copies its sentences; the reader keeps the article's copy. Short blocks (a label, "사진")
    repeat for other reasons and are left alone, and so is what repeats inside the article.

    >>> lead = "정부가 새 정책을 발표했다고 오늘 오전 브리핑에서 밝혔다."
    >>> blocks = [Block(0, lead, 0, 1), Block(1, "제목", 1, 2), Block(2, lead + " 시행은 내년부터다.", 2, 3)]
    >>> _repeated_later(blocks)
    [0]
    """
    squashed = [without_spaces(block.text) for block in blocks]
    repeated = []
    asked = 0
    for i, text in enumerate(squashed):
        long_enough = letter_count(text) >= MIN_REPEATED_LETTERS
        if not long_enough:
            continue
        asked += 1
        if asked > MAX_REPEATED_ASKED:
            break  # a summary box is a few blocks; a page of thousands would make this quadratic
        # Only a copy that stays counts: a visible article is no repeat of a hidden or cut copy.
        if any(text in squashed[j] for j in range(i + 1, len(squashed)) if blocks[j].label == BODY):
            repeated.append(i)
        elif blocks[i].initial == BODY:
            break  # the article has begun: repeats inside it (a refrain, a recipe) are its own
    return repeated


# A block repeated further down is dropped only when it has this many letters.
MIN_REPEATED_LETTERS = 20
# Only this many such blocks at the top are asked whether the article repeats them: summary
# boxes and lead teasers are a handful of lines (the real ones: 2-5).
MAX_REPEATED_ASKED = 40


def empty_reason(blocks: Sequence[Block]) -> str:
    """Why a document has no body, for Result.reason."""
    if not blocks:
        return "empty input"
    if any(b.initial == BODY for b in blocks):
        return "every prose block is a teaser of another article (listing page)"
    return "no prose block: navigation, tickers and labels only"

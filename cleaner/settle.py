"""Stage 5: settle the output, so that cleaning it again changes nothing.

Cleaning is promised idempotent, and the next reading of our output sees only the body, one
block per line, without the page around it. This stage reads the repaired body as that next
reading would and settles every difference before the Result is made:

- `rejoin_wrapped_body`: the article's own lines can show the column it was hard-wrapped at
  when the page's furniture (menus, teaser leads of every length) hid it from stage 2; the
  document is then cut again at that column and classified again.
- `settle`: repaired paragraphs printed one per line can line up at a column of their own
  (`printed_wrap_groups`): they are joined as the next reading would join them
  (`join_groups`, reason "rewrapped:N") and repaired again. And body blocks, once the furniture
  between them is gone, can read as one run the context pass judges otherwise (two paragraphs a
  widget header kept apart read as a teaser run): what the next reading (`rereader`) would drop
  is dropped here, with its reason after "reread:".

Stage 4 (spacing repair) runs inside the loop, through `repair`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from cleaner import blocks as block_stage
from cleaner.config import Config
from cleaner.document import BODY, BOILERPLATE, SETTLE, Block, Fix
from cleaner.spacing import repair_blocks

# classify.classify with the document's Config, template and feature memo bound.
Classifier = Callable[[Sequence[Block]], Tuple[List[Block], Dict[str, Any]]]
# For each printed body line: None when the next reading keeps it, else why it would drop it.
Rereader = Callable[[List[str]], List[Optional[str]]]


def repair(blocks: List[Block], config: Config) -> Tuple[List[Block], List[Fix]]:
    """Stage 4, spacing repair, on body blocks (every block under --no-boilerplate)."""
    if config.spacing == "off":
        return blocks, []
    return repair_blocks(blocks, config)


def repair_lines(blocks: List[Block], config: Config) -> Tuple[List[Block], List[Fix]]:
    """Spacing repair under --no-boilerplate, where every line is a block and stays one.

    A hard-wrapped text (its lines end at a column, `blocks.column_width`) keeps its line ends,
    where the wrap's artifacts are, and each line starts and ends with pieces of words: evidence
    read inside the lines would be read off those pieces ("5인 이" of "5인이 / 이상"). So such a
    text is left as it is: nothing inside its lines was ever a wrap. Other lines are repaired as
    body blocks are. Either way cleaning the output again changes nothing: the same lines show the
    same column, and repair leaves no evidence behind.
    """
    if block_stage.column_width([b.text for b in blocks]) is not None:
        return blocks, []
    return repair(blocks, config)


def settle(blocks: List[Block], config: Config, reread: Optional[Rereader] = None) -> Tuple[List[Block], List[Fix]]:
    """Repair, then make sure the body as printed reads the same when it is cleaned again.

    `reread` (text input only; see `rereader`) labels the printed body as the next reading
    would. Each round has fewer blocks or fewer body blocks, so the loop ends.
    """
    while True:
        repaired, fixes = repair(blocks, config)
        wrapped = printed_wrap_groups(repaired)
        if wrapped is not None:
            blocks = join_groups(blocks, *wrapped)
            continue
        body = [i for i, b in enumerate(repaired) if b.label == BODY]
        dropped = reread([repaired[i].text for i in body]) if reread is not None and body else []
        if not any(dropped):
            return repaired, fixes
        blocks = list(blocks)
        for i, reason in zip(body, dropped):
            if reason is not None:
                blocks[i] = replace(blocks[i], label=BOILERPLATE, decided_by=SETTLE,
                                    reasons=(f"reread:{reason}",) + blocks[i].reasons)


def rejoin_wrapped_body(text: str, blocks: List[Block], labelled: List[Block], found: Dict[str, Any],
                        classify: Classifier) -> Tuple[List[Block], Dict[str, Any]]:
    """Re-join the article's lines when they, on their own, are hard-wrapped at one column.

    The page's furniture (menus, teaser leads of every length) can hide the column the article
    was wrapped at; once the article is found, its own lines show it. Without this second look,
    cleaning the output again would re-join what the first pass left apart.
    """
    if any(b.wrap_offsets for b in blocks):
        return labelled, found
    column = block_stage.column_width([b.text for b in labelled if b.label == BODY])
    if column is None:
        return labelled, found
    rejoined = block_stage.build_blocks(text, column=column)
    if len(rejoined) == len(blocks):
        return labelled, found
    return classify(rejoined)


def rereader(classify: Classifier) -> Rereader:
    """How the next reading of printed body lines labels them: for each line, None when it is
    body again, else the reason it would be dropped."""
    def reread(lines: List[str]) -> List[Optional[str]]:
        text = "\n".join(lines)
        blocks = block_stage.build_blocks(text)
        if len(blocks) != len(lines):
            return [None] * len(lines)  # it would join lines: printed_wrap_groups' concern
        labelled, found = classify(blocks)
        labelled, _ = rejoin_wrapped_body(text, blocks, labelled, found, classify)
        if len(labelled) != len(lines):
            return [None] * len(lines)
        return [None if b.label == BODY else (b.reasons[0] if b.reasons else "boilerplate") for b in labelled]
    return reread


def printed_wrap_groups(blocks: Sequence[Block]) -> Optional[Tuple[List[List[int]], int]]:
    """The runs of body blocks (indices) that, printed one per line, read as one hard-wrapped
    paragraph each, and the column; None when no two printed lines would be joined.

    >>> lines = ["가" * 11 + " 나", "다" * 11 + " 라", "마" * 11 + " 바다."]
    >>> printed_wrap_groups([Block(i, t, i, i + 1) for i, t in enumerate(lines)])
    ([[0, 1, 2]], 28)
    """
    body = [i for i, b in enumerate(blocks) if b.label == BODY]
    column = block_stage.column_width([blocks[i].text for i in body])
    if column is None:
        return None
    groups: List[List[int]] = []
    for position, i in enumerate(body):
        if groups and block_stage.joins_next(blocks[body[position - 1]].text, blocks[i].text, column):
            groups[-1].append(i)
        else:
            groups.append([i])
    groups = [group for group in groups if len(group) > 1]
    return (groups, column) if groups else None


def join_groups(blocks: Sequence[Block], groups: List[List[int]], column: int) -> List[Block]:
    """Each group of blocks becomes one paragraph where its first block was; the joining spaces
    are wrap offsets (as line breaks in the input are), and the reasons say why."""
    joined: Dict[int, Block] = {}
    for group in groups:
        parts = [blocks[i] for i in group]
        offsets: List[int] = []
        position = 0
        for part in parts:
            offsets.extend(position + o for o in part.wrap_offsets)
            position += len(part.text) + 1
            offsets.append(position - 1)
        first = parts[0]
        joined[group[0]] = replace(first, text=" ".join(p.text for p in parts), end_line=parts[-1].end_line,
                                   kind="paragraph", wrap_offsets=tuple(offsets[:-1]),
                                   reasons=(f"rewrapped:{column}",) + first.reasons)
    absorbed = {i for group in groups for i in group[1:]}
    kept = [joined.get(i, b) for i, b in enumerate(blocks) if i not in absorbed]
    return [replace(b, index=i) for i, b in enumerate(kept)]
